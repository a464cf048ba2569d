/** Live states for the audit tests: the user's seed case, and a healthy runtime. */
import type { FakeState } from './server';

export const ACCOUNT = '239339588912';
export const REGION = 'us-east-1';
export const SEED_ID = 'agentcore_hands_on_my_agent_runtime-VNBQgh67mr';
export const SEED_NAME = 'agentcore_hands_on_my_agent_runtime';
export const SEED_ARN = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/${SEED_ID}`;
export const SEED_ROLE = `${SEED_NAME}-role`;
export const SEED_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${SEED_ROLE}`;
export const SLR = 'AWSServiceRoleForBedrockAgentCoreRuntimeIdentity';

const p = `arn:aws`;
const r = `${REGION}:${ACCOUNT}`;

/** The seed case's inline policy as Terraform renders it (examples/seed-case/modules/iam/main.tf, every statement). */
export const seedPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ECRImageAccess', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: `${p}:ecr:${r}:repository/*` },
    { Sid: 'ECRTokenAccess', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    { Sid: 'CloudWatchLogs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `${p}:logs:${r}:log-group:/aws/bedrock-agentcore/*` },
    { Sid: 'XRayAccess', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    { Sid: 'CloudWatchMetrics', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } } },
    { Sid: 'BedrockModelInvocation', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [`${p}:bedrock:*::foundation-model/*`, `${p}:bedrock:${r}:*`] },
    { Sid: 'CodeInterpreter', Effect: 'Allow',
      Action: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter', 'bedrock-agentcore:StopCodeInterpreterSession', 'bedrock-agentcore:GetCodeInterpreterSession', 'bedrock-agentcore:ListCodeInterpreterSessions'],
      Resource: `${p}:bedrock-agentcore:${REGION}:aws:code-interpreter/*` },
    { Sid: 'Browser', Effect: 'Allow',
      Action: ['bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:StopBrowserSession', 'bedrock-agentcore:GetBrowserSession', 'bedrock-agentcore:ListBrowserSessions', 'bedrock-agentcore:UpdateBrowserStream', 'bedrock-agentcore:ConnectBrowserAutomationStream'],
      Resource: '*' },
    { Sid: 'Memory', Effect: 'Allow',
      Action: ['bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:DeleteEvent', 'bedrock-agentcore:ListSessions', 'bedrock-agentcore:ListActors',
        'bedrock-agentcore:GetMemory', 'bedrock-agentcore:GetMemoryRecord', 'bedrock-agentcore:ListMemoryRecords', 'bedrock-agentcore:RetrieveMemoryRecords'],
      Resource: `${p}:bedrock-agentcore:${r}:memory/*` },
  ],
};

export const seedTrust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }],
};

export const fullTrust = {
  Version: '2012-10-17',
  Statement: [{
    Sid: 'AssumeRolePolicy', Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `${p}:bedrock-agentcore:${r}:*` } },
  }],
};

const seedEnv = {
  AGENT_OBSERVABILITY_ENABLED: 'true',
  OTEL_PYTHON_DISTRO: 'aws_distro',
  OTEL_PYTHON_CONFIGURATOR: 'aws_configurator',
  OTEL_RESOURCE_ATTRIBUTES: `service.name=my-agent,aws.log.group.names=/aws/bedrock-agentcore/runtimes/${SEED_ID},cloud.resource_id=${SEED_ID}`,
  OTEL_EXPORTER_OTLP_LOGS_HEADERS: `x-aws-log-group=/aws/bedrock-agentcore/runtimes/${SEED_ID},x-aws-log-stream=runtime-logs,x-aws-metric-namespace=bedrock-agentcore`,
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  OTEL_TRACES_EXPORTER: 'otlp',
  OTEL_TRACES_SAMPLER: 'always_on',
};

function base(): FakeState {
  return {
    region: REGION,
    account: ACCOUNT,
    runtimes: [],
    roles: {},
    managed: {},
    logGroups: [],
    deny: new Set(),
    throttle: new Map(),
    pageSize: 50,
  };
}

export function seedState(): FakeState {
  const s = base();
  s.runtimes.push({ agentRuntimeId: SEED_ID, agentRuntimeName: SEED_NAME, agentRuntimeArn: SEED_ARN, roleArn: SEED_ROLE_ARN, createdAt: '2025-10-20T03:12:45Z', artifact: 'container', environmentVariables: seedEnv });
  s.roles[SEED_ROLE] = { arn: SEED_ROLE_ARN, trust: seedTrust, inline: { [`${SEED_NAME}-policy`]: seedPolicy }, attached: [] };
  s.roles[SLR] = { arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/runtime-identity.bedrock-agentcore.amazonaws.com/${SLR}`, trust: {}, inline: {}, attached: [] };
  s.logGroups.push({ logGroupName: `/aws/bedrock-agentcore/runtimes/${SEED_ID}-DEFAULT`, storedBytes: 144600, creationTime: Date.parse('2025-10-20T03:13:00Z'), streams: [{ logStreamName: 'otel-rt-logs', storedBytes: 0 }] });
  s.traceDestination = { Destination: 'XRay', Status: 'ACTIVE' };
  return s;
}

export const HEALTHY_ID = 'medurance_agent-Ab12Cd34Ef';
export const HEALTHY_NAME = 'medurance_agent';
export const HEALTHY_ARN = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/${HEALTHY_ID}`;
export const HEALTHY_ROLE = 'medurance-agent-runtime-role';
export const HEALTHY_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${HEALTHY_ROLE}`;
export const HEALTHY_MANAGED = `arn:aws:iam::${ACCOUNT}:policy/medurance-observability`;

export const healthyLogs = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['logs:DescribeLogStreams', 'logs:CreateLogGroup'], Resource: [`${p}:logs:${r}:log-group:/aws/bedrock-agentcore/runtimes/*`] },
    // DescribeLogGroups and PutResourcePolicy have no resource type: granted on "*" only (catalog C10, C1).
    { Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: ['*'] },
    { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`${p}:logs:${r}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*`] },
    { Effect: 'Allow', Action: ['logs:PutResourcePolicy'], Resource: ['*'] },
  ],
};

export const healthyImage = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ECRImageAccess', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: [`${p}:ecr:${r}:repository/*`] },
    { Sid: 'ECRTokenAccess', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
    { Sid: 'GetAgentAccessToken', Effect: 'Allow', Action: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT', 'bedrock-agentcore:GetWorkloadAccessTokenForUserId'],
      Resource: [`${p}:bedrock-agentcore:${r}:workload-identity-directory/default`, `${p}:bedrock-agentcore:${r}:workload-identity-directory/default/workload-identity/${HEALTHY_NAME}-*`] },
  ],
};

export const healthyObservabilityV2 = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], Resource: ['*'] },
    { Effect: 'Allow', Resource: '*', Action: 'cloudwatch:PutMetricData', Condition: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } } },
  ],
};

export function healthyState(): FakeState {
  const s = base();
  s.pageSize = 1; // every IAM list and logs listing paginates
  s.runtimes.push({ agentRuntimeId: HEALTHY_ID, agentRuntimeName: HEALTHY_NAME, agentRuntimeArn: HEALTHY_ARN, roleArn: HEALTHY_ROLE_ARN, createdAt: '2025-09-30T08:00:00Z', artifact: 'container', environmentVariables: { AGENT_OBSERVABILITY_ENABLED: 'true' } });
  s.roles[HEALTHY_ROLE] = { arn: HEALTHY_ROLE_ARN, trust: fullTrust, inline: { logs: healthyLogs, image: healthyImage }, attached: [HEALTHY_MANAGED] };
  s.managed[HEALTHY_MANAGED] = { arn: HEALTHY_MANAGED, name: 'medurance-observability', defaultVersion: 'v2', versions: { v1: { Version: '2012-10-17', Statement: [] }, v2: healthyObservabilityV2 } };
  s.roles[SLR] = { arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/runtime-identity.bedrock-agentcore.amazonaws.com/${SLR}`, trust: {}, inline: {}, attached: [] };
  const t0 = Date.parse('2025-10-20T09:00:00Z');
  s.logGroups.push({
    logGroupName: `/aws/bedrock-agentcore/runtimes/${HEALTHY_ID}-DEFAULT`, storedBytes: 19344041, creationTime: t0,
    streams: [
      { logStreamName: 'otel-rt-logs', lastEventTimestamp: t0 + 1000, storedBytes: 0 },
      { logStreamName: '2025/10/20/[runtime-logs]274bdf01-9a87-47ec-93be-4cb31b19cbfe', lastEventTimestamp: t0 + 5000, storedBytes: 0 },
      { logStreamName: '2025/10/20/[runtime-logs]e6d87e52-7c5f-48e0-8818-5688bb8d2aa9', lastEventTimestamp: t0 + 7000, storedBytes: 0 },
      { logStreamName: 'runtime-logs', lastEventTimestamp: t0 + 9000, storedBytes: 0 },
    ],
  });
  s.traceDestination = { Destination: 'CloudWatchLogs', Status: 'ACTIVE' };
  return s;
}
