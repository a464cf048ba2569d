/**
 * A statement that has the right actions on the wrong resource (analysis/placement.ts): its resource
 * replaced by the requirement's (issue #22 item 5), in the file's own idiom, instead of a second
 * statement; or, when it grants something the requirement does not cover (`keep`), the requirement's
 * added beside it, also to a list of resources or a reference. Offered when every resource of the
 * statement is written on one line of the file and every action of the statement is one of the
 * requirement's (a broader resource must not widen other actions).
 */
import type { Fix, PolicyDocument, Role, Statement, TextEdit } from '../model';
import type { FixContext } from './index';
import { dataEditsFor, hclRefs, literalOf, renderHcl, renderLiteral, templateIdiom } from './idiom';
import { offsetAt, rangeOf } from './text';
import { appendToList } from './permission';
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
  if (!st.resources || st.resources.kind !== 'items' || !st.resources.items.length || !req.resources.length) return [];
  const mine = new Set(req.actions.map((a) => a.toLowerCase()));
  if (!st.actions || st.actions.kind !== 'items' || !st.actions.items.every((a) => mine.has((literalOf(a) ?? '').toLowerCase()))) return [];
  const items = st.resources.items;
  // every resource written on one line of one file (a list of them, or one)
  const locs = items.map((x) => x.loc);
  const file = locs[0]?.file;
  if (!file || locs.some((l) => !l || l.file !== file || l.range.start.line !== l.range.end.line)) return [];
  const text = ctx.getText(file);
  if (text === undefined) return [];
  const spans = locs.map((l) => ({ start: offsetAt(text, l!.range.start), end: offsetAt(text, l!.range.end) }));
  const olds = spans.map((x) => text.slice(x.start, x.end));
  const rendered = renderValues(req, ctx, file, text);
  if (!rendered) return [];
  const { values, dataEdits } = rendered;
  const m = ownRequestMessagesFor(ctx.settings.locale);
  if (items.length > 1) {
    // A list: the requirement's resources added after the statement's own (kept: a fix never narrows a grant).
    if (!req.keep) return [];
    const open = beforeSpace(text, spans[0].start);
    if (text[open] !== '[') return [];
    const add = values.filter((v) => !olds.includes(v));
    const edit = add.length ? appendToList(file, text, open, add) : undefined;
    return edit ? [{ title: m.fixAddResource(st.sid), edits: [...dataEdits, edit], preferred: true }] : [];
  }
  const [{ start, end }] = spans;
  const old = olds[0];
  // A quoted string is replaced; any other expression (a reference, a call) only kept beside the requirement's.
  if (!/^"[^"\n]*"$/.test(old) && !req.keep) return [];
  const before = beforeSpace(text, start);
  const inList = text[before] === '[' || text[before] === ',';
  const all = req.keep ? [old, ...values.filter((v) => v !== old)] : values;
  const newText = inList || all.length === 1 ? all.join(', ') : `[${all.join(', ')}]`;
  if (newText === old) return [];
  return [{ title: req.keep ? m.fixAddResource(st.sid) : m.fixScope(st.sid), edits: [...dataEdits, { file, range: rangeOf(text, start, end), newText }], preferred: true }];
}

/** The offset of the last character before `at` that is not white space (-1 when none). */
function beforeSpace(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/** The requirement's resources as the statement's file writes them, and the data sources they name that the module lacks. */
function renderValues(req: CorrectResourceRequest, ctx: FixContext, file: string, text: string): { values: string[]; dataEdits: TextEdit[] } | undefined {
  const form = req.document.form;
  if (form === 'json-string') return undefined;
  if (form === 'json-file' || form === 'heredoc-json') {
    // A templatefile() JSON: its own variables for the placement, as the string replaced may write them.
    const template = req.document.templateFile ? templateIdiom(text) : undefined;
    return { values: req.resources.map((t) => JSON.stringify(renderLiteral(t, ctx, req.role, { template }).value)), dataEdits: [] };
  }
  const refs = hclRefs(ctx, file, req.role);
  const values = req.resources.map((t) => {
    const r = renderHcl(t, refs);
    // a bare reference is written as a template, as the string it replaces
    return r.hcl.startsWith('"') ? r.hcl : `"${r.inner}"`;
  });
  // only those the values name (a resource written with literals needs none)
  return { values, dataEdits: dataEditsFor(refs, values.join('\n')) };
}
