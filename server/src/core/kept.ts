/**
 * A value derived from an object, kept on the object itself under `key` (a symbol: not enumerable,
 * so left out of JSON, of spreads and of sameData's walk), made by `make` the first time it is asked
 * for.
 *
 * Not a WeakMap from the object: V8's minor collections keep a WeakMap entry's value while its key
 * is young, dead or not, until the next full collection. On the keystroke path every keystroke's
 * objects are young, so every keystroke's values survived, and each minor collection copied them
 * again (test/unit/index/minor-gc.test.ts; ARCHITECTURE.md, working rules).
 */
export function keptOn<O extends object, T>(owner: O, key: symbol, make: (owner: O) => T): T {
  const slot = owner as { [key: symbol]: T | undefined };
  let v = slot[key];
  if (v === undefined) Object.defineProperty(owner, key, { value: (v = make(owner)) });
  return v;
}

/** The value kept on `owner` under `key` (keptOn, keep), if any. */
export function keptValue<T>(owner: object, key: symbol): T | undefined {
  return (owner as { [key: symbol]: T | undefined })[key];
}

/** Keeps `value` on `owner` under `key`, where a caller finds it with keptValue; a value once kept is not replaced. */
export function keep<T>(owner: object, key: symbol, value: T): T {
  const kept = keptValue<T>(owner, key);
  if (kept !== undefined) return kept;
  Object.defineProperty(owner, key, { value });
  return value;
}
