/**
 * The shipped language server (dist/server.js) over stdio, driven as an editor other than VS Code
 * starts it (Neovim's vim.lsp, Helix): `--stdio`, a root URI and no VS Code client library. It
 * publishes the seed case's findings, offers the quick fix, follows edits, follows files changed on
 * disk through the watchers it registers, and asks nothing of a client that declared nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type CodeAction, type Diagnostic, type MessageConnection, type PublishDiagnosticsParams, type TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, repoRoot, seedInfra } from '../../helpers/cli';

// HashiCorp's own HCL parser, the oracle that an edited file is still Terraform.
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<Record<string, unknown>> };

const requirement = (d: Diagnostic) => (d.data as { requirement?: string } | undefined)?.requirement;

interface Session {
  conn: MessageConnection;
  child: ChildProcess;
  /** Requests the server sent to the client, by method. */
  asked: string[];
  registrations: { method: string; registerOptions?: unknown }[];
  /** The server's log (window/logMessage). */
  logs: string[];
  /** The server's status notifications (agentcoreIam/status). */
  statuses: { state: string; files?: number }[];
  /** Resolves with the first diagnostics published for `uri` that satisfy `pred`. */
  diagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, what: string): Promise<PublishDiagnosticsParams>;
  /** Resolves with the first status notification that satisfies `pred` (one received already included). */
  status(pred: (p: Session['statuses'][number]) => boolean, what: string): Promise<Session['statuses'][number]>;
  /**
   * Lets the client answer the server's settings requests (`workspace/configuration`): held until
   * then, as an editor busy starting up would, so that a document opened meanwhile reaches the server first.
   */
  answerSettings(): void;
  close(): Promise<number | null>;
}

/** A promise that settles when `on` is given a value satisfying `pred`, or fails after 30 s naming `what`. */
function waiter<T>(pred: (v: T) => boolean, what: string, detail: () => string): { on: (v: T) => boolean; promise: Promise<T> } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  const t = setTimeout(() => reject(new Error(`${what}: not received in 30 s; ${detail()}`)), 30_000);
  return { promise, on: (v) => { if (!pred(v)) return false; clearTimeout(t); resolve(v); return true; } };
}

function start(): Session {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const asked: string[] = [];
  const registrations: Session['registrations'] = [];
  const logs: string[] = [];
  conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
  const statuses: Session['statuses'] = [];
  const statusWaiters: ((p: Session['statuses'][number]) => boolean)[] = [];
  conn.onNotification('agentcoreIam/status', (p: Session['statuses'][number]) => {
    statuses.push(p);
    for (const w of [...statusWaiters]) if (w(p)) statusWaiters.splice(statusWaiters.indexOf(w), 1);
  });
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: ((p: PublishDiagnosticsParams) => boolean)[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (const w of [...waiters]) if (w(p)) waiters.splice(waiters.indexOf(w), 1);
  });
  let answerSettings!: () => void;
  const settingsAnswered = new Promise<void>((r) => { answerSettings = r; });
  conn.onRequest((method, params) => {
    asked.push(method);
    if (method === 'client/registerCapability') { registrations.push(...(params as { registrations: Session['registrations'] }).registrations); return null; }
    if (method === 'workspace/configuration') return settingsAnswered.then(() => (params as { items: unknown[] }).items.map(() => ({})));
    throw new Error(`the test client does not implement ${method}`);
  });
  conn.listen();
  return {
    conn, child, asked, registrations, logs, statuses, answerSettings,
    diagnostics: (uri, pred, what) => {
      const w = waiter<PublishDiagnosticsParams>((p) => p.uri === uri && pred(p), what, () => `last: ${JSON.stringify(latest.get(uri)?.diagnostics.map(requirement))}; server stderr: ${stderr.slice(-500)}`);
      const now = latest.get(uri);
      if (!(now && w.on(now))) waiters.push(w.on);
      return w.promise;
    },
    status: (pred, what) => {
      const w = waiter(pred, what, () => `statuses: ${JSON.stringify(statuses)}`);
      if (!statuses.some((p) => w.on(p))) statusWaiters.push(w.on);
      return w.promise;
    },
    close: async () => {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      const code = await new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c))));
      conn.dispose();
      return code;
    },
  };
}

/** A server over stdio on a copy of the seed case; both are gone afterwards. */
async function withServer(run: (s: Session, dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-stdio-'));
  fs.cpSync(seedInfra, dir, { recursive: true });
  const s = start();
  try {
    await run(s, dir);
  } finally {
    s.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** initialize (with `init`'s root and capabilities), initialized, and `file` opened from disk; its URI. */
async function openAfterInit(s: Session, init: Record<string, unknown>, file: string): Promise<string> {
  const uri = pathToFileURL(file).toString();
  await s.conn.sendRequest('initialize', { processId: process.pid, ...init });
  await s.conn.sendNotification('initialized', {});
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text: fs.readFileSync(file, 'utf8') } });
  s.answerSettings();
  return uri;
}

test('over stdio, as another editor starts it: findings, the quick fix, edits, and files changed on disk through the watchers it registers', { timeout: 120_000 }, () => withServer(async (s, dir) => {
  const main = path.join(dir, 'modules', 'iam', 'main.tf');
  const text = fs.readFileSync(main, 'utf8');
  const uri = await openAfterInit(s, {
  rootUri: pathToFileURL(dir).toString(),
  // As Neovim declares them: related information, tags and data, but no code description (the link).
  capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, dataSupport: true } } },
  }, main);

  const first = await s.diagnostics(uri, (p) => p.diagnostics.some((d) => requirement(d) === 'runtime.R7'), 'the seed case\'s X-Ray finding');
  // What the client declared it reads, and only that.
  assert.ok(first.diagnostics.every((d) => d.data !== undefined && d.codeDescription === undefined), 'data on every diagnostic, no link');
  assert.ok(first.diagnostics.some((d) => d.relatedInformation?.length), 'related information');
  // Opened before the server had added the root folder: analysed in it, not in a folder of its own.
  const ready = await s.status((x) => x.state === 'ready', 'the server ready');
  assert.equal(ready.files, 4, 'the seed case\'s four .tf files indexed');
  assert.deepEqual(s.statuses.filter((x) => x.state === 'ready').map((x) => x.files), s.statuses.filter((x) => x.state === 'ready').map(() => 4), 'and every ready status since');
  assert.ok(!s.logs.some((l) => l.includes('outside every workspace folder')), 'no loose folder');
  assert.ok(first.diagnostics.some((d) => requirement(d) === 'runtime.R5'), 'and logs:DescribeLogGroups');
  const watched = s.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.deepEqual((watched?.registerOptions as { watchers: { globPattern: string }[] } | undefined)?.watchers.map((w) => w.globPattern), ['**/*.tf', '**/*.json']);

  // The quick fix, applied as the client would, gives Terraform that HashiCorp's parser accepts, and the finding goes.
  const r7 = first.diagnostics.find((d) => requirement(d) === 'runtime.R7')!;
  const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: r7.range, context: { diagnostics: [r7], only: ['quickfix'] } })) as CodeAction[];
  // The diagnostic's own fix (not "Fix all", which has no diagnostic), although it was published before the index was done.
  const fix = actions.find((a) => a.isPreferred && a.diagnostics?.some((d) => requirement(d) === 'runtime.R7'));
  assert.ok(fix?.edit?.changes?.[uri]?.length, `R7's quick fix, with edits to main.tf: ${JSON.stringify(actions.map((a) => a.title))}`);
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'terraform', 1, text), fix.edit!.changes![uri] as TextEdit[]);
  const parsed = await hcl2json.parse('main.tf', fixed);
  assert.ok(parsed.resource, 'the fixed text parses, with its resources');
  await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const after = await s.diagnostics(uri, (p) => p.version === 2, 'diagnostics of version 2');
  assert.ok(!after.diagnostics.some((d) => requirement(d) === 'runtime.R7'), 'R7 granted by the fix');
  assert.ok(after.diagnostics.some((d) => requirement(d) === 'runtime.R5'), 'R5 still missing');

  // A file created on disk, never opened: the client's watcher reports it, and R5 is granted.
  const extra = path.join(dir, 'modules', 'iam', 'extra.tf');
  fs.writeFileSync(extra, 'resource "aws_iam_role_policy" "extra" {\n  role   = aws_iam_role.agent_runtime.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "logs:DescribeLogGroups", Resource = "*" }] })\n}\n');
  await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(extra).toString(), type: 1 }] });
  await s.diagnostics(uri, (p) => !p.diagnostics.some((d) => requirement(d) === 'runtime.R5'), 'R5 granted by the new file');

  assert.deepEqual([...new Set(s.asked)].sort(), ['client/registerCapability', 'workspace/configuration'], 'nothing else asked of the client');
  assert.equal(await s.close(), 0, 'exits cleanly after shutdown and exit');
}));

test('over stdio, a client that declares no capabilities gets the findings and the quick fixes (its diagnostics come back without data), and is asked nothing', { timeout: 120_000 }, () => withServer(async (s, dir) => {
  const uri = await openAfterInit(s, { rootUri: pathToFileURL(dir).toString(), capabilities: {} }, path.join(dir, 'modules', 'iam', 'main.tf'));
  const isR7 = (d: Diagnostic) => d.code === 'missing-permission' && String(d.message).includes('xray:GetSamplingRules');
  const published = await s.diagnostics(uri, (p) => p.diagnostics.some(isR7), 'the seed case\'s X-Ray finding');
  // Nothing the client did not declare it reads: no data, related information, link or tags (the message and code say it all).
  assert.deepEqual(published.diagnostics.flatMap((d) => Object.keys(d).filter((k) => ['data', 'relatedInformation', 'codeDescription', 'tags'].includes(k))), []);
  // Its diagnostics come back without data: the fix is still found.
  const r7 = published.diagnostics.find(isR7)!;
  const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: r7.range, context: { diagnostics: [r7] } })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred && a.diagnostics?.length === 1);
  assert.match(fix?.title ?? '', /xray:GetSamplingRules/, `R7's quick fix without data: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.deepEqual(s.asked, [], 'no request to a client that declared no capability');
  assert.equal(await s.close(), 0);
}));

test('over stdio without a root folder (a single file): the opened file\'s folder is analysed, and forgotten when it closes', { timeout: 120_000 }, () => withServer(async (s, dir) => {
  // Three folders below: not read (a file opened in a home folder does not read the whole of it).
  fs.mkdirSync(path.join(dir, 'deep', 'er', 'still'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'deep', 'er', 'still', 'x.tf'), 'locals {}\n');
  const moduleUri = pathToFileURL(path.join(dir, 'modules', 'iam', 'main.tf')).toString();
  const uri = await openAfterInit(s, { rootUri: null, workspaceFolders: null, capabilities: {} }, path.join(dir, 'main.tf'));
  // The root module's folder, with the module it calls two folders below: the role's findings are in the module's file.
  await s.diagnostics(moduleUri, (p) => p.diagnostics.some((d) => d.code === 'missing-permission' && String(d.message).includes('xray:GetSamplingRules')), 'the module role\'s X-Ray finding');
  assert.ok(s.logs.some((l) => l === `[${dir}] indexed 4 files` || l.startsWith(`[${dir}] indexed 4 files in `)), `main.tf and modules/iam/*.tf, not deep/er/still/x.tf: ${JSON.stringify(s.logs.filter((l) => l.includes('indexed')))}`);
  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await s.diagnostics(moduleUri, (p) => p.diagnostics.length === 0, 'its findings cleared once the file is closed');
  assert.equal(await s.close(), 0);
}));
