// `npm start`: the product on the bundled example workspace (examples/seed-case).
//  - installs the dependencies if this is a fresh clone, builds the bundles;
//  - makes a fresh scratch copy of the example outside the repository (in the system's temporary
//    folder), so that quick fixes tried in one run are not there in the next, the bundled example
//    never changes, and VS Code finds no Git repository around it (no "open the parent repository?");
//  - prints what the analysis finds there (the same engine as the editor);
//  - opens the copy, with modules/iam/main.tf, in VS Code with the extension loaded: desktop VS Code
//    when `code` is on PATH, otherwise the local VS Code server (code-server, installed by
//    scripts/setup-vscode.mjs) in the browser at a printed http://127.0.0.1 URL, until Ctrl+C.
//    Workspace trust is off for the example (it is ours): no trust prompt.
//  `npm start -- --no-editor` stops after the analysis.
// The helpers are exported for test/unit/scripts/start.test.ts; importing this file runs nothing.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const example = join(root, 'examples', 'seed-case');
/** The file the example is about, opened for you (relative to the workspace). */
export const MAIN_FILE = join('modules', 'iam', 'main.tf');

/** A fresh copy of the example in the system's temporary folder (outside any Git repository). */
export function scratchCopy(from = example, parent = tmpdir()) {
  const dir = join(mkdtempSync(join(parent, 'agentcore-iam-example-')), 'seed-case');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * User settings of the VS Code server's own profile: no welcome page, telemetry or update checks,
 * no trust prompt for the example, and no offer to open a Git repository found in a parent folder.
 */
export const EDITOR_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Desktop VS Code: a new window on the copy with main.tf open, the extension loaded from this checkout. */
export function desktopArgs(workspace, extension = root) {
  return [`--extensionDevelopmentPath=${extension}`, '--disable-workspace-trust', '--new-window', workspace, join(workspace, MAIN_FILE)];
}

/**
 * The VS Code server's URL for the copy: the folder, the extension in development, and main.tf
 * opened (the web workbench reads `openFile` from the payload, as `code --goto` does on the desktop).
 * `remote` maps a path of this machine to the server's `vscode-remote://` URI.
 */
export function codeServerUrl(base, remote, workspace, extension = root) {
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extension)],
    ['openFile', remote(join(workspace, MAIN_FILE))],
  ]);
  return `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
}

async function main() {
  const sh = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0 && cmd !== 'node') process.exit(r.status ?? 1);
    return r.status;
  };

  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) sh('npm', ['ci', '--no-audit', '--no-fund']);
  sh('node', ['scripts/build.mjs']);
  const workspace = scratchCopy();
  console.log(`\nAgentCore IAM on ${workspace}\n(a fresh copy of examples/seed-case, made for this run):\n`);
  spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', workspace], { cwd: root, stdio: 'inherit' });

  if (process.argv.includes('--no-editor')) {
    rmSync(dirname(workspace), { recursive: true, force: true });
    process.exit(0);
  }

  const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
  if (hasCode) {
    console.log('\nOpening the copy in VS Code with the extension loaded, and modules/iam/main.tf in it…');
    console.log('(Workspace trust is off for this window; if VS Code asks anyway, the example is safe to trust.)');
    spawn('code', desktopArgs(workspace), { stdio: 'inherit', detached: true }).unref();
    process.exit(0);
  }

  // No desktop VS Code: the VS Code server, with this checkout loaded as an extension in development.
  console.log('\n`code` is not on PATH: starting the local VS Code server (code-server 4.100.3) instead.');
  if (spawnSync(process.execPath, [join(root, 'scripts', 'setup-vscode.mjs')], { stdio: 'inherit' }).status !== 0) {
    console.log('Could not install the VS Code server (above). The analysis is printed; the CLI is `node dist/cli.js check <dir>`.');
    process.exit(1);
  }
  const { startCodeServer } = await import('./code-server.mjs');
  // The server's own profile (not the workspace) stays in the git-ignored .vscode-test/.
  const state = join(root, '.vscode-test', 'start');
  const userData = join(state, 'user-data');
  const extensions = join(state, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(EDITOR_SETTINGS, null, 2));

  // trust: the server runs with --disable-workspace-trust (it serves only this copy).
  const server = await startCodeServer({ userDataDir: userData, extensionsDir: extensions, stateDir: state, port: Number(process.env.PORT) || undefined, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => {
    server.stop('SIGTERM'); // the extension host and the language server too
    rmSync(dirname(workspace), { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    console.log(`VS Code server exited (${code}).`);
    process.exit(code ?? 1);
  });
  const url = codeServerUrl(server.base, server.remote, workspace);
  console.log(`\nThe example, with the extension loaded from this checkout and modules/iam/main.tf open, is at:\n\n  ${url}\n`);
  console.log('Hover a squiggle for the finding; Ctrl+. on one for its quick fixes. Ctrl+C stops the server and deletes the copy.');
  console.log(`(Workspace: ${workspace}.)`);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await main();
