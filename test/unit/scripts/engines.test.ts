/**
 * A quiet, true first run: every package in package-lock.json runs on the oldest Node that
 * package.json's `engines.node` admits (no `npm warn EBADENGINE` from `npm ci` on it), the README
 * states that Node, and every dependency with an install script is reviewed in `allowScripts` (npm
 * 11 lists the ones that are not after every install). The AWS SDK warns that its releases after the
 * first week of January 2027 require Node 22: this test fails on the update that brings one in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..', '..');
const semver = require('semver') as { satisfies(v: string, range: string): boolean; minVersion(range: string): { version: string } | null };
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean; optional?: boolean }>;
};
const oldest = semver.minVersion(pkg.engines.node)!.version;

test('every locked package runs on the oldest Node package.json admits', () => {
  assert.equal(lock.packages['']?.engines && !Array.isArray(lock.packages[''].engines) ? lock.packages[''].engines.node : undefined, pkg.engines.node, 'the lock is current');
  const refusing = Object.entries(lock.packages).flatMap(([where, p]) => {
    const node = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
    return node && !semver.satisfies(oldest, node) ? [`${where}@${p.version}: node ${node}`] : [];
  });
  assert.deepEqual(refusing, [], `Node ${oldest} is refused by`);
});

test('the README states that Node', () => {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  assert.ok(readme.includes(`Node ${oldest}`), `README.md says "Node ${oldest}"`);
  assert.doesNotMatch(readme, /Node 20\+/, 'not the looser "Node 20+"');
});

test('every dependency with an install script is reviewed in allowScripts (allowed or denied)', () => {
  const names = Object.entries(lock.packages)
    .filter(([where, p]) => where !== '' && p.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
  const unreviewed = [...new Set(names)].filter((n) => typeof pkg.allowScripts?.[n] !== 'boolean');
  assert.deepEqual(unreviewed, []);
  const stale = Object.keys(pkg.allowScripts ?? {}).filter((n) => !names.includes(n));
  assert.deepEqual(stale, [], 'no entry for a package that is gone');
});

test('.npmrc sets nothing npm does not know (no unsafe-perm)', () => {
  const npmrc = fs.readFileSync(path.join(repo, '.npmrc'), 'utf8');
  const keys = npmrc.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith(';')).map((l) => l.split('=')[0].trim());
  assert.deepEqual(keys.filter((k) => !['fund', 'audit', 'update-notifier', 'engine-strict'].includes(k)), []);
});
