/** §8 of the catalog: the Evaluations service execution role (online evaluation config); E5 (code-based evaluators) since December 2026. */
import type { Requirement } from '../model';
import { SOURCES as S } from './sources';

const LOGS = 'arn:${partition}:logs:${region}:${account}:log-group:';

export const EVALUATION: Requirement[] = [
  {
    id: 'evaluation.trust', kind: 'trust', roleKinds: ['evaluation'],
    title: 'Trust policy: bedrock-agentcore.amazonaws.com may assume the evaluation role',
    why: 'AgentCore Evaluations assumes its execution role to read traces and write results',
    principalService: 'bedrock-agentcore.amazonaws.com',
    action: 'sts:AssumeRole',
    conditions: [
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['${account}'], severityClass: 'security' },
      { operator: 'StringEquals', key: 'aws:ResourceAccount', values: ['${account}'], severityClass: 'security' },
      {
        operator: 'ArnLike', key: 'aws:SourceArn',
        values: ['arn:${partition}:bedrock-agentcore:${region}:${account}:evaluator/*', 'arn:${partition}:bedrock-agentcore:${region}:${account}:online-evaluation-config/*'],
        severityClass: 'security',
      },
    ],
    severityClass: 'required', sources: [S.S16], conflicts: ['C6'],
  },
  {
    id: 'evaluation.E1', kind: 'permission', roleKinds: ['evaluation'], sid: 'CloudWatchLogReadStatement',
    title: 'Read logs', why: 'evaluations query the agent\'s logs and spans',
    actions: ['logs:DescribeLogGroups', 'logs:GetQueryResults', 'logs:StartQuery'],
    resources: ['*'], severityClass: 'required', sources: [S.S16],
  },
  {
    id: 'evaluation.E2', kind: 'permission', roleKinds: ['evaluation'], sid: 'CloudWatchLogWriteStatement',
    title: 'Write evaluation results', why: 'evaluations write results under /aws/bedrock-agentcore/evaluations/',
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [LOGS + '/aws/bedrock-agentcore/evaluations/*'], severityClass: 'required', sources: [S.S16],
  },
  {
    id: 'evaluation.E3', kind: 'permission', roleKinds: ['evaluation'], sid: 'CloudWatchIndexPolicyStatement',
    title: 'Spans index policy', why: 'evaluations index the aws/spans log group',
    actions: ['logs:DescribeIndexPolicies', 'logs:PutIndexPolicy'],
    resources: [LOGS + 'aws/spans', LOGS + 'aws/spans:*'], severityClass: 'required', sources: [S.S16],
  },
  {
    id: 'evaluation.E4', kind: 'permission', roleKinds: ['evaluation'], sid: 'BedrockInvokeStatement',
    title: 'Model invocation for custom evaluators', why: 'custom LLM-as-a-judge evaluators invoke Bedrock models',
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    resources: ['arn:${partition}:bedrock:${region}::foundation-model/*', 'arn:${partition}:bedrock:${region}:${account}:inference-profile/*'],
    appliesWhen: { feature: 'custom-evaluator' }, severityClass: 'required', sources: [S.S16],
  },
  {
    id: 'evaluation.E5', kind: 'permission', roleKinds: ['evaluation'], sid: 'LambdaInvokeStatement',
    title: 'Lambda for code-based evaluators', why: 'code-based evaluators run your Lambda function, which the service reads and invokes with this role',
    actions: ['lambda:InvokeFunction', 'lambda:GetFunction'],
    resources: ['arn:${partition}:lambda:${region}:${account}:function:${functionName}'],
    appliesWhen: { feature: 'code-evaluator' }, severityClass: 'required', sources: [S.S32],
    note: 'On-demand evaluation (Evaluate) invokes the function with the caller\'s credentials, not this role.',
  },
];
