/** An unknown action: replace the string with the suggested spelling, keeping its quotes. */
import type { Fix, Location } from '../model';
import type { FixContext } from './index';
import { offsetAt } from './text';
import { messagesFor } from '../messages';

export function replaceActionFixes(req: { loc: Location; suggestion: string }, ctx: FixContext): Fix[] {
  const text = ctx.getText(req.loc.file);
  if (text === undefined) return [];
  const s = offsetAt(text, req.loc.range.start);
  const e = offsetAt(text, req.loc.range.end);
  const written = text.slice(s, e);
  let range = req.loc.range;
  const old = written.replace(/^(["'])(.*)\1$/s, '$2');
  const m = /^(["'])(.*)\1$/s.exec(written);
  if (m) {
    // Keep the quotes: replace only the content.
    range = {
      start: { line: req.loc.range.start.line, character: req.loc.range.start.character + 1 },
      end: { line: req.loc.range.end.line, character: req.loc.range.end.character - 1 },
    };
    if (m[2] === req.suggestion) return [];
  } else if (written === req.suggestion) return [];
  return [{ title: messagesFor(ctx.settings.locale).fixReplaceAction(old, req.suggestion), edits: [{ file: req.loc.file, range, newText: req.suggestion }], preferred: true }];
}
