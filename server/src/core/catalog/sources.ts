/**
 * Sources of the catalog (shared/reference/agentcore-iam-catalog.md, "Source keys").
 * `read`: the date the source was read for the catalog. Pages marked "fetched 2026-09-26" in the
 * catalog carry that date; the others were read while the catalog was compiled (November 2026, day
 * not recorded in the catalog) and carry the date this encoding was checked against it.
 */
import type { Source } from '../model';

const NOV = '2026-11-25';
const SEP = '2026-09-26';
const DG = 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/';

function s(key: string, url: string, read = NOV): Source {
  return { key, url, read };
}

export const SOURCES = {
  S1: s('S1', `${DG}runtime-permissions.html`),
  S2: s('S2', `${DG}runtime-troubleshooting.html`, SEP),
  S3: s('S3', `${DG}gateway-prerequisites-permissions.html`),
  S4: s('S4', `${DG}gateway-outbound-auth.html`),
  S5: s('S5', `${DG}policy-permissions.html`, SEP),
  S6: s('S6', `${DG}long-term-configuring-custom-strategies.html`),
  S7: s('S7', `${DG}memory-self-managed-strategies.html`),
  S8: s('S8', 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy.html'),
  S9: s('S9', `${DG}browser-resource-session-management.html`),
  S10: s('S10', `${DG}browser-session-recording.html`),
  S11: s('S11', `${DG}code-interpreter-resource-session-management.html`),
  S12: s('S12', `${DG}scope-credential-provider-access.html`),
  S13: s('S13', `${DG}service-linked-roles.html`),
  S14: s('S14', 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/BedrockAgentCoreRuntimeIdentityServiceRolePolicy.html'),
  S15: s('S15', `${DG}observability-configure.html`),
  S16: s('S16', `${DG}evaluations-prerequisites.html`, SEP),
  S17: s('S17', `${DG}runtime-code-deploy-common-issues.html`),
  S18: s('S18', `${DG}runtime-security-best-practices.html`, SEP),
  S19: s('S19', 'https://github.com/aws/bedrock-agentcore-starter-toolkit/blob/4f90432b/src/bedrock_agentcore_starter_toolkit/utils/runtime/templates/execution_role_policy.json.j2'),
  S22: s('S22', 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrockagentcore.html'),
  S24: s('S24', 'https://github.com/aws/aws-cdk/blob/main/packages/@aws-cdk/aws-bedrock-agentcore-alpha/lib/runtime/perms.ts'),
} as const satisfies Record<string, Source>;

/** The conflicts and uncertainties of the catalog (§13), quoted in information findings. */
export const CONFLICTS: Record<string, string> = {
  C1: 'logs:PutResourcePolicy appears only in the newest runtime-permissions page (scoped to the runtime log group); the older page and the starter toolkit omit it, and the Service Authorization Reference gives the action no resource type, so a resource-scoped statement may not grant it. Unresolved.',
  C2: 'Credential-provider ARNs: scope-credential-provider-access writes token-vault/default/api-key/<name> and oauth2-credential-provider/<name>; the Service Authorization Reference, CloudFormation, gateway-outbound-auth and the toolkit write apikeycredentialprovider/<name> and oauth2credentialprovider/<name>.',
  C3: 'GetAgentAccessToken: runtime-permissions still shows it for container runtimes, but runtimes created on or after 2025-10-13 use the service-linked role AWSServiceRoleForBedrockAgentCoreRuntimeIdentity, and the toolkit removed it.',
  C4: 'Browser recording: browser-resource-session-management lists 3 S3 actions with an aws:ResourceAccount condition on bucket/prefix/*; browser-session-recording lists 5 S3 actions on the bucket and bucket/* plus CloudWatch Logs actions.',
  C5: 'Browser and Code Interpreter caller ARNs in the docs (…:<account>:browser/*, code-interpreter/*) match neither the AWS-owned (…:aws:browser/…) nor the custom (browser-custom/…) form of the Service Authorization Reference.',
  C6: 'Trust-policy conditions differ by component: runtime/tools/memory overrides use SourceAccount + SourceArn …:<account>:*; gateway SourceArn …:gateway/<name>-* (may be omitted at first create); memory self-managed SourceArn …:memory/* only; evaluations add aws:ResourceAccount.',
  C7: 'The gateway-outbound-auth JSON samples have trailing commas in Action arrays (invalid JSON as published).',
  C8: 'runtime-code-deploy-common-issues contradicts itself on the CMK case (execution role vs the caller of Create/UpdateAgentRuntime).',
  C9: 'bedrock-agentcore:InvokeGateway on the gateway service role (IAM outbound auth): no resource or example is given; purpose unclear.',
};
