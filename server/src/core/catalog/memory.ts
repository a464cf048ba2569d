/**
 * §5 of the catalog: the Memory execution role. 5a (built-in strategies with overrides: feature
 * `model-processing`), 5b (self-managed strategies: feature `self-managed`; KMS: `self-managed-kms`)
 * and record streaming to Kinesis (December 2026: `record-streaming`; KMS: `record-streaming-kms`).
 * Only checked when the component's facts tell the feature is in use.
 */
import type { Requirement } from '../model';
import { SOURCES as S } from './sources';

export const MEMORY: Requirement[] = [
  {
    id: 'memory.trust', kind: 'trust', roleKinds: ['memory'],
    title: 'Trust policy: bedrock-agentcore.amazonaws.com may assume the memory role',
    why: 'AgentCore Memory assumes its execution role to process memory',
    principalService: 'bedrock-agentcore.amazonaws.com',
    action: 'sts:AssumeRole',
    // 5a adds aws:SourceAccount; 5b documents aws:SourceArn only (C6): only the common key is
    // required, and a trust that also writes the account (as 5a does) is judged the same.
    conditions: [
      { operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:${partition}:bedrock-agentcore:${region}:${account}:*'], severityClass: 'security' },
    ],
    acceptedConditions: [
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['${account}'], source: S.S6 },
    ],
    severityClass: 'required', sources: [S.S6, S.S7], conflicts: ['C6'],
  },
  {
    id: 'memory.M1', kind: 'permission', roleKinds: ['memory'], sid: 'BedrockInvokeModel',
    title: 'Bedrock model invocation', why: 'built-in strategies with overrides invoke Bedrock models in your account',
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    resources: ['arn:${partition}:bedrock:*::foundation-model/*', 'arn:${partition}:bedrock:*:*:inference-profile/*'],
    statementConditions: [{ operator: 'StringEquals', key: 'aws:ResourceAccount', values: ['${account}'] }],
    // A foundation model's ARN holds no account; AWS's own statement and its managed policy for memory
    // model inference condition on aws:ResourceAccount = the caller's account, so the requests carry it.
    resourceAccountSent: true,
    appliesWhen: { feature: 'model-processing' }, severityClass: 'required', sources: [S.S6, S.S8],
  },
  {
    id: 'memory.M2', kind: 'permission', roleKinds: ['memory'], sid: 'BedrockMantleInference',
    title: 'Bedrock Mantle inference', why: 'newer built-in strategies with overrides call Bedrock Mantle',
    actions: ['bedrock-mantle:CreateInference'],
    resources: ['arn:${partition}:bedrock-mantle:*:*:project/*'],
    appliesWhen: { feature: 'model-processing' }, severityClass: 'optional', sources: [S.S6, S.S8],
  },
  {
    id: 'memory.M3', kind: 'permission', roleKinds: ['memory'], sid: 'BedrockMantleCallWithBearerToken',
    title: 'Bedrock Mantle bearer token', why: 'newer built-in strategies with overrides call Bedrock Mantle with a bearer token',
    actions: ['bedrock-mantle:CallWithBearerToken'],
    resources: ['*'],
    appliesWhen: { feature: 'model-processing' }, severityClass: 'optional', sources: [S.S6, S.S8],
  },
  {
    id: 'memory.MS1', kind: 'permission', roleKinds: ['memory'], sid: 'S3PayloadDelivery',
    title: 'S3 payload delivery', why: 'self-managed strategies deliver payloads to your S3 bucket',
    actions: ['s3:GetBucketLocation', 's3:PutObject'],
    resources: ['arn:${partition}:s3:::${bucket}', 'arn:${partition}:s3:::${bucket}/*'],
    appliesWhen: { feature: 'self-managed' }, severityClass: 'required', sources: [S.S7],
  },
  {
    id: 'memory.MS2', kind: 'permission', roleKinds: ['memory'], sid: 'SNSNotifications',
    title: 'SNS notifications', why: 'self-managed strategies notify your SNS topic',
    actions: ['sns:GetTopicAttributes', 'sns:Publish'],
    resources: ['arn:${partition}:sns:${region}:${account}:${topic}'],
    appliesWhen: { feature: 'self-managed' }, severityClass: 'required', sources: [S.S7],
  },
  {
    id: 'memory.MS3', kind: 'permission', roleKinds: ['memory'], sid: 'KMSPermissions',
    title: 'KMS for encrypted payloads', why: 'encrypted bucket/topic need the key',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: ['arn:${partition}:kms:${region}:${account}:key/${keyId}'],
    appliesWhen: { feature: 'self-managed-kms' }, severityClass: 'required', sources: [S.S7],
  },
  {
    id: 'memory.MK1', kind: 'permission', roleKinds: ['memory'],
    title: 'Memory record streaming to Kinesis', why: 'a memory with record streaming writes memory record events to your Kinesis data stream',
    actions: ['kinesis:PutRecords', 'kinesis:DescribeStream'],
    resources: ['arn:${partition}:kinesis:${region}:${account}:stream/${streamName}'],
    appliesWhen: { feature: 'record-streaming' }, severityClass: 'required', sources: [S.S31],
    note: 'Missing permissions show as the StreamUserError metric (namespace AWS/Bedrock-AgentCore), not as an error at create time.',
  },
  {
    id: 'memory.MK2', kind: 'permission', roleKinds: ['memory'],
    title: 'KMS for an encrypted record stream', why: 'writing to a Kinesis stream encrypted with a customer managed key needs a data key from it',
    actions: ['kms:GenerateDataKey'],
    resources: ['arn:${partition}:kms:${region}:${account}:key/${keyId}'],
    appliesWhen: { feature: 'record-streaming-kms' }, severityClass: 'required', sources: [S.S31],
  },
];
