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

/** The longest run of text without quotes around an edit that sameLocalCalls reads (else it says no). */
const STRETCH_MAX = 4096;
const SPACE = /\s/;
const WORD = /\w/;

/**
 * Whether scanLocalCalls(file, text) is sure to find the calls scanLocalCalls(file, before) found,
 * when `text` is `before` with its characters `start`..`endA` replaced by `text`'s `start`..`endB`
 * (an edit of an open file, Workspace editSpan): typing in a role's name or a policy's action does
 * not scan the whole file again. False when it cannot tell (the caller scans).
 *
 * Why: every match of LOCAL_SOURCE holds exactly two quotes, `source`, blanks, `=` and blanks
 * before the first, the path between them. The edit (when neither its old nor its new characters
 * hold a quote) lies in a run of text without quotes, from the last quote before it to the first
 * after it. A match that reads a character of that run either starts in it (then the run holds
 * `source` after a character that is not a letter, digit or `_`, in one text or the other) or has
 * the quote before the run as its first quote (then
 * `source`, blanks, `=` and blanks end at that quote, the same in both texts). Without either, every
 * attempt of the scan reads the same characters in both texts, so it finds the same matches at the
 * same places, moved by the edit's length. Terraform JSON (another pattern) is always scanned.
 */
export function sameLocalCalls(file: string, before: string, text: string, start: number, endA: number, endB: number): boolean {
  if (file.endsWith(TF_JSON_SUFFIX)) return false;
  if (start < 0 || endA < start || endB < start || before.length - endA !== text.length - endB) return false;
  if (hasQuote(before, start, endA) || hasQuote(text, start, endB)) return false;
  const open = start > 0 ? text.lastIndexOf('"', start - 1) : -1;
  const next = text.indexOf('"', endB);
  const close = next < 0 ? text.length : next;
  if (close - open > STRETCH_MAX) return false;
  if (sourceAt(text, open + 1, close) || sourceAt(before, open + 1, close - endB + endA)) return false;
  return open < 0 || !endsWithSourceEquals(text, open);
}

/** Whether `source` begins a word in `text` between `from` and `to` (`resource` does not: LOCAL_SOURCE's word boundary). */
function sourceAt(text: string, from: number, to: number): boolean {
  const run = text.slice(from, to);
  for (let i = run.indexOf('source'); i !== -1; i = run.indexOf('source', i + 1)) {
    if (from + i === 0 || !WORD.test(text[from + i - 1])) return true;
  }
  return false;
}

function hasQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 34) return true;
  return false;
}

/** Whether the text before `at` ends with `source`, blanks, `=` and blanks (as LOCAL_SOURCE reads them, without the word boundary). */
function endsWithSourceEquals(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && SPACE.test(text[i])) i--;
  if (i < 0 || text[i] !== '=') return false;
  i--;
  while (i >= 0 && SPACE.test(text[i])) i--;
  return i >= 5 && text.startsWith('source', i - 5);
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
