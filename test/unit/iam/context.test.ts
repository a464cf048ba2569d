// The request context the service sends (issue #22 item 3): which keys, with the provider's literals
// or its symbols, and how a policy condition on them is decided.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { requestContext } from '../../../server/src/core/iam/context';
import { REQUIREMENTS } from '../../../server/src/core/catalog';
import type { PermissionRequirement } from '../../../server/src/core/model';
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
