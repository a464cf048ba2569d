/**
 * A detached process group (code-server, its extension host and language server) ends with the
 * process that started it, even when that process is killed outright (SIGKILL: no exit handler runs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const script = pathToFileURL(path.join(__dirname, '..', '..', '..', 'scripts', 'code-server.mjs')).href;

/** A parent that starts a detached, long-running group (leashed or not), prints its pid and waits. */
function parent(leashed: boolean): Promise<{ kill: () => void; pid: number }> {
  const code = `
    import { spawn } from 'node:child_process';
    import { leash } from ${JSON.stringify(script)};
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    child.unref();
    ${leashed ? 'leash(child.pid);' : ''}
    console.log(child.pid);
    setInterval(() => {}, 1000);`;
  const p = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    p.stdout.once('data', (d) => resolve({ kill: () => p.kill('SIGKILL'), pid: Number(String(d).trim()) }));
    p.once('exit', (c) => reject(new Error(`parent exited with ${c}`)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function within(ms: number, cond: () => boolean): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

test('a leashed group dies with its parent killed outright; an unleashed one outlives it', { timeout: 30_000 }, async () => {
  const free = await parent(false);
  const tied = await parent(true);
  try {
    free.kill();
    tied.kill();
    assert.ok(await within(10_000, () => !alive(tied.pid)), 'the leashed group outlived its parent');
    assert.ok(alive(free.pid), 'without the leash the group survives (what the leash is for)');
  } finally {
    for (const pid of [free.pid, tied.pid]) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
});
