/** Text utilities for fixes: positions <-> offsets, line endings, indentation, applying edits. */
import type { Position, Range, TextEdit } from '../model';

/**
 * The line starts of the last two texts asked for: a keystroke asks for the edited file's in the
 * parse and again in the analysis. Two, so that it keeps no more versions of an edited file alive
 * than the analysis does (test/unit/index/retention.test.ts).
 */
const recent: { text: string; starts: LineStarts }[] = [];
const RECENT = 2;

/** Offsets where lines start, ascending; read-only (the same array is handed to every reader of a text). */
export type LineStarts = { readonly length: number; readonly [line: number]: number };

/**
 * Where each line starts, lines ending at line feeds (a `\r\n` line keeps its `\r`). By the native
 * search, counted first and then written to a typed array: an array grown by push allocated about
 * 80 KB per keystroke in a 3,000-line file, this 12 KB. The same array for the same text while it
 * is among the last few asked for.
 */
export function lineStarts(text: string): LineStarts {
  for (const r of recent) if (r.text === text) return r.starts;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  const starts = new Uint32Array(n);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  remember(text, starts);
  return starts;
}

function remember(text: string, starts: LineStarts): void {
  if (recent.unshift({ text, starts }) > RECENT) recent.pop();
}

/** How many of `starts` are at most `offset`. */
function atMost(starts: LineStarts, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lineStarts(text) when `text` is `before` with its characters `start`..`endA` replaced by `text`'s
 * `start`..`endB` (an edit in an editor), made from `before`'s line starts while they are among the
 * last asked for (the previous version of an edited file): the starts before the edit as they were,
 * those of the line feeds typed, those after it moved by the edit's length. A keystroke in a
 * 3,000-line file copies 3,000 numbers instead of searching 80 KB twice. Falls back to lineStarts.
 */
export function lineStartsAfterEdit(before: string, text: string, start: number, endA: number, endB: number): LineStarts {
  let old: LineStarts | undefined;
  for (const r of recent) {
    if (r.text === text) return r.starts;
    if (old === undefined && r.text === before) old = r.starts;
  }
  if (!old || start < 0 || endA < start || endB < start || endA > before.length || endB > text.length || before.length - endA !== text.length - endB) return lineStarts(text);
  const keep = atMost(old, start);
  const from = atMost(old, endA);
  let typed = 0;
  for (let i = start; i < endB; i++) if (text.charCodeAt(i) === 10) typed++;
  const starts = new Uint32Array(keep + typed + old.length - from);
  let k = 0;
  for (; k < keep; k++) starts[k] = old[k];
  for (let i = start; i < endB; i++) if (text.charCodeAt(i) === 10) starts[k++] = i + 1;
  const delta = endB - endA;
  for (let i = from; i < old.length; i++) starts[k++] = old[i] + delta;
  remember(text, starts);
  return starts;
}

/**
 * `text.slice(start, end)` as a string of its own. V8 may answer a slice with a view into the whole
 * text; a slice kept (a memo entry, a line read recorded in a cache) would keep every earlier
 * version of an edited file alive, and every young-generation collection would copy them. A slice
 * of fewer than 13 characters is a copy already (V8 makes views only from 13 on).
 */
export function ownCopy(text: string, start = 0, end = text.length): string {
  return end - start < 13 ? text.slice(start, end) : (' ' + text.slice(start, end)).slice(1);
}

export function offsetAt(text: string, pos: Position, starts: LineStarts = lineStarts(text)): number {
  if (pos.line >= starts.length) return text.length;
  const lineStart = starts[pos.line];
  const next = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  return Math.min(lineStart + Math.max(0, pos.character), next);
}

export function positionAt(text: string, offset: number, starts: LineStarts = lineStarts(text)): Position {
  // the last line starting at or before the offset (line 0 for an offset before the text)
  const line = Math.max(0, atMost(starts, offset) - 1);
  return { line, character: offset - starts[line] };
}

export function rangeOf(text: string, start: number, end: number): Range {
  const starts = lineStarts(text);
  return { start: positionAt(text, start, starts), end: positionAt(text, end, starts) };
}

/** The file's line ending: CRLF when the file already uses it. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Leading whitespace of the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = s;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}

export function lineStartOf(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  return s;
}

/** The indentation unit a file uses (two spaces when it cannot tell). */
export function detectIndentUnit(text: string): string {
  const counts = new Map<string, number>();
  let prev = '';
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const ind = /^[ \t]*/.exec(line)![0];
    if (ind.startsWith('\t')) counts.set('\t', (counts.get('\t') ?? 0) + 1);
    else if (ind.length > prev.length && !prev.includes('\t')) {
      const d = ind.length - prev.length;
      if (d >= 1 && d <= 8) counts.set(' '.repeat(d), (counts.get(' '.repeat(d)) ?? 0) + 1);
    }
    prev = ind;
  }
  let best = '  ';
  let n = 0;
  for (const [k, v] of counts) if (v > n) { best = k; n = v; }
  return best;
}

/** Converts `\n` in generated text to the file's line ending. */
export function withEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\r?\n/g, eol);
}

function cmpPos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Applies non-overlapping edits to one text (edits at the same position are applied in order). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits.map((e, i) => ({
    start: offsetAt(text, e.range.start, starts),
    end: offsetAt(text, e.range.end, starts),
    newText: e.newText,
    i,
  }));
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) throw new Error(`applyEdits: overlapping edits at offset ${s.start}`);
    out += text.slice(at, s.start) + s.newText;
    at = Math.max(at, s.end);
  }
  return out + text.slice(at);
}

/** Whether two edits of one file conflict (overlap, or an insertion strictly inside a replaced span). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  const aEmpty = cmpPos(a.range.start, a.range.end) === 0;
  const bEmpty = cmpPos(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return false;
  if (aEmpty) return cmpPos(b.range.start, a.range.start) < 0 && cmpPos(a.range.start, b.range.end) < 0;
  if (bEmpty) return cmpPos(a.range.start, b.range.start) < 0 && cmpPos(b.range.start, a.range.end) < 0;
  return cmpPos(a.range.start, b.range.end) < 0 && cmpPos(b.range.start, a.range.end) < 0;
}

/** Whether two ranges start and end at the same positions. */
export function sameRange(a: Range, b: Range): boolean {
  return cmpPos(a.start, b.start) === 0 && cmpPos(a.end, b.end) === 0;
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && a.newText === b.newText && sameRange(a.range, b.range);
}
