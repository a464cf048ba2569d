// The benchmark's statistics, shared by run.mjs, median.mjs and activation.mjs.

/** The median of the numbers in xs (the mean of the middle two for an even count); null when none. */
export function median(xs) {
  const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The p-th percentile of xs by nearest rank (p in 0..1: the smallest value with at least p of them at or below it); NaN when empty. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN;
}
