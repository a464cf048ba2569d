// `npm run bench`: cold analysis vs tree-sitter (floor) and HashiCorp's parser (peer), the language
// server's per-edit latency and module-output propagation, its peak RSS, the .vsix size.
// Writes bench/results.json. Every run is bounded; child processes are killed on exit.
//   node bench/run.mjs [sizes=200,2000,10000]
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { generate, bigMain } from './generate.mjs';
import { percentile } from './stats.mjs';
import { acquire } from './lock.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(join(root, 'package.json'));
const sizes = (process.argv[2] ?? '200,2000,10000').split(',').map(Number);
// BENCH_EDITS: number of single-character edits (default 200); BENCH_PARTS: which parts run, of
// cold (the CLI and the parsers), lsp (the language server over IPC, as the extension starts it) and
// stdio (the same server over stdio, as the issue that asked for this benchmark words it).
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const ALL_PARTS = ['cold', 'lsp', 'stdio'];
const PARTS = new Set((process.env.BENCH_PARTS ?? ALL_PARTS.join(',')).split(','));
const EDIT_MODE = process.env.BENCH_EDIT_MODE === 'toggle' ? 'toggle' : 'typing';
const children = new Set();
const cleanup = () => { for (const c of children) try { c.kill('SIGKILL'); } catch { /* gone */ } };
process.on('exit', cleanup);
process.on('SIGINT', () => { cleanup(); process.exit(130); });

function walk(d) {
  const out = [];
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(tf|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}
const ms = (x) => (x === undefined || x === null || Number.isNaN(x) ? '—' : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const withTimeout = (p, t, what) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: timed out after ${t} ms`)), t))]);

// ---- tree-sitter floor: read + parse every .tf file (JSON files: JSON.parse) ----
let tsParser;
async function treeSitterFloor(files) {
  if (!tsParser) {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const hcl = dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
    const lang = await Language.load(join(hcl, 'tree-sitter-terraform.wasm'));
    tsParser = new Parser();
    tsParser.setLanguage(lang);
  }
  const t0 = performance.now();
  let errors = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.json')) { try { JSON.parse(text); } catch { errors++; } continue; }
    const tree = tsParser.parse(text);
    if (tree.rootNode.hasError) errors++;
    tree.delete();
  }
  return { ms: performance.now() - t0, errors };
}

// ---- HashiCorp's parser (hcl2json, Go compiled to wasm): read + parse every .tf file ----
async function hashicorp(files) {
  const { parse } = require('@cdktf/hcl2json');
  await parse('warm.tf', 'locals {}\n');
  const t0 = performance.now();
  let errors = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.json')) { try { JSON.parse(text); } catch { errors++; } continue; }
    try { await parse(f, text); } catch { errors++; }
  }
  return { ms: performance.now() - t0, errors };
}

// ---- our engine, cold: the CLI (`check --stats`, dist/cli.js) in its own process, in one thread and as it
// runs by default (worker threads over 4 MiB of text, THREADS_BYTES). --stats: the analysis' own time (from listing the
// files to sorted findings) and the process' peak RSS, threads included.
function cliRun(dir, timeoutMs, threads) {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { ok: false, error: 'dist/cli.js missing (node scripts/build.mjs)' };
  const args = [cli, 'check', dir, '--format', 'text', '--fail-on', 'none', '--stats', ...(threads ? ['--threads', String(threads)] : [])];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 26 });
  const wallMs = performance.now() - t0;
  if (r.error) return { ok: false, error: String(r.error.message) };
  const m = /(\d+) file\(s\), (\d+) role\(s\), (\d+) finding\(s\) in (\d+) ms on (\d+) thread\(s\); peak RSS (\d+) MB/.exec(r.stderr);
  if (!m || r.status !== 0) return { ok: false, error: (r.stderr || r.stdout).slice(0, 300) };
  return { ok: true, files: +m[1], roles: +m[2], findings: +m[3], ms: +m[4], threads: +m[5], peakRssMB: +m[6], wallMs };
}

function core(dir, timeoutMs) {
  const auto = cliRun(dir, timeoutMs);
  if (!auto.ok) return auto;
  const one = cliRun(dir, timeoutMs, 1);
  return {
    ok: true, totalMs: auto.ms, threads: auto.threads, wallMs: auto.wallMs, peakRssMB: auto.peakRssMB,
    oneThreadMs: one.ok ? one.ms : NaN, oneThreadPeakRssMB: one.ok ? one.peakRssMB : NaN,
    files: auto.files, roles: auto.roles, findings: auto.findings,
  };
}

// ---- the language server ----
async function lsp(dir, size, transport = 'ipc') {
  // BENCH_SERVER=<path>: another build's server.js (A/B runs on the same machine at the same time).
  const server = process.env.BENCH_SERVER ?? join(root, 'dist', 'server.js');
  if (!existsSync(server)) return { ok: false, error: 'dist/server.js missing (node scripts/build.mjs)' };
  const rpc = require('vscode-jsonrpc/node');
  // BENCH_SERVER_PROF=<dir>: the server writes a CPU profile there (node --cpu-prof).
  // Node flags as the extension starts the server (client/src/server-flags.ts, built to dist/server-flags.js), then BENCH_SERVER_ARGS.
  // bench/server-clock.cjs notes when each edit reached the server and when its diagnostics left it (the server's share of the latency).
  const clock = join(here, 'generated', `server-clock-${transport}-${size}.json`);
  rmSync(clock, { force: true });
  // Each build with its own flags (BENCH_SERVER: the server-flags.js beside that server.js, as that build's extension would start it).
  const flagsFile = existsSync(join(dirname(server), 'server-flags.js')) ? join(dirname(server), 'server-flags.js') : join(root, 'dist', 'server-flags.js');
  const { serverNodeFlags } = require(flagsFile);
  const execArgv = [...serverNodeFlags(), '--require', join(here, 'server-clock.cjs'), ...(process.env.BENCH_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`] : []), ...(process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : [])];
  // IPC as the extension starts it (a forked Node with a message channel), or stdio (JSON-RPC with
  // Content-Length headers on the server's standard input and output).
  const child = transport === 'stdio'
    ? spawn(process.execPath, [...execArgv, server, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, BENCH_SERVER_CLOCK: clock } })
    : fork(server, ['--node-ipc'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv, env: { ...process.env, BENCH_SERVER_CLOCK: clock } });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const conn = transport === 'stdio'
    ? rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin))
    : rpc.createMessageConnection(new rpc.IPCMessageReader(child), new rpc.IPCMessageWriter(child));
  const out = { ok: false };
  const waiters = [];
  const lastDiags = new Map();
  const published = [];
  const logs = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    lastDiags.set(p.uri, p.diagnostics);
    published.push({ uri: p.uri, n: p.diagnostics.length });
    for (const w of [...waiters]) if (w.uri === p.uri && (!w.pred || w.pred(p.diagnostics, p))) { waiters.splice(waiters.indexOf(w), 1); w.resolve(performance.now()); }
  });
  let ready = false; let statusFiles = 0; let statusErr;
  const readyWaiters = [];
  conn.onNotification('agentcoreIam/status', (p) => {
    if (p.state === 'ready') { ready = true; statusFiles = p.files ?? statusFiles; for (const w of readyWaiters.splice(0)) w(); }
    if (p.state === 'error') statusErr = p.message;
  });
  conn.onNotification('window/logMessage', (p) => { if (p.type <= 1) logs.push(p.message.slice(0, 300)); });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => { /* others */ });
  conn.listen();
  const waitDiag = (uri, pred, t) => withTimeout(new Promise((resolve) => waiters.push({ uri, pred, resolve })), t, `diagnostics for ${uri}`);
  try {
    const live = join(dir, 'live');
    const mainFile = join(live, 'main.tf');
    const uri = pathToFileURL(mainFile).toString();
    const t0 = performance.now();
    await withTimeout(conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(dir).toString(), workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }],
      // Diagnostics as VS Code's client declares them (vscode-languageclient's client.js): every field of
      // every diagnostic is sent, as to the extension (the server leaves out what a client does not read).
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true }, synchronization: { dynamicRegistration: false } }, window: { workDoneProgress: true } },
    }), 30000, 'initialize');
    const bound = 30000 + size * 30;
    const firstMain = waitDiag(uri, undefined, bound);
    conn.sendNotification('initialized', {});
    let text = readFileSync(mainFile, 'utf8');
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    await withTimeout(new Promise((r) => (ready ? r() : readyWaiters.push(r))), bound, 'server ready (agentcoreIam/status ready)');
    // The open main.tf's first diagnostics: the server publishes an open file's part while the index goes on.
    await firstMain.then((at) => { out.firstOpenMs = at - t0; }, () => undefined);
    out.initialMs = performance.now() - t0;
    out.readyPeakRssMB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024; // peak by the end of the index
    out.indexedFiles = statusFiles;
    out.mainLines = text.split('\n').length;
    out.editMode = EDIT_MODE;
    const lines = text.split('\n');
    let version = 1;
    // Single-character edits at `line`, from column `col`. Default: typing (a..z inserted one after
    // the other: every version is new, nothing can be answered from an earlier one);
    // BENCH_EDIT_MODE=toggle: insert a character, then remove it (every other version repeats an
    // earlier one). Each edit waits for the diagnostics of exactly that version
    // (PublishDiagnosticsParams.version).
    const series = async (line, col) => {
      const lat = []; let timeouts = 0; let note;
      const versions = [version + 1, version + EDITS];
      for (let i = 0; i < EDITS; i++) {
        const insert = EDIT_MODE === 'typing' || i % 2 === 0;
        const at = EDIT_MODE === 'typing' ? col + i : col;
        const range = insert ? { start: { line, character: at }, end: { line, character: at } } : { start: { line, character: col }, end: { line, character: col + 1 } };
        const char = EDIT_MODE === 'typing' ? String.fromCharCode(97 + (i % 26)) : 'x';
        const v = ++version;
        const p = waitDiag(uri, (_d, params) => params.version === v, 5000);
        p.catch(() => undefined);
        const t = performance.now();
        conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? char : '' }] });
        try { lat.push((await p) - t); } catch { timeouts++; waiters.length = 0; if (timeouts >= 3 && lat.length === 0) { note = 'no publishDiagnostics for the edited version after 3 edits (5 s each): stopped'; break; } }
      }
      if (process.env.BENCH_LATENCIES) console.error(`  latencies (ms, in order): ${lat.map((x) => x.toFixed(1)).join(' ')}`);
      // What each keystroke's publish carries: the edited file's diagnostics, as JSON (the last one).
      const last = lastDiags.get(uri) ?? [];
      return { diagnostics: last.length, payloadBytes: Buffer.byteLength(JSON.stringify(last)), n: lat.length, timeouts, p50: percentile(lat, 0.5), p90: percentile(lat, 0.9), p95: percentile(lat, 0.95), p99: percentile(lat, 0.99), max: lat.length ? Math.max(...lat) : NaN, versions, ...(note ? { note } : {}) };
    };
    // Into a role's name: the analysis reads no role name, so the model is rebuilt and the role's
    // findings are kept (the role is not evaluated again).
    const nameLine = lines.findIndex((l) => /^\s*name\s+= "agent-\d+"/.test(l));
    out.edits = await series(nameLine, lines[nameLine].indexOf('"agent-') + 2);
    // Into an action of a policy document (`"ecr:BatchGetImage"` becomes an unknown action): the
    // document is evaluated again and its role analysed again on every keystroke.
    const actionLine = lines.findIndex((l) => l.includes('"ecr:BatchGetImage"'));
    out.policyEdits = await series(actionLine, lines[actionLine].indexOf('"ecr:BatchGetImage"') + '"ecr:BatchGetImage'.length);
    // A module's outputs.tf changes on disk: the runtime now gets its role elsewhere, so the
    // diagnostics of the module's role (modules/iam/main.tf) must update. BENCH_MODULE_ROUNDS changes
    // (default 9), alternately to the other role and back, each waiting for the role's diagnostics
    // to differ from the ones before it; the median is reported (a single event is noise on a busy machine).
    const outputs = join(live, 'modules', 'iam', 'outputs.tf');
    const modMain = pathToFileURL(join(live, 'modules', 'iam', 'main.tf')).toString();
    const orig = readFileSync(outputs, 'utf8');
    const changed = orig.replace('value = aws_iam_role.runtime.arn', 'value = "arn:aws:iam::123456789012:role/elsewhere"');
    const rounds = Math.max(1, Number(process.env.BENCH_MODULE_ROUNDS ?? 9));
    const modLat = [];
    try {
      for (let i = 0; i < rounds; i++) {
        const before = JSON.stringify(lastDiags.get(modMain) ?? []);
        const p = waitDiag(modMain, (d) => JSON.stringify(d) !== before, 20000);
        p.catch(() => undefined);
        // Not measured: the next change waits for the runtime's file too (its role is now resolved, or
        // not), so that no round starts while the last one's messages are still on their way.
        const runtimeBefore = JSON.stringify(lastDiags.get(uri) ?? []);
        const settled = waitDiag(uri, (d) => JSON.stringify(d) !== runtimeBefore, 5000).catch(() => undefined);
        published.length = 0;
        const t = performance.now();
        writeFileSync(outputs, i % 2 === 0 ? changed : orig);
        conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(outputs).toString(), type: 2 }] });
        try { modLat.push((await p) - t); } catch (e) { out.moduleOutputNote = `${e.message}; diagnostics on the module's role before: ${JSON.parse(before).length}`; break; }
        await settled;
        if (process.env.BENCH_VERBOSE) console.error(`  module output ${i}: ${modLat.at(-1)?.toFixed(2)} ms; published before it: ${published.map((x) => `${relative(dir, fileURLToPath(x.uri))} ${x.n}`).join(', ')}`);
      }
    } finally { writeFileSync(outputs, orig); }
    out.moduleOutputMs = modLat.length ? percentile(modLat, 0.5) : null;
    out.moduleOutputRuns = modLat;
    const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    out.peakRssMB = Number(/VmHWM:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024;
    out.rssMB = Number(/VmRSS:\s+(\d+)/.exec(st)?.[1] ?? 0) / 1024; // after the edits (peak: during the index)
    out.ok = true;
  } catch (e) {
    out.error = e.message;
    try { out.peakRssMB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024; } catch { /* gone */ }
  } finally {
    if (statusErr) out.statusError = statusErr.slice(0, 300);
    if (logs.length) out.serverErrors = logs.slice(0, 3);
    try { await withTimeout(conn.sendRequest('shutdown'), 5000, 'shutdown'); conn.sendNotification('exit'); } catch { /* killed below */ }
    await withTimeout(new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r))), 3000, 'exit').catch(() => child.kill('SIGKILL'));
    children.delete(child);
    conn.dispose();
    for (const e of [out.edits, out.policyEdits]) if (e) e.server = serverSide(clock, e.versions);
    if (!out.ok && stderr) out.stderr = stderr.slice(-300);
  }
  return out;
}

/**
 * The server's share of a series' latencies (bench/server-clock.cjs): from the moment each edit
 * reached the server process to the moment it handed the diagnostics of that version to the
 * transport. The rest of a latency is the transport and the client reading the message.
 */
function serverSide(file, [from, to]) {
  let c;
  try { c = JSON.parse(readFileSync(file, 'utf8')); } catch { return { note: 'not recorded' }; }
  const lat = [];
  for (let v = from; v <= to; v++) if (c.received[v] !== undefined && c.published[v] !== undefined) lat.push(c.published[v] - c.received[v]);
  return { n: lat.length, p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), max: lat.length ? Math.max(...lat) : NaN };
}

async function main() {
  let release;
  try {
    release = acquire(join(here, 'generated', '.lock'));
  } catch (e) {
    console.error(`bench: ${e.message}`);
    process.exit(1);
  }
  process.on('exit', release);
  const results = { date: new Date().toISOString(), cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, sizes: {} };
  if (!existsSync(join(root, 'dist', 'server.js')) || !existsSync(join(root, 'dist', 'server-flags.js'))) spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit', timeout: 120000 });
  for (const size of sizes) {
    const dir = join(here, 'generated', String(size));
    const g = generate({ files: size, dir, seed: 1 });
    const files = walk(dir);
    const r = { files: files.length, bytes: g.bytes };
    console.log(`\n== ${size} files (${(g.bytes / 1e6).toFixed(1)} MB) ==`);
    if (PARTS.has('cold')) {
      r.treeSitter = await treeSitterFloor(files);
      r.hashicorp = await hashicorp(files);
      console.error('  parsers done'); r.core = core(dir, 10 * 60000); console.error('  core done');
    } else { r.treeSitter = { ms: NaN }; r.hashicorp = { ms: NaN }; r.core = { ok: false, error: 'skipped' }; }
    r.lsp = PARTS.has('lsp') ? await lsp(dir, size) : { ok: false, error: 'skipped' };
    r.lspStdio = PARTS.has('stdio') ? await lsp(dir, size, 'stdio') : { ok: false, error: 'skipped' };
    const c = r.core.ok ? r.core.totalMs : undefined;
    const rows = [
      ['tree-sitter parse (floor)', ms(r.treeSitter.ms), c ? (c / r.treeSitter.ms).toFixed(2) + 'x' : '—'],
      ['@cdktf/hcl2json parse (peer)', ms(r.hashicorp.ms), c ? (c / r.hashicorp.ms).toFixed(2) + 'x' : '—'],
      ['core cold analysis', r.core.ok ? ms(c) : `failed: ${r.core.error}`, ''],
    ];
    if (r.core.ok) rows.push(['  threads; roles, findings; peak RSS', `${r.core.threads}; ${r.core.roles}, ${r.core.findings}; ${r.core.peakRssMB} MB`, `process wall ${ms(r.core.wallMs)}`]);
    if (r.core.ok) rows.push(['  in one thread', ms(r.core.oneThreadMs), `peak RSS ${r.core.oneThreadPeakRssMB} MB; ratio to the floor ${(r.core.oneThreadMs / r.treeSitter.ms).toFixed(2)}x`]);
    const editRow = (label, e, l) => rows.push([`server per-edit, ${label} (${e.n} edits, ${l.mainLines}-line main.tf)`, `p50 ${ms(e.p50)}, p95 ${ms(e.p95)}, max ${ms(e.max)}`, `p90 ${ms(e.p90)}, p99 ${ms(e.p99)}, timeouts ${e.timeouts}${e.note ? `; ${e.note}` : ''}; in the server p50 ${ms(e.server?.p50)}, p95 ${ms(e.server?.p95)}; each publish ${e.diagnostics} diagnostics, ${(e.payloadBytes / 1024).toFixed(0)} KiB`]);
    if (r.lsp.edits) editRow('typing a role name', r.lsp.edits, r.lsp);
    if (r.lsp.policyEdits) editRow('typing in a policy action', r.lsp.policyEdits, r.lsp);
    if (r.lspStdio.edits) editRow('typing a role name, over stdio', r.lspStdio.edits, r.lspStdio);
    if (r.lspStdio.policyEdits) editRow('typing in a policy action, over stdio', r.lspStdio.policyEdits, r.lspStdio);
    if (PARTS.has('stdio') && !r.lspStdio.ok) rows.push(['server over stdio', `failed: ${r.lspStdio.error}`, '']);
    if (r.lsp.initialMs !== undefined) rows.push(['server initialize -> ready', ms(r.lsp.initialMs), `files ${r.lsp.indexedFiles}`]);
    if (r.lsp.firstOpenMs !== undefined) rows.push(['server initialize -> first diagnostics of the open main.tf', ms(r.lsp.firstOpenMs), 'opened right after initialized']);
    if (r.lsp.ok) rows.push(['server module output -> role diagnostics', r.lsp.moduleOutputMs == null ? `not observed (${r.lsp.moduleOutputNote})` : ms(r.lsp.moduleOutputMs), '']);
    rows.push(['server peak RSS (VmHWM)', r.lsp.peakRssMB ? `${r.lsp.peakRssMB.toFixed(0)} MB` : '—', r.lsp.ok ? `RSS after the edits ${r.lsp.rssMB?.toFixed(0)} MB` : `server: ${r.lsp.error}`]);
    console.log('| measure | value | ratio (ours / it) or note |\n|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    results.sizes[size] = r;
  }
  const vsix = join(root, 'dist', 'agentcore-iam.vsix');
  results.vsixBytes = existsSync(vsix) ? statSync(vsix).size : null;
  // Activation is measured in a real VS Code by bench/activation.mjs, which merges it into results.json: kept.
  try {
    const prev = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8')).activation;
    results.activation = prev && typeof prev === 'object' ? prev : 'not measured by this script: node bench/activation.mjs (real VS Code) merges it here';
  } catch {
    results.activation = 'not measured by this script: node bench/activation.mjs (real VS Code) merges it here';
  }
  console.log(`\n.vsix: ${results.vsixBytes ? (results.vsixBytes / 1024).toFixed(0) + ' KiB' : 'not built (npm run package)'}; activation time: ${typeof results.activation === 'string' ? results.activation : JSON.stringify(results.activation)}`);
  // A partial or distorted run (BENCH_PARTS, BENCH_EDITS, BENCH_EDIT_MODE, other sizes, a profiled
  // server) never overwrites the committed figures (bench/median.mjs writes those from full runs).
  const partial = !ALL_PARTS.every((p) => PARTS.has(p)) || EDITS !== 200 || EDIT_MODE !== 'typing' || sizes.join(',') !== '200,2000,10000' || !!process.env.BENCH_SERVER_PROF || !!process.env.BENCH_SERVER_ARGS || !!process.env.BENCH_SERVER;
  const outFile = process.env.BENCH_OUT ?? join(here, partial ? 'generated/results.partial.json' : 'results.json');
  writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
  console.log(`written ${relative(root, outFile)}`);
}

main().then(() => { cleanup(); process.exit(0); }, (e) => { console.error(e); cleanup(); process.exit(1); });
void bigMain;
