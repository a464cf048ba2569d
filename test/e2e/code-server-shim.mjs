#!/usr/bin/env node
// A `vscodeExecutablePath` for @vscode/test-electron's runTests() on machines where desktop VS Code
// cannot be downloaded: it takes the arguments runTests gives VS Code, starts the VS Code server
// (code-server 4.100.3, installed by scripts/setup-vscode.mjs) on a free loopback port, opens the
// workbench in Debian's Chromium (playwright-core) with the extension-development payload, prints
// what the extension host logs, and exits with the extension tests' exit code.
// See ../shared/reference/vscode-offline-testing.md for the measured facts behind each step.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CODE_SERVER = join(root, '.vscode-test', 'host', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 15 * 60_000);

function parseArgs(argv) {
  const opts = { extensionDevelopmentPath: [], folder: undefined };
  for (const a of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (m) {
      if (m[1] === 'extensionDevelopmentPath') opts.extensionDevelopmentPath.push(resolve(m[2]));
      else opts[m[1]] = m[2];
    } else if (!a.startsWith('--')) opts.folder = resolve(a);
  }
  return opts;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitHealthy(url, child, timeoutMs = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server not ready at ${url} after ${timeoutMs} ms`);
}

// The workbench logs what the remote extension host prints as `console.log('%c INFO', css, fmt,
// ...args)`: format those like Node would; leave out the workbench's own connection chatter.
const NOISE = /Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|ChatSessionStore|Updating additional builtin|open-vsx\.org|ENOTFOUND|Failed to load resource|same-origin iframe|allow-same-origin/;
async function consoleText(msg) {
  let parts;
  try {
    parts = await Promise.all(msg.args().map((a) => a.jsonValue()));
  } catch {
    parts = [msg.text()];
  }
  if (typeof parts[0] === 'string' && /^%c\s*(INFO|WARN|ERR|TRACE|DEBUG)/.test(parts[0])) {
    const level = /^%c\s*(\w+)/.exec(parts[0])[1];
    const text = format(...parts.slice(2));
    return NOISE.test(text) ? undefined : level === 'INFO' ? text : `${level} ${text}`;
  }
  const text = msg.text();
  return NOISE.test(text) || msg.type() !== 'error' ? undefined : `[workbench] ${text}`;
}

const opts = parseArgs(process.argv.slice(2));
if (!opts.extensionTestsPath) {
  console.error('code-server-shim: --extensionTestsPath is required');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'agentcore-iam-e2e-'));
const userDataDir = opts['user-data-dir'] ? resolve(opts['user-data-dir']) : join(scratch, 'user-data');
const extensionsDir = opts['extensions-dir'] ? resolve(opts['extensions-dir']) : join(scratch, 'extensions');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true }); // activation fails with `Not Found` without it
writeFileSync(
  join(userDataDir, 'User', 'settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    ...(process.env.E2E_USER_SETTINGS ? JSON.parse(process.env.E2E_USER_SETTINGS) : {}),
  }),
);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
  { env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'xdg-config'), XDG_DATA_HOME: join(scratch, 'xdg-data') }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
const serverLog = [];
const keep = (d) => {
  serverLog.push(d.toString());
  if (serverLog.length > 400) serverLog.shift();
};
server.stdout.on('data', keep);
server.stderr.on('data', keep);

let browser;
function cleanup() {
  try {
    process.kill(-server.pid, 'SIGKILL'); // the whole group: extension host and language server too
  } catch {
    /* already gone */
  }
  rmSync(scratch, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    cleanup();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

let exitCode = 1;
try {
  await waitHealthy(base, server);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const done = new Promise((ok) => page.exposeFunction('codeAutomationExit', (code) => ok(Number(code))));
  page.on('console', (msg) => {
    void consoleText(msg).then((t) => t !== undefined && console.log(t));
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ...opts.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(resolve(opts.extensionTestsPath))],
  ];
  const url = `${base}/?${opts.folder ? `folder=${encodeURIComponent(opts.folder)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  const timeout = new Promise((ok) => setTimeout(() => ok('timeout'), TIMEOUT_MS).unref());
  const r = await Promise.race([done, timeout]);
  if (r === 'timeout') {
    console.error(`code-server-shim: the extension tests did not finish within ${TIMEOUT_MS / 1000} s`);
    exitCode = 1;
  } else exitCode = r;
} catch (e) {
  console.error(`code-server-shim: ${e instanceof Error ? e.message : String(e)}`);
  console.error(serverLog.join('').split('\n').slice(-40).join('\n'));
  exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  cleanup();
}
process.exit(exitCode);
