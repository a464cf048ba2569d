/**
 * A small HCL scanner for fixes: finds matching brackets, block bodies, attributes and list items
 * while skipping strings (with `${...}` templates), heredocs and comments. It never evaluates.
 */

const OPEN: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** From the index of an opening quote, returns the index just after the closing quote. */
export function skipString(text: string, i: number): number {
  i++;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') { i += 2; continue; }
    if (c === '"') return i + 1;
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (text[i - 1] === c && text[i - 2] !== c) { i += 2; continue; } // $${ escape
      i = skipBalanced(text, i + 2, '}');
      continue;
    }
    if (c === '\n') return i; // unterminated
    i++;
  }
  return i;
}

/** Skips a comment at i (hash, double slash or block comment); returns i unchanged when there is none. */
export function skipComment(text: string, i: number): number {
  const c = text[i];
  if (c === '#' || (c === '/' && text[i + 1] === '/')) {
    while (i < text.length && text[i] !== '\n') i++;
    return i;
  }
  if (c === '/' && text[i + 1] === '*') {
    const e = text.indexOf('*/', i + 2);
    return e < 0 ? text.length : e + 2;
  }
  return i;
}

/** Skips a heredoc starting at `<<`; returns i unchanged when there is none. */
export function skipHeredoc(text: string, i: number): number {
  const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
  if (!m) return i;
  let p = i + m[0].length;
  while (p < text.length) {
    let e = text.indexOf('\n', p);
    if (e < 0) e = text.length;
    if (text.slice(p, e).replace(/\r$/, '').trim() === m[2]) return e;
    p = e + 1;
  }
  return text.length;
}

/** Heredoc body span (content between the opening line and the marker line), if i is at `<<`. */
export function heredocBody(text: string, i: number): { start: number; end: number; marker: string; indented: boolean } | undefined {
  const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
  if (!m) return undefined;
  const start = i + m[0].length;
  let p = start;
  while (p < text.length) {
    let e = text.indexOf('\n', p);
    if (e < 0) e = text.length;
    if (text.slice(p, e).replace(/\r$/, '').trim() === m[2]) return { start, end: p, marker: m[2], indented: m[1] === '-' };
    p = e + 1;
  }
  return undefined;
}

/** Scans from i to the closer at depth 0; returns the index just after it (or text.length). */
export function skipBalanced(text: string, i: number, closer: string): number {
  while (i < text.length) {
    const c = text[i];
    if (c === closer) return i + 1;
    if (c === '"') { i = skipString(text, i); continue; }
    const k = skipComment(text, i);
    if (k !== i) { i = k; continue; }
    if (c === '<' && text[i + 1] === '<') {
      const h = skipHeredoc(text, i);
      if (h !== i) { i = h; continue; }
    }
    if (OPEN[c]) { i = skipBalanced(text, i + 1, OPEN[c]); continue; }
    i++;
  }
  return i;
}

/** Index of the bracket that closes the one at `open` (index of the closer itself). */
export function matchClose(text: string, open: number): number {
  return skipBalanced(text, open + 1, OPEN[text[open]]) - 1;
}

export interface HclAttr {
  kind: 'attr';
  name: string;
  /** Start of the name. */
  start: number;
  eq: number;
  valueStart: number;
  /** End of the value expression (exclusive, trailing spaces/comments excluded). */
  valueEnd: number;
}

export interface HclBlock {
  kind: 'block';
  type: string;
  labels: string[];
  start: number;
  open: number;
  close: number;
}

export type HclItem = HclAttr | HclBlock;

/** The items of a block body between `open` (index of `{`) and its matching `}`. */
export function bodyItems(text: string, open: number, close = matchClose(text, open)): HclItem[] {
  const items: HclItem[] = [];
  let i = open + 1;
  while (i < close) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',') { i++; continue; }
    const k = skipComment(text, i);
    if (k !== i) { i = k; continue; }
    let id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 200));
    let keyLen = id ? id[0].length : 0;
    if (!id && c === '"') {
      const e = skipString(text, i);
      id = [text.slice(i + 1, e - 1)] as unknown as RegExpExecArray;
      keyLen = e - i;
    }
    if (!id) { i = skipToLineEnd(text, i, close); continue; }
    const start = i;
    let p = i + keyLen;
    while (text[p] === ' ' || text[p] === '\t') p++;
    if ((text[p] === '=' && text[p + 1] !== '=') || text[p] === ':') {
      const eq = p;
      p++;
      while (text[p] === ' ' || text[p] === '\t') p++;
      const valueStart = p;
      const valueEnd = exprEnd(text, p, close);
      items.push({ kind: 'attr', name: id[0], start, eq, valueStart, valueEnd });
      i = valueEnd;
      continue;
    }
    const labels: string[] = [];
    while (p < close && text[p] !== '{' && text[p] !== '\n') {
      if (text[p] === '"') { const e = skipString(text, p); labels.push(text.slice(p + 1, e - 1)); p = e; continue; }
      const l = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(p, p + 200));
      if (l) { labels.push(l[0]); p += l[0].length; continue; }
      p++;
    }
    if (text[p] === '{') {
      const bc = matchClose(text, p);
      items.push({ kind: 'block', type: id[0], labels, start, open: p, close: bc });
      i = bc + 1;
      continue;
    }
    i = skipToLineEnd(text, i, close);
  }
  return items;
}

function skipToLineEnd(text: string, i: number, limit: number): number {
  while (i < limit && text[i] !== '\n') i++;
  return i;
}

/** End of an attribute value: the end of its last token on the line where depth returns to 0. */
export function exprEnd(text: string, i: number, limit: number): number {
  let lastTok = i;
  while (i < limit) {
    const c = text[i];
    if (c === '\n') break;
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' || (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) {
      const k = skipComment(text, i);
      if (text[i + 1] === '*' && text.slice(i, k).includes('\n')) { i = k; continue; }
      i = k;
      continue;
    }
    if (c === '"') { i = skipString(text, i); lastTok = i; continue; }
    if (c === '<' && text[i + 1] === '<') {
      const h = skipHeredoc(text, i);
      if (h !== i) { i = h; lastTok = i; continue; }
    }
    if (OPEN[c]) { i = skipBalanced(text, i + 1, OPEN[c]); lastTok = i; continue; }
    if (c === '}' || c === ']' || c === ')') break;
    if (c === ',') break;
    i++;
    lastTok = i;
  }
  return lastTok;
}

export interface ListItem { start: number; end: number; comma?: number }

/** Items of a list `[ ... ]` at `open` (the `[`): each item's span and its trailing comma. */
export function listItems(text: string, open: number): { items: ListItem[]; close: number } {
  const close = matchClose(text, open);
  const items: ListItem[] = [];
  let i = open + 1;
  while (i < close) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { i++; continue; }
    const k = skipComment(text, i);
    if (k !== i) { i = k; continue; }
    if (c === ',') { if (items.length) items[items.length - 1].comma = i; i++; continue; }
    const end = exprEnd(text, i, close);
    items.push({ start: i, end: Math.max(end, i + 1) });
    i = Math.max(end, i + 1);
  }
  return { items, close };
}

/** Finds the next `{` at or after i (skipping a leading block type and labels). */
export function nextBrace(text: string, i: number, ch = '{'): number {
  while (i < text.length && text[i] !== ch) {
    if (text[i] === '"') { i = skipString(text, i); continue; }
    i++;
  }
  return i < text.length ? i : -1;
}
