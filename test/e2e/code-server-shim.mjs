#!/usr/bin/env node
// A `vscodeExecutablePath` for @vscode/test-electron's runTests() on machines where desktop VS Code
// cannot be downloaded: it takes the arguments runTests gives VS Code, starts the VS Code server
// (code-server 4.100.3, installed by scripts/setup-vscode.mjs) on a free loopback port, opens the
// workbench in Debian's Chromium (playwright-core) with the extension-development payload, prints
// what the extension host logs, and exits with the extension tests' exit code.
// See docs/vscode-offline-testing.md for the measured facts behind each step.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, startCodeServer } from '../../scripts/code-server.mjs';

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
  }),
);

const serverLog = [];
const keep = (d) => {
  serverLog.push(d.toString());
  if (serverLog.length > 400) serverLog.shift();
};
let server;

let browser;
function cleanup() {
  server?.stop(); // the whole group: extension host and language server too
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
  server = await startCodeServer({ userDataDir, extensionsDir, stateDir: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
  server.child.stdout.on('data', keep);
  server.child.stderr.on('data', keep);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const done = new Promise((ok) => page.exposeFunction('codeAutomationExit', (code) => ok(Number(code))));
  page.on('console', (msg) => {
    void consoleText(msg).then((t) => t !== undefined && console.log(t));
  });
  const payload = [
    ...opts.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', server.remote(p)]),
    ['extensionTestsPath', server.remote(resolve(opts.extensionTestsPath))],
  ];
  const url = `${server.base}/?${opts.folder ? `folder=${encodeURIComponent(opts.folder)}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;
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
