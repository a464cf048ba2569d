/**
 * Deep equality of plain data (objects, arrays, Maps by their entries in order), as their JSON
 * would compare but without building it: incremental analysis asks "is this the same as last
 * time?" of every unchanged role and document on every keystroke. Shared sub-objects (an unchanged
 * document reused by the model) compare by identity at once. Keys whose value is undefined or a
 * function are left out, as JSON leaves them out; `skip` leaves out more.
 */
export function sameData(a: unknown, b: unknown, skip?: (key: string, value: unknown) => boolean): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const ib = b.entries();
    for (const [k, x] of a) {
      const y = ib.next().value as [unknown, unknown];
      if (y[0] !== k || !sameData(x, y[1], skip)) return false;
    }
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], skip)) return false;
    return true;
  }
  if (b instanceof Map || Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    const x = ra[k];
    if (left(k, x, skip)) continue;
    n++;
    if (!sameData(x, rb[k], skip)) return false;
  }
  for (const k in rb) if (!left(k, rb[k], skip)) n--;
  return n === 0;
}

function left(k: string, x: unknown, skip: ((key: string, value: unknown) => boolean) | undefined): boolean {
  return x === undefined || typeof x === 'function' || (skip !== undefined && skip(k, x));
}
