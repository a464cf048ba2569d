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
import { keep, keptOn, keptValue } from '../kept';

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
  /**
   * Named symbols are atoms in the possible mode too (contains/overlaps set it when both strings hold
   * one): a named symbol is one value of one resource instance (a runtime's generated id suffix), equal
   * to itself and to no other named symbol, and it cannot stretch over the text around the other's.
   * This reads the two occurrences as aligned: true of the ARNs built from one resource attribute (the
   * same literal prefix before the symbol on both sides); two resources of one type holding one name
   * (an SNS topic declared twice) would be read as two values.
   */
  namedAtoms?: boolean;
}

let neverCounter = 0;

/** The provider's symbols' ids, one string each (an atom token holds one per symbol compiled). */
const SYM_IDS = { partition: 'sym:partition', region: 'sym:region', account: 'sym:account' } as const;

export function symId(p: Extract<Part, { kind: 'sym' }>): string {
  return p.sym.kind === 'named' ? `sym:named:${p.sym.name}` : SYM_IDS[p.sym.kind];
}

/**
 * A string's parts written as a key (symbolicText, makeShape): each literal with its length
 * (`L12:arn:aws:s3:`), the provider's symbols one letter each (`P`, `R`, `A`), a named symbol with its
 * name's length (`N7:runtime`), and `unknown` for an unknown or a policy variable (undefined: no key).
 * No two lists of parts share a key. Joined from an array: a key made with `+=` is a tree of
 * concatenations, and a Map keeps each node of it (about 32 bytes each, 10,964 of them in the two
 * tables at 2,000 files). Undefined when longer than `max`.
 */
function partsKey(s: SymStr, unknown: string | undefined, max: number): string | undefined {
  const out: string[] = [];
  let length = 0;
  for (const p of s.parts) {
    let k: string;
    if (p.kind === 'lit') k = `L${p.text.length}:${p.text}`;
    else if (p.kind === 'sym') k = p.sym.kind === 'partition' ? 'P' : p.sym.kind === 'region' ? 'R' : p.sym.kind === 'account' ? 'A' : `N${p.sym.name.length}:${p.sym.name}`;
    else if (unknown === undefined) return undefined;
    else k = unknown;
    length += k.length;
    if (length > max) return undefined;
    out.push(k);
  }
  return out.length === 1 ? out[0] : out.join('');
}

/** The options as a number (six flags): a key made without building a string on every call. */
const optionsKey = (o: CompileOptions): number =>
  (o.side === 'policy' ? 1 : 0) | (o.mode === 'def' ? 2 : 0) | (o.question === 'contains' ? 4 : 0) | (o.arn ? 8 : 0) | (o.fold ? 16 : 0) | (o.wildcards ? 32 : 0) | (o.namedAtoms ? 128 : 0);

/** Under which a symbolic string keeps its compiled forms by options key (core/kept.ts: not a WeakMap, whose values V8's minor collections keep while the key is young). */
const COMPILED = Symbol('compiled');
/**
 * Literal strings by their text as well (one map per options key): most patterns and requests are
 * literal, and the same text comes as many objects (each role's resources, each probe of a fix).
 * A policy's strings of literals and symbols too (`arn:${partition}:...`: the same statement
 * compared with every role's requests), but not a request's: the catalog's templates instantiated
 * for one role hold its names, and contains() meets each at most once per policy shape (its memo
 * is by shape); by text, 2,550 of 2,605 such requests were never read again at 2,000 files, and
 * they held 3 MB of tokens and keys for the life of the language server. Emptied when it grows large.
 */
const literalCache = new Map<number, Map<string, Tok[]>>();
let literalCount = 0;
const LITERAL_CACHE_MAX = 5_000;

/** Compiles a symbolic string into tokens for one side/mode/question (memoised per string object, and per text when literal, or a policy's of literals and symbols only). */
export function compile(s: SymStr, o: CompileOptions): Tok[] {
  const key = optionsKey(o);
  const m = keptOn(s, COMPILED, () => new Map<number, Tok[]>());
  let t = m.get(key);
  if (t) return t;
  const first = s.parts[0];
  const literal = s.parts.length === 1 && first.kind === 'lit';
  const text = literal ? first.text : o.side === 'policy' ? symbolicText(s) : undefined;
  if (text !== undefined) {
    // A policy's strings of literals and symbols by their parts (symbolicText) in maps of their own (key + 64).
    const k = literal ? key : key + 64;
    let byText = literalCache.get(k);
    if (!byText) literalCache.set(k, (byText = new Map()));
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

/**
 * A string of literals and symbols only (the catalog's templates as instantiated for each role:
 * `arn:${partition}:...`), written part by part (partsKey), so that no two such strings share a
 * text; undefined when a part is unknown or a policy variable (each compiles to an atom of its own).
 */
function symbolicText(s: SymStr): string | undefined {
  return partsKey(s, undefined, Infinity);
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
      if (o.mode === 'def' || (o.namedAtoms && p.sym.kind === 'named')) out.push({ t: 'a', id: symId(p) });
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

/**
 * How far the comparisons of two patterns may go. A pattern written in a workspace can be any
 * length (`*:a*a*a*…b`, 40 KB): the general search below is O(n·m), so past this many cells it
 * gives up and the verdict is unknown ("too long to compare"), never granted or missing. The
 * shapes policies are made of (a pattern against a concrete action or ARN, or against a pattern
 * without tokens to choose) take matchPieces instead, which is linear and never gives up.
 */
export const SEARCH_CELLS = 1 << 21;
/** Steps a search for a piece with `?` may take (the only part of matchPieces that is not linear). */
export const PIECE_STEPS = 1 << 20;

/** Is every string of `r` in `p`? true, false, or undefined when the comparison was too large to finish (SEARCH_CELLS). */
export function containsJudged(p: Tok[], r: Tok[]): boolean | undefined {
  const simple = containsSimple(p, r);
  if (simple !== undefined) return simple;
  if (literalEndsConflict(p, r)) return false;
  const fast = containsByPieces(p, r);
  if (fast !== NOT_THIS_SHAPE) return fast;
  if (p.length + r.length <= MEMO_DEPTH) return containsMemo(p, r);
  return containsBounded(p, r, SEARCH_CELLS);
}

/**
 * Up to this many tokens in both patterns together, containment is searched top-down (containsMemo):
 * it visits only the states a match can reach (a few hundred for two ARNs of 80 characters with
 * placeholders), where the table below fills every cell (6,400 for the same pair): in the benchmark
 * at 2,000 files the table alone took 390 ms of a 1.6 s analysis. The recursion is at most this
 * deep, well inside Node's stack; longer patterns take the bounded table.
 */
const MEMO_DEPTH = 1024;

/** Containment by memoized search from (0, 0), visiting only reachable states (the same relation as containsBounded). */
function containsMemo(p: Tok[], r: Tok[]): boolean {
  const n = p.length;
  const m = r.length;
  const memo = new Uint8Array((n + 1) * (m + 1)); // 0 not yet, 1 true, 2 false
  const rec = (i: number, j: number): boolean => {
    const key = i * (m + 1) + j;
    const v = memo[key];
    if (v) return v === 1;
    memo[key] = 2; // guards cycles (none expected: every step moves i or j forward)
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
    return unitTakes(pt, r[j]) && rec(i + 1, j + 1);
  };
  return rec(0, 0);
}

/**
 * Does every string of `r` belong to `p`? (Sound: true only if it does; `e` tokens in `r` are
 * chosen.) `unsure`: the answer when the comparison was too large to finish (false where a true
 * would claim too much, true where a false would).
 */
export function containsToks(p: Tok[], r: Tok[], unsure = false): boolean {
  return containsJudged(p, r) ?? unsure;
}

/**
 * Two patterns whose literal heads (or tails) differ at a position where both have a plain
 * character, every token before it being one character long on both sides: no string is in both,
 * so neither contains the other and they do not overlap. Linear; answers most pairs of unrelated
 * ARNs (another service, another account) before any search.
 */
function literalEndsConflict(p: Tok[], r: Tok[]): boolean {
  const one = (x: Tok) => x.t === 'c' || x.t === 'q';
  for (let i = 0; i < p.length && i < r.length; i++) {
    const a = p[i];
    const b = r[i];
    if (!one(a) || !one(b)) break;
    if (a.t === 'c' && b.t === 'c' && a !== b) return true;
  }
  for (let i = p.length - 1, j = r.length - 1; i >= 0 && j >= 0; i--, j--) {
    const a = p[i];
    const b = r[j];
    if (!one(a) || !one(b)) break;
    if (a.t === 'c' && b.t === 'c' && a !== b) return true;
  }
  return false;
}

// ---- containment by pieces (linear) ---------------------------------------------------------

const NOT_THIS_SHAPE = Symbol('not this shape');

/** A pattern's pieces between its stars, worked out once per compiled pattern (kept on the token array). */
interface Plan {
  /** Index of the last `seg` wildcard (`*` or `?` that does not cross `:`), -1 if none. */
  lastSeg: number;
  /** Whether a wildcard that crosses `:` comes before lastSeg (a shape matchPieces does not take). */
  mixed: boolean;
}
const PLAN = Symbol('plan');

function planOf(p: Tok[]): Plan {
  return keptOn(p, PLAN, () => {
    let lastSeg = -1;
    for (let i = 0; i < p.length; i++) {
      const t = p[i];
      if ((t.t === 's' || t.t === 'q') && t.seg) lastSeg = i;
    }
    let mixed = false;
    for (let i = 0; i < lastSeg; i++) {
      const t = p[i];
      if ((t.t === 's' || t.t === 'q') && !t.seg) mixed = true;
    }
    return { lastSeg, mixed };
  });
}

const isColon = (t: Tok) => t.t === 'c' && t.ch === ':';
/** A token of `r` that no `seg` wildcard, character or atom of `p` can take: `:` or a wildcard that crosses it. */
const barrier = (t: Tok) => isColon(t) || ((t.t === 's' || t.t === 'q') && !t.seg);

/**
 * containsToks for a pattern `p` against an `r` without tokens to choose (no `e`), in time linear
 * in both (but for pieces holding `?`: PIECE_STEPS). `p`'s `seg` wildcards (the first five
 * segments of an ARN) cannot take `:`, so `p` and `r` are cut at the colons of those segments and
 * compared segment by segment; in each segment, and after them, every star of `p` can take every
 * token of `r`, and the classic search by pieces is exact: the first piece at the start, the last
 * at the end, each other piece at its leftmost place after the one before. (A star of `p` taking a
 * star or `?` of `r`: containment of patterns is matching with `r`'s wildcards as letters only
 * `p`'s wildcards take.) NOT_THIS_SHAPE for the shapes it does not take.
 */
function containsByPieces(p: Tok[], r: Tok[]): boolean | undefined | typeof NOT_THIS_SHAPE {
  const plan = planOf(p);
  if (plan.mixed) return NOT_THIS_SHAPE;
  const budget = { steps: PIECE_STEPS };
  let chosen = -1; // the last token of r to choose (`e`), if any
  for (let j = 0; j < r.length; j++) if (r[j].t === 'e') chosen = j;
  if (chosen >= 0) {
    // Tokens to choose that cannot hold `:` (symbols in a "possible" containment), only in the
    // segments cut at colons: each segment by the bounded search, which chooses them.
    if (plan.lastSeg < 0) return NOT_THIS_SHAPE;
    for (let j = 0; j <= chosen; j++) if (r[j].t === 'e' && !(r[j] as { seg: boolean }).seg) return NOT_THIS_SHAPE;
  }
  if (plan.lastSeg < 0) return matchPieces(p, 0, p.length, r, 0, r.length, budget);
  // The colons of p up to the first after its last `seg` wildcard, each matched by one of r's.
  let i = 0;
  let j = 0;
  for (;;) {
    let pc = i;
    while (pc < p.length && !isColon(p[pc])) pc++;
    if (pc === p.length || pc > plan.lastSeg) {
      if (pc < p.length) {
        // A colon after the last `seg` wildcard: the segment before it, then the rest as a whole
        // (unless a wildcard that crosses `:` comes between: it may take r's colons).
        for (let k = plan.lastSeg + 1; k < pc; k++) if ((p[k].t === 's' || p[k].t === 'q') && !(p[k] as { seg: boolean }).seg) return NOT_THIS_SHAPE;
        let rc = j;
        while (rc < r.length && !isColon(r[rc])) rc++;
        if (rc === r.length) return false;
        const seg = segmentMatch(p, i, pc, r, j, rc, budget);
        if (seg !== true) return seg;
        if (chosen > rc) return containsBounded(p.slice(pc + 1), r.slice(rc + 1), SEARCH_CELLS);
        return matchPieces(p, pc + 1, p.length, r, rc + 1, r.length, budget);
      }
      if (chosen >= 0) return NOT_THIS_SHAPE;
      // p's last segment holds `seg` wildcards; after its last one: nothing, or one star that takes everything.
      const tail = plan.lastSeg + 1;
      if (tail === p.length) {
        for (let k = j; k < r.length; k++) if (barrier(r[k])) return false;
        return segmentMatch(p, i, p.length, r, j, r.length, budget);
      }
      if (tail === p.length - 1 && p[tail].t === 's') {
        let end = j;
        while (end < r.length && !barrier(r[end])) end++;
        // A prefix of r[j, end) must match p[i, tail): p[i, tail) followed by a star that takes the rest of it.
        return matchPieces(p, i, tail, r, j, end, budget, true);
      }
      return NOT_THIS_SHAPE;
    }
    let rc = j;
    while (rc < r.length && !isColon(r[rc])) rc++;
    if (rc === r.length) return false;
    const seg = segmentMatch(p, i, pc, r, j, rc, budget);
    if (seg !== true) return seg;
    i = pc + 1;
    j = rc + 1;
  }
}

/** One segment: r's part must hold nothing p's `seg` tokens cannot take; with tokens to choose, the bounded search. */
function segmentMatch(p: Tok[], i0: number, i1: number, r: Tok[], j0: number, j1: number, budget: { steps: number }): boolean | undefined {
  let choose = false;
  for (let k = j0; k < j1; k++) {
    if (barrier(r[k])) return false;
    if (r[k].t === 'e') choose = true;
  }
  if (choose) return containsBounded(p.slice(i0, i1), r.slice(j0, j1), SEARCH_CELLS);
  return matchPieces(p, i0, i1, r, j0, j1, budget);
}

/** Does p's token (no star) take r's token, one for one? (Characters are one object each: charTok.) */
function unitTakes(pt: Tok, rt: Tok): boolean {
  switch (pt.t) {
    case 'c':
      return rt === pt;
    case 'a':
      return rt.t === 'a' && rt.id === pt.id;
    case 'q':
      return (rt.t === 'c' && (!pt.seg || rt.ch !== ':')) || (rt.t === 'q' && (!pt.seg || rt.seg));
    default:
      return false;
  }
}

/**
 * p[i0, i1) against r[j0, j1), where every star of that part of p takes every token of that part of
 * r. `openEnd`: p is followed by a star that takes whatever is left. Undefined past the budget.
 */
function matchPieces(p: Tok[], i0: number, i1: number, r: Tok[], j0: number, j1: number, budget: { steps: number }, openEnd = false): boolean | undefined {
  // The first piece, anchored at the start.
  let i = i0;
  let j = j0;
  while (i < i1 && p[i].t !== 's') {
    if (j >= j1 || !unitTakes(p[i], r[j])) return false;
    i++;
    j++;
  }
  if (i === i1) return openEnd || j === j1;
  // The last piece, anchored at the end (unless an open end follows it).
  let end = j1;
  let last = i1;
  if (!openEnd) {
    while (last > i && p[last - 1].t !== 's') {
      end--;
      if (end < j || !unitTakes(p[last - 1], r[end])) return false;
      last--;
    }
  }
  // The pieces between stars, each at its leftmost place in r[j, end).
  while (i < last) {
    while (i < last && p[i].t === 's') i++;
    if (i === last) break;
    let k = i;
    let plain = true;
    while (k < last && p[k].t !== 's') {
      if (p[k].t === 'q') plain = false;
      k++;
    }
    const at = plain ? findPlain(p, i, k, r, j, end) : findWithAny(p, i, k, r, j, end, budget);
    if (at === undefined) return undefined;
    if (at < 0) return false;
    j = at + (k - i);
    i = k;
  }
  return true;
}

/** Leftmost place of p[i0, i1) (characters and atoms: an equality) in r[j0, j1), or -1: Knuth–Morris–Pratt, linear. */
function findPlain(p: Tok[], i0: number, i1: number, r: Tok[], j0: number, j1: number): number {
  const k = i1 - i0;
  if (k > j1 - j0) return -1;
  const fail = new Int32Array(k);
  for (let q = 1, len = 0; q < k; ) {
    if (sameUnit(p[i0 + q], p[i0 + len])) fail[q++] = ++len;
    else if (len > 0) len = fail[len - 1];
    else fail[q++] = 0;
  }
  for (let j = j0, q = 0; j < j1; ) {
    if (unitTakes(p[i0 + q], r[j])) {
      j++;
      if (++q === k) return j - k;
    } else if (q > 0) q = fail[q - 1];
    else j++;
  }
  return -1;
}

/** Leftmost place of a piece holding `?` in r[j0, j1), or -1; undefined once the budget is spent. */
function findWithAny(p: Tok[], i0: number, i1: number, r: Tok[], j0: number, j1: number, budget: { steps: number }): number | undefined {
  const k = i1 - i0;
  for (let j = j0; j + k <= j1; j++) {
    let q = 0;
    while (q < k && unitTakes(p[i0 + q], r[j + q])) q++;
    budget.steps -= q + 1;
    if (q === k) return j;
    if (budget.steps < 0) return undefined;
  }
  return -1;
}

// ---- the general search (bounded) ----------------------------------------------------------

/** containsToks by search alone, unbounded (exported for the tests that hold the shortcuts to it). */
export function containsSearch(p: Tok[], r: Tok[]): boolean {
  return containsBounded(p, r, Infinity)!;
}

/**
 * Containment by dynamic programming over (position in p, position in r), from the ends back, a
 * row at a time (no recursion: any length without a deep stack). Undefined when the table would
 * have more than `cells` cells.
 */
function containsBounded(p: Tok[], r: Tok[], cells: number): boolean | undefined {
  const n = p.length;
  const m = r.length;
  if ((n + 1) * (m + 1) > cells) return undefined;
  // next[j]: p[i+1..] contains r[j..]; cur[j]: p[i..] contains r[j..].
  let next = new Uint8Array(m + 1);
  let cur = new Uint8Array(m + 1);
  next[m] = 1;
  for (let j = m - 1; j >= 0; j--) next[j] = r[j].t === 'e' && next[j + 1] ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    const pt = p[i];
    for (let j = m; j >= 0; j--) cur[j] = containsStep(pt, r, j, m, cur, next) ? 1 : 0;
    const t = next;
    next = cur;
    cur = t;
  }
  return next[0] === 1;
}

function containsStep(pt: Tok, r: Tok[], j: number, m: number, cur: Uint8Array, next: Uint8Array): boolean {
  if (pt.t === 's') {
    if (next[j]) return true;
    if (j < m && starAbsorbs(pt, r[j]) && cur[j + 1]) return true;
  }
  if (j < m && r[j].t === 'e') {
    const e = r[j] as { t: 'e'; seg: boolean };
    if (cur[j + 1]) return true;
    const absorbable = pt.t === 'c' ? !e.seg || pt.ch !== ':' : pt.t !== 'e';
    return absorbable && next[j] === 1;
  }
  if (pt.t === 's' || j === m) return false;
  return unitTakes(pt, r[j]) && next[j + 1] === 1;
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

const isStar = (x: Tok) => x.t === 's' || x.t === 'e';

/**
 * The indexes of the first five `:` of an ARN-like pattern when nothing before the fifth can stand
 * for a `:` itself (no wildcard or token to choose that crosses segments); else undefined.
 */
function fiveColons(t: Tok[]): number[] | undefined {
  const at: number[] = [];
  for (let i = 0; i < t.length && at.length < 5; i++) {
    const x = t[i];
    if (isColon(x)) at.push(i);
    else if ((x.t === 's' || x.t === 'q' || x.t === 'e') && !x.seg) return undefined;
  }
  return at.length === 5 ? at : undefined;
}

/**
 * Is there a string in both? (`e` tokens are treated as `s`.) Undefined when too large to compare
 * (SEARCH_CELLS). Two ARN patterns are compared segment by segment when neither can put a `:` in
 * its first five segments: a string in both has its five colons where each has them.
 */
export function overlapJudged(p: Tok[], r: Tok[], cells = SEARCH_CELLS): boolean | undefined {
  if (literalEndsConflict(p, r)) return false;
  const pc = fiveColons(p);
  const rc = pc && fiveColons(r);
  if (pc && rc) {
    let unsure = false;
    for (let k = 0; k <= 5; k++) {
      const ps = p.slice(k === 0 ? 0 : pc[k - 1] + 1, k === 5 ? p.length : pc[k]);
      const rs = r.slice(k === 0 ? 0 : rc[k - 1] + 1, k === 5 ? r.length : rc[k]);
      const o = overlapSearch(ps, rs, cells);
      if (o === false) return false;
      if (o === undefined) unsure = true;
    }
    return unsure ? undefined : true;
  }
  return overlapSearch(p, r, cells);
}

function overlapSearch(p: Tok[], r: Tok[], cells: number): boolean | undefined {
  if (literalEndsConflict(p, r)) return false;
  const n = p.length;
  const m = r.length;
  if ((n + 1) * (m + 1) > cells) return undefined;
  // next[j]: p[i+1..] and r[j..] overlap; cur[j]: p[i..] and r[j..].
  let next = new Uint8Array(m + 1);
  let cur = new Uint8Array(m + 1);
  next[m] = 1;
  for (let j = m - 1; j >= 0; j--) next[j] = isStar(r[j]) && next[j + 1] ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    const pt = p[i];
    const ps = isStar(pt);
    cur[m] = ps && next[m] ? 1 : 0;
    for (let j = m - 1; j >= 0; j--) {
      const rt = r[j];
      let v = false;
      if (ps) v = next[j] === 1 || (starMeets(pt as { seg: boolean }, rt) && cur[j + 1] === 1);
      if (!v && isStar(rt)) v = cur[j + 1] === 1 || (starMeets(rt as { seg: boolean }, pt) && next[j] === 1);
      if (!v && !ps && !isStar(rt)) v = unitCompat(pt, rt) && next[j + 1] === 1;
      cur[j] = v ? 1 : 0;
    }
    const t = next;
    next = cur;
    cur = t;
  }
  return next[0] === 1;
}

/** Is there a string in both? (`e` tokens are treated as `s`; unbounded: the tests' reference.) */
export function overlapToks(p: Tok[], r: Tok[]): boolean {
  return overlapJudged(p, r, Infinity)!;
}

export function lit(text: string): SymStr {
  return { parts: [{ kind: 'lit', text }] };
}

/**
 * Plain glob match of a concrete string (`*`, `?`), optionally case-insensitive. Linear (a pattern
 * against a concrete string takes matchPieces); `unsure` is the answer in the one case it may give
 * up (a piece with `?` searched past PIECE_STEPS).
 */
export function globMatch(pattern: string, value: string, fold = false, unsure = false): boolean {
  const o: CompileOptions = { side: 'policy', mode: 'def', question: 'contains', arn: false, fold, wildcards: true };
  return containsToks(compile(lit(pattern), o), compile(lit(value), { ...o, side: 'request', wildcards: false }), unsure);
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

/**
 * Under which a symbolic string is marked as too long to compare (a comparison with it gave up:
 * SEARCH_CELLS): dependencies() then names it, so the unknown verdict says why.
 */
const TOO_LONG = Symbol('tooLong');

/** The answers judged() gives (shared: callers only read them). */
const J_YES: Judged = Object.freeze({ def: true, pos: true });
const J_MAYBE: Judged = Object.freeze({ def: false, pos: true });
const J_NO: Judged = Object.freeze({ def: false, pos: false });

/** An answer of judged() as bits (1 definite, 2 possible, 4 too long to compare), as the memo keeps it. */
function judgedBits(p: SymStr, r: SymStr, run: (mode: Mode) => boolean | undefined): number {
  const def = run('def');
  if (def) return 3;
  const pos = run('pos');
  return (pos ?? true ? 2 : 0) | (def === undefined || pos === undefined ? 4 : 0);
}

function fromBits(bits: number, p: SymStr, r: SymStr): Judged {
  if (bits & 4) {
    keep(p, TOO_LONG, true);
    keep(r, TOO_LONG, true);
  }
  return bits & 1 ? J_YES : bits & 2 ? J_MAYBE : J_NO;
}

/**
 * A string's shape as a comparison reads it (partsKey): its literals and symbols, and `U` for each unknown
 * or policy variable (each compiles to a token of its own, equal to no token of another string,
 * whatever its expression), so that two strings of one shape compare alike. Each shape has a
 * number (never given twice, so that a number kept on a string never names another shape after
 * the table is emptied), kept on the string (core/kept.ts); -1 when the string is long (compared
 * without the memo).
 */
const SHAPE = Symbol('shape');
const SHAPE_MAX = 600;
const shapeIds = new Map<string, number>();
let lastShapeId = 0;

function shapeOf(s: SymStr): number {
  return keptOn(s, SHAPE, makeShape);
}

function makeShape(s: SymStr): number {
  const out = partsKey(s, 'U', SHAPE_MAX);
  if (out === undefined) return -1;
  let id = shapeIds.get(out);
  if (id === undefined) shapeIds.set(out, (id = ++lastShapeId));
  return id;
}

/**
 * Answers of contains() and overlaps() by the shapes of both strings and the match kind: every
 * role of a workspace compares the same few statement resources with the same requirement
 * resources (15,041 comparisons of 2,262 pairs of shapes at 2,000 files). Emptied when large.
 */
const judgedMemo = new Map<number, Map<number, number>>();
let judgedCount = 0;
const JUDGED_MAX = 50_000;

const kindKey = (k: MatchKind, overlap: boolean): number => (k.arn ? 1 : 0) | (k.fold ? 2 : 0) | (k.wildcards ? 4 : 0) | (k.requestWildcards ? 8 : 0) | (overlap ? 16 : 0);

function remembered(p: SymStr, r: SymStr, k: MatchKind, overlap: boolean, run: (mode: Mode) => boolean | undefined): Judged {
  const ps = shapeOf(p);
  const rs = ps < 0 ? -1 : shapeOf(r);
  if (rs < 0) return fromBits(judgedBits(p, r, run), p, r);
  const pk = ps * 32 + kindKey(k, overlap);
  let byR = judgedMemo.get(pk);
  if (!byR) judgedMemo.set(pk, (byR = new Map()));
  let bits = byR.get(rs);
  if (bits === undefined) {
    if (judgedCount >= JUDGED_MAX || shapeIds.size >= JUDGED_MAX) {
      judgedMemo.clear();
      shapeIds.clear();
      judgedCount = 0;
      judgedMemo.set(pk, (byR = new Map()));
    }
    byR.set(rs, (bits = judgedBits(p, r, run)));
    judgedCount++;
  }
  return fromBits(bits, p, r);
}

/**
 * Does policy pattern `p` contain request pattern `r` (every string `r` covers)? A comparison too
 * large to finish is possible, not definite (unknown), and marks both strings (dependencies()).
 */
export function contains(p: SymStr, r: SymStr, k: MatchKind): Judged {
  const namedAtoms = hasNamed(p) && hasNamed(r);
  return remembered(p, r, k, false, (mode) =>
    containsJudged(
      compile(p, { side: 'policy', mode, question: 'contains', arn: k.arn, fold: k.fold, wildcards: k.wildcards, namedAtoms }),
      compile(r, { side: 'request', mode, question: 'contains', arn: k.arn, fold: k.fold, wildcards: k.requestWildcards, namedAtoms }),
    ),
  );
}

/** Whether a string holds a named symbol (CompileOptions.namedAtoms). */
function hasNamed(s: SymStr): boolean {
  return s.parts.some((p) => p.kind === 'sym' && p.sym.kind === 'named');
}

/** Do policy pattern `p` and request pattern `r` have a string in common? (Too large to compare: possible, not definite.) */
export function overlaps(p: SymStr, r: SymStr, k: MatchKind): Judged {
  const namedAtoms = hasNamed(p) && hasNamed(r);
  return remembered(p, r, k, true, (mode) =>
    overlapJudged(
      compile(p, { side: 'policy', mode, question: 'overlap', arn: k.arn, fold: k.fold, wildcards: k.wildcards, namedAtoms }),
      compile(r, { side: 'request', mode, question: 'overlap', arn: k.arn, fold: k.fold, wildcards: k.requestWildcards, namedAtoms }),
    ),
  );
}

/** What a string marked TOO_LONG is called in a verdict's dependencies: its length and its first characters. */
export function tooLongToCompare(s: SymStr): string {
  const text = render(s);
  const head = [...text.slice(0, 40)].filter((c) => c >= ' ' && c !== '\u007f').join('');
  return `a pattern too long to compare (${text.length.toLocaleString('en-US')} characters: ${head}…)`;
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
  if (keptValue(s, TOO_LONG)) out.add(tooLongToCompare(s));
  for (const p of s.parts) {
    if (p.kind === 'unknown') out.add(p.expr);
    else if (p.kind === 'policyVar') out.add(`\${${p.name}}`);
    else if (withSymbols && p.kind === 'sym') out.add(p.sym.kind === 'named' ? p.sym.name : p.sym.kind);
  }
}

export function isLiteral(s: SymStr): boolean {
  return s.parts.every((p) => p.kind === 'lit');
}
