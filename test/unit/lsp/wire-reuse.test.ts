/**
 * The stdio writer's kept buffer (lsp/wire.ts StdioMessageWriter, `reuse`: the server's standard
 * output): large messages are copied into one buffer the writer keeps, used again only once the
 * socket called back for the write from it. Written faster than the other end reads (the socket's
 * buffers full, writes waiting in the stream), every message still arrives as sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamMessageReader, type Diagnostic, type Message } from 'vscode-languageserver/node';
import { StdioMessageWriter } from '../../../server/src/lsp/wire';

/** An open document's diagnostics of version `v`: about 150 KB of text, each message's its own. */
function publish(v: number): Message {
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < 300; i++) {
    diagnostics.push({ range: { start: { line: i, character: v }, end: { line: i, character: v + 1 } }, severity: 2, code: 'missing-permission', source: 'agentcore-iam', message: `version ${v}, finding ${i}: ${String.fromCharCode(97 + (v % 26)).repeat(400)}` });
  }
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/main.tf', version: v, diagnostics } } as Message;
}

test('the kept buffer: messages written faster than read arrive as sent, in order', { timeout: 30_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wire-reuse-'));
  const sock = path.join(dir, 's');
  let serverSide: net.Socket | undefined;
  const server = net.createServer((s) => { serverSide = s; s.pause(); });
  await new Promise<void>((r) => server.listen(sock, r));
  const client = net.connect(sock);
  await new Promise<void>((r) => client.once('connect', () => r()));
  while (!serverSide) await new Promise((r) => setImmediate(r));
  try {
    const writer = new StdioMessageWriter(client, true);
    const sent = Array.from({ length: 24 }, (_, i) => publish(i + 1));
    // All written before the other end reads a byte: most writes wait in the stream while later ones are made.
    const written = Promise.all(sent.map((m) => writer.write(m)));
    assert.ok(client.writableLength > 0, 'writes are waiting (the case the kept buffer must not be reused in)');
    const got: Message[] = [];
    let waiting: { n: number; resolve: () => void } | undefined;
    const received = (n: number) => new Promise<void>((resolve) => { if (got.length >= n) resolve(); else waiting = { n, resolve }; });
    const reader = new StreamMessageReader(serverSide);
    reader.listen((m) => { got.push(m); if (waiting && got.length >= waiting.n) waiting.resolve(); });
    serverSide.resume();
    await written;
    await received(sent.length);
    assert.equal(got.length, sent.length);
    for (let i = 0; i < sent.length; i++) assert.deepEqual(got[i], JSON.parse(JSON.stringify(sent[i])), `message ${i + 1}`);
    // Then one at a time, each awaited (the kept buffer used again): the same.
    const more = [publish(100), publish(101), publish(102)];
    const before = got.length;
    for (const m of more) await writer.write(m);
    await received(before + more.length);
    for (let i = 0; i < more.length; i++) assert.deepEqual(got[before + i], JSON.parse(JSON.stringify(more[i])));
    reader.dispose();
  } finally {
    client.destroy();
    serverSide?.destroy();
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
