/**
 * Evidence for the report: which live statements grant a requirement, found by the same
 * evaluator (core/iam) that analyze() uses. Requirements are instantiated with the live role's
 * literal partition/region/account and the runtime's name.
 */
import * as iam from '../core/iam';
import type { Evaluator } from '../core/analyze';
import type { PermissionRequirement, Role, Statement, SymList, SymStr, TrustRequirement } from '../core/model';
import { instantiate } from './simulate';
import { requestContext } from '../core/iam/context';
import { trustContexts } from '../core/analysis/trust';
import { messagesFor } from '../core/messages';

function lit(text: string): SymStr {
  return { parts: [{ kind: 'lit', text }] };
}

function render(l: SymList | undefined): string {
  if (!l) return '';
  if (l.kind === 'unknown') return l.expr;
  return l.items.map((i) => i.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'policyVar' ? '${' + p.name + '}' : p.kind === 'unknown' ? p.expr : `\${${p.sym.kind}}`)).join('')).join(', ');
}

export function describeStatement(s: Statement): string {
  const acts = s.actions ? render(s.actions) : `NotAction ${render(s.notActions)}`;
  const res = s.resources ? render(s.resources) : s.notResources ? `NotResource ${render(s.notResources)}` : '';
  return `${s.sid ? `Sid ${s.sid}: ` : ''}${s.effect ?? '?'} ${acts}${res ? ` on ${res}` : ''}`;
}

export interface Judged {
  verdict: 'granted' | 'missing' | 'unknown';
  evidence: string[];
  explanation: string;
}

/** Judges one requirement on the live role; undefined when the evaluator is not available. */
export function judgeRequirement(req: PermissionRequirement, role: Role, name: string | undefined, evaluator?: Evaluator): Judged | undefined {
  try {
    const r = (evaluator ?? iam).evaluateRequirement(
      // The request context the service sends, as analyze() judges it (core/iam/context.ts): a live role's ARN is known.
      { actions: req.actions, resources: req.resources.map((t) => lit(instantiate(t, role.provider, name))), context: requestContext(req, { ...role.provider, roleArn: role.type === 'live' ? role.address : undefined }) },
      role.policies.map((p) => p.document),
      { boundary: role.boundary?.document, opaque: role.opaque },
    );
    return { verdict: r.verdict, evidence: [...new Set(r.granting.map(describeStatement))], explanation: r.explanation === r.verdict ? '' : r.explanation };
  } catch {
    return undefined;
  }
}

/**
 * Judges a trust requirement (assumable + each condition) on the live trust policy, with the values
 * AgentCore sends (analysis/trust.ts trustContexts, as analyze() judges it): the runtime's account
 * and its whole ARN, known here; a condition that cannot hold with them makes the role not assumable.
 * With several contexts (components, ARN forms), the worst.
 */
export function judgeTrust(req: TrustRequirement, role: Role, evaluator?: Evaluator): Judged | undefined {
  if (!role.trust) return { verdict: 'unknown', evidence: [], explanation: 'the trust policy could not be read' };
  try {
    const query = { service: req.principalService, action: req.action, conditionKeys: req.conditions.map((c) => c.key), acceptedKeys: req.acceptedConditions?.map((c) => c.key) };
    const kind = role.components[0]?.kind;
    const contexts = kind ? trustContexts(role, kind, role.components, {}, messagesFor('en')) : [undefined];
    const doc = role.trust.document;
    const rank = { granted: 0, unknown: 1, missing: 2 } as const;
    const r = contexts
      .map((context) => (evaluator ?? iam).evaluateTrust(doc, context ? { ...query, context } : query))
      .reduce((a, b) => (rank[b.assumable.verdict] > rank[a.assumable.verdict] ? b : a));
    const worst = [r.assumable.verdict, ...r.conditions.map((c) => c.verdict)];
    const verdict = worst.includes('missing') ? 'missing' : worst.includes('unknown') ? 'unknown' : 'granted';
    const missing = r.conditions.filter((c) => c.verdict !== 'granted').map((c) => `${c.key} ${c.verdict}`);
    return { verdict, evidence: [...new Set(r.assumable.granting.map(describeStatement))], explanation: missing.join('; ') };
  } catch {
    return undefined;
  }
}
