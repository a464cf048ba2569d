/**
 * A statement that has the right actions on the wrong resource (analysis/placement.ts): its resource
 * replaced by the requirement's (issue #22 item 5), in the file's own idiom, instead of a second
 * statement. Offered when the statement's resource is one string written in the file (its location
 * known) and every action of the statement is one of the requirement's (a broader resource must
 * not widen other actions).
 */
import type { Fix, PolicyDocument, Role, Statement, TextEdit } from '../model';
import type { FixContext } from './index';
import { dataEditsFor, hclRefs, literalOf, renderHcl, renderLiteral, templateIdiom } from './idiom';
import { offsetAt, rangeOf } from './text';
import { ownRequestMessagesFor } from '../messages/own-requests';

export interface CorrectResourceRequest {
  kind: 'correct-resource';
  role: Role;
  /** The requirement's resource templates (`${partition}`, `${region}`, `${account}`, `${name}`). */
  resources: string[];
  /** The requirement's actions: a statement with any other action is not corrected (its resource would widen them). */
  actions: string[];
  /** Keep the statement's resource and add the requirement's (they do not cover it: a fix never narrows a grant). */
  keep?: boolean;
  statement: Statement;
  document: PolicyDocument;
}

export function correctResourceFixes(req: CorrectResourceRequest, ctx: FixContext): Fix[] {
  const st = req.statement;
  if (!st.resources || st.resources.kind !== 'items' || st.resources.items.length !== 1 || !req.resources.length) return [];
  const mine = new Set(req.actions.map((a) => a.toLowerCase()));
  if (!st.actions || st.actions.kind !== 'items' || !st.actions.items.every((a) => mine.has((literalOf(a) ?? '').toLowerCase()))) return [];
  const item = st.resources.items[0];
  const loc = item.loc;
  if (!loc || loc.range.start.line !== loc.range.end.line) return [];
  const text = ctx.getText(loc.file);
  if (text === undefined) return [];
  const start = offsetAt(text, loc.range.start);
  const end = offsetAt(text, loc.range.end);
  const old = text.slice(start, end);
  // Only a quoted string is replaced (a reference or a function call is left to the user).
  if (!/^"[^"\n]*"$/.test(old)) return [];
  let before = start - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  const inList = text[before] === '[' || text[before] === ',';
  let values: string[];
  // the data sources the references name that the module lacks (added with the fix)
  let dataEdits: TextEdit[] = [];
  const form = req.document.form;
  if (form === 'json-file' || form === 'heredoc-json' || form === 'json-string') {
    if (form === 'json-string') return [];
    // A templatefile() JSON: its own variables for the placement, as the string replaced may write them.
    const template = req.document.templateFile ? templateIdiom(text) : undefined;
    values = req.resources.map((t) => JSON.stringify(renderLiteral(t, ctx, req.role, { template }).value));
  } else {
    const refs = hclRefs(ctx, loc.file, req.role);
    values = req.resources.map((t) => {
      const r = renderHcl(t, refs);
      // a bare reference is written as a template, as the string it replaces
      return r.hcl.startsWith('"') ? r.hcl : `"${r.inner}"`;
    });
    // only those the values name (a resource written with literals needs none)
    dataEdits = dataEditsFor(refs, values.join('\n'));
  }
  const all = req.keep ? [old, ...values.filter((v) => v !== old)] : values;
  const newText = inList || all.length === 1 ? all.join(', ') : `[${all.join(', ')}]`;
  if (newText === old) return [];
  const m = ownRequestMessagesFor(ctx.settings.locale);
  return [{ title: req.keep ? m.fixAddResource(st.sid) : m.fixScope(st.sid), edits: [...dataEdits, { file: loc.file, range: rangeOf(text, start, end), newText }], preferred: true }];
}
