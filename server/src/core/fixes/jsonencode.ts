/** Fixes inside `jsonencode({...})`: HCL objects in the same quoting and layout as their neighbours. */
import type { Fix, PolicyDocument, Statement, TextEdit } from '../model';
import type { FixContext, FixRequest } from './index';
import { bodyItems, matchClose, nextBrace, type HclAttr, type HclItem } from './hcl-scan';
import { renderBody, type HclLine } from './hcl-render';
import { dataEditsFor, hclRefs, renderHcl, withDataEdits, type Refs } from './idiom';
import { messagesFor } from '../messages';
import { appendToList, chooseSid, completableCandidates, toAdd, missingActions, reqLabel, relatedStatement, statementName, type PermissionRequest } from './permission';
import { detectIndentUnit, eolOf, lineIndentAt, lineStartOf, offsetAt, rangeOf } from './text';

interface Style {
  quoted: boolean;
  sep: '=' | ':';
  commas: boolean;
}

function objSpan(text: string, st: Statement): { open: number; close: number } | undefined {
  if (!st.loc) return undefined;
  const open = nextBrace(text, offsetAt(text, st.loc.range.start));
  if (open < 0) return undefined;
  return { open, close: matchClose(text, open) };
}

function styleOf(text: string, open: number, close: number): Style {
  const items = bodyItems(text, open, close).filter((i): i is HclAttr => i.kind === 'attr');
  const first = items[0];
  const quoted = first ? text[first.start] === '"' : false;
  const sep = first && text[first.eq] === ':' ? ':' : '=';
  const commas = items.length > 1 && items.slice(0, -1).every((i) => /^[ \t]*,/.test(text.slice(i.valueEnd, i.valueEnd + 5)));
  return { quoted, sep, commas };
}

function hdr(k: string, s: Style): string {
  return s.sep === ':' ? `${k}:` : `${k} =`;
}

function key(k: string, s: Style): string {
  return s.quoted || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? JSON.stringify(k) : k;
}

/** Adds trailing commas after every attribute that another attribute follows. */
function addCommas(lines: string[]): string[] {
  return lines.map((l, i) => {
    const t = l.trim();
    if (!t || t.endsWith('{') || t.endsWith('[') || t.endsWith(',')) return l;
    const next = lines.slice(i + 1).find((x) => x.trim());
    if (!next) return l;
    const n = next.trim();
    if (n.startsWith('}') || n.startsWith(']')) return l;
    return l + ',';
  });
}

function render(lines: HclLine[], indent: string, unit: string, s: Style): string[] {
  const out = renderBody(lines, indent, unit, s.sep);
  return s.commas ? addCommas(out) : out;
}

function conditionLines(conds: { operator: string; key: string; values: string[] }[], s: Style): HclLine[] {
  const byOp = new Map<string, { key: string; values: string[] }[]>();
  for (const c of conds) byOp.set(c.operator, [...(byOp.get(c.operator) ?? []), c]);
  return [...byOp].map(([op, cs]) => ({
    kind: 'block' as const,
    header: hdr(key(op, s), s),
    body: cs.map((c) => (c.values.length === 1 ? { kind: 'attr' as const, name: key(c.key, s), value: c.values[0] } : { kind: 'list' as const, name: key(c.key, s), items: c.values })),
  }));
}


export function jsonencodePermissionFixes(req: PermissionRequest, doc: PolicyDocument, ctx: FixContext): Fix[] {
  const file = doc.loc!.file;
  const text = ctx.getText(file);
  if (text === undefined) return [];
  const eol = eolOf(text);
  const unit = detectIndentUnit(text);
  const fixes: Fix[] = [];
  const missing = missingActions(req);
  for (const st of completableCandidates(doc, req)) {
    const span = objSpan(text, st);
    if (!span) continue;
    const attr = bodyItems(text, span.open, span.close).find((i): i is HclAttr => i.kind === 'attr' && i.name === 'Action');
    if (!attr) continue;
    const add = toAdd(st, req);
    if (!add.length) continue;
    let edit: TextEdit | undefined;
    if (text[attr.valueStart] === '[') edit = appendToList(file, text, attr.valueStart, add.map((a) => JSON.stringify(a)));
    else if (text[attr.valueStart] === '"')
      edit = { file, range: rangeOf(text, attr.valueStart, attr.valueEnd), newText: `[${[text.slice(attr.valueStart, attr.valueEnd), ...add.map((a) => JSON.stringify(a))].join(', ')}]` };
    if (!edit) continue;
    fixes.push({ title: messagesFor(ctx.settings.locale).fixAddToStatement(add, statementName(st, doc)), edits: [edit], preferred: true });
    break;
  }
  const related = relatedStatement(doc, req);
  const span = related ? objSpan(text, related) : undefined;
  // Only inside a list of statements (`Statement = [ {...}, ... ]`), never after a lone object.
  if (span && /[[,]\s*$/.test(text.slice(Math.max(0, span.open - 200), span.open).replace(/#[^\n]*|\/\/[^\n]*/g, ''))) {
    const s = styleOf(text, span.open, span.close);
    const refs = hclRefs(ctx, file, req.role);
    const ph: string[] = [];
    const hv = (t: string) => { const r = renderHcl(t, refs); ph.push(...r.placeholders); return r.hcl; };
    const body: HclLine[] = [];
    const sid = chooseSid(doc, req);
    if (sid) body.push({ kind: 'attr', name: key('Sid', s), value: JSON.stringify(sid) });
    body.push({ kind: 'attr', name: key('Effect', s), value: '"Allow"' });
    body.push({ kind: 'list', name: key('Action', s), items: req.requirement.actions.map((a) => JSON.stringify(a)) });
    const res = req.requirement.resources.map(hv);
    body.push(res.length === 1 ? { kind: 'attr', name: key('Resource', s), value: res[0] } : { kind: 'list', name: key('Resource', s), items: res });
    if (req.requirement.statementConditions?.length) {
      body.push({ kind: 'block', header: hdr(key('Condition', s), s), body: conditionLines(req.requirement.statementConditions.map((c) => ({ ...c, values: c.values.map(hv) })), s) });
    }
    const indent = lineIndentAt(text, span.open);
    const lines = render(body, indent + unit, unit, s);
    // The element separator after the related statement: keep its comma where it is.
    const newText = ',' + eol + indent + '{' + eol + lines.join(eol) + eol + indent + '}';
    const dataEdits = dataEditsFor(refs, newText);
    fixes.push({
      title: messagesFor(ctx.settings.locale).fixInsertStatement({ actions: missing, label: reqLabel(req), withData: dataEdits.length > 0, fill: [...new Set(ph)] }),
      edits: [...dataEdits, { file, range: rangeOf(text, span.close + 1, span.close + 1), newText }],
    });
  }
  if (fixes.length === 1) fixes[0].preferred = true;
  return fixes;
}

/** Inserts rendered attribute lines after the last item of the object at open..close. */
function insertIntoObject(file: string, text: string, open: number, close: number, items: HclItem[], make: (indent: string, s: Style) => string[], unit: string): TextEdit {
  const eol = eolOf(text);
  const s = styleOf(text, open, close);
  const last = items[items.length - 1];
  if (!last) {
    const indent = lineIndentAt(text, open) + unit;
    return { file, range: rangeOf(text, open + 1, close), newText: eol + make(indent, s).join(eol) + eol + lineIndentAt(text, open) };
  }
  let at = last.kind === 'block' ? last.close + 1 : last.valueEnd;
  if (!text.slice(open, close).includes('\n')) {
    // A one-line object `{ a = 1 }` stays on one line: `{ a = 1, b = 2 }`.
    const flat = make('', s).map((l) => l.trim()).join(' ');
    const comma = /^[ \t]*,/.exec(text.slice(at, at + 10));
    if (comma) return { file, range: rangeOf(text, at + comma[0].length, at + comma[0].length), newText: ' ' + flat.replace(/,?$/, ',') };
    return { file, range: rangeOf(text, at, at), newText: ', ' + flat.replace(/,$/, '') };
  }
  const indent = lineIndentAt(text, last.start);
  const comma = /^[ \t]*,/.exec(text.slice(at, at + 10));
  let pre = '';
  if (comma) at += comma[0].length;
  else if (s.commas) pre = ',';
  const lines = make(indent, s);
  const body = s.commas && comma ? lines.map((l, i) => (i === lines.length - 1 && !l.endsWith(',') ? l + ',' : l)) : lines;
  return { file, range: rangeOf(text, at, at), newText: pre + eol + body.join(eol) };
}

export function jsonencodeTrustFixes(req: Extract<FixRequest, { kind: 'trust-condition' }>, ctx: FixContext): Fix[] {
  const file = req.document.loc!.file;
  const text = ctx.getText(file);
  if (text === undefined) return [];
  const unit = detectIndentUnit(text);
  const refs: Refs = hclRefs(ctx, file, req.role);
  const ph: string[] = [];
  const conds = req.conditionKeys
    .map((k) => req.requirement.conditions.find((c) => c.key.toLowerCase() === k.toLowerCase()))
    .filter((c): c is NonNullable<typeof c> => !!c)
    .map((c) => ({ operator: c.operator, key: c.key, values: c.values.map((v) => { const r = renderHcl(v, refs); ph.push(...r.placeholders); return r.hcl; }) }));
  if (!conds.length) return [];
  const edits: TextEdit[] = [];
  for (const st of req.statements) {
    const span = objSpan(text, st);
    if (!span) continue;
    const want = conds.filter((c) => !(st.conditions ?? []).some((x) => x.key.toLowerCase() === c.key.toLowerCase()));
    if (!want.length) continue;
    const items = bodyItems(text, span.open, span.close);
    const cond = items.find((i): i is HclAttr => i.kind === 'attr' && i.name === 'Condition' && text[i.valueStart] === '{');
    if (!cond) {
      edits.push(insertIntoObject(file, text, span.open, span.close, items, (indent, s) => render([{ kind: 'block', header: hdr(key('Condition', s), s), body: conditionLines(want, s) }], indent, unit, s), unit));
      continue;
    }
    const copen = cond.valueStart;
    const cclose = matchClose(text, copen);
    const ops = bodyItems(text, copen, cclose);
    const rest: typeof conds = [];
    for (const c of want) {
      const op = ops.find((o): o is HclAttr => o.kind === 'attr' && o.name === c.operator && text[o.valueStart] === '{');
      if (!op) { rest.push(c); continue; }
      const oopen = op.valueStart;
      const oclose = matchClose(text, oopen);
      edits.push(insertIntoObject(file, text, oopen, oclose, bodyItems(text, oopen, oclose), (indent, s) => render(conditionLines([c], s).flatMap((b) => (b.kind === 'block' ? b.body : [])), indent, unit, s), unit));
    }
    const oneLine = ops.length > 0 && ops.every((o) => o.kind === 'attr' && !text.slice(o.valueStart, o.valueEnd).includes('\n'));
    if (rest.length) {
      edits.push(
        insertIntoObject(file, text, copen, cclose, ops, (indent, s) => {
          if (!oneLine) return render(conditionLines(rest, s), indent, unit, s);
          const lines: HclLine[] = conditionLines(rest, s).map((b) => {
            const body = b.kind === 'block' ? b.body : [];
            const inner = body.map((l) => (l.kind === 'attr' ? `${l.name}${s.sep === ':' ? ':' : ' ='} ${l.value}` : l.kind === 'list' ? `${l.name}${s.sep === ':' ? ':' : ' ='} [${l.items.join(', ')}]` : '')).join(', ');
            return { kind: 'attr', name: b.kind === 'block' ? b.header.replace(/\s*[=:]$/, '') : '', value: `{ ${inner} }` };
          });
          // Align `=` with one-line siblings already aligned (as terraform fmt left them), when it fits.
          const cols = ops.map((o) => (o.kind === 'attr' ? o.eq - lineStartOf(text, o.start) : -1));
          const col = cols[0];
          const out = render(lines, indent, unit, s);
          if (s.sep === '=' && cols.every((c) => c === col)) {
            return out.map((l) => l.replace(/^(\s*)(\S+)\s*= /, (m, ind: string, name: string) => (ind.length + name.length < col ? `${ind}${name.padEnd(col - ind.length)}= ` : m)));
          }
          return out;
        }, unit),
      );
    }
  }
  if (!edits.length) return [];
  return [{ title: messagesFor(ctx.settings.locale).fixAddCondition(conds.map((c) => c.key), [...new Set(ph)]), edits: withDataEdits(refs, edits), preferred: true }];
}
