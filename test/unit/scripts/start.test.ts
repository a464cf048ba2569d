/**
 * `npm start` (scripts/start.mjs) without an editor: each run works on a fresh copy of the example,
 * outside the repository (a second run does not open the copy the first one fixed, and VS Code finds
 * no parent Git repository to offer), and main.tf is opened on both the desktop and the server path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = path.join(__dirname, '..', '..', '..');
const script = path.join(repo, 'scripts', 'start.mjs');
type Start = {
  example: string;
  MAIN_FILE: string;
  EDITOR_SETTINGS: Record<string, unknown>;
  scratchCopy(from?: string, parent?: string): string;
  desktopArgs(workspace: string, extension?: string): string[];
  codeServerUrl(base: string, remote: (p: string) => string, workspace: string, extension?: string): string;
};
const load = () => import(pathToFileURL(script).href) as Promise<Start>;

const inside = (dir: string, p: string) => {
  const rel = path.relative(dir, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
};

test('every run gets a fresh copy of the example in the temporary folder, outside any Git repository', async () => {
  const start = await load();
  const first = start.scratchCopy();
  const second = start.scratchCopy();
  try {
    assert.notEqual(first, second);
    for (const dir of [first, second]) {
      assert.ok(inside(fs.realpathSync(os.tmpdir()), fs.realpathSync(dir)), `${dir} is in ${os.tmpdir()}`);
      assert.ok(!inside(repo, dir), 'not inside the repository');
      const git = spawnSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
      assert.notEqual(git.status, 0, `no Git repository around the copy (found ${git.stdout.trim()})`);
    }
    const main = path.join(first, start.MAIN_FILE);
    const original = fs.readFileSync(path.join(start.example, start.MAIN_FILE), 'utf8');
    assert.equal(fs.readFileSync(main, 'utf8'), original);
    // A quick fix tried in the first run...
    fs.writeFileSync(main, `${original}\n# fixed in the first run\n`);
    // ...is neither in the next run's copy nor in the bundled example.
    assert.equal(fs.readFileSync(path.join(second, start.MAIN_FILE), 'utf8'), original);
    assert.equal(fs.readFileSync(path.join(start.example, start.MAIN_FILE), 'utf8'), original);
  } finally {
    fs.rmSync(path.dirname(first), { recursive: true, force: true });
    fs.rmSync(path.dirname(second), { recursive: true, force: true });
  }
});

test('desktop VS Code opens the copy and its modules/iam/main.tf, trusted, in a window of its own', async () => {
  const start = await load();
  const args = start.desktopArgs('/tmp/x/seed-case', '/repo');
  assert.deepEqual(args, ['--extensionDevelopmentPath=/repo', '--disable-workspace-trust', '--new-window', '/tmp/x/seed-case', path.join('/tmp/x/seed-case', 'modules', 'iam', 'main.tf')]);
});

test('the VS Code server URL opens the folder and main.tf (payload openFile), with the extension in development', async () => {
  const start = await load();
  const remote = (p: string) => `vscode-remote://127.0.0.1:4711${p}`;
  const url = new URL(start.codeServerUrl('http://127.0.0.1:4711', remote, '/tmp/x/seed-case', '/repo'));
  assert.equal(url.searchParams.get('folder'), '/tmp/x/seed-case');
  const payload = new Map(JSON.parse(url.searchParams.get('payload')!) as [string, string][]);
  assert.equal(payload.get('extensionDevelopmentPath'), 'vscode-remote://127.0.0.1:4711/repo');
  assert.equal(payload.get('openFile'), 'vscode-remote://127.0.0.1:4711/tmp/x/seed-case/modules/iam/main.tf');
});

test('the server profile trusts the example and never offers a parent Git repository', async () => {
  const start = await load();
  assert.equal(start.EDITOR_SETTINGS['security.workspace.trust.enabled'], false);
  assert.equal(start.EDITOR_SETTINGS['git.openRepositoryInParentFolders'], 'never');
});

test('importing scripts/start.mjs starts nothing (no build, no editor)', () => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(script).href)}); console.log('imported');`], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'imported');
});
