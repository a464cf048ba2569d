// `npm start`: the product on the bundled example workspace (examples/seed-case).
//  - installs the dependencies if this is a fresh clone, builds the bundles;
//  - prints what the analysis finds there (the same engine as the editor);
//  - opens the example in VS Code with the extension loaded: desktop VS Code when `code` is on PATH,
//    otherwise the local VS Code server (code-server, installed by scripts/setup-vscode.mjs) in the
//    browser at a printed http://127.0.0.1 URL, until Ctrl+C.
//  `npm start -- --no-editor` stops after the analysis.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'seed-case');
const sh = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 && cmd !== 'node') process.exit(r.status ?? 1);
  return r.status;
};

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) sh('npm', ['ci', '--no-audit', '--no-fund']);
sh('node', ['scripts/build.mjs']);
console.log(`\nAgentCore IAM on ${example}:\n`);
sh('node', ['dist/cli.js', 'check', example]);

if (process.argv.includes('--no-editor')) process.exit(0);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (hasCode) {
  console.log('\nOpening the example in VS Code with the extension loaded…');
  spawn('code', [`--extensionDevelopmentPath=${root}`, example, join(example, 'modules', 'iam', 'main.tf')], { stdio: 'inherit', detached: true }).unref();
  process.exit(0);
}

// No desktop VS Code: the VS Code server, with this checkout loaded as an extension in development.
console.log('\n`code` is not on PATH: starting the local VS Code server (code-server 4.100.3) instead.');
if (spawnSync(process.execPath, [join(root, 'scripts', 'setup-vscode.mjs')], { stdio: 'inherit' }).status !== 0) {
  console.log('Could not install the VS Code server (above). The analysis is printed; the CLI is `node dist/cli.js check <dir>`.');
  process.exit(1);
}
const { startCodeServer } = await import('./code-server.mjs');
const state = join(root, '.vscode-test', 'start');
const userData = join(state, 'user-data');
const extensions = join(state, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
const settings = join(userData, 'User', 'settings.json');
if (!existsSync(settings)) writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false }, null, 2));
// A scratch copy, so that trying the quick fixes never changes the bundled example.
const workspace = join(state, 'seed-case');
if (!existsSync(workspace)) cpSync(example, workspace, { recursive: true });

const server = await startCodeServer({ userDataDir: userData, extensionsDir: extensions, stateDir: state, port: Number(process.env.PORT) || undefined, trust: false, stdio: ['ignore', 'ignore', 'inherit'] });
const stop = () => {
  server.stop('SIGTERM'); // the extension host and the language server too
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  console.log(`VS Code server exited (${code}).`);
  process.exit(code ?? 1);
});
const payload = JSON.stringify([['extensionDevelopmentPath', server.remote(root)]]);
const url = `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
console.log(`\nThe example, with the extension loaded from this checkout, is open at:\n\n  ${url}\n`);
console.log('Open modules/iam/main.tf to see the squiggles; Ctrl+. on one for its quick fixes. Ctrl+C stops the server.');
console.log(`(Workspace: ${workspace}, a scratch copy of examples/seed-case.)`);
