/** Fix-all: every finding's preferred fix, merged into one edit list per file. */
import type { Finding, Fix, TextEdit } from '../model';
import { editsOverlap, sameEdit } from './text';

/**
 * Takes each finding's preferred fix (else its first) and merges their edits per file. A fix that
 * overlaps an edit already taken is dropped as a whole (a second pass picks it up); an edit
 * identical to one already taken (e.g. the same `data` block added by two fixes) is taken once.
 */
export function mergeFixes(items: (Finding | Fix)[]): { byFile: Map<string, TextEdit[]>; applied: Fix[]; skipped: Fix[] } {
  const byFile = new Map<string, TextEdit[]>();
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const it of items) {
    const fix = 'edits' in it ? it : it.fixes.find((f) => f.preferred) ?? it.fixes[0];
    if (!fix || !fix.edits.length) continue;
    const taken = [...byFile.values()].flat();
    const fresh = fix.edits.filter((e) => !taken.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => taken.some((t) => editsOverlap(t, e)))) { skipped.push(fix); continue; }
    for (const e of fresh) {
      const list = byFile.get(e.file) ?? [];
      list.push(e);
      byFile.set(e.file, list);
    }
    applied.push(fix);
  }
  return { byFile, applied, skipped };
}
