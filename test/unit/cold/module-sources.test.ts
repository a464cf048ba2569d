// Modules a folder's configuration calls that the folder does not hold (core/module-files.ts):
// local modules outside it (`check examples/basic` calling `../..`, `check environments/dev` calling
// `../../modules/iam`), and modules installed by `terraform init`, read through
// .terraform/modules/modules.json. Findings in those files are reported relative to the folder; a run
// that judges no role says why, and fails when a module call could not be followed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/src/cli/main';
import { expectations, matches } from '../../helpers/fixture';
import { repoRoot } from '../../helpers/cli';
import { MAX_MODULE_DIRS, moduleCallsIn } from '../../../server/src/core/module-files';
import { withDefaults } from '../../../server/src/core/settings';
import { WorkspaceIndex } from '../../../server/src/core/workspace-index';
import type { Finding } from '../../../server/src/core/model';

const fixtures = path.join(repoRoot, 'test', 'fixtures');

interface Report {
  findings: (Omit<Finding, 'file'> & { file: string })[];
  problems: { rule: string; severity: string; file: string; message: string }[];
}

async function check(dir: string, ...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['check', dir, '--format', 'json', ...args], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, report: JSON.parse(out.join('')) as Report, stderr: err.join('') };
}

async function checkText(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['check', dir], { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The CLI's findings (paths relative to `dir`) are exactly the fixture's annotations. */
function sameAsAnnotations(fixture: string, dir: string, report: Report): void {
  const expected = expectations(fixture);
  const found = report.findings.map((f) => ({ ...f, file: path.resolve(dir, f.file) }) as unknown as Finding);
  const unmatched = [...found];
  for (const e of expected) {
    const i = unmatched.findIndex((f) => matches(e, f));
    assert.ok(i >= 0, `expected ${e.written} (${e.rule} ${e.requirement ?? ''}) among ${JSON.stringify(report.findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.requirement ?? ''}`))}`);
    unmatched.splice(i, 1);
  }
  assert.deepEqual(unmatched.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule}`), []);
}

describe('local modules outside the checked folder', () => {
  test('check examples/basic reads the module at ../.. and reports its findings as ../../main.tf', async () => {
    const fixture = path.join(fixtures, 'module-example');
    const dir = path.join(fixture, 'examples', 'basic');
    const { code, report } = await check(dir);
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['../../main.tf']);
    sameAsAnnotations(fixture, dir, report);
    assert.equal(code, 1, 'an error-level finding fails the run');
    const text = await checkText(dir);
    assert.match(text.stdout, /^ {2}\.\.\/\.\.\/main\.tf:27:12 error Missing xray:PutTraceSegments/m);
    // and the trust's account (var.account_id): not known to be the one the runtime is deployed in, information
    assert.match(text.stdout, /2 finding\(s\): 1 error\(s\), 0 warning\(s\), 1 information.* in 1 role\(s\)/);
  });

  test('check environments/dev reads ../../modules/iam, and not a folder that only a resource source or a comment names', async () => {
    const fixture = path.join(fixtures, 'module-environments');
    const dir = path.join(fixture, 'environments', 'dev');
    const { report } = await check(dir);
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.requirement}`), ['../../modules/iam/main.tf:10 trust-condition-missing gateway.G0']);
    const all = JSON.stringify(report);
    assert.doesNotMatch(all, /decoy/, 'assets/ is not a module of environments/dev');
  });

  test('check --fix does not write into a module outside the folder: it says so, and the module\'s bytes stay', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'module-fix-'));
    try {
      fs.cpSync(path.join(fixtures, 'module-example'), base, { recursive: true });
      const before = fs.readFileSync(path.join(base, 'main.tf'));
      const err: string[] = [];
      const code = await main(['check', path.join(base, 'examples', 'basic'), '--fix'], { stdout: () => undefined, stderr: (s) => void err.push(s) });
      assert.equal(code, 1);
      assert.match(err.join(''), /fix not applied to \.\.\/\.\.\/main\.tf: it is outside the checked folder/);
      assert.deepEqual(fs.readFileSync(path.join(base, 'main.tf')), before);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  test('a module folder outside is read with itself as the gate\'s root: a link in it to a file elsewhere is not read', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'module-gate-'));
    try {
      fs.mkdirSync(path.join(base, 'module'));
      fs.mkdirSync(path.join(base, 'examples', 'basic'), { recursive: true });
      fs.mkdirSync(path.join(base, 'elsewhere'));
      fs.cpSync(path.join(fixtures, 'module-example', 'main.tf'), path.join(base, 'module', 'main.tf'));
      fs.cpSync(path.join(fixtures, 'module-example', 'variables.tf'), path.join(base, 'module', 'variables.tf'));
      fs.writeFileSync(path.join(base, 'examples', 'basic', 'main.tf'), 'module "agent" {\n  source      = "../../module"\n  name        = "a"\n  account_id  = "123456789012"\n  code_bucket = "b"\n}\n');
      const marker = 'MARKER_7f3a_elsewhere';
      fs.writeFileSync(path.join(base, 'elsewhere', 'secret.tf'), `resource "aws_iam_role" "${marker}" {\n  name = "${marker}"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n}\n`);
      fs.symlinkSync(path.join(base, 'elsewhere', 'secret.tf'), path.join(base, 'module', 'leak.tf'));
      const { report } = await check(path.join(base, 'examples', 'basic'));
      assert.ok(report.findings.some((f) => f.file === '../../module/main.tf'), 'the module is read');
      assert.doesNotMatch(JSON.stringify(report), new RegExp(marker));
      assert.ok(report.problems.some((p) => p.file === '../../module/leak.tf' && p.rule === 'file-skipped'), JSON.stringify(report.problems));
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  test(`at most ${MAX_MODULE_DIRS} module folders are read beyond the listing: more stop with a warning, quickly`, async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'module-chain-'));
    try {
      // one root calling more module folders outside it than are read (side by side: a chain deeper than 8 calls fails closed, cold/module-cycles)
      const n = MAX_MODULE_DIRS + 40;
      fs.mkdirSync(path.join(base, 'root'));
      fs.writeFileSync(path.join(base, 'root', 'main.tf'), Array.from({ length: n }, (_, i) => `module "m${i}" {\n  source = "../m${i}"\n}\n`).join(''));
      for (let i = 0; i < n; i++) {
        fs.mkdirSync(path.join(base, `m${i}`));
        fs.writeFileSync(path.join(base, `m${i}`, 'main.tf'), 'variable "x" {\n  default = 1\n}\n');
      }
      const t0 = performance.now();
      const { code, report } = await check(path.join(base, 'root'));
      const ms = performance.now() - t0;
      assert.ok(report.problems.some((p) => p.severity === 'warning' && /More than 256 module folders/.test(p.message)), JSON.stringify(report.problems.slice(0, 3)));
      assert.equal(code, 1, 'a call not followed, and no role judged: not a clean result');
      assert.ok(ms < 20_000, `${Math.round(ms)} ms`);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  test('module blocks only: a resource source, a comment or an interpolated source is no module call', () => {
    const text = [
      'module "a" {',
      '  source = "../.."',
      '  name   = "x"',
      '}',
      'resource "aws_s3_object" "o" {',
      '  source = "../files/a.zip"',
      '}',
      '# source = "../other"',
      'module "b" { source = "../b" }',
      'module "c" {',
      '  # source = "../nope"',
      '  source  = "./c" # local',
      '}',
      'module "d" {',
      '  source = "${path.module}/../d"',
      '}',
    ].join('\n');
    assert.deepEqual(moduleCallsIn('/w/x/y/main.tf', text), ['/w', '/w/x/b', '/w/x/y/c']);
    assert.deepEqual(moduleCallsIn('/w/x/main.tf.json', JSON.stringify({ module: { a: { source: '../m' }, r: { source: 'hashicorp/x/aws' } }, resource: { aws_s3_object: { o: { source: '../f' } } } })), ['/w/m']);
  });
});

describe('modules installed by terraform init', () => {
  test('a registry module is read through .terraform/modules/modules.json, with its own local module', async () => {
    const dir = path.join(fixtures, 'module-installed');
    const { report } = await check(dir);
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.requirement} ${f.role}`), [
      '.terraform/modules/agentcore/main.tf:17 unknown-permission runtime.trust module.agentcore.aws_iam_role.runtime',
      '.terraform/modules/agentcore/modules/policy/main.tf:2 missing-permission runtime.R8 module.agentcore.aws_iam_role.runtime',
    ]);
    sameAsAnnotations(dir, dir, report);
  });

  test('without modules.json: the module call is reported with what terraform init would do, the run says it judged no role, and fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-not-installed-'));
    try {
      fs.cpSync(path.join(fixtures, 'module-installed', 'main.tf'), path.join(dir, 'main.tf'));
      const { code, report, stderr } = await check(dir);
      assert.deepEqual(report.findings, []);
      const p = report.problems.find((x) => x.rule === 'unresolved-reference');
      assert.ok(p, JSON.stringify(report.problems));
      assert.equal(p.file, 'main.tf');
      assert.match(p.message, /module\.agentcore is not read.*"example-org\/agentcore\/aws".*`terraform init`/);
      assert.match(stderr, /no AgentCore role judged in 1 file\(s\): 1 module call\(s\) or role reference\(s\) could not be followed/);
      assert.equal(code, 1);
      assert.equal((await check(dir, '--fail-on', 'none')).code, 0);
      // modules.json without this module: run terraform init again
      fs.mkdirSync(path.join(dir, '.terraform', 'modules'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.terraform', 'modules', 'modules.json'), '{"Modules":[{"Key":"","Source":"","Dir":"."}]}');
      const again = await check(dir);
      assert.match(again.report.problems.find((x) => x.rule === 'unresolved-reference')?.message ?? '', /not in \.terraform\/modules\/modules\.json: run `terraform init` again/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a role_arn from an output of a module that is not installed says so where the role is named', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-output-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'module "iam" {\n  source  = "example-org/agentcore-iam/aws"\n  version = "1.0.0"\n}\n\nresource "aws_bedrockagentcore_agent_runtime" "agent" {\n  agent_runtime_name = "agent"\n  role_arn           = module.iam.role_arn\n}\n');
      const { code, report } = await check(dir);
      const at = report.problems.find((p) => p.rule === 'unresolved-reference' && p.message.includes('role_arn (module.iam.role_arn)'));
      assert.match(at?.message ?? '', /does not name a role of this configuration: its role cannot be checked here\. module\.iam is not read: .*`terraform init`/);
      assert.equal(code, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a role judged with nothing to report is counted: "0 finding(s) ... in 1 role(s)", and no notice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-clean-'));
    try {
      // A memory without strategies whose trust names the deploying account and region by the data
      // sources (a literal account would be unknown: the configuration does not fix it).
      const ids = 'data.aws_caller_identity.current.account_id';
      fs.writeFileSync(path.join(dir, 'main.tf'), [
        'data "aws_caller_identity" "current" {}',
        'data "aws_region" "current" {}',
        'data "aws_partition" "current" {}',
        'resource "aws_iam_role" "memory" {',
        '  name = "memory"',
        '  assume_role_policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [{',
        '      Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole"',
        `      Condition = { StringEquals = { "aws:SourceAccount" = ${ids} }, ArnLike = { "aws:SourceArn" = "arn:\${data.aws_partition.current.partition}:bedrock-agentcore:\${data.aws_region.current.region}:\${${ids}}:memory/*" } }`,
        '    }]',
        '  })',
        '}',
        'resource "aws_bedrockagentcore_memory" "m" {',
        '  name                      = "m"',
        '  event_expiry_duration     = 30',
        '  memory_execution_role_arn = aws_iam_role.memory.arn',
        '}',
        '',
      ].join('\n'));
      const { code, stdout, stderr } = await checkText(dir);
      assert.equal(code, 0);
      assert.match(stdout, /^0 finding\(s\): .* in 1 role\(s\)$/m);
      assert.equal(stderr, '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a folder with nothing to judge and nothing left unread: exit 0, and the run says it judged no role', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-nothing-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "plain"\n}\n');
      const { code, stderr } = await check(dir);
      assert.equal(code, 0);
      assert.match(stderr, /no AgentCore role judged in 1 file\(s\): no AgentCore resource/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the language server\'s index reads them too, and reads a module again when modules.json names it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-index-'));
    try {
      fs.cpSync(path.join(fixtures, 'module-installed'), dir, { recursive: true });
      const record = path.join(dir, '.terraform', 'modules', 'modules.json');
      const text = fs.readFileSync(record, 'utf8');
      fs.rmSync(record);
      const settings = withDefaults({});
      const index = await WorkspaceIndex.create({ root: dir, settings, cold: { workers: 0 } });
      await index.loadFromDisk();
      assert.equal(index.analyse().roles, 0, 'not installed: nothing read from .terraform');
      fs.writeFileSync(record, text);
      await index.loadFromDisk(); // what the server does when modules.json changes (lsp/project.ts reindex)
      const a = index.analyse();
      assert.equal(a.roles, 1);
      assert.deepEqual([...a.byFile.keys()].map((f) => path.relative(dir, f)), [path.join('.terraform', 'modules', 'agentcore', 'main.tf'), path.join('.terraform', 'modules', 'agentcore', 'modules', 'policy', 'main.tf')]);
      // an outside module through the index
      const ex = await WorkspaceIndex.create({ root: path.join(fixtures, 'module-example', 'examples', 'basic'), settings, cold: { workers: 0 } });
      await ex.loadFromDisk();
      assert.deepEqual([...ex.analyse().byFile.keys()], [path.join(fixtures, 'module-example', 'main.tf')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
