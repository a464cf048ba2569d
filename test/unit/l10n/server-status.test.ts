/**
 * What the language server says about itself in the client's language (core/messages/server.ts): the
 * indexing progress the client shows, and the status bar's error text (and the log line the status
 * bar opens) — where the server met the error in the client's words, the error's own message as
 * thrown. The shipped server (dist/server.js over stdio) initialized with locale ja, and without one;
 * the Project's failures (loading, analysis) through the same Status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, WorkDoneProgress, type LogMessageParams, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageserver/node';
import { ensureBuilt, repoRoot } from '../../helpers/cli';
import { recordingConnection } from '../../helpers/connection';
import { fakeIndex } from '../../helpers/fake-index';
import { Project, type ProjectDeps } from '../../../server/src/lsp/project';
import { Status, type StatusParams } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { serverMessagesFor, stepJa, type ServerStep } from '../../../server/src/core/messages/server';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Said { begin: string; reports: string[]; status: string; logged: string; lines: string[] }

/**
 * The server over stdio on an empty folder, initialized with `locale`: its indexing progress, then a
 * hover it cannot serve (a request without a text document: the handler throws) — the status it sends
 * and the error it logs.
 */
async function serverSays(locale: string | undefined): Promise<Said> {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-status-'));
  fs.writeFileSync(path.join(dir, 'main.tf'), 'locals {\n  a = 1\n}\n');
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  try {
    const progress: (WorkDoneProgressBegin | WorkDoneProgressReport)[] = [];
    const indexed = new Promise<void>((resolve) => {
      conn.onRequest('window/workDoneProgress/create', (p: { token: string }) => {
        conn.onProgress(WorkDoneProgress.type, p.token, (v) => { if (v.kind === 'end') resolve(); else progress.push(v); });
        return null;
      });
    });
    const statuses: StatusParams[] = [];
    let analysed!: () => void;
    const ready = new Promise<void>((resolve) => (analysed = resolve));
    const failed = new Promise<void>((resolve) => conn.onNotification('agentcoreIam/status', (p: StatusParams) => { statuses.push(p); if (p.state === 'error') resolve(); if (p.state === 'ready') analysed(); }));
    const logged: string[] = [];
    const lines: string[] = [];
    conn.onNotification('window/logMessage', (p: LogMessageParams) => { if (p.type === 1) logged.push(p.message); else lines.push(p.message); });
    conn.onRequest(() => null);
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), ...(locale ? { locale } : {}), capabilities: { window: { workDoneProgress: true } } });
    await conn.sendNotification('initialized', {});
    await indexed;
    await ready; // analysed once (its line in the output channel)
    assert.equal(await conn.sendRequest('textDocument/hover', {}), null, 'the handler answers empty and keeps serving');
    await failed;
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    const begin = progress.find((p): p is WorkDoneProgressBegin => p.kind === 'begin');
    assert.equal(begin?.title, 'AgentCore IAM');
    return {
      begin: begin?.message ?? '',
      reports: progress.filter((p) => p.kind === 'report').map((p) => p.message ?? ''),
      status: statuses.find((s) => s.state === 'error')!.message ?? '',
      logged: logged.join('\n'),
      lines,
    };
  } finally {
    conn.dispose();
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('language server: with the initialize locale "ja", the indexing progress and the status bar\'s error are Japanese; without one, English', { timeout: 120_000 }, async () => {
  const ja = await serverSays('ja');
  assert.equal(ja.begin, 'Terraform と JSON のファイルを読み込み中');
  assert.equal(ja.reports.length, 1);
  assert.match(ja.reports[0], /^\/.+ を読み込んだ$/);
  // The error's own message (V8's) as thrown, behind the server's words for where it happened.
  assert.match(ja.status, /^ホバー: \S.*/);
  assert.ok(!ja.status.startsWith('hover'), ja.status);
  assert.ok(ja.logged.startsWith(`${ja.status}\n`), `the log line the status bar opens says the same, then the stack: ${ja.logged}`);
  // The output channel's own lines: the folder read, its analysis.
  assert.ok(ja.lines.some((l) => /^\[\/.+\] 1 個のファイルを \d+ ms で読み込んだ$/.test(l)), ja.lines.join('\n'));
  assert.ok(ja.lines.some((l) => /^\[\/.+\] ロール 0 件、検出結果 0 件、ファイルの問題 0 件。/.test(l)), ja.lines.join('\n'));

  const en = await serverSays(undefined);
  assert.equal(en.begin, 'Indexing Terraform and JSON files');
  assert.match(en.reports[0], /^Indexed \/.+$/);
  assert.equal(en.status, `hover: ${ja.status.slice('ホバー: '.length)}`);
  assert.ok(!JAPANESE.test(en.begin + en.reports.join('') + en.status + en.logged + en.lines.join('')));
  assert.ok(en.lines.some((l) => /^\[\/.+\] indexed 1 files in \d+ ms$/.test(l)), en.lines.join('\n'));
  // A language we have no words for is English.
  assert.equal((await serverSays('fr-FR')).begin, en.begin);
});

test('the Project\'s failures through the status bar in the client\'s language: a folder that cannot be loaded, an analysis that throws', async () => {
  const { connection, statuses, errors } = recordingConnection();
  const texts = new Map<string, string>();
  const deps: ProjectDeps = {
    createIndex: async (root, settings) => {
      if (root === '/unreadable') throw new Error('EACCES: permission denied');
      return fakeIndex({ texts, findings: () => { if ([...texts.values()].some((t) => t.includes('CRASH'))) throw new Error('analysis exploded'); return []; } }, settings);
    },
  };
  const project = new Project(connection, new Status(connection, () => 'ja'), toAnalysisSettings({}), 1, deps);
  await project.addFolder('/unreadable').ready;
  assert.equal(statuses.at(-1)?.message, '/unreadable の読み込み: EACCES: permission denied');
  project.removeFolder('/unreadable');

  await project.addFolder('/x').ready;
  await project.setText('/x/main.tf', 'CRASH', true, 1);
  await project.idle();
  // The status after the analysis (the folder's failure) says it with its place, as the error did.
  assert.equal(statuses.at(-1)?.state, 'error');
  assert.equal(statuses.at(-1)?.message, '/x の解析: analysis exploded');
  assert.ok(errors.some((e) => e.startsWith('/x の解析: analysis exploded\n')), errors.join('\n---\n'));
});

test('every place the server reports an error from has its Japanese words', () => {
  // One of each shape of ServerStep (a new one does not compile until it is added there).
  const steps: ServerStep[] = ['initialized', 'configuration', 'workspace folders', 'didOpen', 'didChange', 'didClose', 'watched files',
    'code actions', 'hover', 'reanalyse', 'reindex', 'updateSettings', 'publishing diagnostics', 'uncaught exception', 'unhandled rejection',
    'loading /w', 'analysis of /w', 'setFile /w/a.tf', 'reload /w/a.tf', 'remove /w/a.tf'];
  const said = steps.map(stepJa);
  for (const [i, s] of said.entries()) assert.ok(JAPANESE.test(s) && !s.includes(steps[i].split(' ')[0]), `${steps[i]} -> ${s}`);
  assert.equal(new Set(said).size, said.length, 'each its own words');
  assert.deepEqual(said.slice(-5), ['/w の読み込み', '/w の解析', '/w/a.tf の変更の反映', '/w/a.tf の再読み込み', '/w/a.tf の削除の反映']);
  assert.equal(serverMessagesFor('ja_JP.UTF-8').statusError('hover', 'x'), 'ホバー: x');
  assert.equal(serverMessagesFor(undefined).statusError('hover', 'x'), 'hover: x');
});
