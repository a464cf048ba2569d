// Preloaded into the language server by the benchmark (`node --require`): the server's own side of
// a keystroke's latency, without the transport and the client. For each `textDocument/didChange`
// it notes when the message reached the process (the chunk of standard input, or the IPC message,
// that carried it), and for each `textDocument/publishDiagnostics` with a version, when the server
// handed it to the transport (standard output's write, or process.send). Written as JSON to
// BENCH_SERVER_CLOCK when the process exits: { received: {version: ms}, published: {version: ms} }.
// It reads the messages and changes nothing in them.
'use strict';
const fs = require('node:fs');

const out = process.env.BENCH_SERVER_CLOCK;
if (out) {
  const received = {};
  const published = {};
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const changeVersions = /"method":"textDocument\/didChange","params":\{"textDocument":\{"uri":"[^"]*","version":(\d+)\}/g;
  const publishVersion = /^(?:Content-Length: \d+\r\n\r\n)?\{"jsonrpc":"2\.0","method":"textDocument\/publishDiagnostics","params":\{"uri":"[^"]*","version":(\d+),/;

  if (process.argv.includes('--stdio')) {
    process.stdin.on('data', (chunk) => {
      const t = now();
      for (const m of chunk.toString('latin1').matchAll(changeVersions)) received[m[1]] ??= t;
    });
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (data, ...rest) => {
      const head = typeof data === 'string' ? data.slice(0, 600) : Buffer.from(data.buffer, data.byteOffset, Math.min(600, data.byteLength)).toString('latin1');
      const m = publishVersion.exec(head);
      if (m) published[m[1]] ??= now();
      return write(data, ...rest);
    };
  } else if (process.send) {
    process.on('message', (msg) => {
      if (msg && msg.method === 'textDocument/didChange') received[msg.params.textDocument.version] ??= now();
    });
    const send = process.send.bind(process);
    process.send = (msg, ...rest) => {
      if (msg && msg.method === 'textDocument/publishDiagnostics' && typeof msg.params?.version === 'number') published[msg.params.version] ??= now();
      return send(msg, ...rest);
    };
  }
  process.on('exit', () => {
    try {
      fs.writeFileSync(out, JSON.stringify({ received, published }));
    } catch {
      /* the benchmark reports the figure as missing */
    }
  });
}
