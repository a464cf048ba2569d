/**
 * Glob matching, containment and overlap over symbolic strings.
 *
 * A pattern is compiled into tokens; what a non-literal part (symbol, unknown, policy variable)
 * becomes depends on the side (policy or request), the mode and the question:
 * - mode `def` (definite, an under-approximation of "it matches"): a policy's unknown matches
 *   nothing; a symbol is an atom equal only to the same symbol (or absorbed by `*`);
 * - mode `pos` (possible, an over-approximation): a policy's unknown may be anything.
 *
 * ARN resources: the first five `:`-separated segments are matched separately (`*` and `?` do not
 * cross `:` there); in the sixth (resource) segment `*` spans `:` and `/`. A pattern with fewer
 * than five literal colons whose last character is `*` (e.g. `*`, `arn:aws:s3:::*`... or `arn:*`)
 * lets that last `*` cover the rest. Anything else that is not an ARN matches only itself
 * (a malformed ARN matches nothing real).
 */
import type { Part, SymStr } from '../model';
import { keptOn } from '../kept';

export type Tok =
  | { t: 'c'; ch: string } // a literal character
  | { t: 'q'; seg: boolean } // one character (seg: not `:`)
  | { t: 's'; seg: boolean } // any string (seg: without `:`)
  | { t: 'a'; id: string } // an atom: a value equal only to itself (symbol, or a never-matching value)
  | { t: 'e'; seg: boolean }; // some string we may choose (request unknowns in a "possible" containment)

export type Mode = 'def' | 'pos';
export type Side = 'policy' | 'request';
export type Question = 'contains' | 'overlap';

export interface CompileOptions {
  side: Side;
  mode: Mode;
  question: Question;
  /** ARN segment rules (resources, ArnLike). */
  arn: boolean;
  /** Case-insensitive (actions, ...IgnoreCase). */
  fold: boolean;
  /** `*` and `?` are wildcards (false for StringEquals). */
  wildcards: boolean;
}

let neverCounter = 0;

export function symId(p: Extract<Part, { kind: 'sym' }>): string {
  return p.sym.kind === 'named' ? `sym:named:${p.sym.name}` : `sym:${p.sym.kind}`;
}

/** The options as a number (six flags): a key made without building a string on every call. */
const optionsKey = (o: CompileOptions): number =>
  (o.side === 'policy' ? 1 : 0) | (o.mode === 'def' ? 2 : 0) | (o.question === 'contains' ? 4 : 0) | (o.arn ? 8 : 0) | (o.fold ? 16 : 0) | (o.wildcards ? 32 : 0);

/** Under which a symbolic string keeps its compiled forms by options key (core/kept.ts: not a WeakMap, whose values V8's minor collections keep while the key is young). */
const COMPILED = Symbol('compiled');
/**
 * Literal strings by their text as well (one map per options key): most patterns and requests are
 * literal, and the same text comes as many objects (each role's resources, each probe of a fix).
 * Emptied when it grows large.
 */
const literalCache = new Map<number, Map<string, Tok[]>>();
let literalCount = 0;
const LITERAL_CACHE_MAX = 20_000;

/** Compiles a symbolic string into tokens for one side/mode/question (memoised per string object, and per text when literal). */
export function compile(s: SymStr, o: CompileOptions): Tok[] {
  const key = optionsKey(o);
  const m = keptOn(s, COMPILED, () => new Map<number, Tok[]>());
  let t = m.get(key);
  if (t) return t;
  const text = s.parts.length === 1 && s.parts[0].kind === 'lit' ? s.parts[0].text : undefined;
  if (text !== undefined) {
    let byText = literalCache.get(key);
    if (!byText) literalCache.set(key, (byText = new Map()));
    t = byText.get(text);
    if (!t) {
      if (literalCount >= LITERAL_CACHE_MAX) {
        for (const x of literalCache.values()) x.clear();
        literalCount = 0;
      }
      byText.set(text, (t = compileUncached(s, o)));
      literalCount++;
    }
  } else t = compileUncached(s, o);
  m.set(key, t);
  return t;
}

/** Tokens are never changed: one object per literal character and per wildcard kind. */
const charToks = new Map<string, Tok>();
const charTok = (ch: string): Tok => {
  let t = charToks.get(ch);
  if (!t) charToks.set(ch, (t = { t: 'c', ch }));
  return t;
};
const STAR: Tok = { t: 's', seg: false };
const SEG_STAR: Tok = { t: 's', seg: true };
const ONE: Tok = { t: 'q', seg: false };
const SEG_ONE: Tok = { t: 'q', seg: true };

function compileUncached(s: SymStr, o: CompileOptions): Tok[] {
  const out: Tok[] = [];
  let colons = 0;
  let free = !o.arn; // after an unrestricted flexible part, segment counting is lost
  let totalColons = 0;
  let hasFlex = false;
  for (const p of s.parts) {
    if (p.kind === 'lit') for (const ch of p.text) if (ch === ':') totalColons++;
    if (p.kind === 'unknown' || p.kind === 'policyVar') hasFlex = true;
  }
  // Short pattern ending in `*`: that last star covers the rest of the ARN.
  const last = s.parts[s.parts.length - 1];
  const shortTail = o.arn && o.wildcards && !hasFlex && totalColons < 5 && last?.kind === 'lit' && last.text.endsWith('*');
  for (let pi = 0; pi < s.parts.length; pi++) {
    const p = s.parts[pi];
    if (p.kind === 'lit') {
      const text = o.fold ? p.text.toLowerCase() : p.text;
      for (let k = 0; k < text.length; k++) {
        const ch = text[k];
        const seg = !free && colons < 5;
        if (o.wildcards && ch === '*') {
          const isLast = shortTail && pi === s.parts.length - 1 && k === text.length - 1;
          out.push(seg && !isLast ? SEG_STAR : STAR);
        } else if (o.wildcards && ch === '?') out.push(seg ? SEG_ONE : ONE);
        else {
          out.push(charTok(ch));
          if (ch === ':') colons++;
        }
      }
      continue;
    }
    if (p.kind === 'sym') {
      if (o.mode === 'def') out.push({ t: 'a', id: symId(p) });
      else if (o.side === 'policy' || o.question === 'overlap') out.push({ t: 's', seg: true });
      else out.push({ t: 'e', seg: true });
      continue;
    }
    // unknown / policyVar
    if (o.mode === 'def') {
      if (o.side === 'request' && o.question === 'contains') {
        out.push({ t: 's', seg: false });
        free = true;
      } else out.push({ t: 'a', id: `never:${o.side}:${++neverCounter}` });
    } else {
      if (o.side === 'request' && o.question === 'contains') out.push({ t: 'e', seg: false });
      else out.push({ t: 's', seg: false });
      free = true;
    }
  }
  return out;
}

function starAbsorbs(star: { seg: boolean }, x: Tok): boolean {
  switch (x.t) {
    case 'c':
      return !star.seg || x.ch !== ':';
    case 'q':
    case 's':
      return !star.seg || x.seg;
    case 'a':
    case 'e':
      return true;
  }
}

/** Whether two tokens that are no wildcards are the same (characters are shared objects; atoms compare by id). */
const sameUnit = (a: Tok, b: Tok): boolean => a === b || (a.t === 'a' && b.t === 'a' && a.id === b.id);

/**
 * containsToks without its search, when `p` is literal with at most one star, at its end (`*`,
 * `arn:…:log-group:/aws/x/*`, a literal ARN) and `r` has no token to choose: the prefix must be
 * `r`'s, token for token, and the star must absorb the rest. Most patterns of a role's policies are
 * of this shape. Undefined for any other shape.
 */
function containsSimple(p: Tok[], r: Tok[]): boolean | undefined {
  const n = p.length;
  const star = n > 0 && p[n - 1].t === 's' ? (p[n - 1] as { t: 's'; seg: boolean }) : undefined;
  const k = star ? n - 1 : n;
  for (let i = 0; i < k; i++) if (p[i].t !== 'c' && p[i].t !== 'a') return undefined;
  for (let j = 0; j < r.length; j++) if (r[j].t === 'e') return undefined;
  if (star ? r.length < k : r.length !== k) return false;
  for (let i = 0; i < k; i++) {
    const rt = r[i];
    if ((rt.t !== 'c' && rt.t !== 'a') || !sameUnit(p[i], rt)) return false;
  }
  if (star) for (let j = k; j < r.length; j++) if (!starAbsorbs(star, r[j])) return false;
  return true;
}

/** Does every string of `r` belong to `p`? (Sound: true only if it does; `e` tokens in `r` are chosen.) */
export function containsToks(p: Tok[], r: Tok[]): boolean {
  return containsSimple(p, r) ?? containsSearch(p, r);
}

/** containsToks by search alone (exported for the test that holds the shortcut to it). */
export function containsSearch(p: Tok[], r: Tok[]): boolean {
  const n = p.length;
  const m = r.length;
  const memo = new Int8Array((n + 1) * (m + 1)); // 0 unknown, 1 true, 2 false
  const rec = (i: number, j: number): boolean => {
    const key = i * (m + 1) + j;
    const v = memo[key];
    if (v) return v === 1;
    memo[key] = 2; // guards cycles (none expected)
    const res = step(i, j);
    memo[key] = res ? 1 : 2;
    return res;
  };
  const step = (i: number, j: number): boolean => {
    if (i === n) {
      for (let k = j; k < m; k++) if (r[k].t !== 'e') return false;
      return true;
    }
    const pt = p[i];
    if (pt.t === 's') {
      if (rec(i + 1, j)) return true;
      if (j < m && starAbsorbs(pt, r[j]) && rec(i, j + 1)) return true;
    }
    if (j < m && r[j].t === 'e') {
      const e = r[j] as { t: 'e'; seg: boolean };
      if (rec(i, j + 1)) return true;
      const absorbable = pt.t === 'c' ? !e.seg || pt.ch !== ':' : pt.t !== 'e';
      return absorbable && rec(i + 1, j);
    }
    if (pt.t === 's' || j === m) return false;
    const rt = r[j];
    switch (pt.t) {
      case 'c':
        return rt.t === 'c' && rt.ch === pt.ch && rec(i + 1, j + 1);
      case 'q':
        return ((rt.t === 'c' && (!pt.seg || rt.ch !== ':')) || (rt.t === 'q' && (!pt.seg || rt.seg))) && rec(i + 1, j + 1);
      case 'a':
        return rt.t === 'a' && rt.id === pt.id && rec(i + 1, j + 1);
      default:
        return false;
    }
  };
  return rec(0, 0);
}

function unitCompat(a: Tok, b: Tok): boolean {
  if (a.t === 'c' && b.t === 'c') return a.ch === b.ch;
  if (a.t === 'q' && b.t === 'c') return !a.seg || b.ch !== ':';
  if (a.t === 'c' && b.t === 'q') return !b.seg || a.ch !== ':';
  if (a.t === 'q' && b.t === 'q') return true;
  if (a.t === 'a' && b.t === 'a') return a.id === b.id;
  return false;
}

/** Can a star (in an overlap) take the string of token x? A `?` or `*` can pick a character that is not `:`. */
function starMeets(star: { seg: boolean }, x: Tok): boolean {
  return x.t === 'c' ? !star.seg || x.ch !== ':' : true;
}

/** Is there a string in both? (`e` tokens are treated as `s`.) */
export function overlapToks(p: Tok[], r: Tok[]): boolean {
  const n = p.length;
  const m = r.length;
  const memo = new Int8Array((n + 1) * (m + 1));
  const isStar = (x: Tok) => x.t === 's' || x.t === 'e';
  const rec = (i: number, j: number): boolean => {
    const key = i * (m + 1) + j;
    const v = memo[key];
    if (v) return v === 1;
    memo[key] = 2;
    const res = step(i, j);
    memo[key] = res ? 1 : 2;
    return res;
  };
  const step = (i: number, j: number): boolean => {
    if (i === n && j === m) return true;
    if (i < n && isStar(p[i])) {
      if (rec(i + 1, j)) return true;
      if (j < m && starMeets(p[i] as { seg: boolean }, r[j]) && rec(i, j + 1)) return true;
    }
    if (j < m && isStar(r[j])) {
      if (rec(i, j + 1)) return true;
      if (i < n && starMeets(r[j] as { seg: boolean }, p[i]) && rec(i + 1, j)) return true;
    }
    if (i === n || j === m || isStar(p[i]) || isStar(r[j])) return false;
    return unitCompat(p[i], r[j]) && rec(i + 1, j + 1);
  };
  return rec(0, 0);
}

export function lit(text: string): SymStr {
  return { parts: [{ kind: 'lit', text }] };
}

/** Plain glob match of a concrete string (`*`, `?`), optionally case-insensitive. */
export function globMatch(pattern: string, value: string, fold = false): boolean {
  const o: CompileOptions = { side: 'policy', mode: 'def', question: 'contains', arn: false, fold, wildcards: true };
  return containsToks(compile(lit(pattern), o), compile(lit(value), { ...o, side: 'request', wildcards: false }));
}

export interface Judged {
  /** Definitely true (sound for "granted"). */
  def: boolean;
  /** Possibly true (false is sound for "missing"). */
  pos: boolean;
}

export interface MatchKind {
  arn: boolean;
  fold: boolean;
  /** Wildcards in the policy pattern. */
  wildcards: boolean;
  /** Wildcards in the request pattern. */
  requestWildcards: boolean;
}

export const RESOURCE: MatchKind = { arn: true, fold: false, wildcards: true, requestWildcards: true };
export const ACTION: MatchKind = { arn: false, fold: true, wildcards: true, requestWildcards: true };

/** Does policy pattern `p` contain request pattern `r` (every string `r` covers)? */
export function contains(p: SymStr, r: SymStr, k: MatchKind): Judged {
  const run = (mode: Mode) =>
    containsToks(
      compile(p, { side: 'policy', mode, question: 'contains', arn: k.arn, fold: k.fold, wildcards: k.wildcards }),
      compile(r, { side: 'request', mode, question: 'contains', arn: k.arn, fold: k.fold, wildcards: k.requestWildcards }),
    );
  const def = run('def');
  return { def, pos: def || run('pos') };
}

/** Do policy pattern `p` and request pattern `r` have a string in common? */
export function overlaps(p: SymStr, r: SymStr, k: MatchKind): Judged {
  const run = (mode: Mode) =>
    overlapToks(
      compile(p, { side: 'policy', mode, question: 'overlap', arn: k.arn, fold: k.fold, wildcards: k.wildcards }),
      compile(r, { side: 'request', mode, question: 'overlap', arn: k.arn, fold: k.fold, wildcards: k.requestWildcards }),
    );
  const def = run('def');
  return { def, pos: def || run('pos') };
}

/** The text of a symbolic string, with `${...}` for what is not literal. */
export function render(s: SymStr): string {
  return s.parts
    .map((p) => {
      switch (p.kind) {
        case 'lit':
          return p.text;
        case 'sym':
          return p.sym.kind === 'named' ? `\${${p.sym.name}}` : `\${${p.sym.kind}}`;
        case 'unknown':
          return `\${${p.expr}}`;
        case 'policyVar':
          return `\${${p.name}}`;
      }
    })
    .join('');
}

/** What a symbolic string depends on: unknown expressions, policy variables, symbols. */
export function dependencies(s: SymStr, out: Set<string>, withSymbols = false): void {
  for (const p of s.parts) {
    if (p.kind === 'unknown') out.add(p.expr);
    else if (p.kind === 'policyVar') out.add(`\${${p.name}}`);
    else if (withSymbols && p.kind === 'sym') out.add(p.sym.kind === 'named' ? p.sym.name : p.sym.kind);
  }
}

export function isLiteral(s: SymStr): boolean {
  return s.parts.every((p) => p.kind === 'lit');
}
