/**
 * The expressions the tree conversion (ast.ts, quick.ts) leaves as `other` text: conditionals,
 * operators, indexes that are not literal (`x[each.key]`), splats (`x[*].arn`, `x.*.arn`) and for
 * expressions. Read here, from the text, into nodes the evaluator (values.ts) walks; their children
 * are plain `Expr` nodes where the syntax has one (strings, references with literal paths, calls,
 * tuples, objects), so that everything else is evaluated as before. A text this reader does not
 * know (template directives, heredocs, `...` in calls, provider functions) gives undefined: the
 * expression stays unknown, never guessed.
 */
import type { Expr, Span, TplPart } from './ast';
import { keep, keptOn, keptValue } from '../kept';

/** A step of a splat applied to every element: `.name` or `[index]`. */
export type SplatStep = { attr: string } | { index: XExpr };

export type XNode =
  | { k: 'cond'; test: XExpr; then: XExpr; else: XExpr; span: Span }
  | { k: 'bin'; op: string; l: XExpr; r: XExpr; span: Span }
  | { k: 'un'; op: '!' | '-'; x: XExpr; span: Span }
  | { k: 'index'; target: XExpr; key: XExpr; span: Span }
  | { k: 'getattr'; target: XExpr; name: string; span: Span }
  | { k: 'splat'; target: XExpr; steps: SplatStep[]; span: Span }
  | { k: 'paren'; x: XExpr; span: Span }
  | { k: 'for'; keyVar?: string; valVar: string; coll: XExpr; key?: XExpr; value: XExpr; cond?: XExpr; group: boolean; span: Span };

/** An expression: a node of the tree conversion or one of this reader (children may be either). */
export type XExpr = Expr | XNode;

class Fail extends Error {}

/** Under which an `other` expression keeps what this reader made of it (core/kept.ts). */
const READ = Symbol('read');

/** Texts of `other` expressions read by readOther (not taken from an earlier reading): for tests and logs. */
export const otherReads = { count: 0 };

/** The node an `other` expression reads as, kept on the expression; null when it cannot be read. */
export function readOther(e: Extract<Expr, { k: 'other' }>): XExpr | null {
  return keptOn(e, READ, () => {
    otherReads.count++;
    return parseExpression(e.text, e.span.start) ?? null;
  });
}

/**
 * An `other` expression moved `d` characters (ast.ts shiftExpr: a block after an edit) takes what
 * was read of it, moved too, instead of reading its text again on every keystroke: the same nodes as
 * reading it at its new place (the text is the same; only spans depend on where it is written).
 */
export function carryRead(from: Extract<Expr, { k: 'other' }>, to: Extract<Expr, { k: 'other' }>, d: number): void {
  const read = keptValue<XExpr | null>(from, READ);
  if (read !== undefined) keep(to, READ, read && shiftedNode(read, d));
}

/** A copy of a node read here with every span `d` characters later (the nodes hold no other offset). */
function shiftedNode<T>(x: T, d: number): T {
  if (Array.isArray(x)) return x.map((y) => shiftedNode(y, d)) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const k in x) {
    const v = (x as Record<string, unknown>)[k];
    out[k] = k === 'span' ? { start: (v as Span).start + d, end: (v as Span).end + d } : shiftedNode(v, d);
  }
  return out as T;
}

/** Parses `text` (written at offset `base` of its file) as one expression; undefined when it cannot. */
export function parseExpression(text: string, base = 0): XExpr | undefined {
  try {
    const p = new Reader(text, base);
    const e = p.expr();
    p.ws();
    if (p.i !== text.length) return undefined;
    return e;
  } catch (err) {
    if (err instanceof Fail) return undefined;
    throw err;
  }
}

/** Character classes by code (a regular expression per character was a fifth of the reading time). */
function identStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function identPart(c: number): boolean {
  return identStart(c) || (c >= 48 && c <= 57) || c === 45;
}
function digit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function space(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

class Reader {
  i = 0;
  constructor(readonly s: string, readonly base: number) {}

  private fail(): never {
    throw new Fail();
  }

  /** From `start` to the end of what was read (whitespace and comments read after it left out). */
  private sp(start: number): Span {
    let end = this.i;
    while (end > start && space(this.s.charCodeAt(end - 1))) end--;
    return { start: this.base + start, end: this.base + end };
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) this.fail();
        this.i = end + 2;
      } else return;
    }
  }

  private peek(t: string): boolean {
    this.ws();
    return this.s.startsWith(t, this.i);
  }

  private eat(t: string): boolean {
    if (!this.peek(t)) return false;
    this.i += t.length;
    return true;
  }

  private expect(t: string): void {
    if (!this.eat(t)) this.fail();
  }

  private ident(): string | undefined {
    this.ws();
    if (!identStart(this.s.charCodeAt(this.i))) return undefined;
    const start = this.i;
    while (this.i < this.s.length && identPart(this.s.charCodeAt(this.i))) this.i++;
    return this.s.slice(start, this.i);
  }

  /** A keyword (`for`, `in`, `if`) as a whole word. */
  private keyword(w: string): boolean {
    this.ws();
    if (!this.s.startsWith(w, this.i) || identPart(this.s.charCodeAt(this.i + w.length))) return false;
    this.i += w.length;
    return true;
  }

  expr(): XExpr {
    this.ws();
    const start = this.i;
    const test = this.binary(0);
    if (this.peek('?')) {
      this.i++;
      const a = this.expr();
      this.expect(':');
      const b = this.expr();
      return { k: 'cond', test, then: a, else: b, span: this.sp(start) };
    }
    return test;
  }

  private static readonly LEVELS: string[][] = [['||'], ['&&'], ['==', '!='], ['>=', '<=', '>', '<'], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): XExpr {
    if (level >= Reader.LEVELS.length) return this.unary();
    this.ws();
    const start = this.i;
    let l = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = Reader.LEVELS[level].find((o) => this.s.startsWith(o, this.i) && !(o === '>' && this.s[this.i - 1] === '='));
      // `=>` of a for expression is no comparison; `==` is no `=`
      if (!op || (op === '>' && this.s[this.i + 1] === '>')) return l;
      if ((op === '<' || op === '>') && this.s[this.i + 1] === '=') return l;
      this.i += op.length;
      const r = this.binary(level + 1);
      l = { k: 'bin', op, l, r, span: this.sp(start) };
    }
  }

  private unary(): XExpr {
    this.ws();
    const start = this.i;
    const c = this.s[this.i];
    if (c === '!' && this.s[this.i + 1] !== '=') {
      this.i++;
      return { k: 'un', op: '!', x: this.unary(), span: this.sp(start) };
    }
    if (c === '-' && !digit(this.s.charCodeAt(this.i + 1))) {
      this.i++;
      return { k: 'un', op: '-', x: this.unary(), span: this.sp(start) };
    }
    return this.postfix();
  }

  private postfix(): XExpr {
    this.ws();
    const start = this.i;
    let e = this.primary();
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c === '.' && this.s[this.i + 1] !== '.') {
        this.i++;
        this.ws();
        if (this.s[this.i] === '*') {
          this.i++;
          e = { k: 'splat', target: e, steps: this.splatSteps(true), span: this.sp(start) };
          continue;
        }
        if (digit(this.s.charCodeAt(this.i))) {
          const ns = this.i;
          while (digit(this.s.charCodeAt(this.i))) this.i++;
          e = this.step(e, { k: 'num', value: Number(this.s.slice(ns, this.i)), span: this.sp(ns) }, start);
          continue;
        }
        const name = this.ident();
        if (name === undefined) this.fail();
        e = e.k === 'ref' ? { k: 'ref', path: [...e.path, name], text: this.s.slice(start, this.i), span: this.sp(start) } : { k: 'getattr', target: e, name, span: this.sp(start) };
      } else if (c === '[') {
        this.i++;
        this.ws();
        if (this.s[this.i] === '*') {
          this.i++;
          this.expect(']');
          e = { k: 'splat', target: e, steps: this.splatSteps(false), span: this.sp(start) };
          continue;
        }
        const key = this.expr();
        this.expect(']');
        e = this.step(e, key, start);
      } else return e;
    }
  }

  /** A literal index extends a reference's path (as the tree conversion does); any other is an index node. */
  private step(e: XExpr, key: XExpr, start: number): XExpr {
    if (e.k === 'ref') {
      if (key.k === 'num') return { k: 'ref', path: [...e.path, key.value], text: this.s.slice(start, this.i), span: this.sp(start) };
      if (key.k === 'str' && key.parts.every((p) => 'lit' in p)) {
        return { k: 'ref', path: [...e.path, key.parts.map((p) => ('lit' in p ? p.lit : '')).join('')], text: this.s.slice(start, this.i), span: this.sp(start) };
      }
    }
    return { k: 'index', target: e, key, span: this.sp(start) };
  }

  /** What follows a splat: `.name` and (full splat only) `[index]` steps applied to each element. */
  private splatSteps(legacy: boolean): SplatStep[] {
    const steps: SplatStep[] = [];
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c === '.' && this.s[this.i + 1] !== '.') {
        const save = this.i;
        this.i++;
        const name = this.ident();
        if (name === undefined) { this.i = save; return steps; }
        steps.push({ attr: name });
      } else if (c === '[' && !legacy) {
        this.i++;
        const key = this.expr();
        this.expect(']');
        steps.push({ index: key });
      } else return steps;
    }
  }

  private primary(): XExpr {
    this.ws();
    const start = this.i;
    const c = this.s[this.i];
    if (c === undefined) this.fail();
    if (c === '(') {
      this.i++;
      const x = this.expr();
      this.expect(')');
      return { k: 'paren', x, span: this.sp(start) };
    }
    if (c === '"') return this.quoted();
    if (c === '<' && this.s[this.i + 1] === '<') this.fail(); // heredoc inside an expression: left unknown
    if (digit(c.charCodeAt(0)) || (c === '-' && digit(this.s.charCodeAt(this.i + 1)))) {
      const re = /-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
      re.lastIndex = this.i;
      const m = re.exec(this.s);
      if (!m) this.fail();
      this.i += m[0].length;
      return { k: 'num', value: Number(m[0]), span: this.sp(start) };
    }
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    const id = this.ident();
    if (id === undefined) this.fail();
    if (id === 'true' || id === 'false') return { k: 'bool', value: id === 'true', span: this.sp(start) };
    if (id === 'null') return { k: 'null', span: this.sp(start) };
    if (this.s.startsWith('::', this.i)) this.fail(); // provider functions
    this.ws();
    if (this.s[this.i] === '(') {
      this.i++;
      const args: XExpr[] = [];
      while (!this.eat(')')) {
        args.push(this.expr());
        if (this.peek('...')) this.fail();
        if (!this.eat(',')) { this.expect(')'); break; }
      }
      return { k: 'call', name: id, args: args as Expr[], span: this.sp(start) };
    }
    return { k: 'ref', path: [id], text: id, span: this.sp(start) };
  }

  private tuple(): XExpr {
    const start = this.i;
    this.i++;
    if (this.keyword('for')) return this.forExpr(start, ']');
    const items: XExpr[] = [];
    while (!this.eat(']')) {
      items.push(this.expr());
      if (!this.eat(',')) { this.expect(']'); break; }
    }
    return { k: 'tuple', items: items as Expr[], span: this.sp(start) };
  }

  private object(): XExpr {
    const start = this.i;
    this.i++;
    if (this.keyword('for')) return this.forExpr(start, '}');
    const entries: { key: Expr; value: Expr; span: Span }[] = [];
    while (!this.eat('}')) {
      this.ws();
      const es = this.i;
      const key = this.expr();
      if (!this.eat('=') && !this.eat(':')) this.fail();
      const value = this.expr();
      entries.push({ key: key as Expr, value: value as Expr, span: this.sp(es) });
      this.eat(',');
    }
    return { k: 'object', entries, span: this.sp(start) };
  }

  private forExpr(start: number, close: string): XExpr {
    const a = this.ident();
    if (a === undefined) this.fail();
    let keyVar: string | undefined;
    let valVar = a;
    if (this.eat(',')) {
      keyVar = a;
      const b = this.ident();
      if (b === undefined) this.fail();
      valVar = b;
    }
    if (!this.keyword('in')) this.fail();
    const coll = this.expr();
    this.expect(':');
    let key: XExpr | undefined;
    let value = this.expr();
    if (close === '}') {
      this.expect('=>');
      key = value;
      value = this.expr();
    }
    const group = close === '}' && this.eat('...');
    let cond: XExpr | undefined;
    if (this.keyword('if')) cond = this.expr();
    this.expect(close);
    return { k: 'for', keyVar, valVar, coll, key, value, cond, group, span: this.sp(start) };
  }

  /** A quoted template: literal parts unescaped, `${...}` interpolations; a `%{` directive is not read. */
  private quoted(): XExpr {
    const start = this.i;
    this.i++;
    const s = this.s;
    const parts: TplPart[] = [];
    let lit = '';
    let litStart = this.i;
    const flush = () => {
      if (lit) parts.push({ lit, span: { start: this.base + litStart, end: this.base + this.i } });
      lit = '';
    };
    for (;;) {
      const c = s[this.i];
      if (c === undefined || c === '\n') this.fail();
      if (c === '"') { flush(); this.i++; break; }
      if (c === '\\') {
        const n = s[this.i + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (n in simple) { lit += simple[n]; this.i += 2; continue; }
        const m = /^\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(s.slice(this.i, this.i + 10));
        if (!m) this.fail();
        lit += String.fromCodePoint(parseInt(m[1].slice(1), 16));
        this.i += m[0].length;
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') { lit += `${c}{`; this.i += 3; continue; }
      if (c === '%' && s[this.i + 1] === '{') this.fail();
      if (c === '$' && s[this.i + 1] === '{') {
        flush();
        const is = this.i;
        this.i += 2;
        if (s[this.i] === '~') this.i++;
        const interp = this.expr();
        this.ws();
        if (s[this.i] === '~') this.i++;
        this.expect('}');
        parts.push({ interp: interp as Expr, span: this.sp(is) });
        litStart = this.i;
        continue;
      }
      if (!lit) litStart = this.i;
      lit += c;
      this.i++;
    }
    return { k: 'str', parts, span: this.sp(start) };
  }
}
