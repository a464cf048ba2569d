/**
 * The language of each surface: the shipped language server (dist/server.js over stdio) in the
 * client's `initialize` locale — diagnostics, related information, hover and quick-fix titles — and
 * the CLI (dist/cli.js) with `--lang ja` and with LANG=ja_JP.UTF-8; English without either.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type CodeAction, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { cliPath, ensureBuilt, repoRoot, seedInfra } from '../../helpers/cli';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const requirement = (d: { data?: unknown }) => (d.data as { requirement?: string } | undefined)?.requirement;

/** The server over stdio on the seed case, initialized with `locale`; what it says about R7 on main.tf. */
async function serverSays(locale: string | undefined): Promise<{ message: string; related: string[]; hover: string; titles: string[] }> {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-l10n-'));
  fs.cpSync(seedInfra, dir, { recursive: true });
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  try {
    const file = path.join(dir, 'modules', 'iam', 'main.tf');
    const uri = pathToFileURL(file).toString();
    const published = new Promise<PublishDiagnosticsParams>((resolve) => {
      conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri === uri && p.diagnostics.some((d) => requirement(d) === 'runtime.R7')) resolve(p);
      });
    });
    // Hovers answer from the warm analysis: asked once the server says it is ready.
    const ready = new Promise<void>((resolve) => conn.onNotification('agentcoreIam/status', (p: { state: string }) => { if (p.state === 'ready') resolve(); }));
    conn.onRequest(() => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(dir).toString(), ...(locale ? { locale } : {}),
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, dataSupport: true } } },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text: fs.readFileSync(file, 'utf8') } });
    const r7 = (await published).diagnostics.find((d) => requirement(d) === 'runtime.R7')!;
    await ready;
    const hover = (await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: r7.range.start })) as Hover | null;
    const actions = (await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: r7.range, context: { diagnostics: [r7], only: ['quickfix'] } })) as CodeAction[];
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    return {
      message: String(r7.message),
      related: (r7.relatedInformation ?? []).map((r) => r.message),
      hover: (hover?.contents as { value: string } | undefined)?.value ?? '',
      titles: actions.map((a) => a.title),
    };
  } finally {
    conn.dispose();
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('language server: the initialize locale "ja" gives Japanese findings, hovers and quick-fix titles; none gives English', { timeout: 120_000 }, async () => {
  const ja = await serverSays('ja');
  assert.match(ja.message, /^xray:GetSamplingRules、xray:GetSamplingTargets が不足（対象: \*）。理由: /, ja.message);
  // The role and the runtime are the related locations listed under it (not named again in the message).
  assert.ok(ja.message.endsWith('（AWS: runtime-permissions）。'), ja.message);
  assert.deepEqual(ja.related, ['ロール module.iam.aws_iam_role.agent_runtime', 'aws_bedrockagentcore_agent_runtime.my_agent が role_arn でこのロールを指定']);
  // The hover has the whole message.
  assert.ok(ja.hover.includes('ロール module.iam.aws_iam_role.agent_runtime（Runtime 実行ロール、aws_bedrockagentcore_agent_runtime.my_agent が使用）'), ja.hover);
  assert.ok(ja.related.length && ja.related.every((m) => JAPANESE.test(m)), ja.related.join(' | '));
  assert.ok(ja.hover.includes(ja.message.slice(0, 20)), JSON.stringify(ja));
  assert.ok(ja.hover.includes('出典: '), `sources label: ${ja.hover}`);
  assert.ok(ja.titles.length >= 2 && ja.titles.every((t) => JAPANESE.test(t)), ja.titles.join(' | '));
  assert.ok(ja.titles.some((t) => t.startsWith('このブロックで runtime.R7 を無視')), ja.titles.join(' | '));

  const en = await serverSays(undefined);
  assert.match(en.message, /^Missing xray:GetSamplingRules, xray:GetSamplingTargets on \*: the runtime needs it because /, en.message);
  assert.ok(!JAPANESE.test(en.hover + en.titles.join('') + en.related.join('')), 'English without a locale');
  assert.ok(en.hover.includes('Sources: '));
  // A locale we have no templates for is English.
  assert.equal((await serverSays('fr')).message, en.message);
});

function cli(args: string[], env: Record<string, string | undefined>): { code: number | null; stdout: string; stderr: string } {
  ensureBuilt();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LC_ALL|LC_MESSAGES|LANGUAGE)$/.test(k)));
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, env: { ...clean, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: --lang ja and LANG=ja_JP.UTF-8 print Japanese; LC_ALL wins over LANG; --lang wins over both; JSON keeps its keys', { timeout: 120_000 }, () => {
  const en = cli(['check', seedInfra], {});
  const flag = cli(['check', seedInfra, '--lang', 'ja'], {});
  const lang = cli(['check', seedInfra], { LANG: 'ja_JP.UTF-8' });
  assert.equal(en.code, 1);
  assert.equal(flag.code, 1, flag.stderr);
  assert.match(en.stdout, /^5 finding\(s\): 2 error\(s\), 1 warning\(s\), 2 information, 0 hint\(s\) in 1 role\(s\)$/m);
  assert.match(flag.stdout, /^検出結果 5 件（error 2 件、warning 1 件、information 2 件、hint 0 件）、対象ロール 1 件$/m, flag.stdout);
  assert.match(flag.stdout, /modules\/iam\/main\.tf:72:3 error xray:GetSamplingRules、xray:GetSamplingTargets が不足（対象: \*）/);
  assert.equal(lang.stdout, flag.stdout, 'LANG=ja_JP.UTF-8 as --lang ja');
  assert.equal(cli(['check', seedInfra, '--lang=ja'], {}).stdout, flag.stdout);
  assert.equal(cli(['check', seedInfra], { LC_ALL: 'C.UTF-8', LANG: 'ja_JP.UTF-8' }).stdout, en.stdout, 'LC_ALL first');
  assert.equal(cli(['check', seedInfra, '--lang', 'en'], { LANG: 'ja_JP.UTF-8' }).stdout, en.stdout, '--lang first');
  // Each line's place, severity and [rule requirement] are the same; only the words differ.
  const shape = (s: string) => s.split('\n').filter((l) => /^\s+\S+:\d+:\d+ /.test(l)).map((l) => l.replace(/^(\s+\S+ \w+) .* (\[[^\]]+\])$/, '$1 $2'));
  assert.deepEqual(shape(flag.stdout), shape(en.stdout));
  const json = JSON.parse(cli(['check', seedInfra, '--format', 'json', '--lang', 'ja'], {}).stdout) as { findings: { rule: string; message: string }[] };
  assert.ok(json.findings.length === 5 && json.findings.every((f) => JAPANESE.test(f.message)), 'JSON messages in Japanese, keys as they are');
  // What it says on stderr: no role judged in a folder without AgentCore, in each language.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-l10n-empty-'));
  try {
    fs.writeFileSync(path.join(empty, 'main.tf'), 'resource "aws_s3_bucket" "b" {}\n');
    assert.match(cli(['check', empty, '--lang', 'ja'], {}).stderr, /^agentcore-iam: 1 個のファイルで判定した AgentCore ロールはない。/);
    assert.match(cli(['check', empty], {}).stderr, /^agentcore-iam: no AgentCore role judged in 1 file\(s\): /);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
