/**
 * Issue #23 items 1 and 2 in the language server (dist/server.js over stdio, started as another
 * editor starts it, with a marker in its environment): symlinks to /proc/self/environ, to a file and
 * a folder outside, to /dev/zero and /dev/stdin (the server's own stdin is the client's pipe), and a
 * FIFO in the folder. No published diagnostic holds anything from outside; file() is unknown and says
 * why; the server indexes the folder and stays small.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { ensureBuilt, repoRoot } from '../../helpers/cli';
import { childEnv, leakingWorkspace, MARKERS, runtimeWith } from './gate-workspace';

/** The server on `dir` with main.tf open; every diagnostic it publishes is kept; `until` resolves when `pred` holds for main.tf's. */
async function serve(dir: string, run: (s: { published: PublishDiagnosticsParams[]; logs: string[]; until: (pred: (p: PublishDiagnosticsParams) => boolean, what: string) => Promise<PublishDiagnosticsParams>; ready: Promise<void>; pid: number }) => Promise<void>): Promise<void> {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters: (() => void)[] = [];
  const main = path.join(dir, 'main.tf');
  const uri = pathToFileURL(main).toString();
  let markReady!: () => void;
  const ready = new Promise<void>((r) => { markReady = r; });
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { published.push(p); for (const w of [...waiters]) w(); });
  conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
  conn.onNotification('agentcoreIam/status', (p: { state: string }) => { if (p.state === 'ready') markReady(); });
  conn.onRequest((method, params) => {
    if (method === 'workspace/configuration') return (params as { items: unknown[] }).items.map(() => ({}));
    return null;
  });
  conn.listen();
  const until = (pred: (p: PublishDiagnosticsParams) => boolean, what: string) => new Promise<PublishDiagnosticsParams>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: not published in 60 s; last: ${JSON.stringify(published.filter((p) => p.uri === uri).at(-1)?.diagnostics.map((d) => d.message))}; stderr: ${stderr.slice(-500)}`)), 60_000);
    const check = () => {
      const p = published.filter((x) => x.uri === uri).at(-1);
      if (p && pred(p)) { clearTimeout(t); waiters.splice(waiters.indexOf(check), 1); resolve(p); }
    };
    waiters.push(check);
    check();
  });
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: { workspace: { configuration: true } } });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text: fs.readFileSync(main, 'utf8') } });
    await run({ published, logs, until, ready, pid: child.pid! });
  } finally {
    child.kill('SIGKILL');
    conn.dispose();
  }
}

/** A diagnostic's message as text (a client may be sent Markdown). */
const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** The server's peak resident memory so far (Linux: VmHWM), in MB. */
function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function assertNoMarker(published: PublishDiagnosticsParams[], logs: string[]): void {
  const all = JSON.stringify(published) + JSON.stringify(logs);
  for (const m of MARKERS) assert.ok(!all.includes(m), `a published diagnostic or log holds ${m}`);
}

test('language server: symlinks to /proc/self/environ, a file and a folder outside publish nothing of them; file() is unknown, saying why', { timeout: 180_000 }, async () => {
  const { ws } = leakingWorkspace();
  await serve(ws, async ({ published, logs, until, ready }) => {
    const p = await until((x) => x.diagnostics.some((d) => text(d).includes('file("env"), not read: its real path is outside the workspace folder')), 'main.tf\'s unknown requirements naming file("env")');
    assert.ok(!p.diagnostics.some((d) => d.code === 'missing-permission'), 'unknown, not missing');
    assert.ok(p.diagnostics.some((d) => text(d).includes('file("sec"), not read: its real path is outside the workspace folder')));
    await ready;
    // The folder outside: reported on the link, and its configuration not analysed.
    const linkUri = pathToFileURL(path.join(ws, 'linked')).toString();
    assert.ok(published.some((x) => x.uri === linkUri && x.diagnostics.some((d) => text(d).includes('Folder not read'))), `the link reported: ${JSON.stringify(published.map((x) => x.uri))}`);
    assert.ok(!published.some((x) => x.uri.includes('/outside/')), 'nothing published for a file outside');
    assertNoMarker(published, logs);
  });
});

test('language server: file() of /dev/zero, /dev/stdin and a FIFO: refused before reading, the folder indexed, the server small', { timeout: 180_000 }, async () => {
  const { ws } = leakingWorkspace();
  fs.writeFileSync(path.join(ws, 'main.tf'), runtimeWith(['file("z")', 'file("s")', 'file("p")']));
  fs.symlinkSync('/dev/zero', path.join(ws, 'z'));
  fs.symlinkSync('/dev/stdin', path.join(ws, 's'));
  execFileSync('mkfifo', [path.join(ws, 'p')]);
  await serve(ws, async ({ published, logs, until, ready, pid }) => {
    const t0 = performance.now();
    const p = await until((x) => x.diagnostics.some((d) => text(d).includes('file("p"), not read: it is not a regular file')), 'main.tf\'s unknown requirements naming file("p")');
    assert.ok(p.diagnostics.some((d) => text(d).includes('file("z"), not read: its real path is outside the workspace folder')));
    assert.ok(!p.diagnostics.some((d) => d.code === 'missing-permission'), 'unknown, not missing');
    await ready;
    const ms = performance.now() - t0;
    const mb = peakMb(pid);
    // Before the gate the server took 5 GB on /dev/zero. Measured with it: about 100 MB.
    assert.ok(mb < 400, `server peak RSS ${Math.round(mb)} MB`);
    console.log(`# language server on /dev/zero, /dev/stdin, a FIFO: ready ${Math.round(ms)} ms after open, peak RSS ${Math.round(mb)} MB`);
    assertNoMarker(published, logs);
  });
});
