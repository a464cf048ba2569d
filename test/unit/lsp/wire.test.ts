/**
 * The stdio writer (lsp/wire.ts): what it writes is JSON.stringify's bytes for every message, the
 * diagnostics of an open document are written from bytes kept per Diagnostic object, nothing is
 * kept for other messages, and vscode-jsonrpc's reader reads its output, in order. The server over
 * stdio, end to end, is test/unit/lsp/stdio.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Diagnostic, type Message } from 'vscode-languageserver/node';
import { encodeMessage, encodeParts, StdioMessageWriter } from '../../../server/src/lsp/wire';

const position = fc.record({ line: fc.nat(100_000), character: fc.nat(10_000) });
const range = fc.record({ start: position, end: position });
// Text with what JSON escapes (quotes, backslashes, control characters, lone surrogates) and non-ASCII.
const text = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '\ud800', 'é', '漢', '😀'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 40 });
const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    range,
    severity: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
    code: text,
    source: fc.constant('agentcore-iam'),
    message: text,
    data: fc.record({ requirement: text, actions: fc.array(text, { maxLength: 3 }), fixesPending: fc.constant(true as const) }, { requiredKeys: ['actions'] }),
    codeDescription: fc.record({ href: text }),
    relatedInformation: fc.array(fc.record({ location: fc.record({ uri: text, range }), message: text }), { maxLength: 2 }),
    tags: fc.constant([1 as const]),
  },
  { requiredKeys: ['range', 'message'] },
);
const publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]): Message =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: version === undefined ? { uri, diagnostics } : { uri, version, diagnostics } }) as Message;

test('every message is written as JSON.stringify writes it, in UTF-8', () => {
  const message = fc.oneof(
    fc.tuple(text, fc.option(fc.nat(), { nil: undefined }), fc.array(diagnostic, { maxLength: 6 })).map(([u, v, ds]) => publish(u, v, ds)),
    fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), result: fc.jsonValue() }) as fc.Arbitrary<Message>,
    fc.record({ jsonrpc: fc.constant('2.0'), method: text, params: fc.jsonValue() }) as fc.Arbitrary<Message>,
  );
  fc.assert(fc.property(message, (m) => {
    assert.equal(encodeMessage(m).toString('hex'), Buffer.from(JSON.stringify(m), 'utf8').toString('hex'));
  }), { numRuns: 2000, seed: 11 });
});

test('an open document published again is written from the bytes kept for its diagnostics', () => {
  const [a, b] = fc.sample(diagnostic, { numRuns: 2, seed: 3 });
  const first = encodeParts(publish('file:///w/main.tf', 1, [a, b]));
  const second = encodeParts(publish('file:///w/main.tf', 2, [a, b]));
  // [head, '[', a, ',', b, ']', tail]: the diagnostics' bytes are the same buffers, not encoded again.
  assert.equal(first.length, 7);
  assert.equal(second[2], first[2]);
  assert.equal(second[4], first[4]);
  assert.equal(Buffer.concat(second).toString(), Buffer.concat(first).toString().replace('"version":1', '"version":2'));
  // A file not open (no version): encoded as any message, in one piece, nothing kept on its diagnostics.
  const [c] = fc.sample(diagnostic, { numRuns: 1, seed: 5 });
  assert.equal(encodeParts(publish('file:///w/other.tf', undefined, [c])).length, 1);
  assert.deepEqual(Object.getOwnPropertySymbols(c), []);
  assert.equal(Object.getOwnPropertySymbols(a).length, 1, 'bytes kept on the diagnostic');
  assert.equal(JSON.stringify(a), JSON.stringify(JSON.parse(JSON.stringify(a))), 'and left out of its JSON');
});

test('what the writer writes, vscode-jsonrpc reads: the same messages in the same order, one write each', async () => {
  const stream = new PassThrough();
  const chunks: number[] = [];
  const out = new PassThrough();
  stream.on('data', (c: Buffer) => { chunks.push(c.length); out.write(c); });
  const writer = new StdioMessageWriter(stream);
  const reader = new StreamMessageReader(out);
  const got: Message[] = [];
  reader.listen((m) => got.push(m));
  const ds = fc.sample(diagnostic, { numRuns: 5, seed: 9 });
  const sent: Message[] = [
    publish('file:///w/main.tf', 1, ds),
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'indexed 漢字 😀' } } as Message,
    publish('file:///w/main.tf', 2, ds.slice(1)),
    publish('file:///w/other.tf', undefined, ds.slice(2)),
  ];
  await Promise.all(sent.map((m) => writer.write(m)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, JSON.parse(JSON.stringify(sent)));
  assert.equal(chunks.length, sent.length, 'one write per message, its header included');
  reader.dispose();
});
