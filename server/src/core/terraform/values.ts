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
  /** A reference to an IAM role of the configuration (its arn, name or id). */
  | { k: 'role'; address: string; attr: string; text: string }
  /** A reference to an aws_iam_policy (its arn). */
  | { k: 'policy'; address: string; text: string }
  /** A policy document value (data.aws_iam_policy_document.X.json, a JSON file read by file()). */
  | { k: 'doc'; doc: PolicyDocument }
  /** jsonencode(v): v kept as a value so that the policy keeps its positions. */
  | { k: 'json'; v: Value; loc?: Location }
  | { k: 'unknown'; expr: string; loc?: Location };

export interface ModuleInstance {
  address: string;
  dir: string;
  files: { src: SourceFile; blocks: Block[] }[];
  parent?: ModuleInstance;
  /** The caller's argument expressions (evaluated in the parent). */
  inputs: Map<string, Expr>;
  provider: { partition?: string; region?: string; account?: string };
  locals: Map<string, { expr: Expr; src: SourceFile }>;
  variables: Map<string, { block: Block; src: SourceFile }>;
  outputs: Map<string, { expr: Expr; src: SourceFile }>;
  resources: Map<string, { block: Block; src: SourceFile }>;
  data: Map<string, { block: Block; src: SourceFile }>;
  modules: Map<string, { block: Block; src: SourceFile; instance?: ModuleInstance }>;
}

/** Hooks the evaluation calls back for values that need the policy machinery. */
export interface EvalHooks {
  policyDocument(inst: ModuleInstance, name: string): PolicyDocument | undefined;
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

function litStr(text: string, loc?: Location): Value {
  return { k: 'str', s: { parts: splitPolicyVars(text), loc } };
}

/** `${aws:username}` (after Terraform's `$${` unescape) and `&{aws:username}` are IAM policy variables. */
export function splitPolicyVars(text: string): Part[] {
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
  /** Called with every reference resolved (for dependency tracking: see model.ts, document memo). */
  onRef: ((e: Extract<Expr, { k: 'ref' }>, inst: ModuleInstance, src: SourceFile, scope: Map<string, Value> | undefined, v: Value) => void) | undefined;
  constructor(readonly hooks: EvalHooks) {}

  /** The step budget ran out: values evaluated since may be unknowns for that reason alone. */
  get exhausted(): boolean {
    return this.budget < 0;
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

  eval(e: Expr, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
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

  private evalInner(e: Expr, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    // Where the expression is written (locOf): only strings, lists, objects and unknowns carry it.
    switch (e.k) {
      case 'str': {
        const parts: Part[] = [];
        for (const p of e.parts) {
          if ('lit' in p) parts.push(...splitPolicyVars(p.lit));
          else {
            const v = this.eval(p.interp, inst, src, scope);
            parts.push(...toSymStr(v).parts);
          }
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
      default: return unknown(e.text, locOf(src, e.span));
    }
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
        if (input && inst.parent) {
          const caller = inst.parent.modules.get(inst.address.split('.').pop()!);
          return this.eval(input, inst.parent, caller?.src ?? src);
        }
        const decl = inst.variables.get(name);
        const def = decl?.block.body.attributes.get('default');
        if (def && decl) return this.eval(def.expr, inst, decl.src);
        return unknown(`var.${name}`, loc());
      });
      return this.walk(v, p.slice(2), e.text, loc);
    }
    if (root === 'module' && p.length >= 3) {
      const m = inst.modules.get(String(p[1]));
      const child = m?.instance;
      if (!child) return unknown(e.text, loc());
      const out = child.outputs.get(String(p[2]));
      if (!out) return unknown(e.text, loc());
      return this.walk(this.named(child, `output.${p[2]}`, e.text, loc, () => this.eval(out.expr, child, out.src)), p.slice(3), e.text, loc);
    }
    if (root === 'path' && p.length === 2) {
      if (p[1] === 'module') return litStr(inst.dir);
      if (p[1] === 'root') return litStr(rootOf(inst).dir);
      if (p[1] === 'cwd') return litStr(rootOf(inst).dir);
    }
    if (root === 'data' && p.length >= 4) {
      const type = String(p[1]);
      const name = String(p[2]);
      const attr = String(p[3]);
      const decl = inst.data.get(`${type}.${name}`);
      if (!decl || decl.block.body.attributes.has('provider')) return unknown(e.text, loc());
      const prov = inst.provider;
      if (type === 'aws_partition' && attr === 'partition') return sym(prov.partition, { kind: 'partition' }, loc());
      if (type === 'aws_region' && (attr === 'id' || attr === 'name' || attr === 'region')) return sym(prov.region, { kind: 'region' }, loc());
      if (type === 'aws_caller_identity' && attr === 'account_id') return sym(prov.account, { kind: 'account' }, loc());
      if (type === 'aws_iam_policy_document' && (attr === 'json' || attr === 'minified_json')) {
        const doc = this.hooks.policyDocument(inst, name);
        return doc ? { k: 'doc', doc } : unknown(e.text, loc());
      }
      return unknown(e.text, loc());
    }
    if (p.length >= 3 && /^(aws|awscc)_iam_role$/.test(root)) {
      const address = addr(inst, `${root}.${p[1]}`);
      if (inst.resources.has(`${root}.${p[1]}`)) return { k: 'role', address, attr: String(p[2]), text: e.text };
      return unknown(e.text, loc());
    }
    if (p.length >= 3 && (root === 'aws_iam_policy' || root === 'awscc_iam_managed_policy') && (p[2] === 'arn' || p[2] === 'id' || p[2] === 'policy_arn')) {
      if (inst.resources.has(`${root}.${p[1]}`)) return { k: 'policy', address: addr(inst, `${root}.${p[1]}`), text: e.text };
      return unknown(e.text, loc());
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

  private walk(v: Value, rest: (string | number)[], text: string, loc: () => Location): Value {
    let cur = v;
    for (const step of rest) {
      if (cur.k === 'obj' && typeof step === 'string' && cur.entries.has(step)) cur = cur.entries.get(step)!;
      else if (cur.k === 'list' && typeof step === 'number' && step < cur.items.length) cur = cur.items[step];
      else if (cur.k === 'role' && typeof step === 'string') cur = { ...cur, attr: step };
      else return unknown(text, loc());
    }
    return cur;
  }

  private call(e: Extract<Expr, { k: 'call' }>, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value {
    const loc = locOf(src, e.span);
    const args = () => e.args.map((a) => this.eval(a, inst, src, scope));
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
        if (e.name === 'templatefile' && /\$\{(?!aws:)/.test(text.replace(/\$\$\{/g, ''))) {
          // template variables: the document's strings keep `${...}` as unknown parts
          const doc = this.hooks.jsonFileDocument(p, text);
          return doc ? { k: 'doc', doc: { ...doc, statements: doc.statements.map((s) => templateStatement(s, vs[1])) } } : unknown(exprText(e, src), loc);
        }
        const doc = this.hooks.jsonFileDocument(p, text);
        return doc ? { k: 'doc', doc } : litStr(text, loc);
      }
      default:
        return unknown(exprText(e, src), loc);
    }
  }
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

function sym(literal: string | undefined, s: import('../model').KnownSymbol, loc?: Location): Value {
  if (literal !== undefined) return { k: 'str', s: { parts: [{ kind: 'lit', text: literal }], loc } };
  return { k: 'str', s: { parts: [{ kind: 'sym', sym: s }], loc } };
}

function rootOf(inst: ModuleInstance): ModuleInstance {
  let r = inst;
  while (r.parent) r = r.parent;
  return r;
}

/** The type in an instance's resource or data key (`aws_iam_role.agent` gives `aws_iam_role`). */
export function keyType(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

export function addr(inst: ModuleInstance, local: string): string {
  return inst.address ? `${inst.address}.${local}` : local;
}

export function exprText(e: Expr, src: SourceFile): string {
  if (e.k === 'ref' || e.k === 'other') return e.text;
  return src.text.slice(e.span.start, e.span.end);
}
