/** A hand-built model of the seed case: what the Terraform front should hand over for it. */
import * as path from 'node:path';
import type { AgentCoreComponent, PolicyDocument, Role, Statement } from '../../server/src/core/model';
import type { WorkspaceModel } from '../../server/src/core/workspace-model';
import { items, lit, loc } from './model';
import { seedInfra } from './cli';

export const IAM = path.join(seedInfra, 'modules', 'iam', 'main.tf');
export const ROOT = path.join(seedInfra, 'main.tf');

function st(line1: number, endLine1: number, sid: string | undefined, actions: string[], resources: string[], extra: Partial<Statement> = {}): Statement {
  return { sid, effect: 'Allow', actions: items(actions), resources: items(resources), conditions: [], loc: loc(IAM, line1 - 1, 2, endLine1 - 1, 3), ...extra };
}

const L = 'arn:<partition>:logs:<region>:<account>';
const AC = 'arn:<partition>:bedrock-agentcore:<region>:<account>';

export function seedModel(): WorkspaceModel {
  const trust: PolicyDocument = {
    id: 'module.iam.data.aws_iam_policy_document.agent_runtime_assume_role',
    form: 'policy-document',
    opaque: [],
    loc: loc(IAM, 11, 0, 27, 1),
    statements: [
      {
        effect: 'Allow',
        actions: items(['sts:AssumeRole']),
        principals: [{ type: 'Service', identifiers: items(['bedrock-agentcore.amazonaws.com']) }],
        conditions: [{ operator: 'StringEquals', key: 'aws:SourceAccount', values: items(['<account>']) }],
        loc: loc(IAM, 12, 2, 26, 3),
      },
    ],
  };
  const policy: PolicyDocument = {
    id: 'module.iam.data.aws_iam_policy_document.agent_runtime',
    form: 'policy-document',
    opaque: [],
    loc: loc(IAM, 34, 0, 160, 1),
    statements: [
      st(37, 47, 'ECRImageAccess', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ['arn:<partition>:ecr:<region>:<account>:repository/*']),
      st(49, 54, 'ECRTokenAccess', ['ecr:GetAuthorizationToken'], ['*']),
      st(57, 69, 'CloudWatchLogs', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], [`${L}:log-group:/aws/bedrock-agentcore/*`]),
      st(72, 80, 'XRayAccess', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], ['*']),
      st(83, 94, 'CloudWatchMetrics', ['cloudwatch:PutMetricData'], ['*'], {
        conditions: [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: items(['bedrock-agentcore']) }],
      }),
      st(97, 108, 'BedrockModelInvocation', ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], ['arn:<partition>:bedrock:*::foundation-model/*', 'arn:<partition>:bedrock:<region>:<account>:*']),
      st(142, 159, 'Memory', ['bedrock-agentcore:CreateEvent'], [`${AC}:memory/*`]),
    ],
  };
  const component: AgentCoreComponent = {
    address: 'aws_bedrockagentcore_agent_runtime.my_agent',
    type: 'aws_bedrockagentcore_agent_runtime',
    kind: 'runtime',
    roleAttribute: 'role_arn',
    loc: loc(ROOT, 27, 0, 53, 1),
    facts: { artifact: 'container', name: lit('agentcore_hands_on_my_agent_runtime') },
  };
  const role: Role = {
    address: 'module.iam.aws_iam_role.agent_runtime',
    type: 'aws_iam_role',
    loc: loc(IAM, 29, 0, 32, 1),
    components: [component],
    trust: { attachment: 'trust', document: trust },
    policies: [{ attachment: 'inline', document: policy }],
    opaque: [],
    provider: { region: 'us-east-1' },
  };
  return { roles: [role], components: [component], documents: [trust, policy], modules: [], problems: [] };
}

