/**
 * Text edits applied to a file's bytes (`check --fix`): the edits' ranges are positions in the text
 * the analysis read (the bytes decoded as UTF-8, an invalid sequence read as U+FFFD), and only the
 * bytes of those ranges change; every other byte stays as it was, invalid UTF-8 (a Latin-1 comment)
 * included. An edit whose own range holds an invalid sequence, or that starts or ends inside a
 * character, or that writes U+FFFD into a file holding invalid sequences (it may be one read back),
 * is refused with a reason, and the file is left alone.
 */
import type { TextEdit } from './model';
import { offsetAt, lineStarts } from './fixes/text';

/**
 * The bytes decoded as UTF-8 the way Buffer#toString and TextDecoder decode them (WHATWG: each
 * maximal invalid subpart is one U+FFFD), with where each UTF-16 code unit comes from.
 */
export interface DecodedBytes {
  text: string;
  /** byteAt[u]: the offset of the first byte of the character code unit u belongs to; byteAt[text.length] = bytes.length. */
  byteAt: Uint32Array;
  /** bad[u] = 1: code unit u is a U+FFFD standing for invalid bytes. mid[u] = 1: u is the second half of a surrogate pair. */
  bad: Uint8Array;
  mid: Uint8Array;
  /** Some bytes were not valid UTF-8. */
  invalid: boolean;
}

export function decodeWithOffsets(bytes: Uint8Array): DecodedBytes {
  const n = bytes.length;
  const byteAt = new Uint32Array(n + 1);
  const bad = new Uint8Array(n + 1);
  const mid = new Uint8Array(n + 1);
  const units: number[] = [];
  let invalid = false;
  const emit = (cp: number, start: number, error: boolean) => {
    if (error) invalid = true;
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      byteAt[units.length] = start;
      units.push(0xd800 + (v >> 10));
      byteAt[units.length] = start;
      mid[units.length] = 1;
      units.push(0xdc00 + (v & 0x3ff));
    } else {
      byteAt[units.length] = start;
      if (error) bad[units.length] = 1;
      units.push(cp);
    }
  };
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (needed === 0) {
      start = i;
      if (b <= 0x7f) emit(b, i, false);
      else if (b >= 0xc2 && b <= 0xdf) { needed = 1; cp = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) { if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; needed = 2; cp = b & 0xf; }
      else if (b >= 0xf0 && b <= 0xf4) { if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; needed = 3; cp = b & 0x7; }
      else emit(0xfffd, i, true);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one U+FFFD; this byte starts again.
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
      emit(0xfffd, start, true);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      emit(cp, start, false);
      needed = seen = cp = 0;
    }
  }
  if (needed) emit(0xfffd, start, true);
  byteAt[units.length] = n;
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.slice(i, i + 8192));
  return { text, byteAt: byteAt.subarray(0, units.length + 1), bad, mid, invalid };
}

/** Edits applied to bytes, or why not (nothing written then). */
export function applyEditsToBytes(bytes: Uint8Array, edits: TextEdit[]): Buffer | { refused: string } {
  const d = decodeWithOffsets(bytes);
  const starts = lineStarts(d.text);
  const spans = edits.map((e, i) => ({ start: offsetAt(d.text, e.range.start, starts), end: offsetAt(d.text, e.range.end, starts), newText: e.newText, i }));
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) return { refused: `overlapping edits at offset ${s.start}` };
    if (d.mid[s.start] || d.mid[s.end]) return { refused: 'an edit starts or ends inside a character' };
    for (let u = s.start; u < s.end; u++) if (d.bad[u]) return { refused: 'an edit covers bytes that are not valid UTF-8' };
    if (d.invalid && s.newText.includes('\ufffd')) return { refused: 'an edit writes U+FFFD into a file that is not valid UTF-8' };
    out.push(bytes.subarray(d.byteAt[at], d.byteAt[s.start]), Buffer.from(s.newText, 'utf8'));
    at = Math.max(at, s.end);
  }
  out.push(bytes.subarray(d.byteAt[at]));
  return Buffer.concat(out);
}
