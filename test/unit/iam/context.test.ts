// The request context the service sends (issue #22 item 3): which keys, with the provider's literals
// or its symbols, and how a policy condition on them is decided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { requestContext, roleArnOf } from '../../../server/src/core/iam/context';
import { REQUIREMENTS } from '../../../server/src/core/catalog';
import type { PermissionRequirement, Role } from '../../../server/src/core/model';
import { doc, s } from './sym';

const req = (id: string) => REQUIREMENTS.find((r) => r.id === id) as PermissionRequirement;
const keys = (r: PermissionRequirement, v = { region: 'us-east-1', account: '111122223333' }) =>
  Object.fromEntries(requestContext(r, v).map((c) => [c.key, c.values.join(',') || c.symValues?.map((x) => x.parts.map((p) => (p.kind === 'sym' ? `\${${(p.sym as { kind: string }).kind}}` : '')).join('')).join(',')]));

test('runtime logs (in its region and account): region, both accounts, transport', () => {
  assert.deepEqual(keys(req('runtime.R6')), { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': '111122223333', 'aws:RequestedRegion': 'us-east-1', 'aws:ResourceAccount': '111122223333' });
});

test('X-Ray on "*": the region, no resource account; the catalog key first', () => {
  assert.deepEqual(keys(req('runtime.R7')), { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': '111122223333', 'aws:RequestedRegion': 'us-east-1' });
  assert.equal(requestContext(req('runtime.R8'), {})[0].key, 'cloudwatch:namespace');
});

test('no region for services whose requests may go elsewhere (Bedrock cross-region inference, S3, IAM)', () => {
  for (const r of REQUIREMENTS) {
    if (r.kind !== 'permission') continue;
    if (!r.actions.some((a) => /^(bedrock|s3|iam|sts):/.test(a))) continue;
    assert.ok(!('aws:RequestedRegion' in keys(r)), r.id);
  }
});

test('without the provider literals, the symbols; the live role ARN as aws:PrincipalArn', () => {
  assert.deepEqual(keys(req('runtime.R6'), {} as never), { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': '${account}', 'aws:RequestedRegion': '${region}', 'aws:ResourceAccount': '${account}' });
  const arn = 'arn:aws:iam::111122223333:role/agents/runtime';
  assert.deepEqual(requestContext(req('runtime.R7'), { roleArn: arn }).find((c) => c.key === 'aws:PrincipalArn')?.values, [arn]);
});

test('a region guard rail: decided with a literal region, with the same symbol, and unknown against a literal', () => {
  const guard = (values: string[]) => doc([
    { action: ['xray:*'], resource: ['*'] },
    { sid: 'DenyOutsideApprovedRegions', effect: 'Deny', notAction: ['iam:*'], resource: ['*'], cond: [['StringNotEquals', 'aws:RequestedRegion', ...values] as [string, string, ...string[]]] },
  ]);
  const r7 = req('runtime.R7');
  const judge = (values: string[], v: { region?: string }) => evaluateRequirement({ actions: r7.actions, resources: [s('*')], context: requestContext(r7, v) }, [guard(values)]);
  assert.equal(judge(['us-east-1', 'eu-west-1'], { region: 'us-east-1' }).verdict, 'granted');
  assert.equal(judge(['us-east-1', 'eu-west-1'], { region: 'ap-southeast-2' }).verdict, 'missing');
  assert.equal(judge(['${region}'], {}).verdict, 'granted', 'data.aws_region.current.name against the provider region symbol');
  const open = judge(['us-east-1'], {});
  assert.equal(open.verdict, 'unknown');
  assert.ok(open.dependsOn.includes('region'), open.dependsOn.join(', '));
});

test('a Terraform role as aws:PrincipalArn: its path ("/" by default) and name; a name_prefix or no name leaves the name open', () => {
  const role = (name: string | undefined, path: string, namePrefix = false) =>
    ({ address: 'aws_iam_role.r', type: 'aws_iam_role', components: [], policies: [], opaque: [], provider: {}, ...(name !== undefined ? { name: s(name) } : {}), ...(namePrefix ? { namePrefix } : {}), path: s(path) }) as Role;
  const text = (x: ReturnType<typeof roleArnOf>) => x?.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'sym' ? `<${(p.sym as { kind: string }).kind}>` : p.kind === 'unknown' ? `\${${p.expr}}` : '')).join('');
  assert.equal(text(roleArnOf(role('agent', '/agents/'), { partition: 'aws', account: '111122223333' })), 'arn:aws:iam::111122223333:role/agents/agent');
  assert.equal(text(roleArnOf(role('agent', '/'), {})), 'arn:<partition>:iam::<account>:role/agent');
  assert.equal(text(roleArnOf(role('agent-', '/', true), { partition: 'aws', account: '111122223333' })), 'arn:aws:iam::111122223333:role/agent-${aws_iam_role.r.name}');
  assert.equal(text(roleArnOf(role(undefined, '/'), { partition: 'aws', account: '111122223333' })), 'arn:aws:iam::111122223333:role/${aws_iam_role.r.name}');
  assert.equal(roleArnOf({ ...role('x', '/'), path: undefined }, {}), undefined, 'a role whose path is not read (live: its address is the ARN)');
  // A guard rail on the principal's path, decided by the role's own ARN.
  const r7 = req('runtime.R7');
  const guard = doc([
    { action: ['xray:*'], resource: ['*'] },
    { sid: 'OnlyAgents', effect: 'Deny', action: ['xray:*'], resource: ['*'], cond: [['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/agents/*']] },
  ]);
  const judge = (r: Role) => evaluateRequirement({ actions: r7.actions, resources: [s('*')], context: requestContext(r7, { partition: 'aws', account: '111122223333', roleArnSym: roleArnOf(r, { partition: 'aws', account: '111122223333' }) }) }, [guard]).verdict;
  assert.equal(judge(role('agent', '/agents/')), 'granted');
  assert.equal(judge(role('agent', '/')), 'missing');
  assert.equal(judge(role('${var.name}', '/agents/')), 'granted', 'whatever the name, under /agents/');
  assert.equal(judge(role('${var.path}', '/')), 'unknown', 'a name from a variable may or may not start with agents/');
});
