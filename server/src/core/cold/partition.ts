/**
 * Splits a workspace into parts that can be analysed on their own: a root module's model depends
 * only on its files and those of the local modules it calls (core/terraform/model.ts planRoots).
 * Folders are joined when one may call the other, read from the text with a lexical scan of
 * `source = "./…"` / `"../…"` (Terraform requires a literal there). The scan may see calls that are
 * not (a `source` attribute of a resource, a comment): that only joins folders that could have been
 * apart. It never misses a local module call written as Terraform allows, so no root is ever
 * analysed without a module it calls, nor a called module taken for a root.
 */
import * as path from 'node:path';
import { isTerraformFile, TF_JSON_SUFFIX } from '../terraform/json-syntax';

const LOCAL_SOURCE = /\bsource\s*=\s*"(\.\.?\/[^"]*)"/g;
/** The same in Terraform's JSON syntax: `"source": "./modules/iam"`. */
const LOCAL_SOURCE_JSON = /"source"\s*:\s*"(\.\.?\/[^"]*)"/g;

/** The folders a Terraform file may call as local modules (absolute, normalised). */
export function scanLocalCalls(file: string, text: string): string[] {
  const dir = path.dirname(file);
  const out: string[] = [];
  for (const m of text.matchAll(file.endsWith(TF_JSON_SUFFIX) ? LOCAL_SOURCE_JSON : LOCAL_SOURCE)) out.push(path.normalize(path.join(dir, m[1])));
  return out;
}

/** What LOCAL_SOURCE needs in the bytes: `source`, and `"./` or `"../`. */
const SOURCE = Buffer.from('source');
const HERE = Buffer.from('"./');
const UP = Buffer.from('"../');

/**
 * scanLocalCalls of a file's bytes, decoded only when they hold what a local call needs (most files
 * do not, and the part that analyses a file reads it again as text); or of its text, scanned only
 * when it holds them (the same pieces: each is ASCII, which UTF-8 decodes to itself).
 */
export function scanLocalCallsIn(file: string, bytes: Buffer | string): string[] {
  if (typeof bytes === 'string') {
    if (!bytes.includes('source') || !(bytes.includes('"./') || bytes.includes('"../'))) return [];
    return scanLocalCalls(file, bytes);
  }
  if (!bytes.includes(SOURCE) || !(bytes.includes(HERE) || bytes.includes(UP))) return [];
  return scanLocalCalls(file, bytes.toString('utf8'));
}

export interface Part {
  files: string[];
  /** Bytes of text, to balance the parts given to each worker. */
  bytes: number;
}

/**
 * The parts: every file in exactly one, files of one folder together, folders that may call each
 * other together. `calls(file)` is only asked for Terraform files (`.tf`, `.tf.json`).
 */
export function partition(files: { file: string; size: number }[], calls: (file: string) => string[]): Part[] {
  const parent = new Map<string, string>();
  const find = (d: string): string => {
    let r = d;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let x = d; x !== r; ) { const n = parent.get(x)!; parent.set(x, r); x = n; }
    return r;
  };
  const union = (a: string, b: string) => { const ra = find(a); const rb = find(b); if (ra !== rb) parent.set(rb, ra); };
  for (const f of files) { const d = path.dirname(f.file); if (!parent.has(d)) parent.set(d, d); }
  for (const f of files) {
    if (!isTerraformFile(f.file)) continue;
    for (const c of calls(f.file)) if (parent.has(c)) union(path.dirname(f.file), c);
  }
  const parts = new Map<string, Part>();
  for (const f of files) {
    const r = find(path.dirname(f.file));
    let p = parts.get(r);
    if (!p) parts.set(r, (p = { files: [], bytes: 0 }));
    p.files.push(f.file);
    p.bytes += f.size;
  }
  return [...parts.values()];
}

/** The parts dealt to n workers, largest first to the least loaded (each list keeps the parts whole). */
export function deal(parts: Part[], n: number): Part[][] {
  const bins = Array.from({ length: Math.max(1, n) }, () => ({ parts: [] as Part[], bytes: 0 }));
  for (const p of [...parts].sort((a, b) => b.bytes - a.bytes)) {
    const bin = bins.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    bin.parts.push(p);
    bin.bytes += p.bytes;
  }
  return bins.map((b) => b.parts).filter((b) => b.length);
}
