/**
 * Work written as a generator that yields where it may pause (listing a large workspace, say): run
 * straight through (the CLI), or returning to the event loop at each pause (a language server,
 * which keeps receiving messages meanwhile). The same code either way.
 */

/** Runs the steps straight through and returns their result. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** A turn of the event loop (setImmediate): what was received meanwhile is handled first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs the steps, returning to the event loop (nextTurn) at each pause. */
export async function runStepsYielding<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await nextTurn();
  }
}
