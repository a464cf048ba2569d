/**
 * JSON IAM policy documents with positions (jsonc-parser, tolerant of invalid JSON mid-edit).
 * Reused by the Terraform front (.json files, heredoc JSON, file()) and the live audit.
 * Never throws: invalid JSON yields partial statements plus syntax-error problems.
 */
import { parseTree, findNodeAtLocation, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { Condition, Location, Part, PolicyDocument, PolicyForm, Position, Principal, Statement, SymList, SymStr } from '../model';
import type { FileProblem } from '../workspace-model';
import { lineStarts as lineFeedStarts, lineStartsAfterEdit, positionAt, type LineStarts } from '../fixes/text';

export interface JsonPolicyOptions {
  id?: string;
  form?: PolicyForm;
  /** Maps an offset in `text` to a position in `file` (default: line/UTF-16 column of `text` itself). */
  toPosition?: (offset: number) => Position;
}

export interface JsonPolicyResult {
  document: PolicyDocument;
  problems: FileProblem[];
}

export function lineStarts(text: string): LineStarts {
  // Line feeds only (most files): the same starts as a line-feed scan, by the native search.
  if (!text.includes('\r')) return lineFeedStarts(text);
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

export function offsetMapper(text: string): (offset: number) => Position {
  const starts = lineStarts(text);
  return (offset) => positionAt(text, offset, starts);
}

/**
 * offsetMapper(text) when `text` is `before` with its characters `start`..`endA` replaced by
 * `text`'s `start`..`endB` (an edit of an open file): its line starts made from `before`'s
 * (fixes/text.ts lineStartsAfterEdit) when the text has line feeds only.
 */
export function offsetMapperAfterEdit(before: string, text: string, start: number, endA: number, endB: number): (offset: number) => Position {
  if (text.includes('\r')) return offsetMapper(text);
  const starts = lineStartsAfterEdit(before, text, start, endA, endB);
  return (offset) => positionAt(text, offset, starts);
}

/** Does the text look like an IAM policy document (has `Version` or `Statement` at top level)? */
export function looksLikePolicy(text: string): boolean {
  return /"(Version|Statement)"\s*:/.test(text);
}

/** Splits a JSON string value into parts: `${aws:username}` becomes a policyVar. */
export function jsonStringParts(s: string): Part[] {
  const parts: Part[] = [];
  const re = /\$\{([^}]*)\}/g;
  let last = 0; let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m.index > last) parts.push({ kind: 'lit', text: s.slice(last, m.index) });
    parts.push({ kind: 'policyVar', name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < s.length || parts.length === 0) parts.push({ kind: 'lit', text: s.slice(last) });
  return parts;
}

export function readJsonPolicy(file: string, text: string, options: JsonPolicyOptions = {}): JsonPolicyResult {
  const toPos = options.toPosition ?? offsetMapper(text);
  const loc = (n: Node): Location => ({ file, range: { start: toPos(n.offset), end: toPos(n.offset + n.length) } });
  const problems: FileProblem[] = [];
  const document: PolicyDocument = { id: options.id ?? file, form: options.form ?? 'json-file', statements: [], opaque: [] };
  try {
    const errors: ParseError[] = [];
    const root = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, errors, { allowTrailingComma: true, disallowComments: false });
    for (const e of errors) {
      problems.push({ rule: 'syntax-error', severity: 'error', file,
        range: { start: toPos(e.offset), end: toPos(e.offset + Math.max(e.length, 1)) },
        message: `JSON: ${printParseErrorCode(e.error)}` });
    }
    if (!root) return { document, problems };
    document.loc = loc(root);
    const stmtNode = findNodeAtLocation(root, ['Statement']);
    if (!stmtNode) return { document, problems };
    const items = stmtNode.type === 'array' ? stmtNode.children ?? [] : stmtNode.type === 'object' ? [stmtNode] : [];
    if (stmtNode.type !== 'array' && stmtNode.type !== 'object') document.opaque.push('Statement');
    for (const s of items) {
      if (s.type !== 'object') { document.statements.push({ effect: undefined, conditions: [], opaque: { expr: 'Statement' }, loc: loc(s) }); continue; }
      document.statements.push(readStatement(s, loc));
    }
  } catch (e) {
    problems.push({ rule: 'syntax-error', severity: 'error', file, range: { start: toPos(0), end: toPos(0) }, message: `JSON policy could not be read: ${String(e)}` });
  }
  return { document, problems };
}

function prop(obj: Node, name: string): Node | undefined {
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && k.value === name) return v;
  }
  return undefined;
}

function symStr(n: Node, loc: (n: Node) => Location): SymStr {
  if (n.type === 'string') return { parts: jsonStringParts(String(n.value)), loc: loc(n) };
  if (n.type === 'number' || n.type === 'boolean') return { parts: [{ kind: 'lit', text: String(n.value) }], loc: loc(n) };
  return { parts: [{ kind: 'unknown', expr: n.type }], loc: loc(n) };
}

function symList(n: Node, loc: (n: Node) => Location): SymList {
  if (n.type === 'array') return { kind: 'items', items: (n.children ?? []).map((c) => symStr(c, loc)), loc: loc(n) };
  return { kind: 'items', items: [symStr(n, loc)], loc: loc(n) };
}

function principals(n: Node, loc: (n: Node) => Location): Principal[] {
  if (n.type === 'string') return [{ type: n.value === '*' ? '*' : String(n.value), identifiers: symList(n, loc), loc: loc(n) }];
  if (n.type !== 'object') return [];
  return (n.children ?? []).map((p) => {
    const [k, v] = p.children ?? [];
    return { type: String(k?.value), identifiers: v ? symList(v, loc) : { kind: 'items' as const, items: [] }, loc: loc(p) };
  });
}

function readStatement(s: Node, loc: (n: Node) => Location): Statement {
  const st: Statement = { effect: undefined, conditions: [], loc: loc(s) };
  const sid = prop(s, 'Sid'); if (sid && sid.type === 'string') st.sid = String(sid.value);
  const eff = prop(s, 'Effect');
  st.effect = eff?.value === 'Allow' ? 'Allow' : eff?.value === 'Deny' ? 'Deny' : undefined;
  const a = prop(s, 'Action'); if (a) st.actions = symList(a, loc);
  const na = prop(s, 'NotAction'); if (na) st.notActions = symList(na, loc);
  const r = prop(s, 'Resource'); if (r) st.resources = symList(r, loc);
  const nr = prop(s, 'NotResource'); if (nr) st.notResources = symList(nr, loc);
  const p = prop(s, 'Principal'); if (p) st.principals = principals(p, loc);
  const np = prop(s, 'NotPrincipal'); if (np) st.notPrincipals = principals(np, loc);
  const c = prop(s, 'Condition');
  if (c && c.type === 'object') {
    for (const op of c.children ?? []) {
      const [opK, opV] = op.children ?? [];
      if (!opV || opV.type !== 'object') continue;
      for (const kv of opV.children ?? []) {
        const [k, v] = kv.children ?? [];
        if (!k || !v) continue;
        const cond: Condition = { operator: String(opK?.value), key: String(k.value), values: symList(v, loc), loc: loc(kv) };
        st.conditions.push(cond);
      }
    }
  }
  return st;
}
