/**
 * Three-valued evaluation of IAM condition blocks against the request context a service is known
 * to send. A key the context does not name is unknown (its presence and value are not known).
 */
import type { Condition, RequirementCondition, SymStr } from '../model';
import { compile, containsToks, dependencies, lit, type CompileOptions } from './glob';
import { joinLiterals, literalText } from '../symstr';

export type Tri = 'T' | 'F' | 'U';

export interface ParsedOperator {
  set?: 'any' | 'all';
  base: string;
  ifExists: boolean;
  negated: boolean;
  family: 'string' | 'arn' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'null' | 'unknown';
}

export function parseOperator(op: string): ParsedOperator {
  let rest = op.trim();
  let set: ParsedOperator['set'];
  const m = /^(ForAnyValue|ForAllValues):/i.exec(rest);
  if (m) {
    set = m[1].toLowerCase() === 'foranyvalue' ? 'any' : 'all';
    rest = rest.slice(m[0].length);
  }
  let ifExists = false;
  if (/IfExists$/i.test(rest)) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = rest.toLowerCase();
  const negated = /not/.test(base.replace(/^notipaddress$/, 'not'));
  const family: ParsedOperator['family'] = base.startsWith('string')
    ? 'string'
    : base.startsWith('arn')
      ? 'arn'
      : base.startsWith('numeric')
        ? 'numeric'
        : base.startsWith('date')
          ? 'date'
          : base === 'bool'
            ? 'bool'
            : base.startsWith('binary')
              ? 'binary'
              : base === 'ipaddress' || base === 'notipaddress'
                ? 'ip'
                : base === 'null'
                  ? 'null'
                  : 'unknown';
  return { set, base, ifExists, negated, family };
}

const KNOWN_BASES = new Set([
  'stringequals', 'stringnotequals', 'stringequalsignorecase', 'stringnotequalsignorecase', 'stringlike', 'stringnotlike',
  'arnequals', 'arnlike', 'arnnotequals', 'arnnotlike',
  'numericequals', 'numericnotequals', 'numericlessthan', 'numericlessthanequals', 'numericgreaterthan', 'numericgreaterthanequals',
  'dateequals', 'datenotequals', 'datelessthan', 'datelessthanequals', 'dategreaterthan', 'dategreaterthanequals',
  'bool', 'binaryequals', 'ipaddress', 'notipaddress', 'null',
]);

/** Fewer than the five colons of an ARN written (a policy value of an Arn operator; a NotResource item in evaluate.ts). */
export function shortArnValue(v: SymStr): boolean {
  return v.parts.reduce((n, p) => n + (p.kind === 'lit' ? p.text.split(':').length - 1 : 0), 0) < 5;
}

/** One request value against one policy value: T (definitely matches), F, U. */
function valueMatch(op: ParsedOperator, request: SymStr, policy: SymStr): Tri {
  const b = op.base;
  const text = literalText(policy);
  const value = literalText(request);
  // An Arn operator's value that is no whole ARN (`*`, `arn:aws:iam::111*`): IAM evaluators disagree
  // whether it matches (iam-simulate matches nothing; a plain glob matches much).
  if (op.family === 'arn' && shortArnValue(policy)) return 'U';
  if (op.family === 'string' || op.family === 'arn' || op.family === 'binary' || op.family === 'bool') {
    const like = b === 'stringlike' || b === 'stringnotlike' || op.family === 'arn';
    const fold = b.includes('ignorecase') || op.family === 'bool';
    const o: CompileOptions = { side: 'policy', mode: 'def', question: 'contains', arn: op.family === 'arn', fold, wildcards: like };
    const r = { ...o, side: 'request' as const, wildcards: false };
    if (containsToks(compile(policy, o), compile(request, r))) return 'T';
    if (text !== undefined && value !== undefined) return 'F';
    return containsToks(compile(policy, { ...o, mode: 'pos' }), compile(request, { ...r, mode: 'pos' }), true) ? 'U' : 'F';
  }
  if (text === undefined || value === undefined) return 'U';
  if (op.family === 'numeric' || op.family === 'date') {
    const a = op.family === 'numeric' ? Number(value) : Date.parse(value);
    const c = op.family === 'numeric' ? Number(text) : Date.parse(text);
    if (Number.isNaN(a) || Number.isNaN(c)) return 'U';
    const cmp = b.replace(/^(numeric|date)(not)?/, '');
    const r =
      cmp === 'equals' ? a === c : cmp === 'lessthan' ? a < c : cmp === 'lessthanequals' ? a <= c : cmp === 'greaterthan' ? a > c : a >= c;
    return r ? 'T' : 'F';
  }
  return 'U'; // ip: not evaluated
}

function or(xs: Tri[]): Tri {
  return xs.includes('T') ? 'T' : xs.includes('U') ? 'U' : 'F';
}
function and(xs: Tri[]): Tri {
  return xs.includes('F') ? 'F' : xs.includes('U') ? 'U' : 'T';
}
function not(x: Tri): Tri {
  return x === 'T' ? 'F' : x === 'F' ? 'T' : 'U';
}

/**
 * Condition keys a service principal's request never carries: `aws:PrincipalTag/…` is in the
 * request context only when the principal is an IAM user or role with tags (or a session with
 * session tags), never for a service such as bedrock-agentcore.amazonaws.com assuming a role.
 */
export function absentForServicePrincipal(key: string): boolean {
  return key.toLowerCase().startsWith('aws:principaltag/');
}

/**
 * A condition on a key the request does not carry, by IAM's rules: `Null` holds when it says
 * "true"; `…IfExists` and `ForAllValues:` hold; a negated operator holds; any other does not.
 */
export function evaluateAbsentKey(c: Condition, deps: Set<string>): Tri {
  const op = parseOperator(c.operator);
  if (!KNOWN_BASES.has(op.base)) {
    deps.add(`condition operator ${c.operator}`);
    return 'U';
  }
  if (op.family === 'null') {
    if (c.values.kind === 'unknown') {
      deps.add(c.values.expr);
      return 'U';
    }
    return nullCondition(c.values.items, false, deps);
  }
  if (op.ifExists || op.set === 'all') return 'T';
  if (op.set === 'any') return 'F';
  return op.negated ? 'T' : 'F';
}

/** A Null condition: "true" holds when the key is absent, "false" when it is `present`. */
function nullCondition(values: SymStr[], present: boolean, deps: Set<string>): Tri {
  const holds = present ? 'false' : 'true';
  const res = or(
    values.map((v) => {
      const t = literalText(v)?.toLowerCase();
      return t === undefined ? 'U' : t === holds ? 'T' : 'F';
    }),
  );
  if (res === 'U') for (const v of values) dependencies(v, deps);
  return res;
}

/** Evaluates one condition; adds to `deps` what an unknown result depends on. */
export function evaluateCondition(c: Condition, context: RequirementCondition[], deps: Set<string>): Tri {
  const op = parseOperator(c.operator);
  const key = c.key.toLowerCase();
  const ctx = context.filter((k) => k.key.toLowerCase() === key);
  if (!KNOWN_BASES.has(op.base)) {
    deps.add(`condition operator ${c.operator}`);
    return 'U';
  }
  if (c.values.kind === 'unknown') {
    deps.add(c.values.expr);
    return 'U';
  }
  const policyValues = withRequestVariables(c.values.items, context);
  if (ctx.length === 0) {
    // The key's presence in the request is not known.
    deps.add(c.key);
    return 'U';
  }
  const requestValues = ctx.flatMap((k) => k.symValues ?? k.values.map(lit));
  if (op.family === 'null') {
    return nullCondition(policyValues, true, deps);
  }
  // Positive match of one request value against any policy value.
  const positive = (value: SymStr): Tri => or(policyValues.map((pv) => valueMatch(op, value, pv)));
  const one = (value: SymStr): Tri => (op.negated ? not(positive(value)) : positive(value));
  let res: Tri;
  if (op.set === 'all') res = and(requestValues.map(one));
  else if (op.set === 'any') res = or(requestValues.map(one));
  else if (op.negated) res = and(requestValues.map(one));
  else res = or(requestValues.map(one));
  if (res === 'U') {
    if (op.family === 'arn' && policyValues.some(shortArnValue)) deps.add(`${c.key} (${c.operator} with a value that is no whole ARN)`);
    for (const v of policyValues) dependencies(v, deps);
    // A request value the analysis knows only as the provider's symbol (its region, its account).
    for (const v of requestValues) dependencies(v, deps, true);
  }
  return res;
}

/**
 * A condition's values with each policy variable (`${aws:PrincipalAccount}`) replaced by the value
 * the request context gives that key, when it gives exactly one (IAM substitutes the request's value;
 * AWS's managed policy for memory model inference compares aws:ResourceAccount with
 * `${aws:PrincipalAccount}`). A variable of a key the context does not give stays (unknown). The
 * same array when no value holds a variable.
 */
function withRequestVariables(values: SymStr[], context: RequirementCondition[]): SymStr[] {
  if (!values.some((v) => v.parts.some((p) => p.kind === 'policyVar'))) return values;
  const valueOf = (name: string): SymStr | undefined => {
    const ks = context.filter((k) => k.key.toLowerCase() === name.toLowerCase());
    const vs = ks.flatMap((k) => k.symValues ?? k.values.map(lit));
    return ks.length === 1 && vs.length === 1 ? vs[0] : undefined;
  };
  return values.map((v) => {
    if (!v.parts.some((p) => p.kind === 'policyVar')) return v;
    return { ...v, parts: joinLiterals(v.parts.flatMap((p) => (p.kind === 'policyVar' ? valueOf(p.name)?.parts ?? [p] : [p]))) };
  });
}

export function evaluateConditions(conds: Condition[], context: RequirementCondition[], deps: Set<string>): Tri {
  return and(conds.map((c) => evaluateCondition(c, context, deps)));
}
