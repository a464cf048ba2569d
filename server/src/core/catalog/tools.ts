/**
 * §6 of the catalog: Code Interpreter and Browser (custom tools) execution role. T0 (trust) for
 * both; B1/B2 only when the browser's facts say recording is configured (feature `recording`).
 * No permission policy is documented for a Code Interpreter execution role (workload-specific).
 */
import type { Requirement } from '../model';
import { SOURCES as S } from './sources';

export const TOOLS: Requirement[] = [
  {
    id: 'tools.T0', kind: 'trust', roleKinds: ['code-interpreter', 'browser'],
    title: 'Trust policy: bedrock-agentcore.amazonaws.com may assume the tool role',
    why: 'the Code Interpreter / Browser assumes its execution role in sessions',
    principalService: 'bedrock-agentcore.amazonaws.com',
    action: 'sts:AssumeRole',
    conditions: [
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['${account}'], severityClass: 'security' },
      { operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:${partition}:bedrock-agentcore:${region}:${account}:*'], severityClass: 'security' },
    ],
    severityClass: 'required', sources: [S.S9, S.S11], conflicts: ['C6'],
  },
  {
    id: 'browser.B1', kind: 'permission', roleKinds: ['browser'], sid: 'BedrockAgentCoreBuiltInToolsS3Policy',
    title: 'Session recording to S3', why: 'browser session recording writes to your S3 bucket',
    actions: ['s3:PutObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
    resources: ['arn:${partition}:s3:::${bucket}/${prefix}/*'],
    statementConditions: [{ operator: 'StringEquals', key: 'aws:ResourceAccount', values: ['${account}'] }],
    appliesWhen: { feature: 'recording' }, severityClass: 'required', sources: [S.S9, S.S10], conflicts: ['C4'],
  },
  {
    id: 'browser.B2', kind: 'permission', roleKinds: ['browser'], sid: 'CloudWatchLogsPermissions',
    title: 'Session recording logs', why: 'browser-session-recording lists CloudWatch Logs actions for recording',
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    resources: ['*'],
    appliesWhen: { feature: 'recording' }, severityClass: 'conflict', sources: [S.S10], conflicts: ['C4'],
    note: 'Only browser-session-recording lists these (catalog conflict C4).',
  },
];
