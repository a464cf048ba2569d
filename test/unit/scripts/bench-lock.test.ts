/** One benchmark at a time (bench/lock.mjs): a second run is refused with the first's pid; a stale lock is taken over. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// @ts-expect-error: an .mjs module of the benchmark, without types
import { acquire } from '../../../bench/lock.mjs';

const lockIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lock-')), 'generated', '.lock');

test('a second benchmark is refused while the first holds the lock, and may run once it is released', () => {
  const file = lockIn();
  const release = acquire(file);
  assert.throws(() => acquire(file), new RegExp(`another benchmark \\(pid ${process.pid}\\)`));
  release();
  assert.equal(fs.existsSync(file), false);
  acquire(file)();
});

test("a lock left by a process that is gone is taken over", () => {
  const file = lockIn();
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(gone.stdout);
  assert.ok(pid > 0);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, String(pid));
  const release = acquire(file);
  assert.equal(fs.readFileSync(file, 'utf8'), String(process.pid));
  release();
});
