/**
 * The live role as the core's model: a `Role` of type `live` whose documents have form `live`,
 * so that the same analyze() judges it.
 *
 * Documents are read by the core's JSON policy reader (server/src/core/json/policy.ts), the one
 * the editor uses for JSON files and heredocs, from the decoded text IAM stores. Their locations
 * name the live policy (`ROLE_ARN#inline/NAME`, the managed policy ARN, `ROLE_ARN#trust`), not a
 * file: `liveTexts()` gives analyze() their text, so that nothing is read from disk for them.
 */
import type { AgentCoreComponent, AttachedPolicy, PolicyDocument, Role, SymStr } from '../core/model';
import { jsonStringParts, readJsonPolicy } from '../core/json/policy';
import type { WorkspaceModel } from '../core/workspace-model';
import { parseArn } from './arn';
import type { LiveRole } from './role';
import { environmentValues, type LivePolicy, type RuntimeInfo } from './types';

/** A policy string: `${aws:username}`-style policy variables become `policyVar` parts (as in JSON files). */
export function symStr(text: string): SymStr {
  return { parts: jsonStringParts(text) };
}

/** Reads a live document's text with the core reader; text it cannot read makes the document opaque. */
export function documentFromText(id: string, text: string | undefined): PolicyDocument {
  if (text === undefined) return { id, form: 'live', statements: [], opaque: [`${id}: unreadable document`] };
  const { document, problems } = readJsonPolicy(id, text, { id, form: 'live' });
  if (problems.length) document.opaque.push(`${id}: ${problems[0].message}`);
  return document;
}

/** A document given as plain JSON (tests, callers holding parsed JSON): printed, then read as text. */
export function documentFromJson(id: string, json: unknown): PolicyDocument {
  return documentFromText(id, json === undefined ? undefined : JSON.stringify(json, null, 2));
}

export function liveDocumentId(live: Pick<LiveRole, 'arn'>, p: Pick<LivePolicy, 'arn' | 'name'>): string {
  return p.arn ?? `${live.arn}#inline/${p.name}`;
}

/** The text of each live document by its id (the `file` of its locations). */
export function liveTexts(live: LiveRole): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of [...live.policies, ...(live.boundary ? [live.boundary] : [])]) if (p.text !== undefined) m.set(liveDocumentId(live, p), p.text);
  if (live.trustText !== undefined) m.set(`${live.arn}#trust`, live.trustText);
  return m;
}

function textOf(p: LivePolicy): string | undefined {
  return p.text ?? (p.document === undefined ? undefined : JSON.stringify(p.document, null, 2));
}

/** The runtime as an AgentCore component with the facts requirements depend on. */
export function runtimeComponent(runtime: RuntimeInfo, extra: { serviceLinkedRole?: boolean }): AgentCoreComponent {
  const environment: Record<string, SymStr> = {};
  for (const [k, v] of Object.entries(environmentValues(runtime))) environment[k] = symStr(v);
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
    document: documentFromText(liveDocumentId(live, p), textOf(p)),
  });
  return {
    address: live.arn,
    type: 'live',
    name: symStr(live.name),
    components: runtime ? [runtimeComponent(runtime, extra)] : [],
    trust: live.trustText !== undefined || live.trust !== undefined
      ? { attachment: 'trust', document: documentFromText(`${live.arn}#trust`, live.trustText ?? JSON.stringify(live.trust, null, 2)) }
      : undefined,
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
