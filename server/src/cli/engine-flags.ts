/**
 * V8 settings of the CLI, a batch run of a few seconds: set when it runs as a program, before the
 * analysis' code first runs (V8's flags are the process's, the cold analysis' worker threads
 * included). Not for the library or the language server.
 *
 * A later tier-up to V8's optimizing compiler. By default a function is optimized after about
 * 66 KB of bytecode budget, early in a run this short, on feedback that is not yet settled; it is
 * then deoptimized and optimized again, and the optimizing compiler's thread competes on two cores
 * with the garbage collector's. With four and a half times the budget, the optimized code comes
 * a little later and holds. Measured with the CLI on the benchmark's workspaces (2026-12-05, three
 * runs each, interleaved; the analysis' own time): 200 files 350 → 314 ms, 2,000 files 1,222 →
 * 1,088 ms (mean); at 10,000 files 4.7–5.1 → 3.8 s on two threads and 4.1 → 3.9 s on one. Twice
 * the default gained less (1,136 ms at 2,000 files), nine times the same; a quarter of it, or no
 * optimizing compiler at all, lost (1.5–1.6 s).
 *
 * Set here, not on the command line: a Node that does not know a flag given on its command line
 * refuses to start, where setFlagsFromString only warns.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneForBatchRun(): void {
  setFlagsFromString('--interrupt-budget=300000');
}
