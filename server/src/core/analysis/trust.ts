/**
 * Trust checks: the role's trust policy judged against a trust requirement (assumable by the
 * service, the confused-deputy conditions). Split from analyze.ts (issue #22 item 7).
 */
import type { AgentCoreComponent, PolicyDocument, RequirementCondition, Role, RoleKind, Statement, SymStr, TrustRequirement } from '../model';
import type { AnalysisSettings } from '../settings';
import type { TrustResult } from '../iam';
import type { Messages } from '../messages';
import { docsUrl } from '../catalog';
import { literalText } from '../symstr';
import { trustContext, type TrustContextValues } from '../iam/context';
import { type Lines, type Collector, VERDICT_RANK } from './findings';
import { describeRole, instantiate, renderSym } from './requirements';
import { headerRange, related, subjectOf } from './placement';
import { engine } from './engine';

/**
 * The partition, region and account a trust policy's confused-deputy conditions write as literals
 * (`aws:SourceAccount`, `aws:ResourceAccount`, the segments of a literal bedrock-agentcore
 * `aws:SourceArn`), each when the policy writes one value only. Never what the trust is judged
 * against (the component may be deployed elsewhere): only where the configuration does not fix
 * them, to ask which recommended conditions the trust lacks if it is deployed where it says.
 */
function writtenValues(trust: PolicyDocument): { partition?: string; region?: string; account?: string } {
  const seen = { partition: new Set<string>(), region: new Set<string>(), account: new Set<string>() };
  for (const st of trust.statements) for (const c of st.conditions) {
    if (c.values.kind !== 'items') continue;
    const k = c.key.toLowerCase();
    for (const v of c.values.items) {
      const t = literalText(v);
      if (t === undefined) continue;
      if ((k === 'aws:sourceaccount' || k === 'aws:resourceaccount') && /^\d{12}$/.test(t)) seen.account.add(t);
      if (k !== 'aws:sourcearn') continue;
      const seg = t.split(':');
      if (seg.length < 6 || seg[0] !== 'arn' || seg[2] !== 'bedrock-agentcore') continue;
      if (/^[a-z-]+$/.test(seg[1])) seen.partition.add(seg[1]);
      if (/^[a-z0-9-]+$/.test(seg[3])) seen.region.add(seg[3]);
      if (/^\d{12}$/.test(seg[4])) seen.account.add(seg[4]);
    }
  }
  const one = (x: Set<string>) => (x.size === 1 ? [...x][0] : undefined);
  return { partition: one(seen.partition), region: one(seen.region), account: one(seen.account) };
}

/**
 * The request contexts AgentCore sends when it assumes the role (core/iam/context.ts trustContext),
 * one per component of the kind (each sends its own ARN). The partition, region and account are the
 * provider's literals (`region`, `allowed_account_ids` with one account) or the settings' defaults;
 * one the configuration does not fix stays a symbol, which matches only the same symbol
 * (data.aws_caller_identity.current.account_id, data.aws_region.current.name). A trust that writes
 * a literal there is then unknown, naming what decides it (placementDeps): the account a trust
 * hard-codes is not known to be the one the component is deployed in, so it is never "granted" on
 * that guess. Without a component the service's resource is unknown, and so is its region. A
 * deployed component (the live audit: its address is its ARN, in the partition, region and account
 * of the role's provider) sends its own id: the whole ARN is known (liveId).
 */
function trustValues(role: Role, kind: RoleKind, comps: AgentCoreComponent[], defaults: AnalysisSettings['defaults'], m: Messages): TrustContextValues[] {
  const p = role.provider ?? {};
  const d = defaults ?? {};
  const region = comps.length ? (p.region ?? d.region) : undefined;
  const v = { partition: p.partition ?? d.partition, region, account: p.account ?? d.account };
  if (!comps.length) {
    const who = m.dependsOnAgentCoreUser();
    return [{ ...v, regionUnknown: v.region === undefined ? who : undefined, kind, id: who }];
  }
  return comps.map((c) => {
    const live = liveId(c.address, v);
    return live !== undefined ? { ...v, kind, id: c.address, idLiteral: live } : { ...v, kind, name: c.facts.name, id: `${c.address}.id` };
  });
}

/**
 * The id of a deployed component from its ARN (`arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/agent-Ab12`
 * -> `agent-Ab12`, a gateway's whole `<name>-<id>`), when the ARN is in the given partition, region
 * and account: the context's ARN is then exactly the component's. Undefined for a Terraform address.
 */
function liveId(address: string, v: { partition?: string; region?: string; account?: string }): string | undefined {
  const m = /^arn:([^:]+):bedrock-agentcore:([^:]+):(\d{12}):[a-z-]+\/([^/]+)$/.exec(address);
  return m && m[1] === v.partition && m[2] === v.region && m[3] === v.account ? m[4] : undefined;
}

/**
 * The contexts AgentCore sends when it assumes the role for these components (one per component and
 * ARN form), as checkTrust judges the trust: for the live audit's verdict table (audit/evidence.ts).
 */
export function trustContexts(role: Role, kind: RoleKind, comps: AgentCoreComponent[], defaults: AnalysisSettings['defaults'], m: Messages): RequirementCondition[][] {
  return trustValues(role, kind, comps, defaults, m).flatMap(trustContext);
}

/**
 * The trust judged for each component's request (each must be able to assume the role): the worst.
 * A component whose ARN may take several forms (an evaluation's) is judged on each: when they
 * disagree, which form the service sends decides, so the verdict is unknown, depending on its id.
 */
function judgeTrust(trust: PolicyDocument, req: TrustRequirement, values: TrustContextValues[]): { result: TrustResult; context: RequirementCondition[] } {
  const query = { service: req.principalService, action: req.action, conditionKeys: req.conditions.map((c) => c.key), acceptedKeys: req.acceptedConditions?.map((c) => c.key) };
  const judge = (v: TrustContextValues) => {
    const judged = trustContext(v).map((context) => ({ result: engine.evaluateTrust(trust, { ...query, context }), context }));
    const one = judged.reduce((a, b) => (VERDICT_RANK[b.result.assumable.verdict] > VERDICT_RANK[a.result.assumable.verdict] ? b : a));
    if (one.result.assumable.verdict !== 'missing' || judged.every((j) => j.result.assumable.verdict === 'missing')) return one;
    const a = one.result.assumable;
    return { ...one, result: { ...one.result, refused: [], assumable: { ...a, verdict: 'unknown' as const, dependsOn: [...new Set([...a.dependsOn, v.id])], denying: [] } } };
  };
  let out: { result: TrustResult; context: RequirementCondition[] } | undefined;
  for (const v of values) {
    let one = judge(v);
    // An unknown that names the generated id, which the policy may not read at all (`...:*` with a
    // variable account): judged again with an id no policy writes, the same unknown says it does not.
    const a = one.result.assumable;
    if (a.verdict === 'unknown' && a.dependsOn.includes(v.id) && v.regionUnknown === undefined && judge({ ...v, idLiteral: '\uffff' }).result.assumable.verdict === 'unknown') {
      one = { ...one, result: { ...one.result, assumable: { ...a, dependsOn: a.dependsOn.filter((d) => d !== v.id) } } };
    }
    if (!out || VERDICT_RANK[one.result.assumable.verdict] > VERDICT_RANK[out.result.assumable.verdict]) out = one;
  }
  return out!;
}

const PLACEMENT = new Set(['account', 'region', 'partition']);

/** dependsOn entries: the partition/region/account symbols (the configuration does not fix them) named with what would. */
export const placementDeps = (deps: string[], m: Messages): string[] =>
  [...new Set(deps.map((d) => (PLACEMENT.has(d) ? m.dependsOnPlacement(d as 'account' | 'region' | 'partition') : d)))];

const sentValue = (context: RequirementCondition[], key: string): string => {
  const c = context.find((k) => k.key.toLowerCase() === key.toLowerCase());
  const vs: SymStr[] = c?.symValues ?? c?.values.map((t) => ({ parts: [{ kind: 'lit', text: t }] })) ?? [];
  return vs.map(renderSym).join(' | ');
};

export function checkTrust(
  role: Role,
  kind: RoleKind,
  comps: AgentCoreComponent[],
  req: TrustRequirement,
  out: Collector,
  lines: Lines,
  settings: Pick<AnalysisSettings, 'defaults'>,
): void {
  const m = out.m;
  const who = describeRole(role, kind, comps, m);
  const docs = docsUrl(req);
  const trust = role.trust?.document;
  const anchor = trust?.loc ?? role.loc ?? comps[0]?.loc;
  if (!anchor) return;
  const base = { role: role.address, roleKind: kind, requirement: req.id, docs, related: related(role, comps, m), subject: subjectOf(role, who, m) };
  if (!trust) {
    out.check(req.id, 'unknown');
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], dependsOn: [m.dependsOnTrustPolicy()],
      message: m.trustUnreadable({ service: req.principalService, who }),
    });
    return;
  }
  const values = trustValues(role, kind, comps, settings.defaults, m);
  const { result, context } = judgeTrust(trust, req, values);
  const conditions = result.conditions.map((c) => c.verdict);
  const lacking = result.conditions.filter((c) => c.verdict !== 'granted').map((c) => c.key);
  out.check(req.id, result.assumable.verdict !== 'granted' ? result.assumable.verdict : conditions.includes('missing') ? 'missing' : conditions.includes('unknown') ? 'unknown' : 'granted', result.assumable.granting,
    result.assumable.verdict === 'granted' && lacking.length ? m.trustAssumableNote(lacking) : undefined);
  const refused = result.assumable.verdict === 'missing' && !result.assumable.denying.length ? result.refused?.[0] : undefined;
  if (refused) {
    // An Allow for the service whose condition cannot hold with what AgentCore sends (another account, region, resource).
    const conds = refused.conditions;
    const loc = conds[0].loc ?? refused.statement.loc ?? anchor;
    const written = (c: (typeof conds)[number]) => (c.values.kind === 'items' ? c.values.items.map(renderSym).join(' | ') : c.values.expr);
    out.add({
      ...base, rule: 'trust-not-assumable', verdict: 'missing', file: loc.file, range: headerRange(loc, lines),
      actions: [req.action], conditionKeys: conds.map((c) => c.key),
      message: m.trustConditionRefuses({
        service: req.principalService,
        condition: conds.map((c) => `${c.operator} ${c.key} = ${written(c)}`).join('; '),
        sent: conds.map((c) => `${c.key} = ${sentValue(context, c.key)}`).join('; '),
        who,
      }),
    });
    return;
  }
  if (result.assumable.verdict === 'missing') {
    out.add({
      ...base, rule: 'trust-not-assumable', verdict: 'missing', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action],
      message: m.trustNotAssumable({ service: req.principalService, action: req.action, why: m.why(req), who }),
    });
    return;
  }
  let conditionsOf = result;
  if (result.assumable.verdict === 'unknown') {
    const dependsOn = placementDeps(result.assumable.dependsOn, m);
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], dependsOn,
      message: m.trustUnknown({ service: req.principalService, dependsOn, who }),
    });
    // Unknown only because the configuration does not fix where the component is deployed (a trust
    // that hard-codes an account): the recommended conditions it lacks are still lacking wherever it
    // is deployed. Asked as if the component were where the trust says; only the missing ones are said.
    if (!result.assumable.dependsOn.every((d) => PLACEMENT.has(d))) return;
    const w = writtenValues(trust);
    const placed = values.map((v) => ({ ...v, partition: v.partition ?? w.partition, region: v.region ?? (v.regionUnknown === undefined ? w.region : undefined), account: v.account ?? w.account }));
    const there = judgeTrust(trust, req, placed).result;
    if (there.assumable.verdict !== 'granted') return;
    conditionsOf = { ...there, conditions: there.conditions.filter((c) => c.verdict === 'missing') };
  }
  const missing = conditionsOf.conditions.filter((c) => c.verdict === 'missing');
  if (missing.length) {
    const keys = missing.map((c) => req.conditions.find((k) => k.key.toLowerCase() === c.key.toLowerCase())?.key ?? c.key);
    const statements = uniqueStatements(missing.flatMap((c) => c.unconstrained));
    const loc = statements[0]?.loc ?? anchor;
    const wanted = keys
      .map((k) => {
        const c = req.conditions.find((x) => x.key === k);
        return c ? `${c.operator} ${k} = ${c.values.map((v) => renderSym(instantiate(v, role, comps[0]))).join(' | ')}` : k;
      })
      .join('; ');
    out.add(
      {
        ...base, rule: 'trust-condition-missing', verdict: 'missing', file: loc.file, range: headerRange(loc, lines),
        actions: [req.action], conditionKeys: keys,
        message: m.trustConditionMissing({ wanted, service: req.principalService, who }),
      },
      { kind: 'trust-condition', role, requirement: req, conditionKeys: keys, statements, document: trust },
    );
  }
  const unknown = conditionsOf.conditions.filter((c) => c.verdict === 'unknown');
  if (unknown.length) {
    const dependsOn = placementDeps(unknown.flatMap((c) => c.dependsOn), m);
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], conditionKeys: unknown.map((c) => c.key), dependsOn,
      message: m.trustConditionUnknown({ keys: unknown.map((c) => c.key), dependsOn, who }),
    });
  }
}

export function uniqueStatements(sts: Statement[]): Statement[] {
  const seen = new Set<Statement>();
  return sts.filter((s) => (seen.has(s) ? false : (seen.add(s), true)));
}
