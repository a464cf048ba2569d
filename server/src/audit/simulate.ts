/**
 * IAM's own second opinion: SimulatePrincipalPolicy on the live role for each requirement's
 * actions and (instantiated) resources. Compared with our verdicts, agreement is reported, never
 * used to change them (the simulator does not evaluate SCPs/RCPs or session policies either).
 */
import { SimulatePrincipalPolicyCommand, type ContextEntry, type IAMClient } from '@aws-sdk/client-iam';
import type { PermissionRequirement, ProviderContext } from '../core/model';
import type { AuditContext } from './context';
import { isExpected } from './context';
import { requestContext } from '../core/iam/context';

export interface SimulationResult {
  requirement: string;
  decision: 'allowed' | 'denied' | 'mixed' | 'error';
  detail: string;
}

export function instantiate(template: string, provider: ProviderContext, name: string | undefined): string {
  return template
    .replace(/\$\{partition\}/g, provider.partition ?? 'aws')
    .replace(/\$\{region\}/g, provider.region ?? '*')
    .replace(/\$\{account\}/g, provider.account ?? '*')
    .replace(/\$\{name\}/g, name ?? '*');
}

export async function simulate(
  ctx: AuditContext,
  iam: IAMClient,
  roleArn: string,
  requirements: PermissionRequirement[],
  provider: ProviderContext,
  name: string | undefined,
): Promise<SimulationResult[]> {
  const results = await Promise.all(requirements.map(async (req): Promise<SimulationResult | undefined> => {
    const resources = req.resources.map((t) => instantiate(t, provider, name));
    // The request context the service sends (core/iam/context.ts), with the live role's literals: what analyze() judges with.
    const contextEntries: ContextEntry[] = requestContext(req, { ...provider, roleArn }).filter((c) => c.values.length)
      .map((c) => ({ ContextKeyName: c.key, ContextKeyValues: c.values, ContextKeyType: c.operator === 'Bool' ? 'boolean' : 'string' }));
    const r = await ctx.call('SimulatePrincipalPolicy', (abortSignal) => iam.send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: roleArn,
      ActionNames: req.actions,
      ResourceArns: resources,
      ...(contextEntries.length ? { ContextEntries: contextEntries } : {}),
    }), { abortSignal }));
    if (!r || isExpected(r)) return undefined;
    const decisions = (r.EvaluationResults ?? []).map((e) => ({ action: e.EvalActionName ?? '', decision: e.EvalDecision ?? '', missing: e.MissingContextValues ?? [] }));
    const allowed = decisions.filter((d) => d.decision === 'allowed');
    const denied = decisions.filter((d) => d.decision !== 'allowed');
    const decision = denied.length === 0 ? 'allowed' : allowed.length === 0 ? 'denied' : 'mixed';
    const detail = decisions.map((d) => `${d.action}: ${d.decision}${d.missing.length ? ` (missing context ${d.missing.join(', ')})` : ''}`).join('; ');
    return { requirement: req.id, decision, detail };
  }));
  return results.filter((r): r is SimulationResult => r !== undefined);
}
