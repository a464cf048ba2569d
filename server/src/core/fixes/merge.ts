/** Fix-all: every finding's preferred fix, merged into one edit list per file. */
import type { Finding, Fix, Range, TextEdit } from '../model';
import { editsOverlap, lineStarts, offsetAt, sameEdit, sameRange } from './text';

/** The text a range of a file holds now (undefined when not known: such edits are never combined). */
export type TextAt = (file: string, range: Range) => string | undefined;

/**
 * Takes each finding's preferred fix (else its first) and merges their edits per file. A fix that
 * overlaps an edit already taken is dropped as a whole (a second pass picks it up); an edit
 * identical to one already taken (e.g. the same `data` block added by two fixes) is taken once.
 *
 * With `textAt`, two edits of the same range that both keep its text and append after it (a JSON
 * policy's last statement `}` replaced by `},\n{ ...new statement... }`, one per missing
 * requirement) are one edit: the first's text, then the second's addition. Without it, a file
 * missing five statements needed five passes of Fix all (each fix replaced that same `}`).
 */
export function mergeFixes(items: (Finding | Fix)[], textAt?: TextAt): { byFile: Map<string, TextEdit[]>; applied: Fix[]; skipped: Fix[] } {
  const byFile = new Map<string, TextEdit[]>();
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const it of items) {
    const fix = 'edits' in it ? it : it.fixes.find((f) => f.preferred) ?? it.fixes[0];
    if (!fix || !fix.edits.length) continue;
    const taken = [...byFile.values()].flat();
    const fresh = fix.edits.filter((e) => !taken.some((t) => sameEdit(t, e)));
    // Each fresh edit either overlaps nothing taken, or appends to exactly one taken edit of its range.
    const appends = new Map<TextEdit, TextEdit>(); // fresh -> the taken edit it appends to
    let clash = false;
    for (const e of fresh) {
      const over = taken.filter((t) => editsOverlap(t, e));
      if (!over.length) continue;
      const onto = over.length === 1 && textAt ? appendable(over[0], e, textAt) : undefined;
      if (onto === undefined) { clash = true; break; }
      appends.set(e, over[0]);
    }
    if (clash) { skipped.push(fix); continue; }
    for (const e of fresh) {
      const list = byFile.get(e.file) ?? [];
      const onto = appends.get(e);
      if (onto) {
        const kept = textAt!(e.file, e.range)!;
        list[list.indexOf(onto)] = { ...onto, newText: onto.newText + e.newText.slice(kept.length) };
      } else list.push(e);
      byFile.set(e.file, list);
    }
    applied.push(fix);
  }
  return { byFile, applied, skipped };
}

/** `t` when `t` and `e` replace the same non-empty range and both begin with its current text (each appends after it). */
function appendable(t: TextEdit, e: TextEdit, textAt: TextAt): TextEdit | undefined {
  if (t.file !== e.file || !sameRange(t.range, e.range)) return undefined;
  const kept = textAt(e.file, e.range);
  if (!kept) return undefined;
  return t.newText.startsWith(kept) && e.newText.startsWith(kept) && e.newText.length > kept.length ? t : undefined;
}

/** A TextAt over whole texts (`getText`: a file's text now, undefined when unknown), each file's line starts computed once. */
export function textAtOf(getText: (file: string) => string | undefined): TextAt {
  const seen = new Map<string, { text: string; starts: ReturnType<typeof lineStarts> } | null>();
  return (file, range) => {
    let t = seen.get(file);
    if (t === undefined) {
      const text = getText(file);
      t = text === undefined ? null : { text, starts: lineStarts(text) };
      seen.set(file, t);
    }
    if (!t) return undefined;
    return t.text.slice(offsetAt(t.text, range.start, t.starts), offsetAt(t.text, range.end, t.starts));
  };
}
