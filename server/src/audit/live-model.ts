/**
 * The live role as the core's model: a `Role` of type `live` whose documents have form `live`,
 * so that the same analyze() judges it.
 *
 * The JSON policy reader here is a minimal one, used until the JSON front's reader
 * (server/src/core/json/policy.ts) is available; it reads parsed JSON (no positions: live
 * documents have no file).
 */
import type {
  AgentCoreComponent,
  AttachedPolicy,
  Condition,
  Part,
  PolicyDocument,
  Principal,
  Role,
  Statement,
  SymList,
  SymStr,
} from '../core/model';
import type { WorkspaceModel } from '../core/workspace-model';
import { parseArn } from './arn';
import type { LiveRole } from './role';
import type { RuntimeInfo } from './types';

/** A policy string: `${aws:username}`-style policy variables become `policyVar` parts. */
export function symStr(text: string): SymStr {
  const parts: Part[] = [];
  const re = /\$\{([^}]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push({ kind: 'lit', text: text.slice(last, m.index) });
    parts.push({ kind: 'policyVar', name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ kind: 'lit', text: text.slice(last) });
  return { parts };
}

function list(v: unknown): SymList | undefined {
  if (v === undefined) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  return { kind: 'items', items: arr.map((x) => symStr(typeof x === 'string' ? x : JSON.stringify(x))) };
}

function principals(v: unknown): Principal[] | undefined {
  if (v === undefined) return undefined;
  if (v === '*') return [{ type: '*', identifiers: { kind: 'items', items: [symStr('*')] } }];
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v as Record<string, unknown>).map(([type, ids]) => ({ type, identifiers: list(ids)! }));
}

function conditions(v: unknown): Condition[] {
  if (typeof v !== 'object' || v === null) return [];
  const out: Condition[] = [];
  for (const [operator, block] of Object.entries(v as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null) continue;
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      out.push({ operator, key, values: list(values) ?? { kind: 'items', items: [] } });
    }
  }
  return out;
}

export function statementFromJson(s: Record<string, unknown>): Statement {
  const effect = s.Effect === 'Allow' || s.Effect === 'Deny' ? s.Effect : undefined;
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect,
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    principals: principals(s.Principal),
    notPrincipals: principals(s.NotPrincipal),
    conditions: conditions(s.Condition),
  };
}

export function documentFromJson(id: string, json: unknown): PolicyDocument {
  const opaque: string[] = [];
  const st = (json as { Statement?: unknown } | undefined)?.Statement;
  const raw = st === undefined ? [] : Array.isArray(st) ? st : [st];
  const statements: Statement[] = [];
  for (const s of raw) {
    if (typeof s === 'object' && s !== null) statements.push(statementFromJson(s as Record<string, unknown>));
    else opaque.push(`${id}: a statement that is not an object`);
  }
  if (json === undefined) opaque.push(`${id}: unreadable document`);
  return { id, form: 'live', statements, opaque };
}

/** The runtime as an AgentCore component with the facts requirements depend on. */
export function runtimeComponent(runtime: RuntimeInfo, extra: { serviceLinkedRole?: boolean }): AgentCoreComponent {
  const environment: Record<string, SymStr> = {};
  for (const [k, v] of Object.entries(runtime.environment)) environment[k] = symStr(v);
  const ecr = runtime.containerUri ? /\/([^:@]+)(?:[:@].*)?$/.exec(runtime.containerUri)?.[1] : undefined;
  return {
    address: runtime.arn,
    type: 'aws_bedrockagentcore_agent_runtime',
    kind: 'runtime',
    roleAttribute: 'role_arn',
    loc: { file: runtime.arn, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    facts: {
      artifact: runtime.artifact,
      createdAt: runtime.createdAt?.slice(0, 10),
      environment,
      name: runtime.name !== undefined ? symStr(runtime.name) : undefined,
      ...(ecr ? { ecrRepository: symStr(ecr) } : {}),
      ...(extra.serviceLinkedRole !== undefined ? { serviceLinkedRole: extra.serviceLinkedRole } : {}),
      networkMode: runtime.networkMode,
    },
  };
}

export function liveRoleModel(live: LiveRole, runtime: RuntimeInfo | undefined, extra: { serviceLinkedRole?: boolean; region?: string }): Role {
  const arn = parseArn(live.arn);
  const runtimeArn = runtime ? parseArn(runtime.arn) : undefined;
  const attached = (p: LiveRole['policies'][number]): AttachedPolicy => ({
    attachment: p.attachment,
    document: documentFromJson(p.arn ?? `${live.arn}#inline/${p.name}`, p.document),
  });
  return {
    address: live.arn,
    type: 'live',
    name: symStr(live.name),
    components: runtime ? [runtimeComponent(runtime, extra)] : [],
    trust: live.trust !== undefined ? { attachment: 'trust', document: documentFromJson(`${live.arn}#trust`, live.trust) } : undefined,
    policies: live.policies.map(attached),
    boundary: live.boundary ? attached(live.boundary) : undefined,
    opaque: [...live.unreadable],
    provider: {
      partition: arn?.partition ?? runtimeArn?.partition,
      region: runtimeArn?.region ?? extra.region,
      account: runtimeArn?.account ?? arn?.account,
    },
  };
}

export function oneRoleModel(role: Role): WorkspaceModel {
  const documents = [
    ...(role.trust ? [role.trust.document] : []),
    ...role.policies.map((p) => p.document),
    ...(role.boundary ? [role.boundary.document] : []),
  ];
  return { roles: [role], components: [...role.components], documents, modules: [], problems: [] };
}
