/**
 * The CLI's usage and argument errors in its language (core/messages/cli.ts): each error of check,
 * catalog and audit and the help, run in process with --lang ja and with --lang en. The English is
 * the text the CLI always wrote (written out here); the Japanese keeps the command, options, values
 * and paths as written and has no English sentence left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/src/cli/main';
import { RULES } from '../../../server/src/core/rules';
import { cliJa } from '../../../server/src/core/messages/cli';
import { JAPANESE, englishLeft } from './english';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) }, {});
  return { code, out, err };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-cli-'));
const file = path.join(tmp, 'main.tf');
fs.writeFileSync(file, '');
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CHECK = 'agentcore-iam check [DIR] [--format text|json|sarif] [--fail-on error|warning|information|hint|none] [--fix [--fix-include-information]] [--stats] [--threads N]';
const AUDIT = 'agentcore-iam audit --runtime-arn ARN [--region R] [--profile P] [--format text|json|markdown] [--workspace DIR] [--simulate]';

/** The Japanese without what is written as is: the synopses, option values, the product's name. */
function left(text: string): string[] {
  let t = text;
  for (const x of [CHECK, AUDIT, 'agentcore-iam catalog [--format markdown|json]', 'Amazon Bedrock AgentCore']) t = t.split(x).join(' ');
  return englishLeft(t.replace(/\b(?:text|json|sarif|markdown|error|warning|information|hint|none)\b/g, ' '));
}

/** Each case: the arguments, the English the CLI writes, and what the Japanese must keep. */
const CASES: { args: string[]; en: string; keep: string[]; code: number }[] = [
  { args: ['check', '--format', 'xml'], en: `agentcore-iam check: unknown --format 'xml' (text, json or sarif)\nusage: ${CHECK}\n`, keep: ['--format', "'xml'", CHECK], code: 2 },
  { args: ['check', '--fail-on', 'fatal'], en: `agentcore-iam check: unknown --fail-on 'fatal' (error, warning, information, hint or none)\nusage: ${CHECK}\n`, keep: ["'fatal'", 'hint'], code: 2 },
  { args: ['check', 'a', 'b'], en: `agentcore-iam check: one directory at most, got 2\nusage: ${CHECK}\n`, keep: ['2'], code: 2 },
  { args: ['check', path.join(tmp, 'nowhere')], en: `agentcore-iam check: directory does not exist: ${path.join(tmp, 'nowhere')}\n`, keep: [path.join(tmp, 'nowhere')], code: 2 },
  { args: ['check', file], en: `agentcore-iam check: not a directory: ${file}\n`, keep: [file], code: 2 },
  { args: ['check', tmp, '--threads', 'many'], en: `agentcore-iam check: --threads wants a whole number from 1 to 64, got 'many'\nusage: ${CHECK}\n`, keep: ['--threads', "'many'", '64'], code: 2 },
  {
    args: ['check', '--colour'],
    en: `agentcore-iam check: Unknown option '--colour'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--colour"\nusage: ${CHECK}\n`,
    keep: ["'--colour'"], code: 2,
  },
  { args: ['catalog', '--format', 'html'], en: "agentcore-iam catalog: --format must be markdown or json, not 'html'\nusage: agentcore-iam catalog [--format markdown|json]\n", keep: ["'html'", 'markdown'], code: 2 },
  { args: ['catalog', 'extra'], en: "agentcore-iam catalog: unknown argument 'extra'\nusage: agentcore-iam catalog [--format markdown|json]\n", keep: ["'extra'"], code: 2 },
  { args: ['audit', '--format', 'xml', '--runtime-arn', 'x'], en: `unknown --format xml\nusage: ${AUDIT}\n`, keep: ['--format xml'], code: 2 },
  { args: ['audit'], en: `--runtime-arn is required\nusage: ${AUDIT}\n`, keep: ['--runtime-arn'], code: 2 },
  { args: ['frobnicate'], en: "agentcore-iam: unknown command 'frobnicate'\n\n", keep: ["'frobnicate'", CHECK, AUDIT], code: 2 },
];

test('argument errors: English as before, Japanese with the options and values as written', async () => {
  for (const c of CASES) {
    const e = await run([...c.args, '--lang', 'en']);
    assert.equal(e.code, c.code, c.args.join(' '));
    if (c.args[0] === 'frobnicate') assert.ok(e.err.startsWith(c.en), e.err);
    else assert.equal(e.err, c.en);
    const j = await run([...c.args, '--lang', 'ja']);
    assert.equal(j.code, c.code);
    assert.match(j.err, JAPANESE, j.err);
    assert.deepEqual(left(j.err), [], `English left in ${j.err}`);
    for (const k of c.keep) assert.ok(j.err.includes(k), `${k} missing from ${j.err}`);
    assert.notEqual(j.err, e.err);
  }
});

test('the help in Japanese with every synopsis, in English as before', async () => {
  const e = await run(['--help']);
  assert.match(e.out, /^agentcore-iam \S+: checks the IAM roles of Amazon Bedrock AgentCore components in Terraform\n\nusage: agentcore-iam check /);
  assert.ok(e.out.includes('Exit codes: 0 nothing at or above --fail-on (default warning)'));
  const j = await run(['--help', '--lang', 'ja']);
  assert.equal(j.code, 0);
  for (const s of [CHECK, AUDIT, 'agentcore-iam catalog [--format markdown|json]', 'agentcore-iam --help | --version', '--lang en|ja', 'LC_ALL', 'ja_JP.UTF-8']) assert.ok(j.out.includes(s), s);
  assert.match(j.out, /終了コード/);
  assert.deepEqual(left(j.out), [], j.out);
  assert.equal((await run(['check', '--help', '--lang', 'ja'])).out, `使い方: ${CHECK}\n`);
  assert.equal((await run(['check', '--help'])).out, `usage: ${CHECK}\n`);
});

test('no fix to apply, and --stats, in Japanese', async () => {
  const e = await run(['check', tmp, '--fix', '--stats', '--threads', '1', '--lang', 'en']);
  assert.match(e.err, /agentcore-iam: no fix to apply\n/);
  assert.match(e.err, /agentcore-iam: \d+ file\(s\), 0 role\(s\), 0 finding\(s\) in \d+ ms on \d+ thread\(s\); peak RSS \d+ MB\n/);
  const j = await run(['check', tmp, '--fix', '--stats', '--threads', '1', '--lang', 'ja']);
  assert.match(j.err, /agentcore-iam: 適用する修正はない\n/);
  assert.match(j.err, /agentcore-iam: ファイル \d+ 個、ロール 0 件、検出結果 0 件、\d+ ms（スレッド \d+ 個）。最大 RSS \d+ MB\n/);
  assert.deepEqual(left(j.err), [], j.err);
});

test("SARIF's rule descriptions in the CLI's language: every rule of rules.ts and the file-problem rules", async () => {
  for (const r of Object.values(RULES)) {
    const j = cliJa.ruleDescription(r.id, r.description);
    assert.match(j, JAPANESE, r.id);
    assert.deepEqual(englishLeft(j), [], j);
  }
  const sarif = async (lang: string) => {
    const r = await run(['check', tmp, '--format', 'sarif', '--threads', '1', '--lang', lang]);
    return (JSON.parse(r.out) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] }).runs[0].tool.driver.rules;
  };
  const en = await sarif('en');
  const ja = await sarif('ja');
  assert.equal(ja.length, en.length);
  for (const [i, r] of ja.entries()) {
    assert.equal(r.id, en[i].id);
    assert.match(r.shortDescription.text, JAPANESE, r.id);
    const rule = (RULES as Record<string, { description: string }>)[r.id];
    if (rule) assert.equal(en[i].shortDescription.text, rule.description, 'English: the rule as rules.ts says it');
  }
  assert.equal(en.find((r) => r.id === 'syntax-error')?.shortDescription.text, 'A file could not be parsed.');
});
