/**
 * A plain syntax tree of a Terraform file, converted once from tree-sitter's tree (so that the
 * evaluation never holds wasm objects): blocks, attributes and expressions with their offsets.
 * Partial input gives a partial tree: whatever tree-sitter could read.
 */
import { ownCopy } from '../fixes/text';
import { carryRead } from './hclexpr';

export interface Span {
  start: number;
  end: number;
}

export type TplPart = { lit: string; span: Span } | { interp: Expr; span: Span };

export type Expr =
  | { k: 'str'; parts: TplPart[]; span: Span; heredoc?: { bodyStart: number; bodyEnd: number } }
  | { k: 'num'; value: number; span: Span }
  | { k: 'bool'; value: boolean; span: Span }
  | { k: 'null'; span: Span }
  | { k: 'tuple'; items: Expr[]; span: Span }
  | { k: 'object'; entries: { key: Expr; value: Expr; span: Span }[]; span: Span }
  /** `a.b.c[0]`: root identifier then attribute names / literal indexes. */
  | { k: 'ref'; path: (string | number)[]; text: string; span: Span }
  | { k: 'call'; name: string; args: Expr[]; span: Span }
  /** Anything else (conditionals, for expressions, operations, splats): its source text. */
  | { k: 'other'; text: string; span: Span };

export interface Attribute {
  name: string;
  expr: Expr;
  span: Span;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  span: Span;
  /** The header: from the block type to the opening brace. */
  headerSpan: Span;
}

export interface Body {
  attributes: Map<string, Attribute>;
  blocks: Block[];
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type TSNode = any;

/**
 * The text whose tree is being converted, while it is: a node's text is then sliced from it at the
 * node's span instead of being asked of tree-sitter (which reads the span's end again).
 */
let source: string | undefined;

function withSource<T>(text: string, convert: () => T): T {
  const outer = source;
  source = text;
  try {
    return convert();
  } finally {
    source = outer;
  }
}

/**
 * A node's source text as a string of its own. tree-sitter answers with a slice of the file's text,
 * which V8 may keep as a view into the whole text: a literal kept after the edit (a role's name in a
 * cached finding, a reused policy's actions) would keep that version of the file alive, and with it
 * one version per keystroke. Short slices are copies already.
 */
function textOf(n: TSNode, sp?: Span): string {
  if (source === undefined) return ownCopy(n.text);
  sp ??= span(n);
  return ownCopy(source, sp.start, sp.end);
}

function span(n: TSNode): Span {
  return { start: n.startIndex, end: n.endIndex };
}

/**
 * A template literal's text as Terraform reads it: `$${` and `%%{` are the escapes of a literal `${`
 * and `%{` (in quoted strings and heredocs alike), then a quoted string's backslash escapes. The
 * scanner cuts `$${` as one chunk wherever it stands in a literal, so each is an escape.
 */
export function templateLiteral(raw: string, quoted: boolean): string {
  const t = raw.includes('{') ? raw.replace(/([$%])\1\{/g, '$1{') : raw;
  return quoted ? unescapeQuoted(t) : t;
}

export function unescapeQuoted(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, c: string) => {
    switch (c[0]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case '"': return '"';
      case '\\': return '\\';
      case 'u': case 'U': return String.fromCodePoint(parseInt(c.slice(1), 16));
      default: return c;
    }
  });
}

/**
 * The types of a node's named children, read once. Every read of a node's `type` (and `endIndex`,
 * `hasError`) is a call into WebAssembly; web-tree-sitter keeps only the children lists.
 */
function typesOf(kids: TSNode[]): string[] {
  const ts = new Array<string>(kids.length);
  for (let i = 0; i < kids.length; i++) ts[i] = kids[i].type;
  return ts;
}

/** The first of `kids` whose type (in `ts`) is `type`. */
function kid(kids: TSNode[], ts: string[], type: string): TSNode | undefined {
  const i = ts.indexOf(type);
  return i < 0 ? undefined : kids[i];
}

/** The `kids` whose type (in `ts`) is `type`. */
function kidsOf(kids: TSNode[], ts: string[], type: string): TSNode[] {
  const out: TSNode[] = [];
  for (let i = 0; i < kids.length; i++) if (ts[i] === type) out.push(kids[i]);
  return out;
}

function other(n: TSNode): Expr {
  const sp = span(n);
  return { k: 'other', text: textOf(n, sp), span: sp };
}

function templateParts(nodes: TSNode[], quoted: boolean): TplPart[] {
  const parts: TplPart[] = [];
  for (const c of nodes) {
    const t: string = c.type;
    if (t === 'template_literal') {
      const sp = span(c);
      parts.push({ lit: templateLiteral(textOf(c, sp), quoted), span: sp });
    } else if (t === 'template_interpolation') {
      const kids = c.namedChildren;
      const e = kid(kids, typesOf(kids), 'expression');
      parts.push({ interp: e ? convertExpr(e) : other(c), span: span(c) });
    } else if (t === 'template_directive') {
      parts.push({ interp: other(c), span: span(c) });
    }
  }
  return parts;
}

export function convertExpr(n: TSNode): Expr {
  if (!n) return { k: 'other', text: '', span: { start: 0, end: 0 } };
  switch (n.type as string) {
    case 'expression': {
      const kids = n.namedChildren;
      if (kids.length === 0) return other(n);
      const first = kids[0];
      const firstType: string = first.type;
      if (firstType === 'variable_expr') {
        const path: (string | number)[] = [textOf(first)];
        for (let i = 1; i < kids.length; i++) {
          const k = kids[i];
          const kt: string = k.type;
          if (kt === 'get_attr') {
            const ks = k.namedChildren;
            const id = kid(ks, typesOf(ks), 'identifier');
            if (!id) return other(n);
            path.push(textOf(id));
          } else if (kt === 'index') {
            const inner = k.namedChildren[0];
            const iks = inner?.namedChildren;
            const ie = iks ? kid(iks, typesOf(iks), 'expression') : undefined;
            const lit = ie ? convertExpr(ie) : undefined;
            if (lit && lit.k === 'num') path.push(lit.value);
            else if (lit && lit.k === 'str' && lit.parts.every((p) => 'lit' in p)) path.push(lit.parts.map((p) => ('lit' in p ? p.lit : '')).join(''));
            else return other(n);
          } else return other(n);
        }
        const sp = span(n);
        return { k: 'ref', path, text: textOf(n, sp), span: sp };
      }
      if (kids.length === 1) return convertExprOfType(first, firstType);
      return other(n);
    }
    default:
      return convertExprOfType(n, n.type);
  }
}

/** convertExpr of a node whose type is read already. */
function convertExprOfType(n: TSNode, type: string): Expr {
  switch (type) {
    case 'expression':
      return convertExpr(n);
    case 'literal_value':
      return convertExpr(n.namedChildren[0]);
    case 'string_lit':
      return { k: 'str', parts: templateParts(n.namedChildren, true), span: span(n) };
    case 'numeric_lit': {
      const sp = span(n);
      return { k: 'num', value: Number(textOf(n, sp)), span: sp };
    }
    case 'bool_lit': {
      const sp = span(n);
      return { k: 'bool', value: textOf(n, sp) === 'true', span: sp };
    }
    case 'null_lit':
      return { k: 'null', span: span(n) };
    case 'template_expr': {
      const t = n.namedChildren[0];
      if (!t) return other(n);
      const tt: string = t.type;
      if (tt === 'quoted_template') return { k: 'str', parts: templateParts(t.namedChildren, true), span: span(n) };
      if (tt === 'heredoc_template') {
        const tks = t.namedChildren;
        const parts = templateParts(tks, false);
        // The body starts after the first line (`<<EOF\n`) and ends before the closing identifier's line.
        const ids = kidsOf(tks, typesOf(tks), 'heredoc_identifier');
        const bodyStart = ids[0] ? ids[0].endIndex + 1 : t.startIndex;
        const bodyEnd = ids.length > 1 ? ids[ids.length - 1].startIndex : t.endIndex;
        return { k: 'str', parts, span: span(n), heredoc: { bodyStart, bodyEnd } };
      }
      return other(n);
    }
    case 'collection_value':
      return convertExpr(n.namedChildren[0]);
    case 'tuple': {
      const kids = n.namedChildren;
      return { k: 'tuple', items: kidsOf(kids, typesOf(kids), 'expression').map(convertExpr), span: span(n) };
    }
    case 'object': {
      const entries: { key: Expr; value: Expr; span: Span }[] = [];
      for (const el of n.namedChildren) {
        if (el.type !== 'object_elem') continue;
        const eks = el.namedChildren;
        const es = kidsOf(eks, typesOf(eks), 'expression');
        if (es.length < 2) continue;
        entries.push({ key: convertExpr(es[0]), value: convertExpr(es[1]), span: span(el) });
      }
      return { k: 'object', entries, span: span(n) };
    }
    case 'function_call': {
      const kids = n.namedChildren;
      const ts = typesOf(kids);
      const id = kid(kids, ts, 'identifier');
      const argsNode = kid(kids, ts, 'function_arguments');
      const aks = argsNode ? argsNode.namedChildren : [];
      const args = argsNode ? kidsOf(aks, typesOf(aks), 'expression').map(convertExpr) : [];
      return { k: 'call', name: id ? textOf(id) : '', args, span: span(n) };
    }
    default:
      return other(n);
  }
}

function labelText(n: TSNode, type: string): string {
  if (type === 'identifier') return textOf(n);
  const kids = n.namedChildren;
  const lit = kid(kids, typesOf(kids), 'template_literal');
  return lit ? textOf(lit) : '';
}

export function convertBody(n: TSNode | undefined): Body {
  const body: Body = { attributes: new Map(), blocks: [] };
  if (!n) return body;
  for (const c of n.namedChildren) {
    try {
      const t: string = c.type;
      if (t === 'attribute') {
        const kids = c.namedChildren;
        const ts = typesOf(kids);
        const id = kid(kids, ts, 'identifier');
        const e = kid(kids, ts, 'expression');
        if (id && e) {
          const name = textOf(id);
          body.attributes.set(name, { name, expr: convertExpr(e), span: span(c) });
        }
      } else if (t === 'block') {
        const b = blockOf(c);
        if (b) body.blocks.push(b);
      }
    } catch {
      // a malformed element is skipped; the rest of the body is still read
    }
  }
  return body;
}

/** A block node's header: type, labels, where the header ends, and its body node; undefined without a type. */
function headerOf(c: TSNode): { type: string; labels: string[]; headerSpan: Span; inner: TSNode | undefined } | undefined {
  const kids = c.namedChildren;
  const ts = typesOf(kids);
  const type = ts[0] === 'identifier' ? textOf(kids[0]) : '';
  if (!type) return undefined;
  const labels: string[] = [];
  for (let i = 1; i < kids.length; i++) if (ts[i] === 'string_lit' || ts[i] === 'identifier') labels.push(labelText(kids[i], ts[i]));
  const open = kid(kids, ts, 'block_start');
  const start = c.startIndex as number;
  return { type, labels, headerSpan: { start, end: open ? open.endIndex : start + type.length }, inner: kid(kids, ts, 'body') };
}

function blockOf(c: TSNode): Block | undefined {
  const h = headerOf(c);
  if (!h) return undefined;
  return { type: h.type, labels: h.labels, body: convertBody(h.inner), span: span(c), headerSpan: h.headerSpan };
}

/**
 * Whether the body of a top-level block is converted at once: resources and data sources the model
 * reads the bodies of (IAM, AgentCore, policy documents). Any other resource (S3, Lambda, VPC, …)
 * is converted when first read: most never are, and their bodies are most of a large workspace.
 */
export function eagerBody(type: string, labels: string[]): boolean {
  if (type !== 'resource' && type !== 'data') return true;
  const t = labels[0] ?? '';
  return type === 'data' || /^(aws|awscc)_iam_/.test(t) || t.includes('bedrockagentcore');
}

/**
 * A top-level block whose body is converted on first access, from the block's own text parsed
 * again on its own (a block is self-contained HCL), offsets shifted to the file's.
 * `parse` returns a tree-sitter tree (deleted after use). Blocks with syntax errors are converted
 * at once (error recovery may depend on what surrounds them).
 */
export function lazyBlock(c: TSNode, text: string, parse: (snippet: string) => TSNode): Block | undefined {
  return withSource(text, () => lazyBlockOf(c, text, parse));
}

function lazyBlockOf(c: TSNode, text: string, parse: (snippet: string) => TSNode): Block | undefined {
  try {
    if (c.hasError) return blockOf(c);
    const h = headerOf(c);
    if (!h) return undefined;
    const sp = span(c);
    if (eagerBody(h.type, h.labels)) return { type: h.type, labels: h.labels, body: convertBody(h.inner), span: sp, headerSpan: h.headerSpan };
    return deferredBlock(h.type, h.labels, sp, h.headerSpan, text, parse);
  } catch {
    return undefined;
  }
}

/** A block with the given header whose body is read from `text` (the file's) when first accessed. */
export function deferredBlock(type: string, labels: string[], span: Span, headerSpan: Span, text: string, parse: (snippet: string) => TSNode): Block {
  return new DeferredBlock(type, labels, span, headerSpan, text, parse);
}

/** A block with the given header whose body `read` gives when first accessed (terraform/quick.ts). */
export function deferredBody(type: string, labels: string[], span: Span, headerSpan: Span, read: () => Body): Block {
  return new DeferredBlock(type, labels, span, headerSpan, undefined, undefined, read);
}

/**
 * A block whose body is converted when first read. A class, not a getter closure defined on each
 * block object: with those, each version of a file being edited (its deferred blocks, their
 * getters and the text they close over) outlived V8's minor collections until the next full one.
 * Typing in a 3,000-line file, reparsing and converting only: 83 KB promoted per keystroke and
 * 9–10 ms per minor pause, against 3 KB and about 2 ms with this class (`--trace-gc-nvp`,
 * 2026-12-04). Why V8 kept them was not established; what was measured is the difference.
 */
class DeferredBlock implements Block {
  private converted: Body | undefined;
  constructor(readonly type: string, readonly labels: string[], readonly span: Span, readonly headerSpan: Span, private text: string | undefined, private parse: ((snippet: string) => TSNode) | undefined, private read?: () => Body) {}
  get body(): Body {
    if (!this.converted) {
      this.converted = this.read ? this.read() : this.convert();
      this.text = undefined;
      this.parse = undefined;
      this.read = undefined;
    }
    return this.converted;
  }
  /** Whether the body is still to be converted. */
  get pending(): boolean {
    return !this.converted;
  }
  private convert(): Body {
    let body: Body = { attributes: new Map(), blocks: [] };
    let tree: TSNode;
    try {
      const snippet = this.text!.slice(this.span.start, this.span.end);
      tree = this.parse!(snippet);
      const top = tree?.rootNode?.namedChildren?.find((x: TSNode) => x.type === 'body');
      const node = top?.namedChildren?.find((x: TSNode) => x.type === 'block');
      const b = node ? withSource(snippet, () => blockOf(node)) : undefined;
      if (b) body = shiftBodySpans(b.body, this.span.start);
    } catch {
      // a body that cannot be read is empty, as a malformed element is skipped
    } finally {
      try { tree?.delete?.(); } catch { /* freed */ }
    }
    return body;
  }
  toJSON(): Block {
    return { type: this.type, labels: this.labels, body: this.body, span: this.span, headerSpan: this.headerSpan };
  }
}

/**
 * An attribute `delta` characters later than the one converted, its expression shifted when first
 * read: a policy that memoization reuses (model.ts) is never read again, and it is most of a role.
 */
class ShiftedAttribute implements Attribute {
  private shiftedExpr: Expr | undefined;
  constructor(readonly name: string, readonly span: Span, private readonly base: Expr, private readonly delta: number) {}
  get expr(): Expr {
    return (this.shiftedExpr ??= this.delta === 0 ? this.base : shiftExpr(this.base, this.delta));
  }
  /** The same attribute `d` characters later (from the expression converted, not from a copy). */
  shifted(d: number): ShiftedAttribute {
    return this.shiftedExpr ? new ShiftedAttribute(this.name, sh(this.span, d), this.shiftedExpr, d) : new ShiftedAttribute(this.name, sh(this.span, d), this.base, this.delta + d);
  }
  toJSON(): Attribute {
    return { name: this.name, expr: this.expr, span: this.span };
  }
}

/** A body `d` characters later: its attributes' expressions and its blocks' bodies shifted when first read. */
function shiftBodyLazily(b: Body, d: number): Body {
  const attributes = new Map<string, Attribute>();
  for (const [k, a] of b.attributes) attributes.set(k, a instanceof ShiftedAttribute ? a.shifted(d) : new ShiftedAttribute(a.name, sh(a.span, d), a.expr, d));
  return { attributes, blocks: b.blocks.map((x) => shiftBlockLazily(x, d)) };
}

/** Whether a block's body is still to be converted (a deferredBlock not read yet). */
export function bodyDeferred(b: Block): boolean {
  return b instanceof DeferredBlock && b.pending;
}

/**
 * A block `d` characters later than where its body was converted (`from`), the body shifted when
 * first read. An edit reuses every block it did not touch; most reused bodies are never read again
 * (a policy document whose references did not change is reused whole), so copying them all on
 * every keystroke was most of an edit's conversion. A class, not a property defined per object:
 * reads of `body` stay monomorphic and nothing is kept in a side table.
 */
class ShiftedBlock implements Block {
  private shiftedBody: Body | undefined;
  constructor(readonly type: string, readonly labels: string[], readonly span: Span, readonly headerSpan: Span, private readonly from: { body: Body; start: number }) {}
  get body(): Body {
    if (!this.shiftedBody) {
      const delta = this.span.start - this.from.start;
      this.shiftedBody = delta === 0 ? this.from.body : shiftBodyLazily(this.from.body, delta);
    }
    return this.shiftedBody;
  }
  /** The same block `d` characters later, from the body converted (or the one read already). */
  shifted(d: number): ShiftedBlock {
    const from = this.shiftedBody ? { body: this.shiftedBody, start: this.span.start } : this.from;
    return new ShiftedBlock(this.type, this.labels, sh(this.span, d), sh(this.headerSpan, d), from);
  }
  toJSON(): Block {
    return { type: this.type, labels: this.labels, body: this.body, span: this.span, headerSpan: this.headerSpan };
  }
}

/** The same block, `d` characters later in the file, its body shifted when first read (ShiftedBlock). */
export function shiftBlockLazily(b: Block, d: number): Block {
  if (b instanceof ShiftedBlock) return b.shifted(d);
  return new ShiftedBlock(b.type, b.labels, sh(b.span, d), sh(b.headerSpan, d), { body: b.body, start: b.span.start });
}

const sh = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

export function shiftExpr(e: Expr, d: number): Expr {
  switch (e.k) {
    case 'str': {
      const parts: TplPart[] = e.parts.map((p) => ('lit' in p ? { lit: p.lit, span: sh(p.span, d) } : { interp: shiftExpr(p.interp, d), span: sh(p.span, d) }));
      return e.heredoc ? { k: 'str', parts, span: sh(e.span, d), heredoc: { bodyStart: e.heredoc.bodyStart + d, bodyEnd: e.heredoc.bodyEnd + d } } : { k: 'str', parts, span: sh(e.span, d) };
    }
    case 'tuple': return { k: 'tuple', items: e.items.map((x) => shiftExpr(x, d)), span: sh(e.span, d) };
    case 'object': return { k: 'object', entries: e.entries.map((x) => ({ key: shiftExpr(x.key, d), value: shiftExpr(x.value, d), span: sh(x.span, d) })), span: sh(e.span, d) };
    case 'call': return { k: 'call', name: e.name, args: e.args.map((x) => shiftExpr(x, d)), span: sh(e.span, d) };
    case 'other': {
      const out = { ...e, span: sh(e.span, d) };
      // What hclexpr.ts read of it, moved along (not read again from the text).
      carryRead(e, out, d);
      return out;
    }
    default: return { ...e, span: sh(e.span, d) };
  }
}

export function shiftBodySpans(b: Body, d: number): Body {
  const attributes = new Map<string, Attribute>();
  for (const [k, a] of b.attributes) attributes.set(k, { name: a.name, expr: shiftExpr(a.expr, d), span: sh(a.span, d) });
  return { attributes, blocks: b.blocks.map((x) => shiftBlockSpans(x, d)) };
}

/** The same block, `d` characters later in the file. */
export function shiftBlockSpans(b: Block, d: number): Block {
  return { type: b.type, labels: b.labels, body: shiftBodySpans(b.body, d), span: sh(b.span, d), headerSpan: sh(b.headerSpan, d) };
}

/** One block node (a top-level block of a file); undefined when malformed (skipped, as convertBody does). */
export function convertBlockNode(c: TSNode): Block | undefined {
  try {
    return blockOf(c);
  } catch {
    return undefined;
  }
}

/** The top-level body of a parsed file. */
export function convertFile(tree: TSNode): Body {
  const root = tree?.rootNode;
  const body = root?.namedChildren?.find((x: TSNode) => x.type === 'body');
  return convertBody(body);
}

export function isLiteralString(e: Expr): string | undefined {
  if (e.k !== 'str') return undefined;
  let s = '';
  for (const p of e.parts) {
    if ('interp' in p) return undefined;
    s += p.lit;
  }
  return s;
}
