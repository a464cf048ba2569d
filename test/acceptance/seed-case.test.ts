// The user's case (examples/seed-case; docs/seed-case.md) through the built CLI, asserting what a correct analysis reports.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyToTemp, ensureBuilt, runCli, seedInfra } from '../helpers/cli';

interface JsonFinding {
  rule: string;
  severity: string;
  verdict: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  role?: string;
  roleKind?: string;
  requirement?: string;
  actions: string[];
  conditionKeys?: string[];
  message: string;
  docs?: string;
}

const seed = seedInfra;
const ROLE = 'module.iam.aws_iam_role.agent_runtime';
const IAM_MAIN = 'modules/iam/main.tf';

let dir: string;
let code: number | null;
let findings: JsonFinding[];
let lines: string[];

/** The 0-based line range of the block whose header is at line `start`. */
function blockFrom(start: number): { start: number; end: number } {
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    for (const ch of lines[i]) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
    }
    if (depth === 0) return { start, end: i };
  }
  return { start, end: lines.length - 1 };
}

function blockLines(header: RegExp): { start: number; end: number } {
  const start = lines.findIndex((l) => header.test(l));
  assert.ok(start >= 0, `no line matches ${header}`);
  return blockFrom(start);
}

/** The statement block that holds `sid = "<sid>"`. */
function statementWithSid(sid: string): { start: number; end: number } {
  const sidLine = lines.findIndex((l) => /^\s*sid\s*=/.test(l) && l.includes(`"${sid}"`));
  assert.ok(sidLine >= 0, `no statement ${sid}`);
  let start = sidLine;
  while (start > 0 && !/^\s*statement\s*\{/.test(lines[start])) start--;
  return blockFrom(start);
}

function within(f: JsonFinding, block: { start: number; end: number }): boolean {
  return f.range.start.line >= block.start && f.range.end.line <= block.end;
}

function forRequirement(id: string): JsonFinding[] {
  return findings.filter((f) => f.requirement === id && f.role === ROLE);
}

describe('seed case (EXPECTED.md) through `agentcore-iam check --format json`', () => {
  before(() => {
    ensureBuilt();
    dir = copyToTemp(seed);
    const r = runCli(['check', dir, '--format', 'json']);
    code = r.code;
    assert.ok(r.stdout.trim().startsWith('{'), `no JSON on stdout (exit ${r.code}):\n${r.stderr}`);
    const out = JSON.parse(r.stdout) as { version: number; findings: JsonFinding[] };
    assert.equal(out.version, 1);
    findings = out.findings;
    lines = fs.readFileSync(path.join(dir, IAM_MAIN), 'utf8').split(/\r?\n/);
  });

  test('exit code 1 with the default --fail-on (warning)', () => {
    assert.equal(code, 1);
  });

  test('R5 logs:DescribeLogGroups on "*" is missing, at the CloudWatchLogs statement or the policy document', () => {
    const [f, ...rest] = forRequirement('runtime.R5');
    assert.ok(f, 'R5 not reported');
    assert.equal(rest.length, 0);
    assert.equal(f.rule, 'missing-permission');
    assert.equal(f.severity, 'error');
    assert.equal(f.verdict, 'missing');
    assert.deepEqual(f.actions, ['logs:DescribeLogGroups']);
    assert.equal(f.file, IAM_MAIN);
    assert.equal(f.roleKind, 'runtime');
    const doc = blockLines(/^data "aws_iam_policy_document" "agent_runtime" \{/);
    const stmt = statementWithSid('CloudWatchLogs');
    assert.ok(within(f, stmt) || f.range.start.line === doc.start, `R5 points at line ${f.range.start.line + 1}`);
    assert.ok(f.range.end.line - f.range.start.line <= 1, 'range is tight');
    assert.match(f.message, /logs:DescribeLogGroups/);
    // Only "*" grants it (no resource type; catalog conflict C10): the message says so, not log-group:*.
    assert.match(f.message, /^Missing logs:DescribeLogGroups on \*: /);
    assert.doesNotMatch(f.message, /log-group:\*/);
    assert.match(f.docs ?? '', /runtime-permissions/);
  });

  test('R7 xray:GetSamplingRules and xray:GetSamplingTargets are missing, at the XRayAccess statement', () => {
    const [f, ...rest] = forRequirement('runtime.R7');
    assert.ok(f, 'R7 not reported');
    assert.equal(rest.length, 0);
    assert.equal(f.rule, 'missing-permission');
    assert.equal(f.severity, 'error');
    assert.deepEqual([...f.actions].sort(), ['xray:GetSamplingRules', 'xray:GetSamplingTargets']);
    assert.equal(f.file, IAM_MAIN);
    assert.ok(within(f, statementWithSid('XRayAccess')), `R7 points at line ${f.range.start.line + 1}, not in XRayAccess`);
    assert.ok(f.range.end.line - f.range.start.line <= 1, 'range is tight');
  });

  test('R6 (log streams under /aws/bedrock-agentcore/*) is granted: not flagged', () => {
    assert.deepEqual(forRequirement('runtime.R6'), []);
  });

  test('R9 is information only: not required for runtimes created on or after 2025-10-13 (service-linked role)', () => {
    const [f, ...rest] = forRequirement('runtime.R9');
    assert.ok(f, 'R9 not reported');
    assert.equal(rest.length, 0);
    assert.equal(f.rule, 'legacy-permission');
    assert.equal(f.severity, 'information');
    assert.equal(f.verdict, 'not-required');
    assert.match(f.message, /2025-10-13/);
    assert.match(f.message, /AWSServiceRoleForBedrockAgentCoreRuntimeIdentity/);
  });

  test('trust policy: aws:SourceArn missing (warning) at the agent_runtime_assume_role statement; aws:SourceAccount present', () => {
    const trust = findings.filter((f) => f.requirement === 'runtime.trust' && f.role === ROLE);
    assert.equal(trust.length, 1, JSON.stringify(trust, null, 1));
    const [f] = trust;
    assert.equal(f.rule, 'trust-condition-missing');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.conditionKeys, ['aws:SourceArn']);
    const doc = blockLines(/^data "aws_iam_policy_document" "agent_runtime_assume_role" \{/);
    assert.ok(within(f, doc), `trust finding at line ${f.range.start.line + 1}, not in agent_runtime_assume_role`);
  });

  test('everything else is granted: R1, R2, R3, R8, R10 not flagged; R4 at most information', () => {
    for (const id of ['runtime.R1', 'runtime.R2', 'runtime.R3', 'runtime.R8', 'runtime.R10']) assert.deepEqual(forRequirement(id), [], id);
    for (const f of forRequirement('runtime.R4')) assert.ok(['information', 'hint'].includes(f.severity), `R4 is ${f.severity}`);
  });

  test('no other finding at warning or above', () => {
    const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(
      serious.map((f) => `${f.rule} ${f.requirement}`).sort(),
      ['missing-permission runtime.R5', 'missing-permission runtime.R7', 'trust-condition-missing runtime.trust'],
    );
  });
});

describe('seed case: `agentcore-iam check --fix`', () => {
  test('applies the fixes of findings at warning or above; the re-analysis has none of R5, R7, trust; files still parse', async () => {
    ensureBuilt();
    const fixDir = copyToTemp(seed);
    const before = fs.readFileSync(path.join(fixDir, IAM_MAIN), 'utf8');
    const r = runCli(['check', fixDir, '--fix', '--format', 'json']);
    assert.ok(r.stdout.trim().startsWith('{'), `no JSON (exit ${r.code}):\n${r.stderr}`);
    const after = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    const text = fs.readFileSync(path.join(fixDir, IAM_MAIN), 'utf8');
    assert.notEqual(text, before, 'nothing was written');
    for (const id of ['runtime.R5', 'runtime.R7', 'runtime.trust']) {
      assert.deepEqual(after.findings.filter((f) => f.requirement === id && f.severity !== 'information'), [], `${id} still reported after --fix`);
    }
    assert.equal(r.code, 0, 'nothing at warning or above remains');
    // R5's statement of its own, on "*" (a log-group:* scope can leave the runtime's logs missing).
    assert.match(text, /statement \{\n\s+sid\s+= "LogsDescribeLogGroups"\n\s+effect\s+= "Allow"\n\s+actions\s+= \["logs:DescribeLogGroups"\]\n\s+resources = \["\*"\]\n\s+\}/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };
    await hcl2json.parse(IAM_MAIN, text);
    assert.equal(fs.readFileSync(path.join(fixDir, 'main.tf'), 'utf8'), fs.readFileSync(path.join(seed, 'main.tf'), 'utf8'), 'the root module needs no edit');
  });
});
