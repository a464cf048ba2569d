/**
 * The server's connection, and how its messages are written.
 *
 * Over stdio (`--stdio`: editors other than VS Code, and the benchmark's wording), messages are
 * written by StdioMessageWriter: each message's header and body in one buffer and one write (one
 * system call: vscode-jsonrpc's writer writes the header, then the body), the diagnostics of an
 * open document from bytes kept for each Diagnostic object (encodeParts). An open document is
 * published again after every keystroke, and most of its diagnostics are the same objects as the
 * keystroke before (handlers/diagnostics.ts keeps one Diagnostic per finding, and an edit keeps the
 * findings it does not change): JSON.stringify and the UTF-8 encoding of 100 KB of diagnostics per
 * keystroke, in the 3,000-line file of the benchmark's 2,000-file workspace, become a copy of bytes.
 *
 * Over IPC (`--node-ipc`, how the extension starts the server) Node's `process.send` serializes
 * every message itself; nothing to keep there.
 */
import { inspect } from 'node:util';
import { keptOn } from '../core/kept';
import { AbstractMessageWriter, createConnection, ProposedFeatures, type Connection, type Message, type MessageWriter, type NotificationMessage } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';

/** Under which a Diagnostic object keeps its bytes (core/kept.ts). */
const BYTES = Symbol('bytes');

/** Stands for the diagnostics in the JSON of the rest of the message (JSON-escaped: no file name or URI writes it so). */
const HOLE = '\u0000diagnostics\u0000';
const HOLE_JSON = JSON.stringify(HOLE);
const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

/**
 * A message as JSON.stringify writes it, in UTF-8, in parts (written one after the other). For
 * `textDocument/publishDiagnostics` with a `version` (an open document's), each diagnostic's bytes
 * are kept on the Diagnostic object (BYTES) and reused the next time the same object is
 * published: Diagnostic objects are never changed once made (handlers/diagnostics.ts). The
 * diagnostics of files not open, published once or twice, are encoded as any message and not kept.
 */
export function encodeParts(msg: Message): Buffer[] {
  const n = msg as NotificationMessage;
  const params = n.method === PUBLISH ? (n.params as { version?: unknown; diagnostics?: unknown } | undefined) : undefined;
  const diags = params?.diagnostics;
  if (!params || typeof params.version !== 'number' || !Array.isArray(diags) || diags.length === 0) return [Buffer.from(JSON.stringify(msg), 'utf8')];
  // The message with the diagnostics left out (the same keys in the same order), then the hole filled.
  const rest = JSON.stringify({ ...n, params: { ...params, diagnostics: HOLE } });
  const at = rest.indexOf(HOLE_JSON);
  if (at < 0 || rest.indexOf(HOLE_JSON, at + 1) >= 0) return [Buffer.from(JSON.stringify(msg), 'utf8')];
  const parts: Buffer[] = [Buffer.from(rest.slice(0, at), 'utf8'), OPEN];
  for (let i = 0; i < diags.length; i++) {
    const d = diags[i] as unknown;
    if (i) parts.push(COMMA);
    if (d === null || typeof d !== 'object') {
      parts.push(Buffer.from(JSON.stringify(d) ?? 'null', 'utf8'));
      continue;
    }
    parts.push(keptOn(d, BYTES, (x) => Buffer.from(JSON.stringify(x), 'utf8')));
  }
  parts.push(CLOSE, Buffer.from(rest.slice(at + HOLE_JSON.length), 'utf8'));
  return parts;
}

/** encodeParts in one buffer. */
export function encodeMessage(msg: Message): Buffer {
  return Buffer.concat(encodeParts(msg));
}

const CONTENT_LENGTH = 'Content-Length: ';
const HEADER_END = '\r\n\r\n';

/** Messages from this size on are written from the writer's own buffer (StdioMessageWriter, `reuse`), up to SPARE_MAX. */
const SPARE_FROM = 16 * 1024;
const SPARE_MAX = 8 * 1024 * 1024;

/**
 * Writes JSON-RPC messages to a stream (standard output) as vscode-jsonrpc's stream writer does
 * (`Content-Length` header, UTF-8 JSON body), each in one write, the body made by encodeParts.
 * Encoding is synchronous, so messages are written in the order they are sent.
 *
 * `reuse` (a stream that is done with a chunk when it calls the write's callback: a socket, a pipe
 * or a file, as standard output is; not a stream that hands chunks on, such as a PassThrough): a
 * large message is copied into a buffer the writer keeps, used again once the stream called back
 * for the write before (else a new buffer, as without `reuse`). Buffer.concat allocated a new
 * buffer of the message's size, 140 KB per keystroke in the benchmark's 3,000-line file, fresh
 * memory each time: about 0.15-0.25 ms to allocate and fill, against 0.04-0.09 ms into the kept one
 * (the 103 diagnostics of that file, in-process, 2,000 messages).
 */
export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;
  /** The kept buffer (`reuse`), and whether a write from it has not called back yet. */
  private spare: Buffer | undefined;
  private spareBusy = false;
  constructor(private readonly out: NodeJS.WritableStream, private readonly reuse = false) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let bytes: Buffer;
    let spare = false;
    try {
      const parts = encodeParts(msg);
      let length = 0;
      for (const p of parts) length += p.byteLength;
      parts.unshift(Buffer.from(`${CONTENT_LENGTH}${length}${HEADER_END}`, 'ascii'));
      const total = length + parts[0].byteLength;
      if (this.reuse && !this.spareBusy && total >= SPARE_FROM && total <= SPARE_MAX) {
        if (!this.spare || this.spare.byteLength < total) this.spare = Buffer.allocUnsafe(Math.min(SPARE_MAX, Math.max(total, 2 * (this.spare?.byteLength ?? 0))));
        let at = 0;
        for (const p of parts) at += p.copy(this.spare, at);
        bytes = this.spare.subarray(0, total);
        spare = this.spareBusy = true;
      } else bytes = Buffer.concat(parts);
    } catch (e) {
      this.fireError(e, msg, ++this.errors);
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.out.write(bytes, (e?: Error | null) => {
        if (spare) this.spareBusy = false;
        if (!e) return resolve();
        this.fireError(e, msg, ++this.errors);
        reject(e);
      });
    });
  }

  end(): void {
    this.out.end();
  }
}

/**
 * The connection of the server process: over stdio with StdioMessageWriter, else as
 * vscode-languageserver makes it from the command line (`--node-ipc`, `--socket`, `--pipe`).
 */
export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  if (!argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StdioMessageWriter(process.stdout, true);
  // vscode-jsonrpc takes each side as a stream or as a reader or writer (node/main.js,
  // createMessageConnection); standard input as a stream keeps vscode-languageserver's exit when it ends.
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  // Standard output is the protocol's: what a library would print there goes to the client's log,
  // as vscode-languageserver does itself when it opens stdio from the command line.
  const log = (f: (m: string) => void) => (...args: unknown[]) => f(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  console.log = log((m) => connection.console.log(m));
  console.info = log((m) => connection.console.info(m));
  console.debug = log((m) => connection.console.log(m));
  console.warn = log((m) => connection.console.warn(m));
  console.error = log((m) => connection.console.error(m));
  return connection;
}
