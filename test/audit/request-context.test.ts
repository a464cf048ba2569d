/**
 * The live audit judges with the request context the service sends (issue #22 item 3), as analyze()
 * does, in its verdict table and in what it asks SimulatePrincipalPolicy. Fake AWS on 127.0.0.1.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { auditRuntime } from '../../server/src/audit/audit';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { ACCOUNT, HEALTHY_ARN, HEALTHY_ROLE, REGION, healthyState } from './fake-aws/scenarios';

test('a region guard rail on the live role: granted in an approved region, by the same request context as the editor', { timeout: 30_000 }, async () => {
  const state = healthyState();
  state.roles[HEALTHY_ROLE].inline.guard = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyOutsideApprovedRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }],
  };
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: HEALTHY_ARN, credentials: FAKE_CREDENTIALS });
    const r7 = report.verdicts.find((v) => v.requirement === 'runtime.R7');
    assert.equal(r7?.verdict, 'granted', JSON.stringify(r7));
    assert.ok(!report.findings.some((f) => (f.dependsOn ?? []).includes('aws:RequestedRegion')), 'no finding depends on the region key');
  } finally {
    await fake.restore();
  }
});

test('--simulate passes the same context keys to SimulatePrincipalPolicy', { timeout: 30_000 }, async () => {
  const fake = await withFakeAws(healthyState());
  try {
    await auditRuntime({ runtimeArn: HEALTHY_ARN, credentials: FAKE_CREDENTIALS, simulate: true });
    const sims = fake.calls.filter((c) => c.op === 'SimulatePrincipalPolicy').map((c) => new URLSearchParams(c.body));
    const xray = sims.find((f) => f.get('ActionNames.member.1') === 'xray:PutTraceSegments')!;
    const entries: Record<string, string> = {};
    for (let i = 1; xray.get(`ContextEntries.member.${i}.ContextKeyName`); i++) {
      entries[xray.get(`ContextEntries.member.${i}.ContextKeyName`)!] = `${xray.get(`ContextEntries.member.${i}.ContextKeyValues.member.1`)} ${xray.get(`ContextEntries.member.${i}.ContextKeyType`)}`;
    }
    assert.deepEqual(entries, {
      'aws:SecureTransport': 'true boolean',
      'aws:PrincipalAccount': `${ACCOUNT} string`,
      'aws:PrincipalArn': `${xray.get('PolicySourceArn')} string`,
      'aws:RequestedRegion': `${REGION} string`,
    });
  } finally {
    await fake.restore();
  }
});
