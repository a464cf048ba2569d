/**
 * Issue #23 item 8: settings a cloned repository's `.vscode/settings.json` can set.
 * - `agentcoreIam.exclude` globs were regular expressions (`**` `/` -> `(?:.*\/)?`): twelve chained
 *   took V8's backtracking matcher 11 s on one path, twenty stopped the server. They are matched by
 *   core/path-glob.ts now, in time path length x glob length, with the same answers.
 * - `exclude` and `maxFileBytes` are taken from the user's settings only while the workspace is not
 *   trusted (package.json restrictedConfigurations, and the client's own reading), and
 *   `maxFileBytes` is held to a ceiling.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { compilePathGlob } from '../../../server/src/core/path-glob';
import { excludeMatcher, listWorkspaceFiles } from '../../../server/src/core/disk';
import { MAX_FILE_BYTES_CEILING, RESTRICTED, settingsFrom, type Inspected } from '../../../client/src/trusted-settings';
import { MAX_FILE_BYTES, toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import pkg from '../../../package.json';

/** The expressions the globs were compiled into before: the reference for small globs. */
function oldRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

test('property: an exclude glob matches exactly the paths its old expression matched', () => {
  const glob = fc.array(fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?', '(', '['), { maxLength: 8 }).map((xs) => xs.join(''));
  const p = fc.array(fc.constantFrom('a', 'b', '.', '/', 'ab/', '(', '['), { maxLength: 10 }).map((xs) => xs.join(''));
  fc.assert(
    fc.property(glob, p, (g, x) => {
      assert.equal(compilePathGlob(g)!(x), oldRegExp(g).test(x), `${g} on ${x}`);
    }),
    { numRuns: 20_000, seed: 20261207 },
  );
  for (const [g, x, want] of [
    ['**/.terraform/**', 'a/b/.terraform/x/main.tf', true],
    ['**/.terraform/**', '.terraform/', true],
    ['**/node_modules/**', 'node_modules2/x.tf', false],
    ['modules/*.tf', 'modules/a/b.tf', false],
    ['modules/?.tf', 'modules/a.tf', true],
  ] as const) assert.equal(compilePathGlob(g)!(x), want, `${g} on ${x}`);
});

test('twenty chained `**/` in exclude: the listing of a workspace still takes moments', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'exclude-'));
  try {
    let dir = root;
    for (let i = 0; i < 12; i++) fs.mkdirSync((dir = path.join(dir, `folder${i}`)));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'locals {}\n');
    // In a Node of its own, killed past 60 s: the expressions took 11 s with twelve `**/` on one path, exponentially more with each.
    const code = `
      const { listWorkspaceFiles } = require(${JSON.stringify(path.resolve('server/src/core/disk.ts'))});
      const t0 = performance.now();
      const r = listWorkspaceFiles(${JSON.stringify(root)}, { exclude: ['${'**/'.repeat(20)}x.tf'], maxFileBytes: 1 << 20 });
      process.stdout.write(JSON.stringify({ files: r.files.length, ms: performance.now() - t0 }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.signal, null, 'the listing did not finish within 60 s');
    assert.equal(r.status, 0, r.stderr);
    const { files, ms } = JSON.parse(r.stdout) as { files: number; ms: number };
    assert.equal(files, 1);
    assert.ok(ms < 5_000, `${ms} ms`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('excludeMatcher: the same files left out as before, a glob longer than 4,096 characters excludes nothing', () => {
  const m = excludeMatcher('/w', ['**/.terraform/**', 'gen/*.tf', '*'.repeat(5_000)]);
  assert.equal(m('/w/a/.terraform/modules/x.tf'), true);
  assert.equal(m('/w/.terraform'), true);
  assert.equal(m('/w/gen/a.tf'), true);
  assert.equal(m('/w/gen/sub/a.tf'), false);
  assert.equal(m('/w/main.tf'), false);
});

/** A configuration section as VS Code's inspect() reports it: default, user, workspace and folder values. */
function config(values: Record<string, Inspected>) {
  return {
    get: (k: string) => {
      const i = values[k];
      return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue ?? i?.defaultValue;
    },
    inspect: (k: string) => values[k],
  };
}

const CLONED = config({
  exclude: { defaultValue: [], globalValue: ['mine/**'], workspaceValue: ['**/'.repeat(20) + 'x'] },
  maxFileBytes: { defaultValue: 2_097_152, workspaceFolderValue: 1e12 },
  rules: { defaultValue: {}, workspaceValue: { 'missing-permission': 'error' } },
  defaults: { defaultValue: {}, workspaceValue: { region: 'eu-west-1' } },
});

test('an untrusted workspace cannot set exclude or maxFileBytes: the user\'s value or the default', () => {
  const s = settingsFrom(CLONED, false);
  assert.deepEqual(s.exclude, ['mine/**']);
  assert.equal(s.maxFileBytes, 2_097_152);
  // Settings that change neither what is read nor how long it takes still come from the workspace.
  assert.deepEqual(s.rules, { 'missing-permission': 'error' });
  assert.deepEqual(s.defaults, { region: 'eu-west-1' });
});

test('a trusted workspace sets them, maxFileBytes held to the ceiling', () => {
  const s = settingsFrom(CLONED, true);
  assert.deepEqual(s.exclude, ['**/'.repeat(20) + 'x']);
  assert.equal(s.maxFileBytes, MAX_FILE_BYTES_CEILING);
  assert.equal(settingsFrom(config({ maxFileBytes: { defaultValue: 2_097_152, globalValue: 4096 } }), true).maxFileBytes, 4096);
  assert.equal(settingsFrom(config({ maxFileBytes: { defaultValue: 2_097_152, globalValue: 1e12 } }), false).maxFileBytes, MAX_FILE_BYTES_CEILING);
});

test('package.json: VS Code ignores the workspace values of the same settings in Restricted Mode', () => {
  const cap = (pkg as unknown as { capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } } }).capabilities.untrustedWorkspaces;
  assert.equal(cap.supported, 'limited');
  assert.deepEqual([...(cap.restrictedConfigurations ?? [])].sort(), RESTRICTED.map((k) => `agentcoreIam.${k}`).sort());
  const props = (pkg as unknown as { contributes: { configuration: { properties: Record<string, { maximum?: number }> } } }).contributes.configuration.properties;
  for (const k of RESTRICTED) assert.ok(props[`agentcoreIam.${k}`], k);
  assert.equal(props['agentcoreIam.maxFileBytes'].maximum, MAX_FILE_BYTES_CEILING);
});

/** The ceiling, written out: 64 MiB. */
const CEILING = 67_108_864;

test('the server holds maxFileBytes to the same ceiling, whatever client sends it (Neovim, a stdio client)', () => {
  // MAX_FILE_BYTES_CEILING is MAX_FILE_BYTES itself, so the two are compared with the number.
  assert.equal(MAX_FILE_BYTES, CEILING);
  assert.equal(MAX_FILE_BYTES_CEILING, CEILING);
  for (const v of [CEILING + 1, 1e12, Infinity]) assert.equal(toAnalysisSettings({ maxFileBytes: v }).maxFileBytes, CEILING, String(v));
  assert.equal(toAnalysisSettings({ maxFileBytes: CEILING }).maxFileBytes, CEILING);
  assert.equal(toAnalysisSettings({ maxFileBytes: 4096 }).maxFileBytes, 4096);
});

test('a workspace asking for 1e12 bytes: a file one byte over the ceiling is skipped, one at it is read', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-ceiling-'));
  try {
    // Sparse files: the listing judges the size stat gives, nothing is written or read.
    for (const [name, size] of [['at.tf', CEILING], ['over.tf', CEILING + 1]] as const) {
      fs.writeFileSync(path.join(root, name), '');
      fs.truncateSync(path.join(root, name), size);
    }
    // The trusted workspace's value through the client (held to the ceiling), then the server's reading.
    const client = settingsFrom(config({ maxFileBytes: { defaultValue: 2_097_152, workspaceFolderValue: 1e12 } }), true);
    for (const sent of [client, { maxFileBytes: 1e12 }]) {
      const { files, problems } = listWorkspaceFiles(root, toAnalysisSettings(sent));
      assert.deepEqual(files.map((f) => [path.basename(f.file), f.size]), [['at.tf', CEILING]]);
      assert.deepEqual(problems.map((p) => [path.basename(p.file), p.rule, p.message]), [['over.tf', 'file-skipped', `File skipped: ${CEILING + 1} bytes exceeds maxFileBytes (${CEILING})`]]);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
