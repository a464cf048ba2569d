// The local VS Code server (code-server 4.100.3, installed by scripts/setup-vscode.mjs): started on a
// free loopback port without auth, with its own user-data and extensions folders, in its own process
// group so that stopping it also stops the extension host and the language server it spawned (they
// otherwise outlive the browser for hours). Used by `npm start`, the e2e shim and the UI scenario.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where scripts/setup-vscode.mjs installs code-server. */
export const HOST_DIR = join(root, '.vscode-test', 'host');
export const CODE_SERVER = join(HOST_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Chromium flags that work as root on a machine without internet (no sandbox, no background calls). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The watchdog: kills the process group given as its argument when its stdin closes.
const WATCHDOG = "process.stdin.on('end', () => { try { process.kill(-Number(process.argv[1]), 'SIGKILL'); } catch {} process.exit(0); }); process.stdin.on('error', () => {}); process.stdin.resume();";

/**
 * Ties a detached process group to this process, however this process ends: a watchdog process of
 * its own holds a pipe from this one and kills the group when the pipe closes (a SIGKILL or a
 * timeout that ends `npm test` included; handlers for exit and signals do not run then, and a
 * detached group outlives its parent). Returns the release (the group was stopped otherwise).
 */
export function leash(pgid) {
  const dog = spawn(process.execPath, ['-e', WATCHDOG, String(pgid)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  dog.unref();
  dog.stdin.on('error', () => {});
  dog.stdin.unref?.();
  return () => {
    try {
      dog.kill('SIGKILL');
    } catch {
      /* gone */
    }
  };
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * The folders of a code-server profile, created, and the environment that keeps its state in them
 * (code-server writes its config.yaml under XDG_CONFIG_HOME even for CLI commands).
 */
function profile(o) {
  mkdirSync(o.extensionsDir, { recursive: true }); // activation fails with `Not Found` without it
  mkdirSync(join(o.userDataDir, 'User'), { recursive: true });
  return { ...process.env, ...(o.env ?? {}), XDG_CONFIG_HOME: join(o.stateDir, 'xdg-config'), XDG_DATA_HOME: join(o.stateDir, 'xdg-data') };
}

/**
 * Runs a code-server CLI command (`--install-extension`, `--list-extensions`) on a profile.
 * @param {{ userDataDir: string, extensionsDir: string, stateDir: string }} o
 * @param {string[]} args
 */
export function codeServerCli(o, args) {
  return spawnSync(process.execPath, [CODE_SERVER, '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir, ...args], { env: profile(o), encoding: 'utf8' });
}

/**
 * Starts code-server and waits until it answers /healthz.
 * @param {{ userDataDir: string, extensionsDir: string, stateDir: string, port?: number, trust?: boolean, stdio?: import('node:child_process').StdioOptions, env?: NodeJS.ProcessEnv }} o
 *   `stateDir` holds XDG_CONFIG_HOME/XDG_DATA_HOME (code-server writes its config.yaml there);
 *   `trust: false` leaves workspace trust on (the person is asked), default off.
 */
export async function startCodeServer(o) {
  const env = profile(o);
  const port = o.port ?? (await freePort());
  const args = [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
  if (o.trust !== false) args.push('--disable-workspace-trust');
  const child = spawn(process.execPath, args, {
    env,
    detached: true,
    stdio: o.stdio ?? 'ignore',
  });
  const unleash = leash(child.pid);
  const base = `http://127.0.0.1:${port}`;
  const stop = (signal = 'SIGKILL') => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
    unleash();
  };
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - t0 > 60_000) {
      stop();
      throw new Error(`code-server not ready at ${base} after 60 s`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { child, port, base, stop, remote: (p) => `vscode-remote://127.0.0.1:${port}${p}` };
}
