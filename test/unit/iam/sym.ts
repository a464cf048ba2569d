/** Test helpers: symbolic strings and statements from compact text. */
import type { Condition, PolicyDocument, Statement, SymList, SymStr } from '../../../server/src/core/model';

/**
 * `${partition}`, `${region}`, `${account}` -> symbols; `${name:x}` -> named symbol x;
 * `&{aws:username}` -> policy variable; `${anything.else}` -> unknown expression.
 */
export function s(text: string): SymStr {
  const parts: SymStr['parts'] = [];
  const re = /\$\{([^}]+)\}|&\{([^}]+)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ kind: 'lit', text: text.slice(last, m.index) });
    if (m[2]) parts.push({ kind: 'policyVar', name: m[2] });
    else if (m[1] === 'partition' || m[1] === 'region' || m[1] === 'account') parts.push({ kind: 'sym', sym: { kind: m[1] } });
    else if (m[1].startsWith('name:')) parts.push({ kind: 'sym', sym: { kind: 'named', name: m[1].slice(5) } });
    else parts.push({ kind: 'unknown', expr: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'lit', text: text.slice(last) });
  return { parts };
}

export const items = (...xs: string[]): SymList => ({ kind: 'items', items: xs.map(s) });

export interface St {
  sid?: string;
  effect?: 'Allow' | 'Deny' | null;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  /** The whole Resource value is an unknown expression. */
  resourceExpr?: string;
  /** [operator, key, ...values] */
  cond?: [string, string, ...string[]][];
  opaque?: string;
}

export function st(x: St): Statement {
  const conditions: Condition[] = (x.cond ?? []).map(([operator, key, ...values]) => ({ operator, key, values: items(...values) }));
  return {
    sid: x.sid,
    effect: x.effect === null ? undefined : (x.effect ?? 'Allow'),
    actions: x.action ? items(...x.action) : undefined,
    notActions: x.notAction ? items(...x.notAction) : undefined,
    resources: x.resourceExpr ? { kind: 'unknown', expr: x.resourceExpr } : x.resource ? items(...x.resource) : undefined,
    notResources: x.notResource ? items(...x.notResource) : undefined,
    conditions,
    ...(x.opaque ? { opaque: { expr: x.opaque } } : {}),
  };
}

export function doc(statements: St[], opaque: string[] = [], id = 'doc'): PolicyDocument {
  return { id, form: 'policy-document', statements: statements.map(st), opaque };
}

/** ARN prefixes with symbols, as the analysis instantiates requirements. */
export const LOGS = 'arn:${partition}:logs:${region}:${account}';
export const AC = 'arn:${partition}:bedrock-agentcore:${region}:${account}';
