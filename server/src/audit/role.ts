/** IAM reads of the runtime's role: trust, inline, managed (default version), boundary, the SLR. */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { parseArn } from './arn';
import type { AuditContext } from './context';
import { isExpected } from './context';
import type { LivePolicy } from './types';

export const RUNTIME_IDENTITY_SLR = 'AWSServiceRoleForBedrockAgentCoreRuntimeIdentity';

/**
 * IAM returns policy documents URL-encoded (RFC 3986): the document's own text, decoded. The
 * analysis reads this text with the core's JSON policy reader (core/json/policy.ts).
 */
export function decodePolicyText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (/%[0-9A-Fa-f]{2}/.test(text) && !text.trimStart().startsWith('{')) {
    try { return decodeURIComponent(text.replace(/\+/g, '%20')); } catch { /* not URL-encoded after all */ }
  }
  return text;
}

/** The decoded document as plain JSON, for the JSON report only (undefined when it is not JSON). */
export function decodePolicyDocument(text: string | undefined): unknown {
  const s = decodePolicyText(text);
  if (s === undefined) return undefined;
  try { return JSON.parse(s); } catch { return undefined; }
}

function livePolicy(p: Omit<LivePolicy, 'text' | 'document'>, encoded: string | undefined): LivePolicy | undefined {
  const text = decodePolicyText(encoded);
  if (text === undefined) return undefined;
  return { ...p, text, document: decodePolicyDocument(text) };
}

export interface LiveRole {
  arn: string;
  name: string;
  trust?: unknown;
  /** The trust policy's decoded text (what the analysis reads). */
  trustText?: string;
  policies: LivePolicy[];
  boundary?: LivePolicy;
  /** Parts that could not be read (what verdicts depend on). */
  unreadable: string[];
  /** The role itself does not exist. */
  notFound?: boolean;
}

async function readManaged(ctx: AuditContext, iam: IAMClient, arn: string, attachment: LivePolicy['attachment'], name: string): Promise<LivePolicy | string> {
  const pol = await ctx.call('GetPolicy', (abortSignal) => iam.send(new GetPolicyCommand({ PolicyArn: arn }), { abortSignal }));
  if (!pol || isExpected(pol) || !pol.Policy?.DefaultVersionId) return `managed policy ${arn} (GetPolicy)`;
  const versionId = pol.Policy.DefaultVersionId;
  const ver = await ctx.call('GetPolicyVersion', (abortSignal) => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }), { abortSignal }));
  if (!ver || isExpected(ver)) return `managed policy ${arn} (GetPolicyVersion)`;
  const p = livePolicy({ attachment, name, arn, versionId }, ver.PolicyVersion?.Document);
  if (!p) return `managed policy ${arn} (no document)`;
  return p;
}

export async function readRole(ctx: AuditContext, iam: IAMClient, roleArn: string, roleName: string): Promise<LiveRole> {
  const role: LiveRole = { arn: roleArn, name: roleName, policies: [], unreadable: [] };
  const [got, inlineNames, attached] = await Promise.all([
    ctx.call('GetRole', (abortSignal) => iam.send(new GetRoleCommand({ RoleName: roleName }), { abortSignal }), ['NoSuchEntityException']),
    (async () => {
      const names: string[] = [];
      let Marker: string | undefined;
      for (let i = 0; i < 100; i++) {
        const r = await ctx.call('ListRolePolicies', (abortSignal) => iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker }), { abortSignal }), ['NoSuchEntityException']);
        if (!r || isExpected(r)) return r === undefined ? undefined : names;
        names.push(...(r.PolicyNames ?? []));
        if (!r.IsTruncated || !r.Marker) break;
        Marker = r.Marker;
      }
      return names;
    })(),
    (async () => {
      const list: { PolicyName?: string; PolicyArn?: string }[] = [];
      let Marker: string | undefined;
      for (let i = 0; i < 100; i++) {
        const r = await ctx.call('ListAttachedRolePolicies', (abortSignal) => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker }), { abortSignal }), ['NoSuchEntityException']);
        if (!r || isExpected(r)) return r === undefined ? undefined : list;
        list.push(...(r.AttachedPolicies ?? []));
        if (!r.IsTruncated || !r.Marker) break;
        Marker = r.Marker;
      }
      return list;
    })(),
  ]);

  if (got && isExpected(got)) {
    role.notFound = true;
    role.unreadable.push(`role ${roleName} does not exist`);
    return role;
  }
  let boundaryArn: string | undefined;
  if (!got) {
    role.unreadable.push('trust policy and permissions boundary (iam:GetRole)');
  } else {
    role.trustText = decodePolicyText(got.Role?.AssumeRolePolicyDocument);
    role.trust = decodePolicyDocument(role.trustText);
    boundaryArn = got.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
  }

  const tasks: Promise<void>[] = [];
  if (!inlineNames) role.unreadable.push('inline policies (iam:ListRolePolicies)');
  for (const name of inlineNames ?? []) {
    tasks.push((async () => {
      const r = await ctx.call('GetRolePolicy', (abortSignal) => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }), { abortSignal }));
      const p = r && !isExpected(r) ? livePolicy({ attachment: 'inline', name }, r.PolicyDocument) : undefined;
      if (!p) role.unreadable.push(`inline policy ${name} (iam:GetRolePolicy)`);
      else role.policies.push(p);
    })());
  }
  if (!attached) role.unreadable.push('managed policies (iam:ListAttachedRolePolicies)');
  for (const a of attached ?? []) {
    const arn = a.PolicyArn ?? '';
    const awsManaged = parseArn(arn)?.account === 'aws';
    tasks.push((async () => {
      const p = await readManaged(ctx, iam, arn, awsManaged ? 'aws-managed' : 'managed', a.PolicyName ?? arn);
      if (typeof p === 'string') role.unreadable.push(p);
      else role.policies.push(p);
    })());
  }
  if (boundaryArn) {
    tasks.push((async () => {
      const p = await readManaged(ctx, iam, boundaryArn, 'boundary', boundaryArn.split('/').pop() ?? boundaryArn);
      if (typeof p === 'string') role.unreadable.push(`permissions boundary: ${p}`);
      else role.boundary = p;
    })());
  }
  await Promise.all(tasks);
  // Stable order: inline then managed, by name.
  role.policies.sort((a, b) => (a.attachment === b.attachment ? a.name.localeCompare(b.name) : a.attachment === 'inline' ? -1 : 1));
  return role;
}

/** Does the runtime-identity service-linked role exist? undefined when it cannot be told. */
export async function serviceLinkedRoleExists(ctx: AuditContext, iam: IAMClient): Promise<boolean | undefined> {
  const r = await ctx.call('GetRole', (abortSignal) => iam.send(new GetRoleCommand({ RoleName: RUNTIME_IDENTITY_SLR }), { abortSignal }), ['NoSuchEntityException']);
  if (r === undefined) return undefined;
  return !isExpected(r);
}
