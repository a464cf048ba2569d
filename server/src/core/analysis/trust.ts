/**
 * Trust checks: the role's trust policy judged against a trust requirement (assumable by the
 * service, the confused-deputy conditions). Split from analyze.ts (issue #22 item 7).
 */
import type { AgentCoreComponent, Role, RoleKind, Statement, TrustRequirement } from '../model';
import { docsUrl } from '../catalog';
import type { Lines, Collector } from './findings';
import { describeRole, instantiate, renderSym } from './requirements';
import { headerRange, related } from './placement';
import { engine } from './engine';

export function checkTrust(
  role: Role,
  kind: RoleKind,
  comps: AgentCoreComponent[],
  req: TrustRequirement,
  out: Collector,
  lines: Lines,
): void {
  const m = out.m;
  const who = describeRole(role, kind, comps, m);
  const docs = docsUrl(req);
  const trust = role.trust?.document;
  const anchor = trust?.loc ?? role.loc ?? comps[0]?.loc;
  if (!anchor) return;
  const base = { role: role.address, roleKind: kind, requirement: req.id, docs, related: related(role, comps, m) };
  if (!trust) {
    out.check(req.id, 'unknown');
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], dependsOn: [m.dependsOnTrustPolicy()],
      message: m.trustUnreadable({ service: req.principalService, who }),
    });
    return;
  }
  const result = engine.evaluateTrust(trust, { service: req.principalService, action: req.action, conditionKeys: req.conditions.map((c) => c.key), acceptedKeys: req.acceptedConditions?.map((c) => c.key) });
  const conditions = result.conditions.map((c) => c.verdict);
  const lacking = result.conditions.filter((c) => c.verdict !== 'granted').map((c) => c.key);
  out.check(req.id, result.assumable.verdict !== 'granted' ? result.assumable.verdict : conditions.includes('missing') ? 'missing' : conditions.includes('unknown') ? 'unknown' : 'granted', result.assumable.granting,
    result.assumable.verdict === 'granted' && lacking.length ? m.trustAssumableNote(lacking) : undefined);
  if (result.assumable.verdict === 'missing') {
    out.add({
      ...base, rule: 'trust-not-assumable', verdict: 'missing', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action],
      message: m.trustNotAssumable({ service: req.principalService, action: req.action, why: m.why(req), who }),
    });
    return;
  }
  if (result.assumable.verdict === 'unknown') {
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], dependsOn: result.assumable.dependsOn,
      message: m.trustUnknown({ service: req.principalService, dependsOn: result.assumable.dependsOn, who }),
    });
    return;
  }
  const missing = result.conditions.filter((c) => c.verdict === 'missing');
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
  const unknown = result.conditions.filter((c) => c.verdict === 'unknown');
  if (unknown.length) {
    const dependsOn = [...new Set(unknown.flatMap((c) => c.dependsOn))];
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
