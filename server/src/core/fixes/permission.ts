/** Missing permission: complete a statement that has the right scope, or insert the official one. */
import type { Condition, Fix, PolicyDocument, RequirementCondition, Statement, SymStr, TextEdit } from '../model';
import type { FixContext, FixRequest } from './index';
import { bodyItems, listItems, matchClose, nextBrace, type HclAttr } from './hcl-scan';
import { renderStatementBlock } from './hcl-render';
import { dataEditsFor, hclRefs, literalOf, renderHcl, symEqual } from './idiom';
import { detectIndentUnit, eolOf, lineIndentAt, offsetAt, rangeOf } from './text';
import { jsonPermissionFixes } from './json';
import { jsonencodePermissionFixes } from './jsonencode';
import { messagesFor, type Messages } from '../messages';

export type PermissionRequest = Extract<FixRequest, { kind: 'permission' }>;

export function reqLabel(req: PermissionRequest): string {
  const kind = req.role.components[0]?.kind ?? req.requirement.roleKinds[0] ?? '';
  const short = req.requirement.id.includes('.') ? req.requirement.id.slice(req.requirement.id.indexOf('.') + 1) : req.requirement.id;
  return `${kind} ${short}`.trim();
}

export function missingActions(req: PermissionRequest): string[] {
  return req.result.actions?.length ? req.result.actions : req.requirement.actions;
}

function condEqual(have: Condition[], want: RequirementCondition[] | undefined): boolean {
  const w = want ?? [];
  if (have.length !== w.length) return false;
  return w.every((rc) =>
    have.some(
      (c) =>
        c.operator === rc.operator &&
        c.key.toLowerCase() === rc.key.toLowerCase() &&
        c.values.kind === 'items' &&
        c.values.items.length === rc.values.length &&
        rc.values.every((v) => c.values.kind === 'items' && c.values.items.some((s) => literalOf(s) === v)),
    ),
  );
}

/** A statement the missing actions can be added to: same scope, same conditions, plain Allow. */
export function isCompletable(st: Statement, req: PermissionRequest): boolean {
  if (st.opaque || st.effect !== 'Allow' || st.notActions || st.notResources || st.notPrincipals) return false;
  if (!st.actions || st.actions.kind !== 'items' || !st.resources || st.resources.kind !== 'items') return false;
  if (!condEqual(st.conditions ?? [], req.requirement.statementConditions)) return false;
  const have = st.resources.items;
  const want: SymStr[] = req.resources;
  if (have.length !== want.length) return false;
  return want.every((w) => have.some((h) => symEqual(h, w))) && have.every((h) => want.some((w) => symEqual(h, w)));
}

/**
 * Statements the missing actions can be added to, in the document's order: completable ones that
 * already grant an action of the same service (adding `xray:*` to an `ecr:` statement would be
 * valid IAM but not the file's idiom).
 */
export function completableCandidates(doc: PolicyDocument, req: PermissionRequest): Statement[] {
  const svc = services(req.requirement.actions);
  return doc.statements.filter(
    (s) => isCompletable(s, req) && s.actions?.kind === 'items' && s.actions.items.some((a) => svc.has((literalOf(a) ?? '').split(':')[0].toLowerCase())),
  );
}

function services(actions: string[]): Set<string> {
  return new Set(actions.map((a) => a.split(':')[0].toLowerCase()));
}

/** The statement a new statement goes after: the last one that shares a service with the requirement. */
export function relatedStatement(doc: PolicyDocument, req: PermissionRequest): Statement | undefined {
  const svc = services(req.requirement.actions);
  const withLoc = doc.statements.filter((s) => s.loc);
  const related = withLoc.filter((s) => s.actions?.kind === 'items' && s.actions.items.some((a) => svc.has((literalOf(a) ?? '').split(':')[0].toLowerCase())));
  return related[related.length - 1] ?? withLoc[withLoc.length - 1];
}

export function statementName(st: Statement, doc: PolicyDocument): string {
  return st.sid ? `"${st.sid}"` : `#${doc.statements.indexOf(st) + 1}`;
}

/** A Sid for a new statement: the requirement's own, else one derived from its actions when the document uses Sids. */
export function chooseSid(doc: PolicyDocument, req: PermissionRequest): string | undefined {
  const taken = new Set(doc.statements.map((s) => s.sid).filter(Boolean));
  let base = req.requirement.sid;
  if (!base) {
    const withSid = doc.statements.filter((s) => s.sid).length;
    if (!doc.statements.length || withSid * 2 < doc.statements.length) return undefined;
    const a = req.requirement.actions[0] ?? 'Statement';
    const [svc, act] = a.split(':');
    base = (svc ?? '').split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') + (act ?? '').replace(/\*/g, '');
  }
  let sid = base;
  for (let n = 2; taken.has(sid); n++) sid = `${base}${n}`;
  return sid;
}


/** Actions a statement already lists (literally). */
export function listedActions(st: Statement): Set<string> {
  return new Set(st.actions?.kind === 'items' ? st.actions.items.map((a) => literalOf(a)?.toLowerCase()).filter((a): a is string => !!a) : []);
}

/** The document already holds the official statement (same scope, every action): nothing to write. */
export function alreadyWritten(doc: PolicyDocument, req: PermissionRequest): boolean {
  return doc.statements.some((s) => isCompletable(s, req) && req.requirement.actions.every((a) => listedActions(s).has(a.toLowerCase())));
}

/** The missing actions a statement does not list yet. */
export function toAdd(st: Statement, req: PermissionRequest): string[] {
  const have = listedActions(st);
  return missingActions(req).filter((a) => !have.has(a.toLowerCase()));
}

export function permissionFixes(req: PermissionRequest, ctx: FixContext): Fix[] {
  const doc = req.document ?? req.role.policies.find((p) => p.attachment === 'inline' || p.attachment === 'managed')?.document;
  if (!doc || !doc.loc) return [];
  // Idempotence: a second application writes nothing.
  if (alreadyWritten(doc, req)) return [];
  // An explicit Deny wins over any Allow: writing the official statement would not fix it.
  if (req.result.denying?.length) return [];
  if (doc.form === 'policy-document') return policyDocumentFixes(req, doc, ctx);
  if (doc.form === 'heredoc-json' || doc.form === 'json-file') return jsonPermissionFixes(req, doc, ctx);
  if (doc.form === 'jsonencode') return jsonencodePermissionFixes(req, doc, ctx);
  return [];
}

/** Edits that append actions to an HCL list `[ ... ]` at `open`, in the list's own layout. */
export function appendToList(file: string, text: string, open: number, values: string[]): TextEdit | undefined {
  const { items, close } = listItems(text, open);
  const eol = eolOf(text);
  if (!items.length) {
    return { file, range: rangeOf(text, open + 1, close), newText: values.join(', ') };
  }
  const last = items[items.length - 1];
  const multiline = /\n/.test(text.slice(open, close));
  if (!multiline) {
    if (last.comma !== undefined) return { file, range: rangeOf(text, last.comma + 1, last.comma + 1), newText: ' ' + values.join(', ') + ',' };
    return { file, range: rangeOf(text, last.end, last.end), newText: ', ' + values.join(', ') };
  }
  const ind = lineIndentAt(text, last.start);
  if (last.comma !== undefined) {
    return { file, range: rangeOf(text, last.comma + 1, last.comma + 1), newText: values.map((v) => eol + ind + v + ',').join('') };
  }
  return { file, range: rangeOf(text, last.end, last.end), newText: ',' + values.map((v) => eol + ind + v).join(',') };
}

export function statementSpan(text: string, st: Statement): { open: number; close: number; start: number } | undefined {
  if (!st.loc) return undefined;
  const start = offsetAt(text, st.loc.range.start);
  const open = nextBrace(text, start);
  if (open < 0) return undefined;
  return { start, open, close: matchClose(text, open) };
}

function policyDocumentFixes(req: PermissionRequest, doc: PolicyDocument, ctx: FixContext): Fix[] {
  const file = doc.loc!.file;
  const text = ctx.getText(file);
  if (text === undefined) return [];
  const eol = eolOf(text);
  const fixes: Fix[] = [];
  const missing = missingActions(req);
  const label = reqLabel(req);
  const m = messagesFor(ctx.settings.locale);

  // 1. Complete a statement that already has the requirement's scope.
  for (const st of completableCandidates(doc, req)) {
    if (!st.loc) continue;
    const span = statementSpan(text, st);
    if (!span) continue;
    const attr = bodyItems(text, span.open, span.close).find((i): i is HclAttr => i.kind === 'attr' && i.name === 'actions');
    if (!attr || text[attr.valueStart] !== '[') continue;
    const add = toAdd(st, req);
    if (!add.length) continue;
    const edit = appendToList(file, text, attr.valueStart, add.map((a) => JSON.stringify(a)));
    if (!edit) continue;
    fixes.push({ title: m.fixAddToStatement(add, statementName(st, doc)), edits: [edit], preferred: true });
    break;
  }

  // 2. Insert the official statement after the related one.
  const refs = hclRefs(ctx, file, req.role);
  const rendered = req.requirement.resources.map((r) => renderHcl(r, refs));
  const placeholders = rendered.flatMap((r) => r.placeholders);
  const related = relatedStatement(doc, req);
  const unit = detectIndentUnit(text);
  let at: number;
  let indent: string;
  let prefix: string;
  const span = related ? statementSpan(text, related) : undefined;
  if (span) {
    at = span.close + 1;
    indent = lineIndentAt(text, span.start);
    prefix = eol + eol;
  } else {
    const dstart = offsetAt(text, doc.loc!.range.start);
    const dopen = nextBrace(text, dstart);
    if (dopen < 0) return fixes;
    const dclose = matchClose(text, dopen);
    let p = dclose;
    while (p > dopen + 1 && /\s/.test(text[p - 1])) p--;
    at = p;
    indent = lineIndentAt(text, dstart) + unit;
    prefix = p === dopen + 1 ? eol : eol + eol;
    if (p === dopen + 1) {
      // Empty body `{}`: the block needs its closing brace on its own line.
      const lines = renderStatementBlock(specOf(req, doc, rendered.map((r) => r.hcl), refs), indent, unit);
      fixes.push(insertFix(req, file, text, at, prefix + lines.join(eol) + eol + lineIndentAt(text, dstart), refs, missing, label, placeholders, m));
      return fixes;
    }
  }
  const lines = renderStatementBlock(specOf(req, doc, rendered.map((r) => r.hcl), refs), indent, unit);
  fixes.push(insertFix(req, file, text, at, prefix + lines.join(eol), refs, missing, label, placeholders, m));
  if (fixes.length === 1) fixes[0].preferred = true;
  return fixes;
}

function specOf(req: PermissionRequest, doc: PolicyDocument, resources: string[], refs: ReturnType<typeof hclRefs>) {
  return {
    sid: chooseSid(doc, req),
    effect: 'Allow' as const,
    actions: req.requirement.actions,
    resources,
    conditions: (req.requirement.statementConditions ?? []).map((c) => ({
      test: c.operator,
      variable: c.key,
      values: c.values.map((v) => renderHcl(v, refs).hcl),
    })),
  };
}

function insertFix(req: PermissionRequest, file: string, text: string, at: number, newText: string, refs: ReturnType<typeof hclRefs>, missing: string[], label: string, ph: string[], m: Messages): Fix {
  void req;
  // the data sources the statement names (none when it writes the placement as text)
  const dataEdits = dataEditsFor(refs, newText);
  return {
    title: m.fixInsertStatement({ actions: missing, label, withData: dataEdits.length > 0, fill: [...new Set(ph)] }),
    edits: [...dataEdits, { file, range: rangeOf(text, at, at), newText }],
  };
}
