/**
 * The Node flags the language server runs with. The extension starts dist/server.js with them
 * (extension.ts); the benchmark starts it the same way, from dist/server-flags.js (this file, built
 * on its own: no `vscode` import here).
 */
import * as os from 'node:os';

/** How many background threads V8 gets by default in Node (`--v8-pool-size`). */
export const V8_DEFAULT_POOL = 4;

/**
 * `cores`: what the machine can run at once (os.availableParallelism()).
 *
 * - `--heap-growing-percent=50`: the heap grows to 1.5x its live size before a full collection
 *   (V8's default lets it reach about 3x). Each edit rebuilds the edited part's model, and the
 *   garbage of a few dozen edits otherwise raised the server's peak memory by a third.
 * - `--v8-pool-size`: V8's background threads (concurrent compilation, parallel and concurrent
 *   garbage collection) leave a core to the editor: one fewer than the cores, at most V8's default.
 *   On two cores the server's four threads competed with the client that waits for its
 *   diagnostics: one thread brought the keystroke's p95 at 2,000 files from 10.3–12.7 ms to
 *   6.2–9.8 ms (typing a role name, stdio, at the client; three runs each, interleaved), the
 *   first index no slower (docs/benchmark.md). Measured on two cores only.
 * - `--max-optimized-bytecode-size=16384`: V8's optimizing compiler leaves alone a function of more
 *   than 16 KB of bytecode (its default limit is 60 KB). The one such function the server runs
 *   often is terraform/model.ts buildRootModel (21 KB at this writing): compiling it took 0.9–1.5 s of
 *   a background thread and up to 34 MB of the compiler's memory, twice in a benchmark run, which
 *   raised the server's peak memory after typing by 16 MB (2,000 files: 166.5 -> 150.2 MB; V8's
 *   malloced memory stays under 3 MB instead of 11–15). Typing was no slower without it (in process,
 *   three interleaved rounds: a role name p95 10–13 -> 5–8 ms, an action within the noise), and a
 *   cold check of the 2,000 files took 0.14% more instructions.
 */
export function serverNodeFlags(cores: number = os.availableParallelism?.() ?? os.cpus().length): string[] {
  return ['--heap-growing-percent=50', `--v8-pool-size=${Math.max(1, Math.min(V8_DEFAULT_POOL, cores - 1))}`, '--max-optimized-bytecode-size=16384'];
}
