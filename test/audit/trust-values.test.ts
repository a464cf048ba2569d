/**
 * The live audit judges the deployed trust policy with the values AgentCore sends when it assumes the
 * role (issue #22 item 3): the runtime's account and its whole ARN, both known to the audit (in the
 * editor the runtime's id is generated, so a trust naming one runtime is unknown there). Fake AWS on
 * 127.0.0.1.
 *
 * Before: the runtime's ARN was judged as if its id were unknown, so a trust written for another
 * runtime (or for exactly this one) was "unknown, depends on <runtime ARN>.id"; and the verdict
 * table's own trust judgement (audit/evidence.ts judgeTrust) took no values at all, so a trust for
 * another account was "granted" there.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { auditRuntime } from '../../server/src/audit/audit';
import { judgeTrust } from '../../server/src/audit/evidence';
import { liveRoleModel } from '../../server/src/audit/live-model';
import { requirementsFor } from '../../server/src/audit/catalog-bridge';
import type { TrustRequirement } from '../../server/src/core/model';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { ACCOUNT, HEALTHY_ARN, HEALTHY_ID, HEALTHY_NAME, HEALTHY_ROLE, HEALTHY_ROLE_ARN, REGION, healthyState } from './fake-aws/scenarios';

const trustWith = (condition: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: condition }],
});

async function auditTrust(condition: object) {
  const state = healthyState();
  state.roles[HEALTHY_ROLE].trust = trustWith(condition);
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: HEALTHY_ARN, credentials: FAKE_CREDENTIALS });
    return {
      verdict: report.verdicts.find((v) => v.requirement === 'runtime.trust'),
      findings: report.findings.filter((f) => f.requirement === 'runtime.trust'),
    };
  } finally {
    await fake.restore();
  }
}

const OTHER_RUNTIME = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/other_agent-Zz99Yy88Xx`;

test('a deployed trust written for another runtime: not assumable, naming the ARN the runtime sends', { timeout: 30_000 }, async () => {
  const { verdict, findings } = await auditTrust({ StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': OTHER_RUNTIME } });
  assert.equal(verdict?.verdict, 'missing', JSON.stringify(verdict));
  assert.deepEqual(findings.map((f) => `${f.severity} ${f.rule}`), ['error trust-not-assumable']);
  assert.ok(findings[0].message.includes(`the service sends aws:SourceArn = ${HEALTHY_ARN}`), findings[0].message);
});

test('a deployed trust naming exactly this runtime: assumable, no finding', { timeout: 30_000 }, async () => {
  const { verdict, findings } = await auditTrust({ StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': HEALTHY_ARN } });
  assert.deepEqual(findings, []);
  assert.equal(verdict?.verdict, 'granted', JSON.stringify(verdict));
});

test('a deployed trust for another account: not assumable, naming the account the runtime is in', { timeout: 30_000 }, async () => {
  const { verdict, findings } = await auditTrust({ StringEquals: { 'aws:SourceAccount': '999999999999' } });
  assert.equal(verdict?.verdict, 'missing', JSON.stringify(verdict));
  assert.deepEqual(findings.map((f) => `${f.severity} ${f.rule}`), ['error trust-not-assumable']);
  assert.ok(findings[0].message.includes(`the service sends aws:SourceAccount = ${ACCOUNT}`), findings[0].message);
});

test('the verdict table\'s own trust judgement takes the same values (evidence.ts judgeTrust)', () => {
  const req = requirementsFor('runtime').find((r): r is TrustRequirement => r.kind === 'trust')!;
  const runtime = { arn: HEALTHY_ARN, id: HEALTHY_ID, name: HEALTHY_NAME, artifact: 'code' as const, environment: { count: 0, names: [] } };
  const role = (condition: object) => liveRoleModel({ arn: HEALTHY_ROLE_ARN, name: HEALTHY_ROLE, trust: trustWith(condition), policies: [], unreadable: [] }, runtime, {});
  assert.equal(judgeTrust(req, role({ StringEquals: { 'aws:SourceAccount': '999999999999' } }))?.verdict, 'missing', 'another account');
  assert.equal(judgeTrust(req, role({ StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': OTHER_RUNTIME } }))?.verdict, 'missing', 'another runtime');
  assert.equal(judgeTrust(req, role({ StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnEquals: { 'aws:SourceArn': HEALTHY_ARN } }))?.verdict, 'granted', 'this runtime');
});
