/**
 * Policy documents written in Terraform: `data "aws_iam_policy_document"` (statements, dynamic
 * statements, source/override documents), `jsonencode({...})`, heredoc JSON, quoted JSON strings.
 */
import type { Condition, Location, PolicyDocument, PolicyForm, Principal, Statement, SymList, SymStr } from '../model';
import { readJsonPolicy } from '../json/policy';
import type { Block, Body } from './ast';
import { isLiteralString } from './ast';
import type { Evaluator, ModuleInstance, SourceFile, Value } from './values';
import { addr, exprText, locOf, plainStr, toSymStr } from './values';
import { literalText } from '../symstr';

/**
 * At most this many strings in a statement's list, nested lists at most this deep: lists of lists
 * share their items, so a few locals can stand for millions of them (a list doubled twenty times
 * overflowed the stack here). Past either bound the list is unknown, and says why.
 */
const MAX_LIST_STRINGS = 4096;
const MAX_LIST_DEPTH = 32;

function toList(v: Value, loc?: Location): SymList {
  if (v.k === 'list') {
    const items: SymStr[] = [];
    const why = flattenInto(v, items, 0);
    if (why) return { kind: 'unknown', expr: why, loc: loc ?? v.loc };
    return { kind: 'items', items, loc: loc ?? v.loc };
  }
  if (v.k === 'unknown') return { kind: 'unknown', expr: v.expr, loc: loc ?? v.loc };
  if (v.k === 'str' || v.k === 'num' || v.k === 'bool' || v.k === 'role' || v.k === 'policy') return { kind: 'items', items: [toSymStr(v)], loc };
  return { kind: 'unknown', expr: `(${v.k} value)`, loc };
}

/** The strings of a list and of the lists in it, into `out`; why not, past MAX_LIST_STRINGS or MAX_LIST_DEPTH. */
function flattenInto(v: Extract<Value, { k: 'list' }>, out: SymStr[], depth: number): string | undefined {
  if (depth > MAX_LIST_DEPTH) return `a list nested more than ${MAX_LIST_DEPTH} deep (too large to expand)`;
  for (const i of v.items) {
    if (i.k === 'list') {
      const why = flattenInto(i, out, depth + 1);
      if (why) return why;
    } else out.push(toSymStr(i));
    if (out.length > MAX_LIST_STRINGS) return `a list of more than ${MAX_LIST_STRINGS.toLocaleString('en-US')} strings (too large to expand)`;
  }
  return undefined;
}

function litOf(v: Value | undefined): string | undefined {
  return v?.k === 'str' ? literalText(v.s) : undefined;
}

/** A policy document from a JSON-shaped value (jsonencode's argument). */
export function documentFromObject(id: string, v: Value, form: PolicyForm, loc?: Location): PolicyDocument {
  const doc: PolicyDocument = { id, form, statements: [], opaque: [], loc };
  if (v.k !== 'obj') {
    doc.opaque.push(v.k === 'unknown' ? v.expr : `(${v.k} value)`);
    return doc;
  }
  const st = v.entries.get('Statement');
  const stmts = st?.k === 'list' ? st.items : st?.k === 'obj' ? [st] : [];
  if (st && st.k !== 'list' && st.k !== 'obj') doc.opaque.push(st.k === 'unknown' ? st.expr : 'Statement');
  for (const s of stmts) {
    if (s.k !== 'obj') {
      doc.statements.push({ effect: undefined, conditions: [], opaque: { expr: s.k === 'unknown' ? s.expr : 'Statement element' }, loc: s.k === 'unknown' ? s.loc : undefined });
      continue;
    }
    const e = s.entries;
    const effect = litOf(e.get('Effect'));
    const stmt: Statement = {
      sid: litOf(e.get('Sid')),
      effect: effect === 'Allow' || effect === 'Deny' ? effect : undefined,
      conditions: [],
      loc: s.loc,
    };
    const list = (k: string) => (e.has(k) ? toList(e.get(k)!, s.keyLocs.get(k)) : undefined);
    stmt.actions = list('Action');
    stmt.notActions = list('NotAction');
    stmt.resources = list('Resource');
    stmt.notResources = list('NotResource');
    const pr = (k: string): Principal[] | undefined => {
      const p = e.get(k);
      if (!p) return undefined;
      if (p.k === 'str') return [{ type: '*', identifiers: toList(p), loc: s.keyLocs.get(k) }];
      if (p.k !== 'obj') return [{ type: '*', identifiers: toList(p), loc: s.keyLocs.get(k) }];
      return [...p.entries].map(([type, ids]) => ({ type, identifiers: toList(ids), loc: p.keyLocs.get(type) }));
    };
    stmt.principals = pr('Principal');
    stmt.notPrincipals = pr('NotPrincipal');
    const c = e.get('Condition');
    if (c?.k === 'obj') {
      for (const [operator, keys] of c.entries) {
        if (keys.k !== 'obj') {
          stmt.conditions.push({ operator, key: '?', values: { kind: 'unknown', expr: `Condition.${operator}` }, loc: c.keyLocs.get(operator) });
          continue;
        }
        for (const [key, vals] of keys.entries) stmt.conditions.push({ operator, key, values: toList(vals, keys.keyLocs.get(key)), loc: keys.keyLocs.get(key) });
      }
    } else if (c) stmt.conditions.push({ operator: '?', key: '?', values: { kind: 'unknown', expr: c.k === 'unknown' ? c.expr : 'Condition' } });
    doc.statements.push(stmt);
  }
  return doc;
}

/**
 * A policy document from whatever an attribute holds: a document value, jsonencode(...),
 * heredoc JSON, a quoted JSON string, or something unknown (then an opaque document).
 */
export function documentFromValue(id: string, v: Value, src: SourceFile, loc: Location, heredoc?: { bodyStart: number; bodyEnd: number; parts: { interp?: boolean; span: { start: number; end: number } }[] }): PolicyDocument {
  if (v.k === 'doc') return v.doc;
  if (v.k === 'json') return documentFromObject(id, v.v, 'jsonencode', v.loc ?? loc);
  if (v.k === 'str') {
    // JSON written as a string. For a heredoc, read the body in place so positions are the file's.
    if (heredoc) {
      let body = src.text.slice(heredoc.bodyStart, heredoc.bodyEnd);
      // Replace each interpolation by a same-length placeholder so offsets stay exact.
      let idx = 0;
      for (const p of heredoc.parts) {
        if (!p.interp) continue;
        const a = p.span.start - heredoc.bodyStart;
        const b = p.span.end - heredoc.bodyStart;
        if (a < 0 || b > body.length) continue;
        const token = ('\u0001' + idx++ + '\u0003'.repeat(Math.max(0, b - a))).slice(0, Math.max(b - a, 2));
        body = body.slice(0, a) + token + body.slice(b);
      }
      body = body.replace(/\$\$\{/g, '\u0002${');
      const offset = heredoc.bodyStart;
      const r = readJsonPolicy(src.file, body, { id, form: 'heredoc-json', toPosition: (o) => src.toPos(o + offset) });
      return { ...r.document, loc };
    }
    if (v.s.parts.every((p) => p.kind === 'lit' || p.kind === 'policyVar')) {
      const text = v.s.parts.map((p) => (p.kind === 'lit' ? p.text : '${' + p.name + '}')).join('');
      const r = readJsonPolicy(src.file, text, { id, form: 'json-string', toPosition: () => loc.range.start });
      return { ...r.document, loc };
    }
  }
  return { id, form: 'json-string', statements: [], opaque: [v.k === 'unknown' ? v.expr : exprTextOfValue(v)], loc };
}

function exprTextOfValue(v: Value): string {
  if (v.k === 'role' || v.k === 'policy') return v.text;
  if (v.k === 'str') return toSymStr(v).parts.map((p) => (p.kind === 'unknown' ? p.expr : p.kind === 'lit' ? p.text : '')).join('');
  return `(${v.k} value)`;
}

/** Post-processing of heredoc placeholders happens in the evaluation of the interpolations. */
export function resolveHeredocPlaceholders(doc: PolicyDocument, evalInterp: (idx: number) => SymStr['parts']): PolicyDocument {
  const fix = (s: SymStr): SymStr => {
    const parts: SymStr['parts'] = [];
    for (const p of s.parts) {
      if (p.kind !== 'lit' || !/[\u0001\u0002]/.test(p.text)) {
        parts.push(p);
        continue;
      }
      const re = /\u0001(\d*)\u0003*/g;
      let last = 0;
      let m: RegExpExecArray | null;
      const t = p.text;
      while ((m = re.exec(t))) {
        if (m.index > last) parts.push({ kind: 'lit', text: t.slice(last, m.index).replace(/\u0002/g, '') });
        parts.push(...evalInterp(Number(m[1] || 0)));
        last = m.index + m[0].length;
      }
      if (last < t.length) parts.push({ kind: 'lit', text: t.slice(last).replace(/\u0002/g, '') });
    }
    return { ...s, parts };
  };
  const fl = (l?: SymList): SymList | undefined => (l && l.kind === 'items' ? { ...l, items: l.items.map(fix) } : l);
  return {
    ...doc,
    statements: doc.statements.map((s) => ({
      ...s,
      actions: fl(s.actions), notActions: fl(s.notActions), resources: fl(s.resources), notResources: fl(s.notResources),
      principals: s.principals?.map((p) => ({ ...p, identifiers: fl(p.identifiers)! })),
      conditions: s.conditions.map((c) => ({ ...c, values: fl(c.values)! })),
    })),
  };
}

/** `data "aws_iam_policy_document"`. */
export function policyDocumentData(ev: Evaluator, inst: ModuleInstance, name: string, stack: Set<string>, instance?: { address: string; scope?: Map<string, Value> }): PolicyDocument | undefined {
  const decl = inst.data.get(`aws_iam_policy_document.${name}`);
  if (!decl) return undefined;
  // one instance of a data source with count or for_each: its address and its count.index / each.key / each.value
  const id = instance?.address ?? addr(inst, `data.aws_iam_policy_document.${name}`);
  const scope = instance?.scope;
  if (stack.has(id)) return { id, form: 'policy-document', statements: [], opaque: [`cycle through ${id}`] };
  stack.add(id);
  try {
    const { block, src } = decl;
    const doc: PolicyDocument = { id, form: 'policy-document', statements: [], opaque: [], loc: locOf(src, block.span) };
    const docsOf = (attr: string): PolicyDocument[] => {
      const a = block.body.attributes.get(attr);
      if (!a) return [];
      const v = ev.eval(a.expr, inst, src, scope);
      if (v.k !== 'list') {
        doc.opaque.push(exprText(a.expr, src));
        return [];
      }
      return v.items.map((i, n) => documentFromValue(`${id}.${attr}[${n}]`, i, src, locOf(src, a.span)));
    };
    const sources = docsOf('source_policy_documents');
    const overrides = docsOf('override_policy_documents');
    for (const s of sources) {
      doc.statements.push(...s.statements);
      doc.opaque.push(...s.opaque);
    }
    const own: Statement[] = [];
    for (const b of block.body.blocks) {
      if (b.type === 'statement') own.push(statementFromBlock(ev, inst, src, b.body, b, scope));
      else if (b.type === 'dynamic' && b.labels[0] === 'statement') own.push(...dynamicStatements(ev, inst, src, b, scope));
    }
    mergeBySid(doc.statements, own);
    for (const o of overrides) {
      mergeBySid(doc.statements, o.statements);
      doc.opaque.push(...o.opaque);
    }
    return doc;
  } finally {
    stack.delete(id);
  }
}

function mergeBySid(into: Statement[], add: Statement[]): void {
  for (const s of add) {
    const i = s.sid ? into.findIndex((x) => x.sid === s.sid) : -1;
    if (i >= 0) into[i] = s;
    else into.push(s);
  }
}

function dynamicStatements(ev: Evaluator, inst: ModuleInstance, src: SourceFile, b: Block, scope?: Map<string, Value>): Statement[] {
  const fe = b.body.attributes.get('for_each');
  const content = b.body.blocks.find((x) => x.type === 'content');
  const iterName = (b.body.attributes.get('iterator') && isLiteralString(b.body.attributes.get('iterator')!.expr)) || 'statement';
  const loc = locOf(src, b.span);
  if (!fe || !content) return [{ effect: undefined, conditions: [], opaque: { expr: 'dynamic "statement"' }, loc }];
  const v = ev.eval(fe.expr, inst, src, scope);
  const elems: [Value, Value][] = [];
  if (v.k === 'list') v.items.forEach((it, i) => elems.push([{ k: 'num', n: i }, it]));
  else if (v.k === 'obj') for (const [k, it] of v.entries) elems.push([plainStr(k), it]);
  else return [{ effect: undefined, conditions: [], opaque: { expr: exprText(fe.expr, src) }, loc }];
  return elems.map(([key, value]) => {
    const it: Value = { k: 'obj', entries: new Map([['key', key], ['value', value]]), keyLocs: new Map() };
    return statementFromBlock(ev, inst, src, content.body, b, new Map([...(scope ?? []), [iterName, it]]));
  });
}

function statementFromBlock(ev: Evaluator, inst: ModuleInstance, src: SourceFile, body: Body, block: Block, scope: Map<string, Value> | undefined): Statement {
  const attr = (n: string) => body.attributes.get(n);
  const val = (n: string) => {
    const a = attr(n);
    return a ? ev.eval(a.expr, inst, src, scope) : undefined;
  };
  const listOf = (n: string): SymList | undefined => {
    const a = attr(n);
    if (!a) return undefined;
    return toList(ev.eval(a.expr, inst, src, scope), locOf(src, a.expr.span));
  };
  const effectV = val('effect');
  const effectLit = effectV === undefined ? 'Allow' : litOf(effectV);
  const sidV = val('sid');
  const principals = (type: string): Principal[] | undefined => {
    const bs = body.blocks.filter((x) => x.type === type);
    if (bs.length === 0) return undefined;
    return bs.map((p) => {
      const t = p.body.attributes.get('type');
      const ids = p.body.attributes.get('identifiers');
      return {
        type: (t && litOf(ev.eval(t.expr, inst, src, scope))) ?? '?',
        identifiers: ids ? toList(ev.eval(ids.expr, inst, src, scope), locOf(src, ids.expr.span)) : { kind: 'items', items: [] },
        loc: locOf(src, p.span),
      };
    });
  };
  const conditions: Condition[] = body.blocks
    .filter((x) => x.type === 'condition')
    .map((c) => {
      const test = c.body.attributes.get('test');
      const variable = c.body.attributes.get('variable');
      const values = c.body.attributes.get('values');
      return {
        operator: (test && litOf(ev.eval(test.expr, inst, src, scope))) ?? '?',
        key: (variable && litOf(ev.eval(variable.expr, inst, src, scope))) ?? '?',
        values: values ? toList(ev.eval(values.expr, inst, src, scope), locOf(src, values.expr.span)) : { kind: 'items', items: [] },
        loc: locOf(src, c.span),
      };
    });
  const dynamicConditions = body.blocks.filter((x) => x.type === 'dynamic');
  for (const d of dynamicConditions) conditions.push({ operator: '?', key: '?', values: { kind: 'unknown', expr: `dynamic "${d.labels[0]}"` }, loc: locOf(src, d.span) });
  return {
    sid: litOf(sidV),
    effect: effectLit === 'Allow' || effectLit === 'Deny' ? effectLit : undefined,
    actions: listOf('actions'),
    notActions: listOf('not_actions'),
    resources: listOf('resources'),
    notResources: listOf('not_resources'),
    principals: principals('principals'),
    notPrincipals: principals('not_principals'),
    conditions,
    loc: locOf(src, block.span),
  };
}
