/**
 * A role that bedrock-agentcore.amazonaws.com may assume but that no AgentCore resource of the
 * configuration names (kind `unknown-agentcore`): a JSON trust policy file in any folder, with or
 * without Terraform beside it, or a Terraform role whose component is defined elsewhere. What it is
 * for cannot be told, so only what every AgentCore kind's trust requirement shares is judged: the
 * service may assume it, and the confused-deputy conditions AWS recommends for every AgentCore
 * service role (the account, and an AgentCore ARN of that account). Its permissions are not judged.
 */
import type { Requirement } from '../model';
import { SOURCES as S } from './sources';

export const AGENTCORE: Requirement[] = [
  {
    id: 'agentcore.trust',
    kind: 'trust',
    roleKinds: ['unknown-agentcore'],
    title: 'Trust policy: bedrock-agentcore.amazonaws.com may assume the role, under the confused-deputy conditions',
    why: 'an AgentCore service assumes the role',
    principalService: 'bedrock-agentcore.amazonaws.com',
    action: 'sts:AssumeRole',
    conditions: [
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['${account}'], severityClass: 'security' },
      { operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:${partition}:bedrock-agentcore:${region}:${account}:*'], severityClass: 'security' },
    ],
    severityClass: 'required',
    sources: [S.S1, S.S3],
    conflicts: ['C6'],
    note: 'The trust requirement every AgentCore kind shares (runtime.trust, gateway.G0, memory.trust, tools.T0, evaluation.trust), for a role whose component is not in the configuration.',
  },
];
