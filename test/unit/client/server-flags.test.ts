import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { serverNodeFlags, V8_DEFAULT_POOL } from '../../../client/src/server-flags';

const pool = (cores: number) => Number(/^--v8-pool-size=(\d+)$/.exec(serverNodeFlags(cores).find((f) => f.startsWith('--v8-pool-size='))!)![1]);

test('V8 gets one background thread fewer than the cores, at least one, at most its default', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 8, 64].map(pool), [1, 1, 2, 3, 4, 4, 4]);
  assert.equal(V8_DEFAULT_POOL, 4);
});

test('the heap grows to 1.5x its live size before a full collection', () => {
  assert.ok(serverNodeFlags(2).includes('--heap-growing-percent=50'));
});

test('the optimizing compiler leaves the largest functions alone (its memory for terraform/model.ts buildRootModel)', () => {
  assert.ok(serverNodeFlags(2).includes('--max-optimized-bytecode-size=16384'));
});

test('this Node takes every flag (a misspelt one would stop the server from starting)', () => {
  const r = spawnSync(process.execPath, [...serverNodeFlags(2), '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'ok');
  const bad = spawnSync(process.execPath, ['--v8-pool-sise=1', '-e', '0'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0, 'a misspelt flag is refused: the test above can fail');
});
