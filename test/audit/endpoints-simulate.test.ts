/** Endpoint overrides (standard per-service variables, trusted `endpoints`) and SimulatePrincipalPolicy. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { auditRuntime } from '../../server/src/audit/audit';
import { setCatalogForTests } from '../../server/src/audit/catalog-bridge';
import type { PermissionRequirement } from '../../server/src/core/model';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { ACCOUNT, REGION, SEED_ARN, SEED_ID, SEED_NAME, seedState } from './fake-aws/scenarios';

const TIMEOUT = { timeout: 30_000 };
const DEAD = 'http://127.0.0.1:9'; // discard port: nothing listens

test('AWS_ENDPOINT_URL_<SERVICE> variables are honoured per service', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  const vars = ['AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', 'AWS_ENDPOINT_URL_XRAY'];
  try {
    process.env.AWS_ENDPOINT_URL = DEAD;
    for (const v of vars) process.env[v] = fake.url;
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(new Set(fake.calls.map((c) => c.service)), new Set(['bedrock-agentcore', 'iam', 'logs', 'xray']));
  } finally {
    for (const v of vars) delete process.env[v];
    await fake.restore();
  }
});

test('trusted `endpoints` (machine-scoped settings in VS Code) override per service', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    process.env.AWS_ENDPOINT_URL = DEAD;
    const report = await auditRuntime({
      runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, maxAttempts: 1,
      endpoints: { 'bedrock-agentcore-control': fake.url, iam: fake.url, logs: fake.url, xray: fake.url },
    });
    assert.deepEqual(report.problems, []);
    assert.equal(report.runtime?.id, SEED_ID);
  } finally {
    await fake.restore();
  }
});

test('--simulate asks SimulatePrincipalPolicy with instantiated ARNs and reports its answer', TIMEOUT, async () => {
  const state = seedState();
  state.simulate = (action) => (action.startsWith('xray:getsampling') || action === 'logs:describeloggroups' ? 'implicitDeny' : 'allowed');
  const fake = await withFakeAws(state);
  const src = [{ key: 'S1', url: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-permissions.html', read: '2026-09-26' }];
  const reqs: PermissionRequirement[] = [
    { id: 'runtime.R5', kind: 'permission', roleKinds: ['runtime'], title: 'DescribeLogGroups', why: '', actions: ['logs:DescribeLogGroups'], resources: ['arn:${partition}:logs:${region}:${account}:log-group:*'], severityClass: 'required', sources: src },
    { id: 'runtime.R6', kind: 'permission', roleKinds: ['runtime'], title: 'Log streams', why: '', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['arn:${partition}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*'], severityClass: 'required', sources: src },
    { id: 'runtime.R4', kind: 'permission', roleKinds: ['runtime'], title: 'PutResourcePolicy', why: '', actions: ['logs:PutResourcePolicy'], resources: ['arn:${partition}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/${name}-*'], severityClass: 'conflict', sources: src },
  ];
  setCatalogForTests(reqs);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, simulate: true });
    const sims = fake.calls.filter((c) => c.op === 'SimulatePrincipalPolicy').map((c) => new URLSearchParams(c.body));
    assert.equal(sims.length, 3);
    const r4 = sims.find((f) => f.get('ActionNames.member.1') === 'logs:PutResourcePolicy')!;
    assert.equal(r4.get('ResourceArns.member.1'), `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/${SEED_NAME}-*`);
    assert.match(r4.get('PolicySourceArn')!, /:role\/agentcore_hands_on_my_agent_runtime-role$/);
    const byId = Object.fromEntries((report.simulation ?? []).map((s) => [s.requirement, s.decision]));
    assert.deepEqual(byId, { 'runtime.R5': 'denied', 'runtime.R6': 'allowed', 'runtime.R4': 'allowed' });
  } finally {
    setCatalogForTests(undefined);
    await fake.restore();
  }
});

test('SimulatePrincipalPolicy denied: named, the audit goes on', TIMEOUT, async () => {
  const state = seedState();
  state.deny.add('SimulatePrincipalPolicy');
  const fake = await withFakeAws(state);
  setCatalogForTests([{ id: 'runtime.R5', kind: 'permission', roleKinds: ['runtime'], title: 't', why: '', actions: ['logs:DescribeLogGroups'], resources: ['*'], severityClass: 'required', sources: [] }]);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, simulate: true });
    assert.deepEqual(report.problems.map((p) => p.permission), ['iam:SimulatePrincipalPolicy']);
    assert.equal(report.role?.policies.length, 1);
  } finally {
    setCatalogForTests(undefined);
    await fake.restore();
  }
});
