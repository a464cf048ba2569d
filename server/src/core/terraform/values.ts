/**
 * Static evaluation of Terraform expressions into symbolic values, in the context of one module
 * instance: locals, variables (caller inputs, else defaults), module outputs, the partition /
 * region / caller-identity data sources, references to IAM roles and policies, jsonencode, file().
 * Whatever cannot be known becomes an `unknown` part naming its expression, never a guess.
 */
import * as path from 'node:path';
import type { Location, Part, PolicyDocument, SymStr } from '../model';
import type { Block, Expr, Span } from './ast';
import { isLiteralString } from './ast';
import { literalText } from '../symstr';
import type { SplatStep, XExpr, XNode } from './hclexpr';
import { readOther } from './hclexpr';

export interface SourceFile {
  file: string;
  text: string;
  toPos(offset: number): { line: number; character: number };
}

export type Value =
  | { k: 'str'; s: SymStr }
  | { k: 'num'; n: number }
  | { k: 'bool'; b: boolean }
  | { k: 'null' }
  | { k: 'list'; items: Value[]; loc?: Location; expr?: Expr; src?: SourceFile }
  | { k: 'obj'; entries: Map<string, Value>; keyLocs: Map<string, Location>; loc?: Location; expr?: Expr; src?: SourceFile }
  /**
   * A reference to an IAM role of the configuration (its arn, name or id). `when`: the role is an
   * instance that exists only under a condition the text does not decide (`count = var.create ? 1 : 0`).
   */
  | { k: 'role'; address: string; attr: string; text: string; when?: string; arnPath?: true }
  /** A reference to an aws_iam_policy (its arn). */
  | { k: 'policy'; address: string; text: string; when?: string }
  /** A policy document value (data.aws_iam_policy_document.X.json, a JSON file read by file()). */
  | { k: 'doc'; doc: PolicyDocument }
  /** jsonencode(v): v kept as a value so that the policy keeps its positions. */
  | { k: 'json'; v: Value; loc?: Location }
  /**
   * Not known. `err`: known to fail (a missing key, an index out of range: `try` takes the next).
   * `alts`: the values it may take, each with the condition under which it does (a conditional whose
   * condition is not known, `try`, `coalesce`). `each`: an element of a collection whose size is not
   * known (the instances of `count = var.create ? 1 : 0`), with the condition under which it exists.
   * Whoever does not read these is right to take it as unknown.
   */
  | { k: 'unknown'; expr: string; loc?: Location; err?: true; alts?: Alt[]; each?: Alt };

/** A value a not-known one may take, and the condition under which it does (in words). */
export interface Alt {
  when: string;
  v: Value;
  /** The expression it comes from, when that says more than the value (`var.role_arn`, whose default is null). */
  text?: string;
}

/** How many instances a resource, data source or module call has (`count`, `for_each`). */
export type Instances =
  | { mode: 'single' }
  | { mode: 'count'; keys: number[] }
  | { mode: 'each'; keys: string[]; values: Value[] }
  /** Not known (or past MAX_INSTANCES: `over` says so): one instance stands for all, with each.key, each.value and count.index unknown. */
  | { mode: 'symbolic'; meta: 'count' | 'for_each'; when: string; over?: string };

/** At most this many instances of one resource, data source or module call are expanded. */
export const MAX_INSTANCES = 256;

export interface ModuleInstance {
  address: string;
  dir: string;
  files: { src: SourceFile; blocks: Block[] }[];
  parent?: ModuleInstance;
  /** The caller's argument expressions (evaluated in the parent). */
  inputs: Map<string, Expr>;
  /** Where the caller's module block is written, and its each/count (an instance of a module call with for_each or count). */
  callerSrc?: SourceFile;
  callerScope?: Map<string, Value>;
  /** The default aws provider's placement (the one resources without `provider` use). */
  provider: import('../model').ProviderContext;
  /** Every provider configuration the instance can name (`aws`, `aws.eu`, `awscc`), when they were read (model.ts). */
  providers?: Map<string, import('../model').ProviderContext>;
  locals: Map<string, { expr: Expr; src: SourceFile }>;
  variables: Map<string, { block: Block; src: SourceFile }>;
  outputs: Map<string, { expr: Expr; src: SourceFile }>;
  resources: Map<string, { block: Block; src: SourceFile }>;
  data: Map<string, { block: Block; src: SourceFile }>;
  /** A module call's instance; with count or for_each, `instances` by key (`instance` is then the first, or the symbolic one). */
  modules: Map<string, { block: Block; src: SourceFile; instance?: ModuleInstance; ins?: Instances; instances?: Map<string | number, ModuleInstance> }>;
}

/** Hooks the evaluation calls back for values that need the policy machinery. */
export interface EvalHooks {
  /** `key`: one instance of a data source with count or for_each (null: the one that stands for all when they are not known). */
  policyDocument(inst: ModuleInstance, name: string, key?: string | number | null): PolicyDocument | undefined;
  /** file()/templatefile(): the file's text, or why the gate refused it (core/gate.ts), or undefined (no such file). */
  readWorkspaceFile(file: string): import('../gate').GatedText;
  jsonFileDocument(file: string, text: string): PolicyDocument | undefined;
}

export function locOf(src: SourceFile, s: Span): Location {
  return { file: src.file, range: { start: src.toPos(s.start), end: src.toPos(s.end) } };
}

const unknown = (expr: string, loc?: Location): Value => ({ k: 'unknown', expr, loc });

/**
 * Lists longer than this are not built (concat, flatten): a local that doubles a list twenty times
 * would hold a million items (55 s and 1.7 GB before this bound). Such a value is unknown, and says why.
 */
export const MAX_LIST_ITEMS = 4096;

function tooLarge(text: string, n: number, loc: Location): Value {
  return unknown(`${text.length > 80 ? text.slice(0, 80) + '…' : text} (a list of ${n.toLocaleString('en-US')} items, more than the ${MAX_LIST_ITEMS.toLocaleString('en-US')} the analysis expands)`, loc);
}
/** Known to fail in Terraform (a missing key, an index out of range). */
const failed = (expr: string, loc?: Location): Value => ({ k: 'unknown', expr, loc, err: true });

/** A string value of one literal piece (no policy variables read in it: litStr reads them). */
export function plainStr(text: string, loc?: Location): Value {
  return { k: 'str', s: loc ? { parts: [{ kind: 'lit', text }], loc } : { parts: [{ kind: 'lit', text }] } };
}

function litStr(text: string, loc?: Location): Value {
  return { k: 'str', s: { parts: splitPolicyVars(text), loc } };
}

/** `${aws:username}` (after Terraform's `$${` unescape) and `&{aws:username}` are IAM policy variables. */
export function splitPolicyVars(text: string): Part[] {
  // No `{`, no policy variable: the text as one part (most strings), without running the search.
  if (text.indexOf('{') < 0) return [{ kind: 'lit', text }];
  const parts: Part[] = [];
  const re = /[$&]\{([A-Za-z0-9_:/.-]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push({ kind: 'lit', text: text.slice(last, m.index) });
    parts.push({ kind: 'policyVar', name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ kind: 'lit', text: text.slice(last) });
  return parts;
}

/** Converts a value to a symbolic string (for a place that needs a string). */
export function toSymStr(v: Value, loc?: Location): SymStr {
  switch (v.k) {
    case 'str': return { parts: v.s.parts, loc: loc ?? v.s.loc };
    case 'num': return { parts: [{ kind: 'lit', text: String(v.n) }], loc };
    case 'bool': return { parts: [{ kind: 'lit', text: String(v.b) }], loc };
    case 'role': return { parts: [{ kind: 'unknown', expr: v.text }], loc };
    case 'policy': return { parts: [{ kind: 'unknown', expr: v.text }], loc };
    case 'unknown': return { parts: [{ kind: 'unknown', expr: v.expr }], loc: loc ?? v.loc };
    default: return { parts: [{ kind: 'unknown', expr: `(${v.k} value)` }], loc };
  }
}

function concatParts(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') out[out.length - 1] = { kind: 'lit', text: last.text + p.text };
    else if (!(p.kind === 'lit' && p.text === '' )) out.push(p);
  }
  return out.length ? out : [{ kind: 'lit', text: '' }];
}

export class Evaluator {
  private depth = 0;
  /** Steps left for this model build: a backstop against pathological configurations. */
  private budget = 5_000_000;
  /** Locals, variables and outputs being evaluated (a reference back into one of them is a cycle). */
  private readonly active = new Set<string>();
  /** Locals, variables and outputs are evaluated once per module instance. */
  private readonly memo = new Map<ModuleInstance, Map<string, Value>>();
  /** The instances of resources, data sources and module calls, once per module instance. */
  private readonly instMemo = new Map<ModuleInstance, Map<string, Instances>>();
  /** Called with every reference resolved (for dependency tracking: see model.ts, document memo). */
  onRef: ((e: Extract<Expr, { k: 'ref' }>, inst: ModuleInstance, src: SourceFile, scope: Map<string, Value> | undefined, v: Value) => void) | undefined;
  constructor(readonly hooks: EvalHooks) {}

  /** The step budget ran out: values evaluated since may be unknowns for that reason alone. */
  get exhausted(): boolean {
    return this.budget < 0;
  }

  /** Steps taken so far (model.ts: whether a build that reused blocks could have run out where a fresh one would). */
  get steps(): number {
    return 5_000_000 - this.budget;
  }

  /** Evaluates a named value of an instance once; a cycle gives an unknown naming the reference. */
  private named(inst: ModuleInstance, key: string, text: string, loc: () => Location, f: () => Value): Value {
    let m = this.memo.get(inst);
    if (!m) this.memo.set(inst, (m = new Map()));
    const hit = m.get(key);
    if (hit) return hit;
    const id = `${inst.address}|${key}`;
    if (this.active.has(id)) return unknown(text, loc());
    this.active.add(id);
    try {
      const v = f();
      m.set(key, v);
      return v;
    } finally {
      this.active.delete(id);
    }
  }

  eval(e: Expr | XExpr, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    if (this.depth > 60 || --this.budget < 0) return unknown(exprText(e, src), locOf(src, e.span));
    this.depth++;
    try {
      return this.evalInner(e, inst, src, scope);
    } catch {
      return unknown(exprText(e, src), locOf(src, e.span));
    } finally {
      this.depth--;
    }
  }

  private evalInner(e: Expr | XExpr, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    // Where the expression is written (locOf): only strings, lists, objects and unknowns carry it.
    switch (e.k) {
      case 'str': {
        // One literal piece (most strings): its parts as they are split, without gathering them first.
        const one = e.parts.length === 1 ? e.parts[0] : undefined;
        if (one && 'lit' in one) {
          const split = splitPolicyVars(one.lit);
          // One literal that is not empty is already as concatParts would give it.
          const parts = split.length === 1 && split[0].kind === 'lit' && split[0].text !== '' ? split : concatParts(split);
          return { k: 'str', s: { parts, loc: locOf(src, e.span) } };
        }
        const parts: Part[] = [];
        for (const p of e.parts) {
          const more = 'lit' in p ? splitPolicyVars(p.lit) : toSymStr(this.eval(p.interp, inst, src, scope)).parts;
          for (const q of more) parts.push(q);
        }
        return { k: 'str', s: { parts: concatParts(parts), loc: locOf(src, e.span) } };
      }
      case 'num': return { k: 'num', n: e.value };
      case 'bool': return { k: 'bool', b: e.value };
      case 'null': return { k: 'null' };
      case 'tuple': return { k: 'list', items: e.items.map((i) => this.eval(i, inst, src, scope)), loc: locOf(src, e.span), expr: e, src };
      case 'object': {
        const entries = new Map<string, Value>();
        const keyLocs = new Map<string, Location>();
        for (const en of e.entries) {
          const key = en.key.k === 'ref' && en.key.path.length === 1 ? String(en.key.path[0]) : isLiteralString(en.key);
          if (key === undefined) continue;
          entries.set(key, this.eval(en.value, inst, src, scope));
          keyLocs.set(key, locOf(src, en.span));
        }
        return { k: 'obj', entries, keyLocs, loc: locOf(src, e.span), expr: e, src };
      }
      case 'ref': return this.ref(e, inst, src, scope);
      case 'call': return this.call(e, inst, src, scope);
      case 'other': {
        // conditionals, operators, dynamic indexes, splats, for expressions (hclexpr.ts)
        const x = readOther(e);
        if (!x || x.k === 'other') return unknown(e.text, locOf(src, e.span));
        return this.eval(x, inst, src, scope);
      }
      default: return this.node(e, inst, src, scope);
    }
  }

  /** The nodes of hclexpr.ts. */
  private node(e: XNode, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    const text = () => src.text.slice(e.span.start, e.span.end);
    const loc = () => locOf(src, e.span);
    switch (e.k) {
      case 'paren': return this.eval(e.x, inst, src, scope);
      case 'cond': {
        const t = this.eval(e.test, inst, src, scope);
        const b = truth(t);
        if (b === true) return this.eval(e.then, inst, src, scope);
        if (b === false) return this.eval(e.else, inst, src, scope);
        if (t.k === 'unknown' && t.err) return failed(text(), loc());
        const c = src.text.slice(e.test.span.start, e.test.span.end);
        const branch = (x: XExpr) => src.text.slice(x.span.start, x.span.end);
        return { k: 'unknown', expr: text(), loc: loc(), alts: [...altsOf(this.eval(e.then, inst, src, scope), `when ${c} is true`, branch(e.then)), ...altsOf(this.eval(e.else, inst, src, scope), `when ${c} is false`, branch(e.else))] };
      }
      case 'un': {
        const x = this.eval(e.x, inst, src, scope);
        if (e.op === '!') { const b = truth(x); return b === undefined ? unknown(text(), loc()) : { k: 'bool', b: !b }; }
        const n = num(x);
        return n === undefined ? unknown(text(), loc()) : { k: 'num', n: -n };
      }
      case 'bin': return this.binary(e.op, e.l, e.r, inst, src, scope, text, loc);
      case 'index': {
        const t = this.eval(e.target, inst, src, scope);
        const k = this.eval(e.key, inst, src, scope);
        return this.oneInstance(this.index(t, k, text(), loc), e, inst, src, scope);
      }
      case 'getattr': return this.oneInstance(this.walk(this.eval(e.target, inst, src, scope), [e.name], text(), loc), e, inst, src, scope);
      case 'splat': return this.splat(this.eval(e.target, inst, src, scope), e.steps, inst, src, scope, text(), loc);
      case 'for': return this.forExpr(e, inst, src, scope, text(), loc);
    }
  }

  /**
   * An unknown read through an index that is an expression of the instance being read (`count.index`,
   * `each.key`): named with the index as its value there (`aws_bedrockagentcore_agent_runtime.team[0].
   * agent_runtime_arn` in the instance count.index = 0), so that it is that instance's value, as if
   * written with a literal index, not one text shared by every instance.
   */
  private oneInstance(v: Value, e: XExpr, inst: ModuleInstance, src: SourceFile, scope: Map<string, Value> | undefined): Value {
    if (!scope || v.k !== 'unknown' || v.err || v.alts || v.each || v.expr !== src.text.slice(e.span.start, e.span.end)) return v;
    const named = this.chainText(e, inst, src, scope);
    return named === undefined || named === v.expr ? v : { ...v, expr: named };
  }

  /**
   * The text of a reference followed by attributes and indexes, each index written as its literal
   * value in `scope`, from the parsed nodes (in a .tf.json file a node's span is the JSON string's);
   * undefined when an index is not a literal there, or for any other expression.
   */
  private chainText(e: XExpr, inst: ModuleInstance, src: SourceFile, scope: Map<string, Value>): string | undefined {
    switch (e.k) {
      case 'ref': return e.text;
      case 'getattr': {
        const t = this.chainText(e.target, inst, src, scope);
        return t === undefined ? undefined : `${t}.${e.name}`;
      }
      case 'index': {
        const k = this.eval(e.key, inst, src, scope);
        const s = k.k === 'str' ? literalText(k.s) : undefined;
        const lit = k.k === 'num' && Number.isInteger(k.n) ? String(k.n) : s !== undefined ? JSON.stringify(s) : undefined;
        const t = lit === undefined ? undefined : this.chainText(e.target, inst, src, scope);
        return t === undefined ? undefined : `${t}[${lit}]`;
      }
      default: return undefined;
    }
  }

  private binary(op: string, le: XExpr, re: XExpr, inst: ModuleInstance, src: SourceFile, scope: Map<string, Value> | undefined, text: () => string, loc: () => Location): Value {
    const l = this.eval(le, inst, src, scope);
    if (op === '&&' || op === '||') {
      const a = truth(l);
      if (a === (op === '||')) return { k: 'bool', b: a };
      const b = truth(this.eval(re, inst, src, scope));
      if (a !== undefined && b !== undefined) return { k: 'bool', b };
      if (b === (op === '||')) return { k: 'bool', b };
      return unknown(text(), loc());
    }
    const r = this.eval(re, inst, src, scope);
    if (op === '==' || op === '!=') {
      const eq = equalValues(l, r);
      return eq === undefined ? unknown(text(), loc()) : { k: 'bool', b: op === '==' ? eq : !eq };
    }
    const a = num(l);
    const b = num(r);
    if (a === undefined || b === undefined) return unknown(text(), loc());
    switch (op) {
      case '<': return { k: 'bool', b: a < b };
      case '>': return { k: 'bool', b: a > b };
      case '<=': return { k: 'bool', b: a <= b };
      case '>=': return { k: 'bool', b: a >= b };
      case '+': return { k: 'num', n: a + b };
      case '-': return { k: 'num', n: a - b };
      case '*': return { k: 'num', n: a * b };
      case '/': return b === 0 ? unknown(text(), loc()) : { k: 'num', n: a / b };
      case '%': return b === 0 ? unknown(text(), loc()) : { k: 'num', n: a % b };
      default: return unknown(text(), loc());
    }
  }

  /** `v[k]`: an element of a known collection, else what a not-known one may give. */
  index(v: Value, k: Value, text: string, loc: () => Location): Value {
    if (v.k === 'unknown') return v.each ? v.each.v : overUnknown(v, text, loc, (x) => this.index(x, k, text, loc));
    if (k.k === 'unknown') return unknown(text, loc());
    if (v.k === 'list') {
      const n = num(k);
      if (n === undefined || !Number.isInteger(n)) return unknown(text, loc());
      return n >= 0 && n < v.items.length ? v.items[n] : failed(text, loc());
    }
    if (v.k === 'obj') {
      const key = scalarText(k);
      if (key === undefined) return unknown(text, loc());
      return v.entries.get(key) ?? failed(text, loc());
    }
    return unknown(text, loc());
  }

  private splat(v: Value, steps: SplatStep[], inst: ModuleInstance, src: SourceFile, scope: Map<string, Value> | undefined, text: string, loc: () => Location): Value {
    const each = (x: Value): Value => {
      let cur = x;
      for (const st of steps) cur = 'attr' in st ? this.walk(cur, [st.attr], text, loc) : this.index(cur, this.eval(st.index, inst, src, scope), text, loc);
      return cur;
    };
    if (v.k === 'null') return { k: 'list', items: [] };
    if (v.k === 'list') return { k: 'list', items: v.items.map(each), loc: loc() };
    if (v.k === 'unknown') {
      if (v.each) return { k: 'unknown', expr: text, loc: loc(), alts: [{ when: v.each.when, v: { k: 'list', items: [each(v.each.v)] } }], each: { when: v.each.when, v: each(v.each.v) } };
      return overUnknown(v, text, loc, (x) => this.splat(x, steps, inst, src, scope, text, loc));
    }
    return { k: 'list', items: [each(v)], loc: loc() };
  }

  private forExpr(e: Extract<XNode, { k: 'for' }>, inst: ModuleInstance, src: SourceFile, scope: Map<string, Value> | undefined, text: string, loc: () => Location): Value {
    const coll = this.eval(e.coll, inst, src, scope);
    if (coll.k === 'unknown' && coll.each) {
      // over the instances of a resource whose count is not known: an element of the result is the expression on one of them
      const inner = new Map(scope ?? []);
      if (e.keyVar) inner.set(e.keyVar, unknown(e.keyVar));
      inner.set(e.valVar, coll.each.v);
      if (e.cond && truth(this.eval(e.cond, inst, src, inner)) === false) return unknown(text, loc());
      return { k: 'unknown', expr: text, loc: loc(), each: { when: coll.each.when, v: this.eval(e.value, inst, src, inner) } };
    }
    const elems = elementsOf(coll);
    if (!elems) return unknown(text, loc());
    if (elems.length > MAX_INSTANCES * 16) return unknown(text, loc());
    const items: Value[] = [];
    const entries = new Map<string, Value>();
    const keyLocs = new Map<string, Location>();
    for (const [k, v] of elems) {
      const inner = new Map(scope ?? []);
      if (e.keyVar) inner.set(e.keyVar, k);
      inner.set(e.valVar, v);
      if (e.cond) {
        const c = truth(this.eval(e.cond, inst, src, inner));
        if (c === undefined) return unknown(text, loc());
        if (!c) continue;
      }
      const val = this.eval(e.value, inst, src, inner);
      if (!e.key) { items.push(val); continue; }
      const kv = this.eval(e.key, inst, src, inner);
      const key = kv.k === 'str' ? literalText(kv.s) : kv.k === 'num' ? String(kv.n) : undefined;
      if (key === undefined) return unknown(text, loc());
      if (e.group) {
        const g = entries.get(key);
        if (g?.k === 'list') g.items.push(val);
        else entries.set(key, { k: 'list', items: [val] });
      } else {
        if (entries.has(key)) return failed(text, loc());
        entries.set(key, val);
      }
      keyLocs.set(key, loc());
    }
    return e.key ? { k: 'obj', entries, keyLocs, loc: loc() } : { k: 'list', items, loc: loc() };
  }

  /**
   * The instances of a resource, data source or module call (`count`, `for_each`), evaluated once per
   * module instance: one per key when the collection is known and at most MAX_INSTANCES, else one
   * symbolic instance.
   */
  instancesOf(inst: ModuleInstance, kind: string, key: string, block: Block, src: SourceFile, scope?: Map<string, Value>): Instances {
    let m = this.instMemo.get(inst);
    if (!m) this.instMemo.set(inst, (m = new Map()));
    const id = `${kind}.${key}`;
    const hit = m.get(id);
    if (hit) return hit;
    // while a count or for_each is evaluated, a reference back to its own resource (a cycle Terraform
    // refuses) sees one symbolic instance, instead of evaluating it again down to the depth limit
    m.set(id, { mode: 'symbolic', meta: block.body.attributes.has('count') ? 'count' : 'for_each', when: 'if created' });
    const ins = this.instancesNow(block, src, inst, scope);
    m.set(id, ins);
    return ins;
  }

  private instancesNow(block: Block, src: SourceFile, inst: ModuleInstance, scope?: Map<string, Value>): Instances {
    const count = block.body.attributes.get('count');
    const fe = block.body.attributes.get('for_each');
    if (count) {
      const text = exprText(count.expr, src);
      const v = this.eval(count.expr, inst, src, scope);
      const n = num(v);
      if (n === undefined || !Number.isInteger(n) || n < 0) return { mode: 'symbolic', meta: 'count', when: `if created (count = ${text})` };
      if (n > MAX_INSTANCES) return { mode: 'symbolic', meta: 'count', when: '', over: `count = ${text} gives ${n} instances, more than the ${MAX_INSTANCES} the analysis expands: one instance stands for all, with count.index unknown` };
      return { mode: 'count', keys: Array.from({ length: n }, (_, i) => i) };
    }
    if (fe) {
      const text = exprText(fe.expr, src);
      const v = this.eval(fe.expr, inst, src, scope);
      const symbolic: Instances = { mode: 'symbolic', meta: 'for_each', when: `for each element of ${text}` };
      let keys: string[] = [];
      let values: Value[] = [];
      if (v.k === 'obj') {
        keys = [...v.entries.keys()].sort();
        values = keys.map((k) => v.entries.get(k)!);
      } else if (v.k === 'list') {
        for (const it of v.items) {
          const t = it.k === 'str' ? literalText(it.s) : undefined;
          if (t === undefined) return symbolic;
          if (!keys.includes(t)) { keys.push(t); values.push(it); }
        }
        keys.sort();
        values = keys.map((k) => plainStr(k));
      } else return symbolic;
      if (keys.length > MAX_INSTANCES) return { ...symbolic, when: '', over: `for_each = ${text} gives ${keys.length} instances, more than the ${MAX_INSTANCES} the analysis expands: one instance stands for all, with each.key and each.value unknown` };
      return { mode: 'each', keys, values };
    }
    return { mode: 'single' };
  }

  private ref(e: Extract<Expr, { k: 'ref' }>, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    const v = this.refInner(e, inst, src, scope);
    this.onRef?.(e, inst, src, scope, v);
    return v;
  }

  private refInner(e: Extract<Expr, { k: 'ref' }>, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    // Where the reference is written: computed only for the values that carry it (most references are found in the memo).
    let at: Location | undefined;
    const loc = (): Location => (at ??= locOf(src, e.span));
    const p = e.path;
    const root = String(p[0]);
    if (scope?.has(root)) return this.walk(scope.get(root)!, p.slice(1), e.text, loc);
    if (root === 'local' && p.length >= 2) {
      const l = inst.locals.get(String(p[1]));
      if (!l) return unknown(e.text, loc());
      return this.walk(this.named(inst, `local.${p[1]}`, e.text, loc, () => this.eval(l.expr, inst, l.src)), p.slice(2), e.text, loc);
    }
    if (root === 'var' && p.length >= 2) {
      const name = String(p[1]);
      const input = inst.inputs.get(name);
      const v = this.named(inst, `var.${name}`, e.text, loc, () => {
        const decl = inst.variables.get(name);
        // the attributes an object type declares optional() are null (or the default it gives) when left out
        const type = decl?.block.body.attributes.get('type');
        const typed = (x: Value): Value => (type && decl ? this.conform(x, type.expr, inst, decl.src) : x);
        if (input && inst.parent) {
          const caller = inst.callerSrc ? undefined : inst.parent.modules.get(inst.address.split('.').pop()!);
          return typed(this.eval(input, inst.parent, inst.callerSrc ?? caller?.src ?? src, inst.callerScope));
        }
        const def = decl?.block.body.attributes.get('default');
        if (def && decl) return typed(this.eval(def.expr, inst, decl.src));
        return unknown(`var.${name}`, loc());
      });
      return this.walk(v, p.slice(2), e.text, loc);
    }
    if (root === 'module' && p.length >= 2) {
      const m = inst.modules.get(String(p[1]));
      if (!m?.instance) return unknown(e.text, loc());
      const ins = m.ins;
      if (!ins || ins.mode === 'single') return this.output(m.instance, p.slice(2), e.text, loc);
      if (p.length === 2) {
        // the collection of a module call with count or for_each
        if (ins.mode === 'symbolic') return { k: 'unknown', expr: e.text, loc: loc(), each: { when: ins.when, v: this.output(m.instance, [], e.text, loc) } };
        const all = [...(m.instances ?? new Map<string | number, ModuleInstance>())];
        if (ins.mode === 'count') return { k: 'list', items: all.map(([, c]) => this.output(c, [], e.text, loc)), loc: loc() };
        return { k: 'obj', entries: new Map(all.map(([k, c]) => [String(k), this.output(c, [], e.text, loc)])), keyLocs: new Map(), loc: loc() };
      }
      const child = ins.mode === 'symbolic' ? m.instance : m.instances?.get(ins.mode === 'count' ? (p[2] as number) : String(p[2]));
      if (!child) return failed(e.text, loc());
      return this.output(child, p.slice(3), e.text, loc);
    }
    if (root === 'path' && p.length === 2) {
      if (p[1] === 'module') return litStr(inst.dir);
      if (p[1] === 'root') return litStr(rootOf(inst).dir);
      if (p[1] === 'cwd') return litStr(rootOf(inst).dir);
    }
    if (root === 'data' && p.length >= 3) {
      const type = String(p[1]);
      const name = String(p[2]);
      const decl = inst.data.get(`${type}.${name}`);
      if (!decl) return unknown(e.text, loc());
      // every instance of a data source with count or for_each reads alike here: the key is skipped
      const attr = counted(decl.block) ? (p.length >= 5 ? String(p[4]) : '') : String(p[3]);
      const prov = type.startsWith('aws_') ? placement(inst, decl.block, decl.src, this) : inst.provider;
      if (type === 'aws_partition' && (attr === 'partition' || attr === 'id')) return sym(prov.partition, { kind: 'partition' }, loc());
      if (type === 'aws_region' && (attr === 'id' || attr === 'name' || attr === 'region')) return sym(prov.region, { kind: 'region' }, loc());
      if (type === 'aws_caller_identity' && (attr === 'account_id' || attr === 'id')) return sym(prov.account, { kind: 'account' }, loc());
      if (type === 'aws_iam_policy_document') {
        const docOf = (key?: string | number | null): Value => {
          const doc = this.hooks.policyDocument(inst, name, key);
          return doc ? { k: 'doc', doc } : unknown(e.text, loc());
        };
        const isJson = (a: unknown) => a === 'json' || a === 'minified_json';
        if (!counted(decl.block)) return isJson(attr) ? docOf() : unknown(e.text, loc());
        // by instance: data.aws_iam_policy_document.x[each.key].json
        const ins = this.instancesOf(inst, 'data', `${type}.${name}`, decl.block, decl.src);
        const entry = (key: string | number | null): Value => ({ k: 'obj', entries: new Map([['json', docOf(key)]]), keyLocs: new Map() });
        if (p.length === 3) {
          if (ins.mode === 'symbolic') return { k: 'unknown', expr: e.text, loc: loc(), each: { when: ins.when, v: entry(null) } };
          if (ins.mode === 'count') return { k: 'list', items: ins.keys.map(entry), loc: loc() };
          if (ins.mode === 'each') return { k: 'obj', entries: new Map(ins.keys.map((k) => [k, entry(k)])), keyLocs: new Map(), loc: loc() };
          return unknown(e.text, loc());
        }
        if (!isJson(attr)) return unknown(e.text, loc());
        if (ins.mode === 'symbolic') return docOf(null);
        const k = ins.mode === 'count' ? p[3] : String(p[3]);
        if (ins.mode === 'single' || !(ins.keys as (string | number)[]).includes(k)) return failed(e.text, loc());
        return docOf(k);
      }
      return unknown(e.text, loc());
    }
    if (p.length >= 2 && /^(aws|awscc)_iam_role$/.test(root)) {
      const key = `${root}.${p[1]}`;
      const r = inst.resources.get(key);
      if (!r) return unknown(e.text, loc());
      // A role with a path other than "/" has an ARN role/PATH/NAME: split("/", arn)[1] is not its name.
      const path = r.block.body.attributes.get('path');
      const arnPath = path && isLiteralString(path.expr) !== '/' ? true : undefined;
      return this.resourceRef(inst, key, r, p.slice(2), (address, when) => ({ k: 'role', address, attr: '', text: e.text, when, ...(arnPath ? { arnPath } : {}) }), e.text, loc);
    }
    if (p.length >= 2 && (root === 'aws_iam_policy' || root === 'awscc_iam_managed_policy')) {
      const key = `${root}.${p[1]}`;
      const r = inst.resources.get(key);
      if (!r) return unknown(e.text, loc());
      return this.resourceRef(inst, key, r, p.slice(2), (address, when) => ({ k: 'policy', address, text: e.text, when }), e.text, loc);
    }
    // An ECR repository's, a Lambda function's, a Kinesis stream's, an SNS topic's ARN and an S3 bucket's ARN or name:
    // a function of its name attribute and its placement (issue #22 item 1: the component's own
    // resources, written in its role's policy as references). Not for count/for_each instances.
    if (p.length === 3 && OWN_ARNS[root]?.attrs.includes(String(p[2]))) {
      const r = inst.resources.get(`${root}.${p[1]}`);
      const spec = OWN_ARNS[root];
      const nameAttr = r && !counted(r.block) ? r.block.body.attributes.get(spec.name) : undefined;
      if (r && nameAttr) {
        const n: SymStr = { parts: instanceName(toSymStr(this.eval(nameAttr.expr, inst, r.src)), nameOwner(inst, root, String(p[1]))) };
        if (spec.service === 's3') {
          const parts: Part[] = p[2] === 'arn' ? [{ kind: 'lit', text: 'arn:' }, ...toSymStr(sym(placement(inst, r.block, r.src, this).partition, { kind: 'partition' })).parts, { kind: 'lit', text: ':s3:::' }, ...n.parts] : n.parts;
          return { k: 'str', s: { parts: concatParts(parts), loc: loc() } };
        }
        const prov = placement(inst, r.block, r.src, this);
        const parts: Part[] = [
          { kind: 'lit', text: 'arn:' }, ...toSymStr(sym(prov.partition, { kind: 'partition' })).parts, { kind: 'lit', text: `:${spec.service}:` },
          ...toSymStr(sym(prov.region, { kind: 'region' })).parts, { kind: 'lit', text: ':' },
          ...toSymStr(sym(prov.account, { kind: 'account' })).parts, { kind: 'lit', text: `:${spec.resource}` }, ...n.parts,
        ];
        return { k: 'str', s: { parts: concatParts(parts), loc: loc() } };
      }
    }
    // An AgentCore Runtime's ARN or id: the same string a gateway's runtime target reads (runtimeIdParts).
    if (p.length === 3 && (p[2] === 'agent_runtime_arn' || p[2] === 'agent_runtime_id') && (root === 'aws_bedrockagentcore_agent_runtime' || root === 'awscc_bedrockagentcore_runtime')) {
      const r = inst.resources.get(`${root}.${p[1]}`);
      if (r && !counted(r.block)) return { k: 'str', s: { parts: runtimeIdParts(inst, `${root}.${p[1]}`, p[2] === 'agent_runtime_arn', this), loc: loc() } };
    }
    // ...and of one instance of a runtime under count or for_each (`rag[0].agent_runtime_arn`)
    if (p.length === 4 && (p[3] === 'agent_runtime_arn' || p[3] === 'agent_runtime_id') && (root === 'aws_bedrockagentcore_agent_runtime' || root === 'awscc_bedrockagentcore_runtime')) {
      const key = `${root}.${p[1]}`;
      if (runtimeInstance(inst, key, p[2], this)) return { k: 'str', s: { parts: runtimeIdParts(inst, key, p[3] === 'agent_runtime_arn', this, p[2]), loc: loc() } };
    }
    if (p.length >= 3 && root === 'aws_cloudwatch_log_group' && p[2] === 'arn') {
      const r = inst.resources.get(`${root}.${p[1]}`);
      const nameAttr = r?.block.body.attributes.get('name');
      if (r && nameAttr) {
        const n = toSymStr(this.eval(nameAttr.expr, inst, r.src));
        const prov = inst.provider;
        const parts: Part[] = [
          { kind: 'lit', text: 'arn:' }, ...toSymStr(sym(prov.partition, { kind: 'partition' })).parts, { kind: 'lit', text: ':logs:' },
          ...toSymStr(sym(prov.region, { kind: 'region' })).parts, { kind: 'lit', text: ':' },
          ...toSymStr(sym(prov.account, { kind: 'account' })).parts, { kind: 'lit', text: ':log-group:' }, ...n.parts,
        ];
        return { k: 'str', s: { parts: concatParts(parts), loc: loc() } };
      }
    }
    return unknown(e.text, loc());
  }

  /**
   * A value converted to a variable's type constraint as far as the analysis needs: an object type's
   * optional attributes that the value leaves out are added, null or their default (`optional(string, "x")`),
   * through map(), list(), set() and nested object() types. Other values are left as they are.
   */
  private conform(v: Value, t: Expr, inst: ModuleInstance, src: SourceFile): Value {
    if (t.k !== 'call') return v;
    if ((t.name === 'map' || t.name === 'list' || t.name === 'set') && t.args.length === 1) {
      if (v.k === 'list') return { ...v, items: v.items.map((x) => this.conform(x, t.args[0], inst, src)) };
      if (v.k === 'obj' && t.name === 'map') return { ...v, entries: new Map([...v.entries].map(([k, x]) => [k, this.conform(x, t.args[0], inst, src)])) };
      return v;
    }
    if (t.name === 'object' && t.args[0]?.k === 'object' && v.k === 'obj') {
      const entries = new Map(v.entries);
      for (const en of t.args[0].entries) {
        const key = en.key.k === 'ref' && en.key.path.length === 1 ? String(en.key.path[0]) : isLiteralString(en.key);
        if (key === undefined) continue;
        const at = en.value;
        const inner = at.k === 'call' && at.name === 'optional' ? at.args[0] : at;
        const has = entries.get(key);
        if (has) entries.set(key, inner ? this.conform(has, inner, inst, src) : has);
        else if (at.k === 'call' && at.name === 'optional') {
          const d = at.args[1] ? this.eval(at.args[1], inst, src) : ({ k: 'null' } as Value);
          entries.set(key, inner ? this.conform(d, inner, inst, src) : d);
        }
      }
      return { ...v, entries };
    }
    return v;
  }

  /** A module output (`rest[0]`) and the path after it; no output named: the module's outputs as an object. */
  private output(child: ModuleInstance, rest: (string | number)[], text: string, loc: () => Location): Value {
    const one = (name: string): Value => {
      const out = child.outputs.get(name);
      if (!out) return unknown(text, loc());
      return this.named(child, `output.${name}`, text, loc, () => this.eval(out.expr, child, out.src));
    };
    if (rest.length === 0) return { k: 'obj', entries: new Map([...child.outputs.keys()].map((n) => [n, one(n)])), keyLocs: new Map() };
    return this.walk(one(String(rest[0])), rest.slice(1), text, loc);
  }

  /**
   * A reference to a role or policy resource (`rest`: the path after its name), by instance: its key
   * names one (`aws_iam_role.agent["billing"]`); without a key, the collection of them; when the
   * instances are not known, the one that stands for all, with the condition under which it exists.
   */
  private resourceRef(inst: ModuleInstance, key: string, r: { block: Block; src: SourceFile }, rest: (string | number)[], mk: (address: string, when?: string) => Value, text: string, loc: () => Location): Value {
    const ins = this.instancesOf(inst, 'resource', key, r.block, r.src);
    const base = addr(inst, key);
    if (ins.mode === 'single') return this.walk(mk(base), rest, text, loc);
    if (ins.mode === 'symbolic') {
      const el = mk(base, ins.when);
      if (rest.length === 0) return { k: 'unknown', expr: text, loc: loc(), each: { when: ins.when, v: el } };
      return this.walk(el, rest.slice(1), text, loc);
    }
    if (rest.length === 0) {
      if (ins.mode === 'count') return { k: 'list', items: ins.keys.map((i) => mk(instanceAddress(base, i))), loc: loc() };
      return { k: 'obj', entries: new Map(ins.keys.map((k) => [k, mk(instanceAddress(base, k))])), keyLocs: new Map(), loc: loc() };
    }
    const k = rest[0];
    const known = ins.mode === 'count' ? typeof k === 'number' && ins.keys.includes(k) : ins.keys.includes(String(k));
    if (!known) return failed(text, loc());
    return this.walk(mk(instanceAddress(base, ins.mode === 'count' ? k : String(k))), rest.slice(1), text, loc);
  }

  private walk(v: Value, rest: (string | number)[], text: string, loc: () => Location): Value {
    let cur = v;
    for (let i = 0; i < rest.length; i++) {
      const step = rest[i];
      if (cur.k === 'obj' && cur.entries.has(String(step))) cur = cur.entries.get(String(step))!;
      else if (cur.k === 'list' && typeof step === 'number' && step < cur.items.length) cur = cur.items[step];
      else if (cur.k === 'role' && typeof step === 'string') cur = { ...cur, attr: step };
      else if (cur.k === 'policy' && (step === 'arn' || step === 'id' || step === 'policy_arn')) continue;
      else if (cur.k === 'unknown' && (cur.alts || cur.each)) {
        const after = rest.slice(i);
        if (cur.each) return this.walk(cur.each.v, typeof after[0] === 'number' ? after.slice(1) : after, text, loc);
        return overUnknown(cur, text, loc, (x) => this.walk(x, after, text, loc));
      } else if ((cur.k === 'obj' && typeof step === 'string') || (cur.k === 'list' && typeof step === 'number')) return failed(text, loc());
      else return unknown(text, loc());
    }
    return cur;
  }

  /**
   * Functions that pick among values (try, can, coalesce, one, lookup, element) and those of
   * collections and strings a configuration computes names and keys with. Undefined: not one of
   * these (call() has the others).
   */
  private moreCalls(e: Extract<Expr, { k: 'call' }>, inst: ModuleInstance, src: SourceFile, scope: Map<string, Value> | undefined, loc: Location): Value | undefined {
    if (!MORE_CALLS.has(e.name)) return undefined;
    const text = () => exprText(e, src);
    const none = () => unknown(text(), loc);
    const arg = (i: number) => (e.args[i] ? this.eval(e.args[i], inst, src, scope) : none());
    const str = scalarText;
    const lit = (t: string): Value => plainStr(t, loc);
    /** A function of one collection argument, applied to each value a not-known one may take. */
    const overArg = (v: Value, f: (x: Value) => Value): Value => (v.k === 'unknown' ? overUnknown(v, text(), () => loc, f) : f(v));
    switch (e.name) {
      case 'try': case 'coalesce': {
        // the first that does not fail (try) / is not null or "" (coalesce); one not known: each a candidate
        const alts: Alt[] = [];
        const skip = (v: Value) => (e.name === 'try' ? v.k === 'unknown' && !!v.err : v.k === 'null' || (v.k === 'str' && literalText(v.s) === '') || (v.k === 'unknown' && !!v.err));
        for (let i = 0; i < e.args.length; i++) {
          const v = arg(i);
          if (skip(v)) continue;
          const argText = exprText(e.args[i], src);
          if (v.k !== 'unknown' && !alts.length) return v;
          if (v.k !== 'unknown') { alts.push({ when: `when the others ${e.name === 'try' ? 'fail' : 'are null'}`, v, text: argText }); break; }
          const c = candidates(v);
          const when = e.name === 'try' ? `when ${argText} can be evaluated` : `when ${argText} is not null`;
          if (c) alts.push(...c.map((a) => ({ ...a, when: a.when || when })));
          else alts.push({ when, v, text: argText });
        }
        return alts.length ? { k: 'unknown', expr: text(), loc, alts } : failed(text(), loc);
      }
      case 'can': {
        const v = arg(0);
        if (v.k !== 'unknown') return { k: 'bool', b: true };
        return v.err ? { k: 'bool', b: false } : none();
      }
      case 'one': return overArg(arg(0), (x) => {
        if (x.k === 'list') return x.items.length === 0 ? { k: 'null' } : x.items.length === 1 ? x.items[0] : failed(text(), loc);
        if (x.k === 'unknown' && x.each) return { k: 'unknown', expr: text(), loc, alts: [x.each] };
        return none();
      });
      case 'element': {
        const i = arg(1);
        return overArg(arg(0), (x) => {
          if (x.k === 'unknown' && x.each) return { k: 'unknown', expr: text(), loc, alts: [x.each] };
          if (x.k !== 'list' || i.k !== 'num' || !x.items.length) return none();
          return x.items[((i.n % x.items.length) + x.items.length) % x.items.length];
        });
      }
      case 'lookup': {
        const k = arg(1);
        const key = str(k);
        return overArg(arg(0), (x) => {
          if (x.k !== 'obj' || key === undefined) return none();
          return x.entries.get(key) ?? (e.args[2] ? arg(2) : failed(text(), loc));
        });
      }
      case 'length': {
        const v = arg(0);
        if (v.k === 'list') return { k: 'num', n: v.items.length };
        if (v.k === 'obj') return { k: 'num', n: v.entries.size };
        const t = v.k === 'str' ? literalText(v.s) : undefined;
        return t === undefined ? none() : { k: 'num', n: [...t].length };
      }
      case 'keys': case 'values': {
        const v = arg(0);
        if (v.k !== 'obj') return none();
        const ks = [...v.entries.keys()].sort();
        return { k: 'list', items: e.name === 'keys' ? ks.map(lit) : ks.map((k) => v.entries.get(k)!), loc };
      }
      case 'merge': {
        const entries = new Map<string, Value>();
        const keyLocs = new Map<string, Location>();
        for (let i = 0; i < e.args.length; i++) {
          const v = arg(i);
          if (v.k === 'null') continue;
          if (v.k !== 'obj') return none();
          for (const [k, x] of v.entries) { entries.set(k, x); const l = v.keyLocs.get(k); if (l) keyLocs.set(k, l); }
        }
        return { k: 'obj', entries, keyLocs, loc };
      }
      case 'tomap': case 'tostring': case 'tonumber': case 'tobool': {
        const v = arg(0);
        if (e.name === 'tonumber') { const t = str(v); return t !== undefined && t.trim() !== '' && Number.isFinite(Number(t)) ? { k: 'num', n: Number(t) } : v.k === 'null' ? v : none(); }
        if (e.name === 'tobool') { const t = str(v); return t === 'true' || t === 'false' ? { k: 'bool', b: t === 'true' } : v.k === 'null' ? v : none(); }
        if (e.name === 'tostring' && (v.k === 'num' || v.k === 'bool')) return lit(String(v.k === 'num' ? v.n : v.b));
        return v;
      }
      case 'contains': {
        const l = arg(0);
        const x = arg(1);
        if (l.k !== 'list') return none();
        let maybe = false;
        for (const it of l.items) {
          const eq = equalValues(it, x);
          if (eq === true) return { k: 'bool', b: true };
          if (eq === undefined) maybe = true;
        }
        return maybe ? none() : { k: 'bool', b: false };
      }
      case 'join': {
        const sep = arg(0);
        const l = arg(1);
        if (sep.k !== 'str' || l.k !== 'list') return none();
        const parts: Part[] = [];
        l.items.forEach((it, i) => {
          if (i) parts.push(...sep.s.parts);
          parts.push(...toSymStr(it).parts);
        });
        return { k: 'str', s: { parts: concatParts(parts), loc } };
      }
      case 'split': {
        const sep = str(arg(0));
        const v = arg(1);
        if (sep === undefined) return none();
        // A role's ARN split at "/" (split("/", var.role_arn)[1], element(split(...), 1)): its name, when the role has no path.
        if (v.k === 'role' && v.attr === 'arn' && sep === '/' && !v.arnPath) return { k: 'list', items: [unknown(`${v.text} up to its role name`, loc), { ...v, attr: 'name' }], loc };
        if (v.k !== 'str') return none();
        const t = literalText(v.s);
        if (t !== undefined) return { k: 'list', items: t.split(sep).map(lit), loc };
        // partition, region and account hold no separator; a part that is not known might, and would move every index after it
        if (sep === '' || v.s.parts.some((x) => x.kind !== 'lit' && x.kind !== 'sym')) return none();
        return { k: 'list', items: splitSym(v.s.parts, sep).map((parts) => ({ k: 'str', s: { parts, loc } })), loc };
      }
      case 'replace': case 'trimprefix': case 'trimsuffix': case 'substr': {
        const vs = e.args.map((_, i) => arg(i));
        const t = vs.map(str);
        if (t.some((x) => x === undefined)) return none();
        const [a, b, c] = t as string[];
        if (e.name === 'replace') return /^\/.*\/$/.test(b) ? none() : lit(a.split(b).join(c));
        if (e.name === 'trimprefix') return lit(a.startsWith(b) ? a.slice(b.length) : a);
        if (e.name === 'trimsuffix') return lit(b && a.endsWith(b) ? a.slice(0, -b.length) : a);
        const chars = [...a];
        const off = Number(b);
        const len = Number(c);
        return lit(chars.slice(off, len < 0 ? undefined : off + len).join(''));
      }
      case 'zipmap': {
        const ks = arg(0);
        const vs = arg(1);
        if (ks.k !== 'list' || vs.k !== 'list' || ks.items.length !== vs.items.length) return none();
        const entries = new Map<string, Value>();
        for (let i = 0; i < ks.items.length; i++) {
          const k = str(ks.items[i]);
          if (k === undefined) return none();
          entries.set(k, vs.items[i]);
        }
        return { k: 'obj', entries, keyLocs: new Map(), loc };
      }
      case 'range': {
        const ns = e.args.map((_, i) => num(arg(i)));
        if (ns.some((n) => n === undefined) || !ns.length) return none();
        const [start, end, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? (ns[1]! >= ns[0]! ? 1 : -1)];
        if (step === 0 || Math.abs((end - start) / step) > MAX_INSTANCES * 16) return none();
        const items: Value[] = [];
        for (let x = start; step > 0 ? x < end : x > end; x += step) items.push({ k: 'num', n: x });
        return { k: 'list', items, loc };
      }
      default:
        return undefined;
    }
  }

  private call(e: Extract<Expr, { k: 'call' }>, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    const loc = locOf(src, e.span);
    const args = () => e.args.map((a) => this.eval(a, inst, src, scope));
    const more = this.moreCalls(e, inst, src, scope, loc);
    if (more) return more;
    switch (e.name) {
      case 'jsonencode': {
        if (e.args.length !== 1) return unknown(exprText(e, src), loc);
        return { k: 'json', v: this.eval(e.args[0], inst, src, scope), loc };
      }
      case 'tolist': case 'toset': case 'flatten': case 'distinct': case 'compact': case 'sort': {
        const [a] = args();
        if (a?.k !== 'list') return a ?? unknown(exprText(e, src), loc);
        if (e.name !== 'flatten') return a;
        const n = a.items.reduce((s, i) => s + (i.k === 'list' ? i.items.length : 1), 0);
        if (n > MAX_LIST_ITEMS) return tooLarge(exprText(e, src), n, loc);
        return { k: 'list', items: a.items.flatMap((i) => (i.k === 'list' ? i.items : [i])), loc };
      }
      case 'concat': {
        const vs = args();
        if (vs.some((x) => x.k !== 'list')) return unknown(exprText(e, src), loc);
        const n = vs.reduce((s, x) => s + (x as Extract<Value, { k: 'list' }>).items.length, 0);
        if (n > MAX_LIST_ITEMS) return tooLarge(exprText(e, src), n, loc);
        return { k: 'list', items: vs.flatMap((x) => (x as Extract<Value, { k: 'list' }>).items), loc };
      }
      case 'lower': case 'upper': {
        const [a] = args();
        const t = a?.k === 'str' ? literalText(a.s) : undefined;
        if (t !== undefined) return litStr(e.name === 'lower' ? t.toLowerCase() : t.toUpperCase(), loc);
        return unknown(exprText(e, src), loc);
      }
      case 'format': {
        const vs = args();
        const f = vs[0];
        const fmt = f?.k === 'str' ? literalText(f.s) : undefined;
        if (fmt === undefined) return unknown(exprText(e, src), loc);
        const parts: Part[] = [];
        let i = 1;
        const re = /%%|%[sd]/g;
        let last = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(fmt))) {
          parts.push({ kind: 'lit', text: fmt.slice(last, m.index) });
          if (m[0] === '%%') parts.push({ kind: 'lit', text: '%' });
          else parts.push(...toSymStr(vs[i++] ?? unknown('format argument')).parts);
          last = m.index + m[0].length;
        }
        parts.push({ kind: 'lit', text: fmt.slice(last) });
        return { k: 'str', s: { parts: concatParts(parts), loc } };
      }
      case 'file': case 'templatefile': {
        const vs = args();
        const f = vs[0];
        let p = f?.k === 'str' ? literalText(f.s) : undefined;
        if (p === undefined) return unknown(exprText(e, src), loc);
        if (!path.isAbsolute(p)) p = path.join(inst.dir, p);
        p = path.normalize(p);
        const text = this.hooks.readWorkspaceFile(p);
        if (text === undefined) return unknown(exprText(e, src), loc);
        // Refused by the gate (outside the folder, not a regular file, too large): unknown, saying why; never the content.
        if (typeof text !== 'string') return unknown(`${exprText(e, src)}, not read: ${text.refused}`, loc);
        // templatefile() reads the file as a template: `$${` and `%%{` are the escapes of `${` and `%{`
        // (`$${aws:username}` is the policy variable); file() returns the text as it is. The escape's
        // first character becomes a marker, taken out of the strings read, so positions stay the file's.
        const escaped = e.name === 'templatefile' && /([$%])\1\{/.test(text);
        const read = escaped ? text.replace(/([$%])\1\{/g, `${ESCAPE_MARK}$1{`) : text;
        if (e.name === 'templatefile' && /\$\{(?!aws:)/.test(text.replace(/\$\$\{/g, ''))) {
          // template variables: the document's strings keep `${...}` as unknown parts
          const doc = unmarked(this.hooks.jsonFileDocument(p, read));
          return doc ? { k: 'doc', doc: { ...doc, templateFile: true, statements: doc.statements.map((s) => templateStatement(s, vs[1])) } } : unknown(exprText(e, src), loc);
        }
        const doc = escaped ? unmarked(this.hooks.jsonFileDocument(p, read)) : this.hooks.jsonFileDocument(p, read);
        return doc ? { k: 'doc', doc: e.name === 'templatefile' ? { ...doc, templateFile: true } : doc } : litStr(escaped ? text.replace(/([$%])\1\{/g, '$1{') : text, loc);
      }
      default:
        return unknown(exprText(e, src), loc);
    }
  }
}

/** The functions Evaluator.moreCalls reads. */
const MORE_CALLS = new Set(['try', 'coalesce', 'can', 'one', 'element', 'lookup', 'length', 'keys', 'values', 'merge', 'tomap', 'tostring', 'tonumber', 'tobool', 'contains', 'join', 'split', 'replace', 'trimprefix', 'trimsuffix', 'substr', 'zipmap', 'range']);

/** The ones a not-known value may take (each with its condition), else none. */
function candidates(v: Value): Alt[] | undefined {
  if (v.k !== 'unknown') return undefined;
  return v.alts ?? (v.each ? [v.each] : undefined);
}

/** Stands for the first character of a template escape (`$${`, `%%{`) in a templatefile() text read in place. */
const ESCAPE_MARK = '\u0002';

/** A document read from a templatefile() text with escapes marked: the marks taken out of its strings. */
function unmarked(doc: PolicyDocument | undefined): PolicyDocument | undefined {
  if (!doc) return doc;
  const fix = (ss: SymStr): SymStr => (ss.parts.some((p) => p.kind === 'lit' && p.text.includes(ESCAPE_MARK))
    ? { ...ss, parts: concatParts(ss.parts.map((p) => (p.kind === 'lit' ? { kind: 'lit', text: p.text.split(ESCAPE_MARK).join('') } : p))) }
    : ss);
  const fixList = (l?: import('../model').SymList) => (l && l.kind === 'items' ? { ...l, items: l.items.map(fix) } : l);
  return {
    ...doc,
    statements: doc.statements.map((s) => ({
      ...s, actions: fixList(s.actions), notActions: fixList(s.notActions), resources: fixList(s.resources), notResources: fixList(s.notResources),
      principals: s.principals?.map((x) => ({ ...x, identifiers: fixList(x.identifiers)! })),
      notPrincipals: s.notPrincipals?.map((x) => ({ ...x, identifiers: fixList(x.identifiers)! })),
      conditions: s.conditions.map((c) => ({ ...c, values: fixList(c.values)! })),
    })),
  };
}

/** In a templatefile() JSON, `${name}` placeholders read as policy variables by the JSON reader are template variables. */
function templateStatement(s: import('../model').Statement, vars: Value | undefined): import('../model').Statement {
  const fix = (ss: SymStr): SymStr => ({
    ...ss,
    parts: concatParts(ss.parts.flatMap((p): Part[] => {
      if (p.kind !== 'policyVar' || p.name.includes(':')) return [p];
      const v = vars?.k === 'obj' ? vars.entries.get(p.name) : undefined;
      return v ? toSymStr(v).parts : [{ kind: 'unknown', expr: `templatefile variable ${p.name}` }];
    })),
  });
  const fixList = (l?: import('../model').SymList) => (l && l.kind === 'items' ? { ...l, items: l.items.map(fix) } : l);
  return { ...s, actions: fixList(s.actions), notActions: fixList(s.notActions), resources: fixList(s.resources), notResources: fixList(s.notResources),
    conditions: s.conditions.map((c) => ({ ...c, values: fixList(c.values)! })) };
}

/** A known boolean (a bool, or the string "true" / "false", as Terraform converts it). */
function truth(v: Value): boolean | undefined {
  if (v.k === 'bool') return v.b;
  if (v.k === 'str') {
    const t = literalText(v.s);
    if (t === 'true' || t === 'false') return t === 'true';
  }
  return undefined;
}

/** A known string, number or bool as Terraform converts it to a string (an object key, a function's string argument). */
function scalarText(v: Value): string | undefined {
  return v.k === 'str' ? literalText(v.s) : v.k === 'num' ? String(v.n) : v.k === 'bool' ? String(v.b) : undefined;
}

function num(v: Value): number | undefined {
  if (v.k === 'num') return v.n;
  if (v.k === 'str') {
    const t = literalText(v.s);
    if (t !== undefined && t.trim() !== '' && Number.isFinite(Number(t))) return Number(t);
  }
  return undefined;
}

/** Whether two known scalars are equal (Terraform compares type and value); undefined when either is not known. */
function equalValues(a: Value, b: Value): boolean | undefined {
  const scalar = (v: Value): string | undefined => {
    if (v.k === 'null') return 'null';
    if (v.k === 'bool') return `b${v.b}`;
    if (v.k === 'num') return `n${v.n}`;
    if (v.k === 'str') { const t = literalText(v.s); return t === undefined ? undefined : `s${t}`; }
    return undefined;
  };
  const x = scalar(a);
  const y = scalar(b);
  return x === undefined || y === undefined ? undefined : x === y;
}

/** The values `v` may take under `when`: its own alternatives under both conditions, else itself. */
function altsOf(v: Value, when: string, text?: string): Alt[] {
  if (v.k === 'unknown' && v.err) return [];
  if (v.k === 'unknown' && v.alts) return v.alts.map((a) => ({ ...a, when: `${when}, ${a.when}` }));
  return [{ when, v, text }];
}

/** An operation on a not-known value: applied to each value it may take. */
function overUnknown(v: Extract<Value, { k: 'unknown' }>, text: string, loc: () => Location, f: (x: Value) => Value): Value {
  if (v.alts) {
    const alts = v.alts.map((a) => ({ when: a.when, v: f(a.v) })).filter((a) => !(a.v.k === 'unknown' && a.v.err));
    return { k: 'unknown', expr: text, loc: loc(), alts };
  }
  return v.err ? failed(text, loc()) : unknown(text, loc());
}

/** The elements of a known collection as (key, value): a list by index, an object by key in lexical order. */
function elementsOf(v: Value): [Value, Value][] | undefined {
  if (v.k === 'list') return v.items.map((it, i) => [{ k: 'num', n: i }, it]);
  if (v.k === 'obj') return [...v.entries.keys()].sort().map((k) => [plainStr(k), v.entries.get(k)!]);
  return undefined;
}

/** Whether a block has `count` or `for_each` (its instances are counted: none, one or several). */
export function counted(block: Block): boolean {
  return block.body.attributes.has('count') || block.body.attributes.has('for_each');
}

/** The address of one instance: `aws_iam_role.agent["billing"]`, `module.iam[0]`. */
export function instanceAddress(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : `${base}[${JSON.stringify(key)}]`;
}

/**
 * Each instance of `ins` as its key (undefined: the only one, or the symbolic one) and the scope its
 * arguments are evaluated in (`count.index`, `each.key`, `each.value`).
 */
export function instanceScopes(ins: Instances, outer?: Map<string, Value>): { key?: string | number; scope?: Map<string, Value> }[] {
  const withScope = (name: string, v: Value): Map<string, Value> => new Map([...(outer ?? []), [name, v]]);
  const obj = (m: [string, Value][]): Value => ({ k: 'obj', entries: new Map(m), keyLocs: new Map() });
  switch (ins.mode) {
    case 'single': return [{ scope: outer }];
    case 'count': return ins.keys.map((i) => ({ key: i, scope: withScope('count', obj([['index', { k: 'num', n: i }]])) }));
    case 'each': return ins.keys.map((k, i) => ({ key: k, scope: withScope('each', obj([['key', plainStr(k)], ['value', ins.values[i]]])) }));
    case 'symbolic':
      return [{ scope: ins.meta === 'count' ? withScope('count', obj([['index', unknown('count.index')]])) : withScope('each', obj([['key', unknown('each.key')], ['value', unknown('each.value')]])) }];
  }
}

/** The partition of a region (the AWS provider's own mapping of region prefixes). */
export function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

export type Placement = ModuleInstance['provider'];

/**
 * Where a resource or data source of an aws_* type is placed: its `provider` (`aws.eu`, one of the
 * instance's provider configurations; one not known leaves region and partition unknown), then the
 * AWS provider 6 per-resource `region` argument, whose partition follows it.
 */
export function placement(inst: ModuleInstance, block: Block, src: SourceFile, ev: Evaluator, scope?: Map<string, Value>): Placement {
  // an awscc_ resource is placed by the awscc provider's configuration, when the instance has one
  const awscc = block.labels[0]?.startsWith('awscc_') ?? false;
  let prov: Placement = (awscc && inst.providers?.get('awscc')) || inst.provider;
  const pa = block.body.attributes.get('provider');
  if (pa) {
    const name = pa.expr.k === 'ref' ? pa.expr.path.join('.') : undefined;
    prov = (name !== undefined && inst.providers?.get(name)) || { account: inst.provider.account };
  }
  // the per-resource region is an argument of the AWS provider 6 (hashicorp/aws) only
  const ra = awscc ? undefined : block.body.attributes.get('region');
  if (ra) {
    const v = ev.eval(ra.expr, inst, src, scope);
    const r = v.k === 'str' ? literalText(v.s) : undefined;
    const regionWritten = exprText(ra.expr, src);
    prov = r ? { ...prov, region: r, partition: partitionOf(r), regionArgument: true, regionWritten } : { ...prov, region: undefined, regionArgument: true, regionWritten };
  }
  return prov;
}

/**
 * The name of one resource instance (a bucket, a topic, a function, …) as a policy and a component
 * both read it: its value when known; when it holds an unknown piece (a variable), one named symbol
 * for that instance, `the name of <owner> (<the name as written>)`, equal only to itself, so the
 * same resource's attribute on both sides compares equal and another resource's does not (two
 * resources of one type cannot hold one name where it is unique: S3 globally, the others per account
 * and region). `owner`: nameOwner's.
 */
/**
 * Whose name a named symbol is (instanceName): the resource instance, or for an SNS topic the topic
 * name itself within the module instance. Creating a topic whose name exists returns that topic, so
 * two `aws_sns_topic` resources that write the same name are one topic (a grant on either covers
 * the other); a second bucket, repository, function or stream of an existing name fails to create.
 */
export function nameOwner(inst: ModuleInstance, type: string, name: string): string {
  return type === 'aws_sns_topic' ? addr(inst, type) : addr(inst, `${type}.${name}`);
}

export function instanceName(n: SymStr, address: string): Part[] {
  if (!n.parts.some((p) => p.kind === 'unknown')) return n.parts;
  const written = n.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'unknown' ? `\${${p.expr}}` : p.kind === 'sym' ? `<${p.sym.kind === 'named' ? p.sym.name : p.sym.kind}>` : `\${${p.name}}`)).join('');
  return [{ kind: 'sym', sym: { kind: 'named', name: `the name of ${address} (${written})` } }];
}

/**
 * Whether a reference to a resource of this type reads the resource's body (its name attribute, its
 * placement): a log group's, an own-ARN resource's (OWN_ARNS) or a runtime's ARN. model.ts
 * compareBuildInputs compares such blocks; an IAM role's `path` and count are compared there too.
 */
export function refReadsBody(type: string): boolean {
  return type === 'aws_cloudwatch_log_group' || type === 'aws_bedrockagentcore_agent_runtime' || type === 'awscc_bedrockagentcore_runtime' || Object.hasOwn(OWN_ARNS, type);
}

/** Resources whose ARN (or name) follows from their name attribute and placement (Evaluator ref, issue #22 item 1). */
const OWN_ARNS: Record<string, { attrs: string[]; name: string; service: string; resource: string }> = {
  aws_ecr_repository: { attrs: ['arn'], name: 'name', service: 'ecr', resource: 'repository/' },
  aws_lambda_function: { attrs: ['arn'], name: 'function_name', service: 'lambda', resource: 'function:' },
  aws_kinesis_stream: { attrs: ['arn'], name: 'name', service: 'kinesis', resource: 'stream/' },
  aws_s3_bucket: { attrs: ['arn', 'id', 'bucket'], name: 'bucket', service: 's3', resource: '' },
  aws_sns_topic: { attrs: ['arn'], name: 'name', service: 'sns', resource: '' },
};

/**
 * An AgentCore Runtime's id, `<agent_runtime_name>-<generated suffix>`, or its ARN
 * `arn:<partition>:bedrock-agentcore:<region>:<account>:runtime/<id>` (issue #22 item 1). The suffix is
 * one named symbol per runtime (`the generated id suffix of <address>`): equal only to itself, so a
 * policy naming the runtime by its attribute and a target calling it read the same string, and
 * another runtime's id differs. `key` is a runtime of `inst`; `instance`, one instance of a runtime
 * under count or for_each (`rag[0]`, `rag["eu"]`: its own suffix, its name read with its count.index
 * or each.key; runtimeInstance tells whether it is one).
 */
export function runtimeIdParts(inst: ModuleInstance, key: string, arn: boolean, ev: Evaluator, instance?: string | number): Part[] {
  const r = inst.resources.get(key);
  const nameAttr = r?.block.body.attributes.get('agent_runtime_name');
  const scope = r && instance !== undefined ? instanceScopes(ev.instancesOf(inst, 'resource', key, r.block, r.src)).find((x) => x.key === instance)?.scope : undefined;
  const address = instance === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), instance);
  const name: Part[] = r && nameAttr ? toSymStr(ev.eval(nameAttr.expr, inst, r.src, scope)).parts : [{ kind: 'unknown', expr: `the agent_runtime_name of ${address}` }];
  const id: Part[] = [...name, { kind: 'lit', text: '-' }, { kind: 'sym', sym: { kind: 'named', name: `the generated id suffix of ${address}` } }];
  if (!arn || !r) return concatParts(id);
  const at = placement(inst, r.block, r.src, ev);
  return concatParts([
    { kind: 'lit', text: 'arn:' }, ...toSymStr(sym(at.partition, { kind: 'partition' })).parts, { kind: 'lit', text: ':bedrock-agentcore:' },
    ...toSymStr(sym(at.region, { kind: 'region' })).parts, { kind: 'lit', text: ':' },
    ...toSymStr(sym(at.account, { kind: 'account' })).parts, { kind: 'lit', text: ':runtime/' }, ...id,
  ]);
}

/**
 * Whether `index` (a literal `[0]` or `["key"]`) is one instance of the runtime `key` under count or
 * for_each as the analysis expands it (not when its count or for_each cannot be read).
 */
export function runtimeInstance(inst: ModuleInstance, key: string, index: string | number, ev: Evaluator): boolean {
  const r = inst.resources.get(key);
  if (!r || !counted(r.block)) return false;
  const ins = ev.instancesOf(inst, 'resource', key, r.block, r.src);
  return (ins.mode === 'count' || ins.mode === 'each') && (ins.keys as (string | number)[]).includes(index);
}

function sym(literal: string | undefined, s: import('../model').KnownSymbol, loc?: Location): Value {
  if (literal !== undefined) return { k: 'str', s: { parts: [{ kind: 'lit', text: literal }], loc } };
  return { k: 'str', s: { parts: [{ kind: 'sym', sym: s }], loc } };
}

function rootOf(inst: ModuleInstance): ModuleInstance {
  let r = inst;
  while (r.parent) r = r.parent;
  return r;
}

/**
 * A symbolic string split at a literal separator: only literal parts hold separators; a symbol
 * (partition, region, account: never a separator) stays inside the piece it falls in
 * (`arn:${partition}:iam::${account}:role/agent` split at "/" gives the symbolic `arn:…:role` and
 * the literal `agent`).
 */
function splitSym(parts: Part[], sep: string): Part[][] {
  const out: Part[][] = [[]];
  for (const p of parts) {
    if (p.kind !== 'lit') { out[out.length - 1].push(p); continue; }
    const pieces = p.text.split(sep);
    pieces.forEach((t, i) => {
      if (i) out.push([]);
      if (t) out[out.length - 1].push({ kind: 'lit', text: t });
    });
  }
  return out.map((ps) => (ps.length ? concatParts(ps) : [{ kind: 'lit', text: '' }]));
}

/** The type in an instance's resource or data key (`aws_iam_role.agent` gives `aws_iam_role`). */
export function keyType(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

export function addr(inst: ModuleInstance, local: string): string {
  return inst.address ? `${inst.address}.${local}` : local;
}

export function exprText(e: Expr | XExpr, src: SourceFile): string {
  if (e.k === 'ref' || e.k === 'other') return e.text;
  return src.text.slice(e.span.start, e.span.end);
}
