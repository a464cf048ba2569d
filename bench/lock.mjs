// One benchmark at a time: bench/run.mjs regenerates bench/generated/<size>, edits a module's
// outputs.tf there and writes results.partial.json; two runs at once spoil each other's figures (a
// module output that never changes, a folder read half written). The lock is a file holding the
// owner's pid, created exclusively; a lock whose process is gone is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Whether a process with this pid runs (signal 0 tests for it without sending anything). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Takes the lock at `file` for this process. Returns a release function, or throws an Error that
 * names the process holding it.
 */
export function acquire(file, pid = process.pid) {
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try { if (readFileSync(file, 'utf8') === String(pid)) rmSync(file, { force: true }); } catch { /* gone */ }
      };
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let holder = NaN;
      try { holder = Number(readFileSync(file, 'utf8')); } catch { /* removed meanwhile: try again */ }
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`another benchmark (pid ${holder}) is using ${dirname(file)}: wait for it to finish (its lock: ${file})`);
      }
      rmSync(file, { force: true }); // its process is gone: the lock is stale
    }
  }
  throw new Error(`could not take the benchmark's lock ${file}`);
}
