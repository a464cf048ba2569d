/**
 * A reader of Terraform files that gives the top-level blocks tree-sitter's conversion gives
 * (`ast.ts`), for the files it is sure of, several times faster: it reads the text once, in
 * JavaScript, straight into the plain tree, where tree-sitter parses in WebAssembly and every node
 * is then asked of it across the boundary. Parsing and converting were two thirds of a cold
 * analysis (benchmark, 2026-12-05).
 *
 * It answers `undefined` whenever it is not sure, and the caller parses with tree-sitter as before:
 * any syntax error, template directives (`%{ if }`), hexadecimal numbers, an exponent without a
 * fraction (`1e5`, which tree-sitter does not read as one number), non-ASCII identifiers, Unicode
 * spaces in templates, a NUL, a JSON-shaped file, keywords used as names, nesting deeper than DEPTH. So tree-sitter stays the reader of broken and unusual text (error recovery, syntax
 * problems), and this one must never accept a text tree-sitter rejects nor read one differently.
 * It follows tree-sitter-hcl 1.2's grammar and external scanner (its `make_grammar.js` and
 * `scanner.c`), quirks included: newlines are whitespace, a template literal starts and ends at
 * non-whitespace (the scanner skips whitespace before every chunk), a heredoc closes at its
 * identifier alone on a line after any indentation, and a label's text is left escaped.
 * `test/unit/terraform/quick.test.ts` holds it to tree-sitter on every fixture, the benchmark's
 * workspace, texts of the scanner's quirks, and mutated, random and grammar-generated text.
 */
import { ownCopy } from '../fixes/text';
import { deferredBody, eagerBody, templateLiteral, type Attribute, type Block, type Body, type Expr, type Span, type TplPart } from './ast';

/** Thrown (one object, no stack) when the text is not one this reader is sure of. */
const UNSURE: unknown = Object.freeze({ unsure: true });

/** Nesting deeper than this is left to tree-sitter (and the stack safe). */
const DEPTH = 200;

/**
 * Characters the scanner's `iswspace` and the grammar's `\s` may read differently inside a template
 * (Unicode spaces, the BOM). Outside templates and comments any non-ASCII character makes the reader
 * unsure already (it is no ASCII token), and inside comments both read them alike.
 */
const isOddSpace = (c: number): boolean => c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

const enum C {
  TAB = 9, LF = 10, VT = 11, FF = 12, CR = 13, SPACE = 32, BANG = 33, QUOTE = 34, HASH = 35, DOLLAR = 36,
  PERCENT = 37, AMP = 38, LPAREN = 40, RPAREN = 41, STAR = 42, PLUS = 43, COMMA = 44, MINUS = 45, DOT = 46,
  SLASH = 47, D0 = 48, D9 = 57, COLON = 58, LT = 60, EQ = 61, GT = 62, QUESTION = 63, UA = 65, UE = 69, UZ = 90,
  LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, UNDERSCORE = 95, LA = 97, LE = 101, LZ = 122, LBRACE = 123,
  PIPE = 124, RBRACE = 125, TILDE = 126,
}

/** Names the grammar also has as keywords: where one stands for a name, tree-sitter is left to say which it reads. */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

const isWs = (c: number): boolean => c === C.SPACE || (c >= C.TAB && c <= C.CR);
const isDigit = (c: number): boolean => c >= C.D0 && c <= C.D9;
const isIdStart = (c: number): boolean => (c >= C.LA && c <= C.LZ) || (c >= C.UA && c <= C.UZ) || c === C.UNDERSCORE;
const isIdPart = (c: number): boolean => isIdStart(c) || isDigit(c) || c === C.MINUS;
/** Characters of a heredoc's identifier (the scanner's `iswalnum || '_' || '-'`, ASCII here). */
const isHeredocId = (c: number): boolean => isIdPart(c);

/**
 * The top-level blocks of a Terraform file, as `convertTopLevel` in `workspace.ts` gives them from
 * tree-sitter's tree; undefined when this reader is not sure of the text (then tree-sitter reads it).
 * Bodies of blocks the model reads later if at all (`eagerBody`) are checked now and built when
 * first read.
 */
export function quickBlocks(text: string): Block[] | undefined {
  if (text.indexOf('\0') >= 0) return undefined; // the scanner stops at a NUL
  try {
    return new Reader(text, true).file();
  } catch {
    // UNSURE, a stack overflow, or a fault of this reader: tree-sitter reads the text.
    return undefined;
  }
}

/**
 * The top-level block tree-sitter found at `start`..`end` of `text`, without a syntax error in it,
 * as its conversion gives it (ast.ts's lazyBlock); undefined when this reader is not sure of it.
 * For an open file: the blocks an edit changed (workspace.ts's convertTopLevel), read here in a
 * fraction of the time their tree-sitter nodes take to convert.
 */
export function quickBlockAt(text: string, start: number, end: number): Block | undefined {
  // A NUL in the block (searched in the block only: from `start` to the end of the text, it was a
  // search of the rest of the file on every keystroke in it).
  if (text.slice(start, end).includes('\0')) return undefined;
  try {
    const r = new Reader(text, true);
    r.pos = start;
    const b = r.topBlock();
    return r.pos === end ? b : undefined;
  } catch {
    return undefined;
  }
}

/** The body of the block at `start` of `text`, a text quickBlocks was sure of. */
function bodyAt(text: string, start: number): Body {
  const r = new Reader(text, true);
  r.pos = start;
  return r.block(true).body;
}

class Reader {
  pos = 0;
  private depth = 0;
  constructor(private readonly text: string, private build: boolean) {}

  private unsure(): never {
    throw UNSURE;
  }

  private at(i: number): number {
    return this.text.charCodeAt(i);
  }

  /** Skips whitespace and comments; whether a comment was skipped. */
  private ws(): boolean {
    const t = this.text;
    let p = this.pos;
    let comment = false;
    for (;;) {
      const c = t.charCodeAt(p);
      if (isWs(c)) { p++; continue; }
      if (c === C.HASH || (c === C.SLASH && t.charCodeAt(p + 1) === C.SLASH)) {
        const nl = t.indexOf('\n', p);
        p = nl < 0 ? t.length : nl;
        comment = true;
        continue;
      }
      if (c === C.SLASH && t.charCodeAt(p + 1) === C.STAR) {
        const end = t.indexOf('*/', p + 2);
        if (end < 0) this.unsure();
        p = end + 2;
        comment = true;
        continue;
      }
      break;
    }
    this.pos = p;
    return comment;
  }

  /** An identifier at pos (ASCII letters, digits, `_`, `-` and `::`), its end; unsure of anything else. */
  private ident(): string {
    const t = this.text;
    const start = this.pos;
    if (!isIdStart(t.charCodeAt(start))) this.unsure();
    let p = start + 1;
    for (;;) {
      const c = t.charCodeAt(p);
      if (isIdPart(c)) p++;
      else if (c === C.COLON && t.charCodeAt(p + 1) === C.COLON) p += 2;
      else if (c > 127) this.unsure();
      else break;
    }
    this.pos = p;
    return this.str(start, p);
  }

  /** The text from start to end as a string of its own (ownCopy, as ast.ts's textOf): never a view that keeps the file alive. */
  private str(start: number, end: number): string {
    return ownCopy(this.text, start, end);
  }

  private other(start: number): Expr {
    return { k: 'other', text: this.str(start, this.pos), span: { start, end: this.pos } };
  }

  private enter(): void {
    if (++this.depth > DEPTH) this.unsure();
  }

  // ---- bodies and blocks ----

  file(): Block[] {
    const out: Block[] = [];
    const t = this.text;
    this.ws();
    if (t.charCodeAt(this.pos) === C.LBRACE) this.unsure(); // a JSON-shaped config file
    while (this.pos < t.length) {
      const b = this.item(true);
      if (b) out.push(b as Block);
      this.ws();
    }
    return out;
  }

  /** A body's items up to its closing brace (not consumed). */
  private body(): Body {
    const body: Body = { attributes: new Map(), blocks: [] };
    const t = this.text;
    this.ws();
    while (t.charCodeAt(this.pos) !== C.RBRACE) {
      if (this.pos >= t.length) this.unsure();
      const r = this.item(false);
      if (r && this.build) {
        if ('labels' in r) body.blocks.push(r);
        else body.attributes.set(r.name, r);
      }
      this.ws();
    }
    return body;
  }

  /** An attribute or a block at pos; at the top level, attributes are read and dropped (as convertTopLevel does). */
  private item(top: boolean): Block | Attribute | undefined {
    const start = this.pos;
    const name = this.ident();
    if (KEYWORDS.has(name)) this.unsure();
    this.ws();
    const c = this.at(this.pos);
    if (c === C.EQ && this.at(this.pos + 1) !== C.EQ && this.at(this.pos + 1) !== C.GT) {
      this.pos++;
      this.ws();
      const keep = this.build;
      if (top) this.build = false;
      const expr = this.expr();
      this.build = keep;
      return top || !this.build ? undefined : { name, expr, span: { start, end: this.pos } };
    }
    this.pos = start;
    return top ? this.topBlock() : this.block(true);
  }

  /** A top-level block: its body built now or when first read (eagerBody, as ast.ts's lazyBlock). */
  topBlock(): Block {
    const start = this.pos;
    const h = this.header();
    if (eagerBody(h.type, h.labels)) return this.blockBody(start, h);
    const keep = this.build;
    this.build = false;
    this.blockBody(start, h);
    this.build = keep;
    const text = this.text;
    return deferredBody(h.type, h.labels, { start, end: this.pos }, h.headerSpan, () => bodyAt(text, start));
  }

  /** A block at pos (`build`: its body built). */
  block(build: boolean): Block {
    const start = this.pos;
    const h = this.header();
    const keep = this.build;
    this.build = build && keep;
    const b = this.blockBody(start, h);
    this.build = keep;
    return b;
  }

  private header(): { type: string; labels: string[]; headerSpan: Span } {
    const start = this.pos;
    const type = this.ident();
    if (KEYWORDS.has(type)) this.unsure();
    const labels: string[] = [];
    for (;;) {
      this.ws();
      const c = this.at(this.pos);
      if (c === C.LBRACE) break;
      if (c === C.QUOTE) {
        // A label is a plain string (string_lit); its text is the literal's, escapes left as written.
        const keep = this.build;
        this.build = true;
        const parts = this.quoted();
        this.build = keep;
        if (parts.some((p) => 'interp' in p)) this.unsure();
        labels.push(parts.length ? this.str(parts[0].span.start, parts[0].span.end) : '');
      } else if (isIdStart(c)) {
        const label = this.ident();
        if (KEYWORDS.has(label)) this.unsure();
        labels.push(label);
      } else this.unsure();
    }
    this.pos++;
    return { type, labels, headerSpan: { start, end: this.pos } };
  }

  private blockBody(start: number, h: { type: string; labels: string[]; headerSpan: Span }): Block {
    this.enter();
    const body = this.body();
    this.pos++; // }
    this.depth--;
    return { type: h.type, labels: h.labels, body, span: { start, end: this.pos }, headerSpan: h.headerSpan };
  }

  // ---- expressions ----

  /** An expression: operations and a conditional (their text), or a term. Ends at its last token. */
  private expr(): Expr {
    this.enter();
    const start = this.pos;
    const first = this.operand();
    let plain = true;
    for (;;) {
      const save = this.pos;
      this.ws();
      const n = this.binaryOp();
      if (!n) { this.pos = save; break; }
      this.pos += n;
      this.ws();
      this.operand();
      plain = false;
    }
    const save = this.pos;
    this.ws();
    if (this.at(this.pos) === C.QUESTION) {
      this.pos++;
      this.ws();
      this.expr();
      this.ws();
      this.colon();
      this.expr();
      plain = false;
    } else this.pos = save;
    this.depth--;
    return plain ? first : this.build ? this.other(start) : first;
  }

  /** The length of a binary operator at pos, or 0. */
  private binaryOp(): number {
    const c = this.at(this.pos);
    const d = this.at(this.pos + 1);
    switch (c) {
      case C.STAR: case C.PLUS: case C.PERCENT: return 1;
      case C.SLASH: return 1; // comments were skipped already
      case C.MINUS: return 1;
      case C.GT: return d === C.EQ ? 2 : 1;
      case C.LT: if (d === C.LT) this.unsure(); return d === C.EQ ? 2 : 1;
      case C.EQ: return d === C.EQ ? 2 : 0;
      case C.BANG: return d === C.EQ ? 2 : 0;
      case C.AMP: if (d !== C.AMP) this.unsure(); return 2;
      case C.PIPE: if (d !== C.PIPE) this.unsure(); return 2;
      default: return 0;
    }
  }

  /** A unary operation (its text) or a term with its postfix (index, attribute, splat). */
  private operand(): Expr {
    const c = this.at(this.pos);
    if (c === C.MINUS || (c === C.BANG && this.at(this.pos + 1) !== C.EQ)) {
      const start = this.pos;
      this.pos++;
      this.ws();
      this.enter();
      this.operand();
      this.depth--;
      return this.build ? this.other(start) : NONE;
    }
    return this.chain();
  }

  /**
   * A term and its postfix. A variable followed by attributes and literal indexes is a reference;
   * any other term with a postfix, a splat, or a comment between the parts (a child of tree-sitter's
   * expression node, which the conversion does not read past) is its text.
   */
  private chain(): Expr {
    const start = this.pos;
    const term = this.term();
    // A reference's root is a variable: a term that starts with a name and reads as a ref (not a
    // parenthesized reference, which starts with its parenthesis).
    const path: (string | number)[] | undefined = term.k === 'ref' && isIdStart(this.at(start)) ? term.path : undefined;
    let postfix = false;
    let opaque = false;
    for (;;) {
      const save = this.pos;
      const comment = this.ws();
      const c = this.at(this.pos);
      if (c === C.DOT && this.at(this.pos + 1) !== C.DOT) { // not an ellipsis
        const d = this.at(this.pos + 1);
        if (d === C.STAR) { this.pos += 2; opaque = true; } else if (isDigit(d)) {
          this.pos++;
          while (isDigit(this.at(this.pos))) this.pos++;
          if (isIdStart(this.at(this.pos)) || this.at(this.pos) === C.DOT || this.at(this.pos) > 127) this.unsure();
          opaque = true;
        } else {
          this.pos++;
          this.ws();
          const name = this.ident();
          if (KEYWORDS.has(name)) this.unsure();
          path?.push(name);
        }
      } else if (c === C.LBRACKET) {
        if (this.at(this.pos + 1) === C.STAR && this.at(this.pos + 2) === C.RBRACKET) { this.pos += 3; opaque = true; } else {
          this.pos++;
          this.ws();
          const inner = this.expr();
          this.ws();
          if (this.at(this.pos) !== C.RBRACKET) this.unsure();
          this.pos++;
          if (path && this.build) {
            if (inner.k === 'num') path.push(inner.value);
            else if (inner.k === 'str' && inner.parts.every((p) => 'lit' in p)) path.push(inner.parts.map((p) => ('lit' in p ? p.lit : '')).join(''));
            else opaque = true;
          }
        }
      } else { this.pos = save; break; }
      postfix = true;
      if (comment) opaque = true;
    }
    if (!this.build) return NONE;
    if (path) return opaque ? this.other(start) : { k: 'ref', path, text: this.str(start, this.pos), span: { start, end: this.pos } };
    return postfix ? this.other(start) : term;
  }

  /** A term: literal, template, tuple, object, for expression, call, variable (a ref of its name) or parenthesized expression. */
  private term(): Expr {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (c === C.QUOTE) {
      const parts = this.quoted();
      return this.build ? { k: 'str', parts, span: { start, end: this.pos } } : NONE;
    }
    if (c === C.LT && t.charCodeAt(start + 1) === C.LT) return this.heredoc();
    if (c === C.LBRACKET) return this.tuple();
    if (c === C.LBRACE) return this.object();
    if (c === C.LPAREN) {
      this.pos++;
      let comment = this.ws();
      const inner = this.expr();
      comment = this.ws() || comment;
      if (this.at(this.pos) !== C.RPAREN) this.unsure();
      this.pos++;
      if (!this.build) return NONE;
      return comment ? this.other(start) : inner;
    }
    if (isDigit(c)) return this.number();
    const name = this.ident();
    if (name === 'true' || name === 'false') return this.build ? { k: 'bool', value: name === 'true', span: { start, end: this.pos } } : NONE;
    if (name === 'null') return this.build ? { k: 'null', span: { start, end: this.pos } } : NONE;
    if (name === 'for' || name === 'in' || name === 'if') this.unsure();
    const save = this.pos;
    this.ws();
    if (this.at(this.pos) === C.LPAREN) return this.call(start, name);
    this.pos = save;
    return this.build ? { k: 'ref', path: [name], text: name, span: { start, end: this.pos } } : NONE;
  }

  private number(): Expr {
    const t = this.text;
    const start = this.pos;
    let p = start;
    while (isDigit(t.charCodeAt(p))) p++;
    if (t.charCodeAt(p) === C.DOT && isDigit(t.charCodeAt(p + 1))) {
      p += 2;
      while (isDigit(t.charCodeAt(p))) p++;
      const e = t.charCodeAt(p);
      if (e === C.LE || e === C.UE) {
        let q = p + 1;
        const s = t.charCodeAt(q);
        if (s === C.PLUS || s === C.MINUS) q++;
        if (!isDigit(t.charCodeAt(q))) this.unsure();
        while (isDigit(t.charCodeAt(q))) q++;
        p = q;
      }
    }
    const n = t.charCodeAt(p);
    // `0x1f`, `1e5`, `1.x`, `2.5.1`: left to tree-sitter.
    if (isIdStart(n) || n === C.DOT || n > 127) this.unsure();
    this.pos = p;
    return this.build ? { k: 'num', value: Number(t.slice(start, p)), span: { start, end: p } } : NONE;
  }

  private call(start: number, name: string): Expr {
    this.pos++; // (
    this.ws();
    const args: Expr[] = [];
    if (this.at(this.pos) !== C.RPAREN) {
      for (;;) {
        const a = this.expr();
        if (this.build) args.push(a);
        this.ws();
        const c = this.at(this.pos);
        if (c === C.RPAREN) break;
        if (c === C.DOT && this.text.startsWith('...', this.pos)) {
          this.pos += 3;
          this.ws();
          if (this.at(this.pos) !== C.RPAREN) this.unsure();
          break;
        }
        if (c !== C.COMMA) this.unsure();
        this.pos++;
        this.ws();
        if (this.at(this.pos) === C.RPAREN) break;
      }
    }
    this.pos++; // )
    return this.build ? { k: 'call', name, args, span: { start, end: this.pos } } : NONE;
  }

  /** Whether a `for` keyword starts at pos (then a for expression, its text). */
  private forAhead(): boolean {
    const t = this.text;
    const p = this.pos;
    return t.charCodeAt(p) === 102 && t.charCodeAt(p + 1) === 111 && t.charCodeAt(p + 2) === 114 && !isIdPart(t.charCodeAt(p + 3)) && t.charCodeAt(p + 3) !== C.COLON && t.charCodeAt(p + 3) <= 127;
  }

  /** `for k, v in coll :` up to and past the colon. */
  private forIntro(): void {
    this.pos += 3;
    this.ws();
    this.loopVar();
    this.ws();
    if (this.at(this.pos) === C.COMMA) {
      this.pos++;
      this.ws();
      this.loopVar();
      this.ws();
    }
    if (this.ident() !== 'in') this.unsure();
    this.ws();
    this.expr();
    this.ws();
    this.colon();
  }

  /** A colon (not `::`) at pos, and the space after it. */
  private colon(): void {
    if (this.at(this.pos) !== C.COLON || this.at(this.pos + 1) === C.COLON) this.unsure();
    this.pos++;
    this.ws();
  }

  private loopVar(): void {
    const v = this.ident();
    if (KEYWORDS.has(v)) this.unsure();
  }

  /** An optional `if cond` of a for expression, then the closing character. */
  private forEnd(close: number): void {
    this.ws();
    if (this.at(this.pos) === 105 && this.at(this.pos + 1) === 102 && !isIdPart(this.at(this.pos + 2)) && this.at(this.pos + 2) !== C.COLON) {
      this.pos += 2;
      this.ws();
      this.expr();
      this.ws();
    }
    if (this.at(this.pos) !== close) this.unsure();
    this.pos++;
  }

  /**
   * A for expression, its text, from after its opening bracket: `for k, v in coll : value` (for an
   * object `key => value` and an optional `...`), an optional `if cond`, the closing bracket.
   */
  private forExpr(start: number, close: number): Expr {
    const keep = this.build;
    this.build = false;
    this.forIntro();
    this.expr();
    if (close === C.RBRACE) {
      this.ws();
      if (this.at(this.pos) !== C.EQ || this.at(this.pos + 1) !== C.GT) this.unsure();
      this.pos += 2;
      this.ws();
      this.expr();
      this.ws();
      if (this.text.startsWith('...', this.pos)) this.pos += 3;
    }
    this.forEnd(close);
    this.build = keep;
    return keep ? this.other(start) : NONE;
  }

  private tuple(): Expr {
    const start = this.pos;
    this.pos++;
    this.ws();
    if (this.forAhead()) return this.forExpr(start, C.RBRACKET);
    const keep = this.build;
    const items: Expr[] = [];
    while (this.at(this.pos) !== C.RBRACKET) {
      const e = this.expr();
      if (keep) items.push(e);
      this.ws();
      const c = this.at(this.pos);
      if (c === C.COMMA) { this.pos++; this.ws(); } else if (c !== C.RBRACKET) this.unsure();
    }
    this.pos++;
    return keep ? { k: 'tuple', items, span: { start, end: this.pos } } : NONE;
  }

  private object(): Expr {
    const start = this.pos;
    this.pos++;
    this.ws();
    if (this.forAhead()) return this.forExpr(start, C.RBRACE);
    const keep = this.build;
    const entries: { key: Expr; value: Expr; span: Span }[] = [];
    while (this.at(this.pos) !== C.RBRACE) {
      const es = this.pos;
      const key = this.expr();
      this.ws();
      const c = this.at(this.pos);
      const d = this.at(this.pos + 1);
      if (!((c === C.EQ && d !== C.EQ && d !== C.GT) || (c === C.COLON && d !== C.COLON))) this.unsure();
      this.pos++;
      this.ws();
      const value = this.expr();
      if (keep) entries.push({ key, value, span: { start: es, end: this.pos } });
      this.ws();
      if (this.at(this.pos) === C.COMMA) { this.pos++; this.ws(); }
      if (this.pos >= this.text.length) this.unsure();
    }
    this.pos++;
    return keep ? { k: 'object', entries, span: { start, end: this.pos } } : NONE;
  }

  // ---- templates ----

  /** A quoted template at pos (`"`), its parts; pos after the closing quote. */
  private quoted(): TplPart[] {
    this.pos++;
    return this.template(true, '');
  }

  /** `<<ID` or `<<-ID` … `ID`: a string with the heredoc's body. */
  private heredoc(): Expr {
    const t = this.text;
    const start = this.pos;
    this.pos += t.charCodeAt(start + 2) === C.MINUS ? 3 : 2;
    // The scanner skips whitespace before the identifier, then reads it.
    while (isWs(t.charCodeAt(this.pos))) this.pos++;
    const idStart = this.pos;
    while (isHeredocId(t.charCodeAt(this.pos))) this.pos++;
    if (this.pos === idStart || t.charCodeAt(this.pos) > 127) this.unsure();
    const id = t.slice(idStart, this.pos);
    const bodyStart = this.pos + 1;
    const parts = this.template(false, id);
    // pos is after the closing identifier; `closing` recorded where it starts.
    const bodyEnd = this.closing;
    return this.build ? { k: 'str', parts, span: { start, end: this.pos }, heredoc: { bodyStart, bodyEnd } } : NONE;
  }

  /** Where the last heredoc's closing identifier started. */
  private closing = 0;

  /**
   * A template's parts up to its end (the closing quote, or `id` alone on a line), as the external
   * scanner cuts it: a literal runs from its first to its last non-whitespace chunk.
   */
  private template(quoted: boolean, id: string): TplPart[] {
    const t = this.text;
    const parts: TplPart[] = [];
    let litStart = -1;
    let litEnd = -1;
    let p = this.pos;
    for (;;) {
      let nl = false;
      for (;;) {
        const w = t.charCodeAt(p);
        if (!isWs(w)) break;
        if (w === C.LF) nl = true;
        p++;
      }
      if (p >= t.length) this.unsure();
      const c = t.charCodeAt(p);
      let end: number;
      if (quoted && c === C.QUOTE) {
        this.literal(parts, quoted, litStart, litEnd);
        this.pos = p + 1;
        return parts;
      }
      if (c === C.DOLLAR) {
        const d = t.charCodeAt(p + 1);
        if (d === C.LBRACE) {
          this.literal(parts, quoted, litStart, litEnd);
          litStart = -1;
          this.pos = p;
          const part = this.interpolation();
          if (this.build) parts.push(part);
          p = this.pos;
          continue;
        }
        // As the scanner cuts it: `$${` (an escaped interpolation), `$$` otherwise, or `$`.
        end = d === C.DOLLAR ? (t.charCodeAt(p + 2) === C.LBRACE ? p + 3 : p + 2) : p + 1;
      } else if (c === C.PERCENT) {
        const d = t.charCodeAt(p + 1);
        if (d === C.LBRACE) this.unsure(); // a directive: left to tree-sitter
        end = d === C.PERCENT ? (t.charCodeAt(p + 2) === C.LBRACE ? p + 3 : p + 2) : p + 1;
      } else if (!quoted && nl && t.startsWith(id, p)) {
        let q = p + id.length;
        while (isWs(t.charCodeAt(q)) && t.charCodeAt(q) !== C.LF) q++;
        // A Unicode space after the identifier (the scanner's iswspace may take it for the line's
        // trailing space and close here): left to tree-sitter. Found by the mutation soak (seed 12).
        if (isOddSpace(t.charCodeAt(q))) this.unsure();
        if (t.charCodeAt(q) === C.LF) {
          this.literal(parts, quoted, litStart, litEnd);
          this.closing = p;
          this.pos = p + id.length;
          return parts;
        }
        if (q >= t.length) this.unsure();
        end = q + 1;
      } else if (quoted && c === C.BACKSLASH) {
        const d = t.charCodeAt(p + 1);
        if (d === C.QUOTE || d === 110 || d === 114 || d === 116 || d === C.BACKSLASH) end = p + 2;
        else if (d === 117 || d === 85) {
          const n = d === 117 ? 4 : 8;
          for (let i = 0; i < n; i++) if (!isHex(t.charCodeAt(p + 2 + i))) this.unsure();
          end = p + 2 + n;
        } else this.unsure();
      } else {
        if (c > 127 && isOddSpace(c)) this.unsure();
        // One character (a code point: a surrogate pair is one).
        end = c >= 0xd800 && c <= 0xdbff && (t.charCodeAt(p + 1) & 0xfc00) === 0xdc00 ? p + 2 : p + 1;
      }
      if (litStart < 0) litStart = p;
      litEnd = end;
      p = end;
    }
  }

  /** The literal piece of a template from litStart to litEnd, if any (litStart < 0: none), added to its parts. */
  private literal(parts: TplPart[], quoted: boolean, litStart: number, litEnd: number): void {
    if (litStart < 0 || !this.build) return;
    const raw = this.str(litStart, litEnd);
    parts.push({ lit: templateLiteral(raw, quoted), span: { start: litStart, end: litEnd } });
  }

  /** `${ expr }` at pos (strip markers allowed); the part, pos after `}`. */
  private interpolation(): TplPart {
    const start = this.pos;
    this.pos += 2;
    this.ws();
    if (this.at(this.pos) === C.TILDE) { this.pos++; this.ws(); }
    let e: Expr | undefined;
    if (this.at(this.pos) !== C.RBRACE && this.at(this.pos) !== C.TILDE) {
      e = this.expr();
      this.ws();
    }
    if (this.at(this.pos) === C.TILDE) { this.pos++; this.ws(); }
    if (this.at(this.pos) !== C.RBRACE) this.unsure();
    this.pos++;
    if (!this.build) return NO_PART;
    return { interp: e ?? this.other(start), span: { start, end: this.pos } };
  }
}

const isHex = (c: number): boolean => isDigit(c) || (c >= C.LA && c <= 102) || (c >= C.UA && c <= 70);

/** What an expression or part read without building is (never looked at). */
const NONE: Expr = Object.freeze({ k: 'null', span: Object.freeze({ start: 0, end: 0 }) }) as Expr;
const NO_PART: TplPart = Object.freeze({ lit: '', span: NONE.span }) as TplPart;
