/**
 * Drift between the live role and the workspace's Terraform definition of it: (effect, action,
 * resource) triples present on one side and not the other. Terraform values the analysis cannot
 * know (unknown parts, named symbols) match anything in their place.
 */
import type { PolicyDocument, ProviderContext, Role, Statement, SymList, SymStr } from '../core/model';
import type { WorkspaceModel } from '../core/workspace-model';
import { roleNameFromArn } from './arn';
import type { DriftEntry, DriftReport } from './types';

const WILD = '\u0000';

export function renderSym(s: SymStr, provider: ProviderContext): string {
  return s.parts.map((p) => {
    switch (p.kind) {
      case 'lit': return p.text;
      case 'policyVar': return '${' + p.name + '}';
      case 'sym':
        if (p.sym.kind === 'named') return WILD;
        return (provider as Record<string, string | undefined>)[p.sym.kind] ?? WILD;
      default: return WILD;
    }
  }).join('');
}

function items(l: SymList | undefined, provider: ProviderContext): string[] | undefined {
  if (!l) return undefined;
  if (l.kind === 'unknown') return [WILD];
  return l.items.map((i) => renderSym(i, provider));
}

/** `key`: the action lowercased once (IAM action names are case-insensitive), `action` as written. */
interface Triple { effect: string; action: string; key: string; resource: string }

function triples(docs: PolicyDocument[], provider: ProviderContext): Triple[] {
  const out: Triple[] = [];
  for (const d of docs) for (const s of d.statements as Statement[]) {
    const effect = s.effect ?? WILD;
    const actions = items(s.actions, provider) ?? (s.notActions ? (items(s.notActions, provider) ?? []).map((a) => `NOT ${a}`) : []);
    const resources = items(s.resources, provider) ?? (s.notResources ? (items(s.notResources, provider) ?? []).map((r) => `NOT ${r}`) : ['*']);
    for (const a of actions) for (const r of resources) out.push({ effect, action: a, key: a.toLowerCase(), resource: r });
  }
  return out;
}

function toRegex(s: string): RegExp {
  return new RegExp('^' + s.split(WILD).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's');
}

function matches(pattern: Triple, concrete: Triple): boolean {
  return toRegex(pattern.effect).test(concrete.effect)
    && toRegex(pattern.key).test(concrete.key)
    && toRegex(pattern.resource).test(concrete.resource);
}

/** The Terraform role of the workspace that is this live role, by ARN or by name. */
export function matchTerraformRole(ws: WorkspaceModel, liveArn: string, provider: ProviderContext): { role: Role; by: 'name' | 'arn' } | undefined {
  const name = roleNameFromArn(liveArn);
  for (const r of ws.roles) if (r.type !== 'live' && r.address === liveArn) return { role: r, by: 'arn' };
  for (const r of ws.roles) {
    if (r.type === 'live' || !r.name) continue;
    const n = renderSym(r.name, provider);
    if (n === name || (n.includes(WILD) && name && toRegex(n).test(name))) return { role: r, by: 'name' };
  }
  return undefined;
}

function docsOf(role: Role): PolicyDocument[] {
  return role.policies.map((p) => p.document);
}

export function computeDrift(ws: WorkspaceModel, live: Role): DriftReport | undefined {
  const m = matchTerraformRole(ws, live.address, live.provider);
  if (!m) return undefined;
  const liveT = triples(docsOf(live), live.provider);
  const tfT = triples(docsOf(m.role), live.provider);
  const entries: DriftEntry[] = [];
  const seen = new Set<string>();
  const push = (direction: DriftEntry['direction'], t: Triple) => {
    const k = `${direction}|${t.effect}|${t.key}|${t.resource}`;
    if (seen.has(k)) return;
    seen.add(k);
    entries.push({ direction, effect: t.effect.replace(new RegExp(WILD, 'g'), '…'), action: t.action.replace(new RegExp(WILD, 'g'), '…'), resource: t.resource.replace(new RegExp(WILD, 'g'), '…') });
  };
  for (const t of liveT) if (!tfT.some((p) => matches(p, t))) push('live-only', t);
  for (const t of tfT) if (!liveT.some((c) => matches(t, c))) push('terraform-only', t);
  const trustDiffers: string[] = [];
  if (live.trust && m.role.trust) {
    const lt = triples([live.trust.document], live.provider);
    const tt = triples([m.role.trust.document], live.provider);
    const keys = (d: PolicyDocument) => d.statements.flatMap((s) => s.conditions.map((c) => `${c.operator} ${c.key}`.toLowerCase()));
    const lk = new Set(keys(live.trust.document));
    const tk = new Set(keys(m.role.trust.document));
    for (const k of lk) if (!tk.has(k)) trustDiffers.push(`condition ${k} is live only`);
    for (const k of tk) if (!lk.has(k)) trustDiffers.push(`condition ${k} is in Terraform only`);
    if (lt.length !== tt.length) trustDiffers.push('the trust policies have different statements');
  }
  return { terraformRole: m.role.address, matchedBy: m.by, entries, ...(trustDiffers.length ? { trustDiffers } : {}) };
}
