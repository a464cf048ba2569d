/** Drift between a live role and its Terraform definition (model-level, no AWS). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { computeDrift } from '../../server/src/audit/drift';
import { documentFromJson, symStr } from '../../server/src/audit/live-model';
import type { PolicyDocument, Role, SymStr } from '../../server/src/core/model';
import type { WorkspaceModel } from '../../server/src/core/workspace-model';
import { ACCOUNT, REGION, SEED_ROLE, SEED_ROLE_ARN, seedPolicy, seedTrust } from './fake-aws/scenarios';

const sym = (kind: 'partition' | 'region' | 'account') => ({ kind: 'sym' as const, sym: { kind } });
const lit = (text: string) => ({ kind: 'lit' as const, text });

/** A Terraform-like document: the CloudWatchLogs statement with symbolic partition/region/account. */
function tfDoc(extraAction?: string): PolicyDocument {
  const res: SymStr = { parts: [lit('arn:'), sym('partition'), lit(':logs:'), sym('region'), lit(':'), sym('account'), lit(':log-group:/aws/bedrock-agentcore/*')] };
  const doc = documentFromJson('module.iam.data.aws_iam_policy_document.agent_runtime', { Statement: seedPolicy.Statement.filter((s) => s.Sid !== 'CloudWatchLogs') });
  doc.form = 'policy-document';
  const actions = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', ...(extraAction ? [extraAction] : [])];
  doc.statements.push({ sid: 'CloudWatchLogs', effect: 'Allow', actions: { kind: 'items', items: actions.map(symStr) }, resources: { kind: 'items', items: [res] }, conditions: [] });
  return doc;
}

function tfRole(doc: PolicyDocument): Role {
  return {
    address: 'module.iam.aws_iam_role.agent_runtime', type: 'aws_iam_role',
    name: { parts: [{ kind: 'unknown', expr: 'local.agent_runtime_name' }, lit('-role')] },
    components: [], policies: [{ attachment: 'inline', document: doc }],
    trust: { attachment: 'trust', document: documentFromJson('trust', seedTrust) },
    opaque: [], provider: {},
  };
}

function liveRole(): Role {
  return {
    address: SEED_ROLE_ARN, type: 'live', name: symStr(SEED_ROLE), components: [],
    policies: [{ attachment: 'inline', document: documentFromJson('live', seedPolicy) }],
    trust: { attachment: 'trust', document: documentFromJson('live#trust', seedTrust) },
    opaque: [], provider: { partition: 'aws', region: REGION, account: ACCOUNT },
  };
}

const ws = (role: Role): WorkspaceModel => ({ roles: [role], components: [], documents: [], modules: [], problems: [] });

test('no drift when the live role is what Terraform renders (symbols resolved, unknown name matched)', () => {
  const d = computeDrift(ws(tfRole(tfDoc())), liveRole());
  assert.ok(d);
  assert.equal(d.matchedBy, 'name');
  assert.deepEqual(d.entries, []);
  assert.equal(d.trustDiffers, undefined);
});

test('an action added in Terraform but not applied shows as terraform-only; a live-only statement shows too', () => {
  const live = liveRole();
  live.policies[0].document.statements.push(documentFromJson('x', { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' } }).statements[0]);
  live.trust = { attachment: 'trust', document: documentFromJson('t', { Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock-agentcore:us-east-1:1:*' } } }] }) };
  const d = computeDrift(ws(tfRole(tfDoc('logs:DescribeLogGroups'))), live)!;
  assert.deepEqual(d.entries.map((e) => `${e.direction} ${e.action} ${e.resource}`).sort(), [
    `live-only s3:GetObject arn:aws:s3:::bucket/*`,
    `terraform-only logs:DescribeLogGroups arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/bedrock-agentcore/*`,
  ]);
  assert.deepEqual(d.trustDiffers, ['condition arnlike aws:sourcearn is live only']);
});

test('no match, no drift report', () => {
  const r = tfRole(tfDoc());
  r.name = symStr('some-other-role');
  assert.equal(computeDrift(ws(r), liveRole()), undefined);
});
