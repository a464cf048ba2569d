/**
 * §2 of the catalog: the Gateway service role. G0 (trust) always; G1–G9 only when the component's
 * facts say the feature is in use (`facts.features` contains the feature name, or `facts[feature]
 * === true`). Features the Terraform does not tell are not checked: the analysis cannot know that
 * they apply. G10–G12 are examples / management-side in the docs and are not encoded. G13 (December
 * 2026): a customer managed key whose key policy leaves the gateway role to IAM (feature `cmk-via-iam`).
 * G14 (December 2026): AgentCore Runtime targets called with the gateway's IAM role (feature `runtime-target-iam`).
 */
import type { Requirement } from '../model';
import { SOURCES as S } from './sources';

const AC = 'arn:${partition}:bedrock-agentcore:${region}:${account}:';

export const GATEWAY: Requirement[] = [
  {
    id: 'gateway.G0', kind: 'trust', roleKinds: ['gateway'],
    title: 'Trust policy: bedrock-agentcore.amazonaws.com may assume the gateway role',
    why: 'AgentCore Gateway assumes its service role to call targets',
    principalService: 'bedrock-agentcore.amazonaws.com',
    action: 'sts:AssumeRole',
    conditions: [
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['${account}'], severityClass: 'security' },
      { operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:${partition}:bedrock-agentcore:${region}:${account}:gateway/${name}-*'], severityClass: 'security' },
    ],
    severityClass: 'required', sources: [S.S3, S.S5], conflicts: ['C6'],
    note: 'The docs allow omitting the Condition at first create because the gateway ARN is not known yet.',
  },
  {
    id: 'gateway.G1', kind: 'permission', roleKinds: ['gateway'], sid: 'AmazonBedrockAgentCoreGatewayLambdaProd',
    title: 'Invoke Lambda targets', why: 'the gateway invokes its Lambda targets (and Lambda interceptors)',
    actions: ['lambda:InvokeFunction'],
    resources: ['arn:${partition}:lambda:${region}:${account}:function:${functionName}'],
    appliesWhen: { feature: 'lambda-target' }, severityClass: 'required', sources: [S.S3],
  },
  {
    id: 'gateway.G2', kind: 'permission', roleKinds: ['gateway'], sid: 'GetWorkloadAccessToken',
    title: 'Workload access token (outbound auth)', why: 'OAuth or API-key outbound auth needs a workload access token for the gateway',
    actions: ['bedrock-agentcore:GetWorkloadAccessToken'],
    resources: [AC + 'workload-identity-directory/default', AC + 'workload-identity-directory/default/workload-identity/${name}-*'],
    appliesWhen: { feature: 'credential-outbound' }, severityClass: 'required', sources: [S.S4],
  },
  {
    id: 'gateway.G3', kind: 'permission', roleKinds: ['gateway'], sid: 'GetResourceOauth2Token',
    title: 'OAuth2 token', why: 'OAuth outbound auth fetches tokens from the credential provider',
    actions: ['bedrock-agentcore:GetResourceOauth2Token'],
    resources: [AC + 'token-vault/${tokenVaultId}/oauth2credentialprovider/${credentialName}'],
    appliesWhen: { feature: 'oauth-outbound' }, severityClass: 'required', sources: [S.S4], conflicts: ['C2'],
  },
  {
    id: 'gateway.G4', kind: 'permission', roleKinds: ['gateway'], sid: 'GetResourceApiKey',
    title: 'API key', why: 'API-key outbound auth reads the key from the credential provider',
    actions: ['bedrock-agentcore:GetResourceApiKey'],
    resources: [AC + 'token-vault/${tokenVaultId}/apikeycredentialprovider/${credentialName}'],
    appliesWhen: { feature: 'api-key-outbound' }, severityClass: 'required', sources: [S.S4], conflicts: ['C2'],
  },
  {
    id: 'gateway.G5', kind: 'permission', roleKinds: ['gateway'], sid: 'GetSecretValue',
    title: 'Credential secret', why: 'OAuth and API-key outbound auth read the provider\'s secret',
    actions: ['secretsmanager:GetSecretValue'],
    resources: ['arn:${partition}:secretsmanager:${region}:${account}:secret:${secretId}'],
    appliesWhen: { feature: 'credential-outbound' }, severityClass: 'required', sources: [S.S4],
  },
  {
    id: 'gateway.G6', kind: 'permission', roleKinds: ['gateway'],
    title: 'InvokeGateway (IAM outbound auth)', why: 'gateway-outbound-auth asks to verify it for IAM (SigV4) outbound auth',
    actions: ['bedrock-agentcore:InvokeGateway'],
    resources: ['*'],
    appliesWhen: { feature: 'iam-outbound' }, severityClass: 'conflict', sources: [S.S4], conflicts: ['C9'],
    note: 'No resource or example is documented for it (catalog conflict C9).',
  },
  {
    id: 'gateway.G7', kind: 'permission', roleKinds: ['gateway'], sid: 'PolicyEngineConfiguration',
    title: 'Policy engine configuration', why: 'a gateway with a Policy Engine reads its configuration',
    actions: ['bedrock-agentcore:GetPolicyEngine'],
    resources: [AC + 'policy-engine/${policyEngineId}'],
    appliesWhen: { feature: 'policy-engine' }, severityClass: 'required', sources: [S.S5],
    note: 'The policy-permissions page says to add it to the gateway\'s "Service-Linked Role"; it belongs on the gateway\'s execution role (role_arn).',
  },
  {
    id: 'gateway.G8', kind: 'permission', roleKinds: ['gateway'], sid: 'PolicyEngineAuthorization',
    title: 'Policy engine authorization', why: 'without it attaching the Policy Engine fails and every tool is denied',
    actions: ['bedrock-agentcore:AuthorizeAction', 'bedrock-agentcore:PartiallyAuthorizeActions'],
    resources: [AC + 'policy-engine/${policyEngineId}', AC + 'gateway/${gatewayId}'],
    appliesWhen: { feature: 'policy-engine' }, severityClass: 'required', sources: [S.S5],
    note: 'Without it attaching the policy engine fails ("InternalServerException - Policy evaluation failed"); the policy-permissions page says to add it to the gateway\'s "Service-Linked Role", but it belongs on the gateway\'s execution role (role_arn).',
  },
  {
    id: 'gateway.G9', kind: 'permission', roleKinds: ['gateway'], sid: 'PolicySessionWorkloadIdentity',
    title: 'Policy session workload identity', why: 'temporal policies (policy session id with an engine attached) need a workload access token',
    actions: ['bedrock-agentcore:GetWorkloadAccessToken'],
    resources: [AC + 'workload-identity-directory/default', AC + 'workload-identity-directory/default/workload-identity/${gatewayId}*'],
    appliesWhen: { feature: 'policy-session' }, severityClass: 'required', sources: [S.S5],
  },
  {
    id: 'gateway.G13', kind: 'permission', roleKinds: ['gateway'],
    title: 'Customer managed key (key policy delegates to IAM)', why: 'a gateway encrypted with your KMS key uses it through its service role; the key policy leaves that to IAM policies',
    actions: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:Decrypt', 'kms:GenerateDataKey'],
    resources: ['arn:${partition}:kms:${region}:${account}:key/${keyId}'],
    appliesWhen: { feature: 'cmk-via-iam' }, severityClass: 'required', sources: [S.S33],
    note: 'The gateway-encryption page grants these in the key policy, with kms:ViaService = bedrock-agentcore.<region>.amazonaws.com; a key policy that allows only the account (as KMS\'s default key policy does) leaves them to the role\'s own policy.',
  },
  {
    id: 'gateway.G14', kind: 'permission', roleKinds: ['gateway'], sid: 'InvokeRuntimeTargets',
    title: 'Invoke AgentCore Runtime targets (IAM outbound auth)', why: 'the gateway signs its calls to an AgentCore Runtime target with its service role (SigV4), and InvokeAgentRuntime authorizes both the runtime and the endpoint it calls',
    actions: ['bedrock-agentcore:InvokeAgentRuntime'],
    resources: [AC + 'runtime/${runtimeId}', AC + 'runtime/${runtimeId}/runtime-endpoint/*'],
    appliesWhen: { feature: 'runtime-target-iam' }, severityClass: 'required', sources: [S.S34, S.S4, S.S22],
    note: 'The runtime-target page\'s "Outbound authorization" section was not read (only its introduction and table of contents); required by what IAM evaluates: the role calls InvokeAgentRuntime, whose two required resource types are the runtime and its endpoint (qualifier DEFAULT when none is set). A resource-based policy of the runtime (aws_bedrockagentcore_resource_policy) may allow the role instead, so a runtime with one, or outside the workspace, leaves a gap unknown, not missing.',
  },
];
