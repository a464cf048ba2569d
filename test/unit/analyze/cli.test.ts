// The CLI's own parts: argument handling and exit codes that need no analysis, and the renderers
// (JSON contract, SARIF 2.1.0 with stable fingerprints, text for people).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../../server/src/cli/main';
import { cliPath, ensureBuilt, runCli } from '../../helpers/cli';
import { fingerprint, renderJson, renderSarif, renderText } from '../../../server/src/cli/render';
import type { Finding } from '../../../server/src/core/model';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}

const seedDir = path.join(__dirname, '..', '..', '..', 'examples', 'seed-case');

describe('agentcore-iam arguments', () => {
  test('--version prints the package version; --help prints usage; exit 0', async () => {
    const a = io();
    assert.equal(await main(['--version'], a.io), 0);
    assert.match(a.out.join(''), /^\d+\.\d+\.\d+\n$/);
    const b = io();
    assert.equal(await main(['--help'], b.io), 0);
    assert.match(b.out.join(''), /agentcore-iam check \[DIR\]/);
  });
  test('the built CLI loads the live audit (and the AWS SDK) only for `audit`', () => {
    ensureBuilt();
    const audit = runCli(['audit', '--bogus']);
    assert.equal(audit.code, 2);
    assert.match(audit.stderr, /agentcore-iam audit --runtime-arn/);
    // `check` with a module loader that fails on the SDK: it never asks for it.
    const check = spawnSync(process.execPath, ['--require', path.join(__dirname, 'no-aws-sdk.cjs'), cliPath, 'check', seedDir, '--fail-on', 'none'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /finding\(s\)/);
  });
  test('a directory that does not exist: exit 2 with a clear message', async () => {
    const a = io();
    const missing = path.join(os.tmpdir(), 'agentcore-iam-does-not-exist-' + process.pid);
    assert.equal(await main(['check', missing], a.io), 2);
    assert.match(a.err.join(''), /directory does not exist/);
  });
  test('bad --format / --fail-on / unknown command / unknown option: exit 2', async () => {
    for (const args of [['check', '.', '--format', 'xml'], ['check', '.', '--fail-on', 'fatal'], ['check', '.', '--threads', '0'], ['check', '.', '--threads', 'two'], ['frobnicate'], ['check', '--nope'], []]) {
      const a = io();
      assert.equal(await main(args, a.io), 2, args.join(' '));
      assert.ok(a.err.join('').length > 0, args.join(' '));
    }
  });
  test('--stats reports files, roles, findings, threads and memory on stderr; the report is the same with --threads 1 and 2', async () => {
    const seed = path.join(__dirname, '..', '..', '..', 'examples', 'seed-case');
    const outs: string[] = [];
    for (const t of ['1', '2']) {
      const a = io();
      assert.equal(await main(['check', seed, '--format', 'json', '--fail-on', 'none', '--stats', '--threads', t], a.io), 0);
      assert.match(a.err.join(''), /^agentcore-iam: 4 file\(s\), 1 role\(s\), 5 finding\(s\) in \d+ ms on \d thread\(s\); peak RSS \d+ MB\n$/);
      outs.push(a.out.join(''));
    }
    assert.equal(outs[0], outs[1]);
    assert.equal((JSON.parse(outs[0]) as { findings: unknown[] }).findings.length, 5);
  });
});

const dir = path.join(os.tmpdir(), 'proj');
function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: 'missing-permission', severity: 'error', verdict: 'missing',
    file: path.join(dir, 'modules', 'iam', 'main.tf'),
    range: { start: { line: 71, character: 2 }, end: { line: 71, character: 13 } },
    role: 'module.iam.aws_iam_role.agent_runtime', roleKind: 'runtime', requirement: 'runtime.R7',
    actions: ['xray:GetSamplingRules', 'xray:GetSamplingTargets'],
    message: 'Role … does not allow xray:GetSamplingRules', docs: 'https://docs.aws.amazon.com/x.html',
    related: [{ loc: { file: path.join(dir, 'main.tf'), range: { start: { line: 27, character: 0 }, end: { line: 27, character: 5 } } }, message: 'runtime' }],
    fixes: [],
    ...over,
  };
}

describe('renderers', () => {
  test('JSON: one object, version 1, files relative with / separators, 0-based ranges', () => {
    const out = JSON.parse(renderJson(dir, [finding()], []));
    assert.equal(out.version, 1);
    const [f] = out.findings;
    assert.equal(f.file, 'modules/iam/main.tf');
    assert.deepEqual(f.range.start, { line: 71, character: 2 });
    for (const k of ['rule', 'severity', 'verdict', 'role', 'roleKind', 'requirement', 'actions', 'message', 'docs']) assert.ok(k in f, k);
  });
  test('SARIF 2.1.0: rules with help URIs, 1-based regions, related locations, fingerprints independent of lines', () => {
    const sarif = JSON.parse(renderSarif(dir, [finding()], []));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.every((r: { helpUri: string }) => r.helpUri.startsWith('https://')));
    const [r] = run.results;
    assert.equal(r.ruleId, 'missing-permission');
    assert.equal(r.level, 'error');
    assert.deepEqual(r.locations[0].physicalLocation.region, { startLine: 72, startColumn: 3, endLine: 72, endColumn: 14 });
    assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'modules/iam/main.tf');
    assert.equal(r.relatedLocations.length, 1);
    const moved = finding({ range: { start: { line: 90, character: 0 }, end: { line: 90, character: 4 } } });
    assert.equal(fingerprint(moved), fingerprint(finding()));
    assert.notEqual(fingerprint(finding({ requirement: 'runtime.R5' })), fingerprint(finding()));
  });
  test('text: grouped by role, file:line:col severity message, a summary line', () => {
    const t = renderText(dir, [finding(), finding({ severity: 'information', rule: 'legacy-permission', requirement: 'runtime.R9' })], []);
    assert.match(t, /^module\.iam\.aws_iam_role\.agent_runtime \(runtime\)$/m);
    assert.match(t, /^ {2}modules\/iam\/main\.tf:72:3 error Role … does not allow/m);
    assert.match(t, /^2 finding\(s\): 1 error\(s\), 0 warning\(s\), 1 information, 0 hint\(s\) in 1 role\(s\)$/m);
  });
});
