/** Trust policies: add the missing aws:SourceAccount / aws:SourceArn conditions. */
import type { Fix, TextEdit } from '../model';
import type { FixContext, FixRequest } from './index';
import { bodyItems, matchClose, nextBrace } from './hcl-scan';
import { conditionBlock, renderBody } from './hcl-render';
import { hclRefs, renderHcl, withDataEdits } from './idiom';
import { messagesFor } from '../messages';
import { jsonTrustFixes } from './json';
import { jsonencodeTrustFixes } from './jsonencode';
import { detectIndentUnit, eolOf, lineIndentAt, offsetAt, rangeOf } from './text';

export type TrustRequest = Extract<FixRequest, { kind: 'trust-condition' }>;

export function trustFixes(req: TrustRequest, ctx: FixContext): Fix[] {
  const doc = req.document;
  if (!doc.loc) return [];
  if (doc.form === 'heredoc-json' || doc.form === 'json-file') return jsonTrustFixes(req, ctx);
  if (doc.form === 'jsonencode') return jsonencodeTrustFixes(req, ctx);
  if (doc.form !== 'policy-document') return [];
  const file = doc.loc.file;
  const text = ctx.getText(file);
  if (text === undefined) return [];
  const eol = eolOf(text);
  const unit = detectIndentUnit(text);
  const refs = hclRefs(ctx, file, req.role);
  const conds = req.conditionKeys
    .map((k) => req.requirement.conditions.find((c) => c.key.toLowerCase() === k.toLowerCase()))
    .filter((c): c is NonNullable<typeof c> => !!c);
  if (!conds.length) return [];
  const placeholders: string[] = [];
  const blocks = conds.map((c) =>
    conditionBlock({
      test: c.operator,
      variable: c.key,
      values: c.values.map((v) => {
        const r = renderHcl(v, refs);
        placeholders.push(...r.placeholders);
        return r.hcl;
      }),
    }),
  );
  const edits: TextEdit[] = [];
  for (const st of req.statements) {
    if (!st.loc) continue;
    const want = conds.map((c, i) => ({ c, b: blocks[i] })).filter(({ c }) => !(st.conditions ?? []).some((x) => x.key.toLowerCase() === c.key.toLowerCase()));
    if (!want.length) continue;
    const start = offsetAt(text, st.loc.range.start);
    const open = nextBrace(text, start);
    if (open < 0) continue;
    const close = matchClose(text, open);
    const items = bodyItems(text, open, close);
    const last = items[items.length - 1];
    const indent = last ? lineIndentAt(text, last.start) : lineIndentAt(text, start) + unit;
    const at = last ? (last.kind === 'block' ? last.close + 1 : last.valueEnd) : open + 1;
    const lines: string[] = [];
    for (const { b } of want) lines.push('', ...renderBody([b], indent, unit));
    if (!last) lines.shift();
    edits.push({ file, range: rangeOf(text, at, at), newText: eol + lines.join(eol) + (last ? '' : eol + lineIndentAt(text, start)) });
  }
  if (!edits.length) return [];
  const u = [...new Set(placeholders)];
  return [
    {
      title: messagesFor(ctx.settings.locale).fixAddCondition(conds.map((c) => c.key), u),
      edits: withDataEdits(refs, edits),
      preferred: true,
    },
  ];
}
