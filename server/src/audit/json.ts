/**
 * JSON.stringify(value, null, 2) without recursion: a response nested 100,000 levels deep is
 * written, not a stack overflow. Indentation stops growing below MAX_INDENT_DEPTH levels (deeper
 * values are written on one line), so the output stays linear in the input's size.
 */
export const MAX_INDENT_DEPTH = 32;

type Frame = { owner: object; depth: number; i: number } & ({ kind: 'array'; items: unknown[] } | { kind: 'object'; entries: [string, unknown][] });

/** A value as JSON.stringify sees it: through its toJSON (a Date's ISO string), if it has one. */
function prepare(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON(k: string): unknown }).toJSON(key);
  }
  return v;
}

/** What JSON.stringify writes for a primitive (undefined for what it leaves out). */
function primitive(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': throw new TypeError('Do not know how to serialize a BigInt');
    default: return undefined; // undefined, function, symbol
  }
}

export function stringifyJson(root: unknown, indent = 2): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const seen = new Set<object>();
  const pad = (depth: number) => (depth <= MAX_INDENT_DEPTH ? '\n' + ' '.repeat(indent * depth) : '');
  const sep = (depth: number) => (depth <= MAX_INDENT_DEPTH ? ': ' : ':');
  // Writes a value; returns false when it is one JSON.stringify leaves out (object members only).
  const open = (v: unknown, depth: number): boolean => {
    const p = primitive(v);
    if (p !== undefined) { out.push(p); return true; }
    if (v === null || typeof v !== 'object') return false;
    if (seen.has(v)) throw new TypeError('Converting circular structure to JSON');
    if (Array.isArray(v)) {
      if (v.length === 0) { out.push('[]'); return true; }
      seen.add(v);
      out.push('[');
      stack.push({ kind: 'array', owner: v, items: v, i: 0, depth: depth + 1 });
      return true;
    }
    const entries = Object.keys(v).map((k) => [k, prepare((v as Record<string, unknown>)[k], k)] as [string, unknown])
      .filter(([, x]) => primitive(x) !== undefined || (x !== null && typeof x === 'object'));
    if (entries.length === 0) { out.push('{}'); return true; }
    seen.add(v);
    out.push('{');
    stack.push({ kind: 'object', owner: v, entries, i: 0, depth: depth + 1 });
    return true;
  };
  if (!open(prepare(root, ''), 0)) return '';
  while (stack.length) {
    const f = stack[stack.length - 1];
    const n = f.kind === 'array' ? f.items.length : f.entries.length;
    if (f.i >= n) {
      stack.pop();
      out.push(pad(f.depth - 1) + (f.kind === 'array' ? ']' : '}'));
      seen.delete(f.owner);
      continue;
    }
    if (f.i > 0) out.push(',');
    out.push(pad(f.depth));
    if (f.kind === 'array') {
      const v = prepare(f.items[f.i], String(f.i));
      f.i++;
      if (!open(v, f.depth)) out.push('null');
    } else {
      const [k, v] = f.entries[f.i++];
      out.push(JSON.stringify(k) + sep(f.depth));
      open(v, f.depth);
    }
  }
  return out.join('');
}
