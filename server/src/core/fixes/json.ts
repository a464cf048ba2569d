/** Fixes in JSON policies: `.json` files and heredoc JSON, edited with jsonc-parser. */
import { findNodeAtLocation, modify, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Fix, PolicyDocument, Role, Statement, TextEdit } from '../model';
import type { FixContext, FixRequest } from './index';
import { heredocBody } from './hcl-scan';
import { hclRefs, withDataEdits, renderHcl, renderLiteral, templateIdiom, type TemplateVars } from './idiom';
import { messagesFor } from '../messages';
import { chooseSid, completableCandidates, toAdd, missingActions, reqLabel, statementName, relatedStatement, type PermissionRequest } from './permission';
import { detectIndentUnit, eolOf, offsetAt, rangeOf } from './text';

interface Region {
  file: string;
  text: string;
  /** Offset of the JSON text in the file. */
  base: number;
  json: string;
  /** Heredoc: values may use HCL interpolation. */
  template: boolean;
  /** A templatefile() JSON: the variables it writes for partition/region/account (values use them, and escape `${`). */
  templateVars?: TemplateVars;
}

function regionOf(doc: PolicyDocument, ctx: FixContext): Region | undefined {
  if (!doc.loc) return undefined;
  const file = doc.loc.file;
  const text = ctx.getText(file);
  if (text === undefined) return undefined;
  if (doc.form === 'json-file') return { file, text, base: 0, json: text, template: false, ...(doc.templateFile ? { templateVars: templateIdiom(text) } : {}) };
  const start = offsetAt(text, doc.loc.range.start);
  // The location may point at the attribute, at the `<<EOF` itself, or into the heredoc's body.
  let body: ReturnType<typeof heredocBody>;
  const back = text.lastIndexOf('<<', start + 1);
  if (back >= 0) {
    const b = heredocBody(text, back);
    if (b && start <= b.end) body = b;
  }
  if (!body) {
    const h = text.indexOf('<<', start);
    if (h >= 0) body = heredocBody(text, h);
  }
  if (!body) return undefined;
  return { file, text, base: body.start, json: text.slice(body.start, body.end), template: true };
}

function fmt(r: Region) {
  const unit = detectIndentUnit(r.json);
  return {
    formattingOptions: { insertSpaces: unit !== '\t', tabSize: unit === '\t' ? 4 : unit.length, eol: eolOf(r.text) },
  };
}

function toEdits(r: Region, edits: { offset: number; length: number; content: string }[]): TextEdit[] {
  return edits.map((e) => ({ file: r.file, range: rangeOf(r.text, r.base + e.offset, r.base + e.offset + e.length), newText: e.content }));
}

/** Index of a statement in the JSON `Statement` array (by position, else Sid, else order). */
function statementIndex(r: Region, root: JsonNode, doc: PolicyDocument, st: Statement): number | undefined {
  const arr = findNodeAtLocation(root, ['Statement']);
  if (!arr || arr.type !== 'array' || !arr.children) return undefined;
  if (st.loc) {
    const off = offsetAt(r.text, st.loc.range.start) - r.base;
    const i = arr.children.findIndex((c) => c.offset <= off && off < c.offset + c.length);
    if (i >= 0) return i;
  }
  if (st.sid) {
    const i = arr.children.findIndex((c) => findNodeAtLocation(c, ['Sid'])?.value === st.sid);
    if (i >= 0) return i;
  }
  const i = doc.statements.indexOf(st);
  return i >= 0 && i < arr.children.length ? i : undefined;
}

function value(r: Region, tpl: string, ctx: FixContext, role: Role, ph: string[]): string {
  if (r.template) {
    const refs = hclRefs(ctx, r.file, role);
    const v = renderHcl(tpl, refs, { quoted: false });
    ph.push(...v.placeholders);
    return v.inner;
  }
  const v = renderLiteral(tpl, ctx, role, { template: r.templateVars });
  ph.push(...v.placeholders);
  return v.value;
}


export function jsonPermissionFixes(req: PermissionRequest, doc: PolicyDocument, ctx: FixContext): Fix[] {
  const r = regionOf(doc, ctx);
  if (!r) return [];
  const root = parseTree(r.json);
  if (!root) return [];
  const fixes: Fix[] = [];
  const missing = missingActions(req);
  for (const st of completableCandidates(doc, req)) {
    const add = toAdd(st, req);
    if (!add.length) continue;
    const i = statementIndex(r, root, doc, st);
    if (i === undefined) continue;
    const action = findNodeAtLocation(root, ['Statement', i, 'Action']);
    if (!action) continue;
    let json = r.json;
    let edits: { offset: number; length: number; content: string }[] = [];
    if (action.type === 'array') {
      // Sequential insertions, composed into one edit list against the original text.
      const all = modifyAll(json, add.map((a) => ({ path: ['Statement', i, 'Action', -1], value: a })), fmt(r));
      edits = all;
    } else if (action.type === 'string') {
      edits = modify(json, ['Statement', i, 'Action'], [action.value, ...add], fmt(r));
    }
    void json;
    if (!edits.length) continue;
    fixes.push({ title: messagesFor(ctx.settings.locale).fixAddToStatement(add, statementName(st, doc)), edits: toEdits(r, edits), preferred: true });
    break;
  }
  const arr = findNodeAtLocation(root, ['Statement']);
  if (arr?.type === 'array') {
    const ph: string[] = [];
    const stmt: Record<string, unknown> = {};
    const sid = chooseSid(doc, req);
    if (sid) stmt.Sid = sid;
    stmt.Effect = 'Allow';
    stmt.Action = req.requirement.actions;
    const res = req.requirement.resources.map((t) => value(r, t, ctx, req.role, ph));
    stmt.Resource = res.length === 1 ? res[0] : res;
    if (req.requirement.statementConditions?.length) {
      const cond: Record<string, Record<string, string | string[]>> = {};
      for (const c of req.requirement.statementConditions) {
        const vals = c.values.map((v) => value(r, v, ctx, req.role, ph));
        (cond[c.operator] ??= {})[c.key] = vals.length === 1 ? vals[0] : vals;
      }
      stmt.Condition = cond;
    }
    const related = relatedStatement(doc, req);
    const ri = related ? statementIndex(r, root, doc, related) : undefined;
    const at = ri !== undefined ? ri + 1 : arr.children?.length ?? 0;
    const edits = modify(r.json, ['Statement', at], stmt, { ...fmt(r), isArrayInsertion: true });
    const refs = r.template ? hclRefs(ctx, r.file, req.role) : undefined;
    const own = toEdits(r, edits);
    const all = withDataEdits(refs, own);
    fixes.push({
      title: messagesFor(ctx.settings.locale).fixInsertStatement({ actions: missing, label: reqLabel(req), withData: all.length > own.length, fill: [...new Set(ph)] }),
      edits: all,
    });
  }
  if (fixes.length === 1) fixes[0].preferred = true;
  return fixes;
}

/** Applies several modifications in sequence and returns one edit replacing the changed span. */
function modifyAll(json: string, mods: { path: (string | number)[]; value: unknown }[], opts: ReturnType<typeof fmt>) {
  let cur = json;
  for (const m of mods) {
    const e = modify(cur, m.path, m.value, { ...opts, isArrayInsertion: true });
    cur = applyJsonEdits(cur, e);
  }
  return diffEdit(json, cur);
}

export function applyJsonEdits(text: string, edits: { offset: number; length: number; content: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  for (const e of sorted) text = text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);
  return text;
}

/** One edit covering the difference between two texts (common prefix and suffix kept). */
export function diffEdit(a: string, b: string): { offset: number; length: number; content: string }[] {
  if (a === b) return [];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return [{ offset: p, length: a.length - p - s, content: b.slice(p, b.length - s) }];
}

export function jsonTrustFixes(req: Extract<FixRequest, { kind: 'trust-condition' }>, ctx: FixContext): Fix[] {
  const doc = req.document;
  const r = regionOf(doc, ctx);
  if (!r) return [];
  const root = parseTree(r.json);
  if (!root) return [];
  const ph: string[] = [];
  const mods: { path: (string | number)[]; value: unknown }[] = [];
  for (const st of req.statements) {
    const i = statementIndex(r, root, doc, st);
    if (i === undefined) continue;
    for (const key of req.conditionKeys) {
      const c = req.requirement.conditions.find((x) => x.key.toLowerCase() === key.toLowerCase());
      if (!c || (st.conditions ?? []).some((x) => x.key.toLowerCase() === key.toLowerCase())) continue;
      const vals = c.values.map((v) => value(r, v, ctx, req.role, ph));
      mods.push({ path: ['Statement', i, 'Condition', c.operator, c.key], value: vals.length === 1 ? vals[0] : vals });
    }
  }
  if (!mods.length) return [];
  let cur = r.json;
  for (const m of mods) cur = applyJsonEdits(cur, modify(cur, m.path, m.value, fmt(r)));
  const refs = r.template ? hclRefs(ctx, r.file, req.role) : undefined;
  return [
    {
      title: messagesFor(ctx.settings.locale).fixAddCondition(req.conditionKeys, [...new Set(ph)]),
      edits: withDataEdits(refs, toEdits(r, diffEdit(r.json, cur))),
      preferred: true,
    },
  ];
}
