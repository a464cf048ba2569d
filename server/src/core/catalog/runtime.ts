/** The AgentCore Runtime execution role (docs/catalog.md): trust, R1–R10, and the optional R11–R12. */
import type { Requirement } from '../model';
import { SOURCES as S } from './sources';

const LOGS = 'arn:${partition}:logs:${region}:${account}:log-group:';
const AC = 'arn:${partition}:bedrock-agentcore:${region}:${account}:';
/** Any CloudWatch Logs ARN of the role's account and region: the scope of the disputed readings of R4 and R5. */
const ANY_LOGS = 'arn:${partition}:logs:${region}:${account}:*';

/** Runtimes created on or after this date use the Runtime-Identity service-linked role (R9). */
export const RUNTIME_IDENTITY_SLR_DATE = '2025-10-13';

export const RUNTIME: Requirement[] = [
  {
    id: 'runtime.trust',
    kind: 'trust',
    roleKinds: ['runtime'],
    title: 'Trust policy: bedrock-agentcore.amazonaws.com may assume the role',
    why: 'AgentCore Runtime assumes the execution role to run the agent',
    principalService: 'bedrock-agentcore.amazonaws.com',
    action: 'sts:AssumeRole',
    conditions: [
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['${account}'], severityClass: 'security' },
      { operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:${partition}:bedrock-agentcore:${region}:${account}:*'], severityClass: 'security' },
    ],
    severityClass: 'required',
    sources: [S.S1, S.S18, S.S19],
    conflicts: ['C6'],
    note: 'The conditions are the documented confused-deputy protection ("Use the full ARN when possible"); the role works without them.',
  },
  {
    id: 'runtime.R1', kind: 'permission', roleKinds: ['runtime'], sid: 'ECRImageAccess',
    title: 'ECR image access',
    why: 'the runtime pulls the agent container image from ECR',
    actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    resources: ['arn:${partition}:ecr:${region}:${account}:repository/*'],
    appliesWhen: { artifact: 'container' },
    severityClass: 'required', sources: [S.S1, S.S19],
    note: 'The starter toolkit scopes it to repository/<repository name> when the repository is known.',
  },
  {
    id: 'runtime.R2', kind: 'permission', roleKinds: ['runtime'], sid: 'ECRTokenAccess',
    title: 'ECR authorization token',
    why: 'the runtime needs an ECR authorization token to pull the container image (the action has no resource type)',
    actions: ['ecr:GetAuthorizationToken'],
    resources: ['*'],
    appliesWhen: { artifact: 'container' },
    severityClass: 'required', sources: [S.S1, S.S19],
  },
  {
    id: 'runtime.R3', kind: 'permission', roleKinds: ['runtime'],
    title: 'Runtime log groups',
    why: 'the runtime creates and describes its log group under /aws/bedrock-agentcore/runtimes/',
    actions: ['logs:DescribeLogStreams', 'logs:CreateLogGroup'],
    resources: [LOGS + '/aws/bedrock-agentcore/runtimes/*'],
    severityClass: 'required', sources: [S.S1, S.S19],
  },
  {
    id: 'runtime.R4', kind: 'permission', roleKinds: ['runtime'],
    title: 'Log group resource policy (span delivery)',
    why: 'since 2026-07-24 the runtime delivers X-Ray spans to its own log group, and X-Ray can write there only under a resource policy the role puts on it; the action has no resource type, so only Resource "*" grants it',
    actions: ['logs:PutResourcePolicy'],
    resources: ['*'],
    disputedScope: { scope: [ANY_LOGS], conflict: 'C1', severity: 'information' },
    severityClass: 'conflict', sources: [S.S1, S.S26, S.S29, S.S30],
    conflicts: ['C1'],
    note: 'Needed for spans delivered to the runtime\'s own log group (Transaction Search, ADOT 0.18.0 or later); the older runtime-permissions page and the starter toolkit omit it, and the runtime-permissions page scopes it to the log group, which by IAM\'s rules grants nothing (catalog conflict C1)',
  },
  {
    id: 'runtime.R5', kind: 'permission', roleKinds: ['runtime'],
    title: 'Describe log groups',
    why: 'the runtime looks up log groups to find its own; the action has no resource type in the Service Authorization Reference, so only Resource "*" grants it',
    actions: ['logs:DescribeLogGroups'],
    resources: ['*'],
    disputedScope: { scope: [ANY_LOGS], conflict: 'C10', severity: 'warning' },
    severityClass: 'required', sources: [S.S1, S.S19, S.S27, S.S28, S.S30],
    conflicts: ['C10'],
  },
  {
    id: 'runtime.R6', kind: 'permission', roleKinds: ['runtime'],
    title: 'Runtime log streams',
    why: 'the runtime writes the agent\'s logs to streams of its log group',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [LOGS + '/aws/bedrock-agentcore/runtimes/*:log-stream:*'],
    severityClass: 'required', sources: [S.S1, S.S19],
  },
  {
    id: 'runtime.R7', kind: 'permission', roleKinds: ['runtime'],
    title: 'X-Ray tracing',
    why: 'the runtime sends traces to X-Ray and reads its sampling rules (these actions have no resource type)',
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
    resources: ['*'],
    severityClass: 'required', sources: [S.S1, S.S19, S.S24],
  },
  {
    id: 'runtime.R8', kind: 'permission', roleKinds: ['runtime'],
    title: 'CloudWatch metrics',
    why: 'the runtime publishes metrics in the bedrock-agentcore namespace',
    actions: ['cloudwatch:PutMetricData'],
    resources: ['*'],
    context: [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: ['bedrock-agentcore'] }],
    statementConditions: [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: ['bedrock-agentcore'] }],
    severityClass: 'required', sources: [S.S1, S.S19],
  },
  {
    id: 'runtime.R9', kind: 'permission', roleKinds: ['runtime'], sid: 'GetAgentAccessToken',
    title: 'Workload access token (legacy)',
    why: 'runtimes created before 2025-10-13 fetch workload access tokens with the execution role',
    actions: [
      'bedrock-agentcore:GetWorkloadAccessToken',
      'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
      'bedrock-agentcore:GetWorkloadAccessTokenForUserId',
    ],
    resources: [AC + 'workload-identity-directory/default', AC + 'workload-identity-directory/default/workload-identity/${name}-*'],
    appliesWhen: { artifact: 'container', createdBefore: RUNTIME_IDENTITY_SLR_DATE },
    severityClass: 'legacy', sources: [S.S1, S.S13, S.S14],
    conflicts: ['C3'],
    note: 'Runtimes created on or after 2025-10-13 use the service-linked role AWSServiceRoleForBedrockAgentCoreRuntimeIdentity, which supplies these permissions; the statement is needed only for runtimes created before that date.',
  },
  {
    id: 'runtime.R10', kind: 'permission', roleKinds: ['runtime'], sid: 'BedrockModelInvocation',
    title: 'Bedrock model invocation (optional)',
    why: 'the agent calls Bedrock foundation models',
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    resources: ['arn:${partition}:bedrock:*::foundation-model/*', 'arn:${partition}:bedrock:${region}:${account}:*'],
    severityClass: 'optional', sources: [S.S1],
  },
  {
    id: 'runtime.R11', kind: 'permission', roleKinds: ['runtime'],
    title: 'EFS filesystem mounts (optional, undocumented)',
    why: 'a runtime with EFS mounts describes their access points and mount targets (AWS\'s CDK constructs grant it; the developer guide does not document it yet)',
    actions: ['elasticfilesystem:DescribeAccessPoints', 'elasticfilesystem:DescribeMountTargets'],
    resources: ['*'],
    severityClass: 'optional', sources: [S.S28],
  },
  {
    id: 'runtime.R12', kind: 'permission', roleKinds: ['runtime'],
    title: 'S3 Files filesystem mounts (optional, undocumented)',
    why: 'a runtime with S3 Files mounts reads their access points, mount targets and file systems (AWS\'s CDK constructs grant it; the developer guide does not document it yet)',
    actions: ['s3files:GetAccessPoint', 's3files:ListMountTargets', 's3files:GetMountTarget', 's3files:GetFileSystem'],
    resources: ['*'],
    severityClass: 'optional', sources: [S.S28],
  },
];
