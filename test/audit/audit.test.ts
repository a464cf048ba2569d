/**
 * The live audit against a fake AWS on 127.0.0.1 (real SDK clients, real wire protocols).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { auditRuntime } from '../../server/src/audit/audit';
import { AuditFatalError } from '../../server/src/audit/errors';
import { renderJson, renderMarkdown, renderText } from '../../server/src/audit/render';
import { listRuntimes } from '../../server/src/audit/runtime';
import type { AuditReport } from '../../server/src/audit/types';
import { withDefaults, type AnalysisSettings } from '../../server/src/core/settings';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { miniEvaluator } from '../helpers/model';
import {
  ACCOUNT, HEALTHY_ARN, HEALTHY_ID, HEALTHY_MANAGED, HEALTHY_ROLE, REGION, SEED_ARN, SEED_ID, SEED_ROLE, SEED_ROLE_ARN, healthyState, seedState,
} from './fake-aws/scenarios';

const TIMEOUT = { timeout: 30_000 };

function req(report: AuditReport, id: string) {
  return report.verdicts.filter((v) => v.requirement === `runtime.${id}` || v.requirement?.endsWith(`.${id}`) || v.requirement === id);
}

function assertNoSecrets(...texts: string[]): void {
  for (const t of texts) {
    assert.ok(!t.includes(FAKE_CREDENTIALS.secretAccessKey), 'secret key leaked');
    assert.ok(!t.includes(FAKE_CREDENTIALS.sessionToken), 'session token leaked');
    assert.ok(!t.includes(FAKE_CREDENTIALS.accessKeyId), 'access key id leaked');
  }
}

test('seed case: live state read, decoded and interpreted', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS });
    assert.deepEqual(report.problems, []);
    assert.equal(report.runtime?.artifact, 'container');
    assert.equal(report.runtime?.roleArn, SEED_ROLE_ARN);
    assert.equal(report.runtime?.createdAt?.slice(0, 10), '2025-10-20');
    assert.equal(report.serviceLinkedRole?.exists, true);
    // URL-encoded documents decoded into the model.
    assert.equal(report.role?.policies.length, 1);
    assert.equal(report.model?.type, 'live');
    assert.equal(report.model?.address, SEED_ROLE_ARN);
    assert.equal(report.model?.policies[0].document.form, 'live');
    assert.equal(report.model?.policies[0].document.statements.length, 9);
    assert.deepEqual(report.model?.provider, { partition: 'aws', region: REGION, account: ACCOUNT });
    assert.equal(report.model?.components[0].kind, 'runtime');
    assert.equal(report.model?.components[0].facts.artifact, 'container');
    assert.equal(report.model?.components[0].facts.createdAt, '2025-10-20');
    const trustCond = report.model?.trust?.document.statements[0].conditions.map((c) => c.key);
    assert.deepEqual(trustCond, ['aws:SourceAccount']);
    // Observability: one log group with only an empty otel-rt-logs stream.
    const groups = report.observability.logGroups!;
    assert.equal(groups.length, 1);
    assert.equal(groups[0].name, `/aws/bedrock-agentcore/runtimes/${SEED_ID}-DEFAULT`);
    assert.deepEqual(groups[0].streams.map((s) => [s.name, s.kind, s.lastEventTime]), [['otel-rt-logs', 'otel-rt-logs', undefined]]);
    const obsText = report.observability.notes.map((n) => n.message).join('\n');
    assert.match(obsText, /no `runtime-logs` stream/);
    assert.match(obsText, /otel-rt-logs`, has no event/);
    // OTEL variables name a group that does not exist (the real one ends in -DEFAULT).
    assert.deepEqual(report.observability.otelLogGroups.map((g) => [g.variable, g.exists]), [['OTEL_EXPORTER_OTLP_LOGS_HEADERS', false], ['OTEL_RESOURCE_ATTRIBUTES', false]]);
    assert.equal(report.observability.traceDestination?.destination, 'XRay');
    assert.match(obsText, /Transaction Search is off/);
    // R9: after 2025-10-13 with the SLR present.
    assert.ok(report.notes.some((n) => /needs no GetWorkloadAccessToken\* statement \(R9\)/.test(n.message)));
    const md = renderMarkdown(report);
    const txt = renderText(report);
    const json = renderJson(report);
    assert.match(md, /otel-rt-logs/);
    assert.doesNotThrow(() => JSON.parse(json));
    assertNoSecrets(md, txt, json);
    // Every request went to the fake, signed, in the runtime's region.
    assert.ok(fake.calls.length > 0);
    for (const c of fake.calls) {
      assert.match(c.host, /^127\.0\.0\.1:\d+$/);
      assert.equal(c.region, REGION);
    }

    assert.ok(!report.verdicts.some((v) => v.rule === 'not-judged'), 'every requirement judged by the real evaluator');
    assert.equal(report.analysisError, undefined);
    assert.ok(req(report, 'R5').some((v) => v.verdict === 'missing'), 'R5 missing');
    assert.ok(req(report, 'R7').some((v) => v.verdict === 'missing' && v.actions.includes('xray:GetSamplingRules')), 'R7 missing');
    assert.deepEqual(req(report, 'R5')[0].evidence, [], 'nothing grants R5 (the runtime naming the role is not evidence)');
    assert.deepEqual(req(report, 'R6')[0].evidence, [`Sid CloudWatchLogs: Allow logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents, logs:DescribeLogStreams on arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/bedrock-agentcore/*`]);
    assert.ok(!req(report, 'R6').some((v) => v.verdict !== 'granted'), 'R6 granted');
    assert.ok(!req(report, 'R9').some((v) => v.verdict === 'missing' && (v.severity === 'error' || v.severity === 'warning')), 'R9 not required');
    assert.ok(report.verdicts.some((v) => v.conditionKeys?.includes('aws:SourceArn') && v.verdict === 'missing'), 'SourceArn trust finding');
    assert.equal(report.summary.requiredGranted, false);
  } finally {
    await fake.restore();
  }
});

test('healthy runtime: managed policy at its default version, pagination, runtime-logs streams', TIMEOUT, async () => {
  const fake = await withFakeAws(healthyState());
  try {
    const report = await auditRuntime({ runtimeArn: HEALTHY_ARN, credentials: FAKE_CREDENTIALS });
    assert.deepEqual(report.problems, []);
    const names = report.role!.policies.map((p) => `${p.attachment}:${p.name}:${p.versionId ?? ''}`);
    assert.deepEqual(names, ['inline:image:', 'inline:logs:', 'managed:medurance-observability:v2']);
    assert.equal(report.role!.policies[2].arn, HEALTHY_MANAGED);
    // IsTruncated/Marker followed (page size 1).
    assert.equal(fake.calls.filter((c) => c.op === 'ListRolePolicies').length, 2);
    assert.ok(fake.calls.some((c) => c.op === 'GetPolicyVersion' && c.body.includes('VersionId=v2')));
    const g = report.observability.logGroups![0];
    assert.equal(g.storedBytes, 19344041);
    assert.equal(g.streams.length, 4); // nextToken followed
    assert.equal(g.streams.filter((s) => s.kind === 'runtime-logs-stdout').length, 2);
    assert.ok(g.streams.every((s) => s.lastEventTime));
    assert.ok(report.observability.notes.some((n) => /2 stdout\/stderr stream\(s\), 1 OpenTelemetry/.test(n.message)));
    assert.ok(report.observability.notes.some((n) => /Transaction Search is on/.test(n.message)));
    assert.ok(!report.observability.notes.some((n) => n.level === 'warning'));
    // Created before 2025-10-13: R9 is the role's job.
    assert.ok(report.notes.some((n) => /before 2025-10-13/.test(n.message)));
    assert.ok(!report.verdicts.some((v) => v.rule === 'not-judged'), 'every requirement judged by the real evaluator');
    assert.equal(report.analysisError, undefined);
    const bad = report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(bad.map((f) => `${f.requirement} ${f.verdict}`), []);
    assert.ok(!report.verdicts.some((v) => v.verdict === 'missing'));
    assert.equal(report.summary.requiredGranted, true);
  } finally {
    await fake.restore();
  }
});

// The same pipeline with the analysis' own test evaluator (test/helpers/model.ts), so that the
// audit's verdict plumbing is checked even before the real evaluator lands.
test('seed case verdicts through analyze() with the test evaluator: R5, R7 missing; R6 granted; R9 not required; SourceArn', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, evaluator: miniEvaluator });
    assert.equal(report.analysisError, undefined);
    const v = (id: string) => report.verdicts.filter((x) => x.requirement === `runtime.${id}`).map((x) => x.verdict);
    assert.deepEqual(v('R5'), ['missing']);
    assert.deepEqual(v('R7'), ['missing']);
    assert.deepEqual(v('R6'), ['granted']);
    assert.deepEqual(v('R1'), ['granted']);
    assert.ok(report.verdicts.find((x) => x.requirement === 'runtime.R6')!.evidence.some((e) => /Sid CloudWatchLogs/.test(e)));
    assert.ok(!v('R9').includes('missing'));
    assert.ok(report.verdicts.some((x) => x.conditionKeys?.includes('aws:SourceArn') && x.verdict === 'missing'));
    assert.ok(!report.verdicts.some((x) => x.conditionKeys?.includes('aws:SourceAccount') && x.verdict === 'missing'));
    assert.equal(report.summary.requiredGranted, false);
    const md = renderMarkdown(report);
    assert.match(md, /runtime\.R5 \| ❌ missing/);
  } finally {
    await fake.restore();
  }
});

test('the editor\'s rule severities apply to the live role\'s findings', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const severity = async (settings?: AnalysisSettings) => {
      const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, evaluator: miniEvaluator, settings });
      return report.verdicts.find((x) => x.requirement === 'runtime.R5' && x.verdict === 'missing')?.severity;
    };
    assert.equal(await severity(), 'error');
    assert.equal(await severity(withDefaults({ rules: { 'missing-permission': 'information' } })), 'information');
  } finally {
    await fake.restore();
  }
});

test('healthy runtime through analyze() with the test evaluator: nothing missing', TIMEOUT, async () => {
  const fake = await withFakeAws(healthyState());
  try {
    const report = await auditRuntime({ runtimeArn: HEALTHY_ARN, credentials: FAKE_CREDENTIALS, evaluator: miniEvaluator });
    assert.deepEqual(report.verdicts.filter((x) => x.verdict !== 'granted').map((x) => `${x.requirement} ${x.verdict} ${x.message}`), []);
    assert.ok(report.verdicts.some((x) => x.requirement === 'runtime.R9' && x.verdict === 'granted'));
    assert.equal(report.summary.requiredGranted, true);
  } finally {
    await fake.restore();
  }
});

test('AccessDenied names the missing read permission; the audit goes on', TIMEOUT, async () => {
  const state = seedState();
  state.deny.add('GetRolePolicy');
  state.deny.add('DescribeLogStreams');
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS });
    const perms = report.problems.filter((p) => p.kind === 'access-denied').map((p) => p.permission).sort();
    assert.deepEqual(perms, ['iam:GetRolePolicy', 'logs:DescribeLogStreams']);
    assert.ok(report.problems.every((p) => p.message.includes(p.permission!)));
    // What could be read was read.
    assert.equal(report.runtime?.id, SEED_ID);
    assert.equal(report.observability.logGroups?.length, 1);
    assert.ok(report.model!.opaque.some((o) => /iam:GetRolePolicy/.test(o)), 'unreadable policy makes verdicts depend on it');
    const md = renderMarkdown(report);
    assert.match(md, /iam:GetRolePolicy/);
    assert.match(md, /logs:DescribeLogStreams/);
  } finally {
    await fake.restore();
  }
});

test('throttling: the SDK retries and the audit succeeds', TIMEOUT, async () => {
  const state = seedState();
  state.throttle.set('GetAgentRuntime', 1);
  state.throttle.set('GetRolePolicy', 1);
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS });
    assert.deepEqual(report.problems, []);
    assert.equal(fake.calls.filter((c) => c.op === 'GetAgentRuntime').length, 2);
    assert.equal(report.role?.policies.length, 1);
  } finally {
    await fake.restore();
  }
});

test('throttling that outlasts the retries: a clear message, the rest is read', TIMEOUT, async () => {
  const state = seedState();
  state.throttle.set('DescribeLogGroups', 100);
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, maxAttempts: 2 });
    const p = report.problems.find((x) => x.kind === 'throttled');
    assert.ok(p, 'throttled problem');
    assert.equal(p.call, 'logs:DescribeLogGroups');
    assert.match(p.message, /throttled .* retries .* Run the audit again/);
    assert.equal(report.role?.policies.length, 1);
  } finally {
    await fake.restore();
  }
});

test('a runtime ARN in another region than the chosen one: the ARN wins, and the report says so', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, region: 'eu-west-1', credentials: FAKE_CREDENTIALS });
    assert.equal(report.region, REGION);
    assert.ok(report.notes.some((n) => /runtime ARN is in us-east-1.*not the chosen region eu-west-1/.test(n.message)));
    assert.ok(fake.calls.filter((c) => c.service === 'bedrock-agentcore').every((c) => c.region === REGION));
    assert.equal(report.runtime?.id, SEED_ID);
  } finally {
    await fake.restore();
  }
});

test('a runtime id looked up in the wrong region: not found there, said so', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const report = await auditRuntime({ runtimeId: SEED_ID, region: 'eu-west-1', credentials: FAKE_CREDENTIALS });
    assert.equal(report.runtime, undefined);
    assert.ok(report.notes.some((n) => n.level === 'error' && /does not exist in eu-west-1.*another region/.test(n.message)));
  } finally {
    await fake.restore();
  }
});

test('a deleted runtime: ResourceNotFound, a clear message', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const arn = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/deleted_agent-ZZZZ999999`;
    const report = await auditRuntime({ runtimeArn: arn, credentials: FAKE_CREDENTIALS });
    assert.ok(report.notes.some((n) => n.level === 'error' && /deleted_agent-ZZZZ999999 does not exist .*ResourceNotFoundException/.test(n.message)));
    assert.equal(report.role, undefined);
    assert.equal(report.observability.logGroups, undefined);
  } finally {
    await fake.restore();
  }
});

test('a role in another account: said so, not read from the wrong account', TIMEOUT, async () => {
  const state = seedState();
  const other = `arn:aws:iam::111122223333:role/${SEED_ROLE}`;
  state.runtimes[0].roleArn = other;
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS });
    assert.ok(report.notes.some((n) => /belongs to account 111122223333.*IAM reads roles of the calling account only/.test(n.message)));
    // The same-named role of the calling account was not mistaken for it.
    assert.ok(!fake.calls.some((c) => c.service === 'iam' && c.body.includes(`RoleName=${SEED_ROLE}`)));
    assert.equal(report.model?.policies.length, 0);
    assert.ok(report.model!.opaque.length > 0);
    assert.equal(report.observability.logGroups?.length, 1);
  } finally {
    await fake.restore();
  }
});

test('NoSuchEntity: the service-linked role absent, the runtime role deleted', TIMEOUT, async () => {
  const state = seedState();
  delete state.roles['AWSServiceRoleForBedrockAgentCoreRuntimeIdentity'];
  delete state.roles[SEED_ROLE];
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS });
    assert.deepEqual(report.problems, []); // NoSuchEntity is an answer, not a problem
    assert.equal(report.serviceLinkedRole?.exists, false);
    assert.ok(report.notes.some((n) => n.level === 'warning' && /AWSServiceRoleForBedrockAgentCoreRuntimeIdentity does not exist/.test(n.message)));
    assert.ok(report.notes.some((n) => n.level === 'error' && /role .* does not exist \(NoSuchEntity\)/.test(n.message)));
  } finally {
    await fake.restore();
  }
});

test('no credentials: names how to configure them; nothing is sent', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    await assert.rejects(auditRuntime({ runtimeArn: SEED_ARN }), (e: unknown) => {
      assert.ok(e instanceof AuditFatalError);
      assert.equal(e.problem.kind, 'no-credentials');
      assert.match(e.message, /aws configure/);
      return true;
    });
    assert.equal(fake.calls.length, 0);
  } finally {
    await fake.restore();
  }
});

test('expired SSO token: names `aws sso login --profile p`; nothing is sent', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    fs.writeFileSync(process.env.AWS_CONFIG_FILE!, [
      '[profile p]', 'sso_session = corp', `sso_account_id = ${ACCOUNT}`, 'sso_role_name = AuditReadOnly', `region = ${REGION}`, '',
      '[sso-session corp]', 'sso_start_url = https://example.awsapps.com/start', `sso_region = ${REGION}`, 'sso_registration_scopes = sso:account:access', '',
    ].join('\n'));
    const cache = path.join(fake.home, '.aws', 'sso', 'cache');
    fs.mkdirSync(cache, { recursive: true });
    const key = crypto.createHash('sha1').update('corp').digest('hex');
    fs.writeFileSync(path.join(cache, `${key}.json`), JSON.stringify({
      startUrl: 'https://example.awsapps.com/start', region: REGION, accessToken: 'expired-sso-access-token', expiresAt: '2020-01-01T00:00:00Z',
    }));
    await assert.rejects(auditRuntime({ runtimeArn: SEED_ARN, profile: 'p' }), (e: unknown) => {
      assert.ok(e instanceof AuditFatalError);
      assert.equal(e.problem.kind, 'sso-expired');
      assert.match(e.message, /`aws sso login --profile p`/);
      assert.ok(!e.message.includes('expired-sso-access-token'));
      return true;
    });
    assert.equal(fake.calls.length, 0);
  } finally {
    await fake.restore();
  }
});

test('expired legacy SSO profile (sso_start_url in the profile) and an unknown profile', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const start = 'https://legacy.awsapps.com/start';
    fs.writeFileSync(process.env.AWS_CONFIG_FILE!, [
      '[profile old]', `sso_start_url = ${start}`, `sso_region = ${REGION}`, `sso_account_id = ${ACCOUNT}`, 'sso_role_name = AuditReadOnly', `region = ${REGION}`, '',
    ].join('\n'));
    const cache = path.join(fake.home, '.aws', 'sso', 'cache');
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(path.join(cache, `${crypto.createHash('sha1').update(start).digest('hex')}.json`), JSON.stringify({
      startUrl: start, region: REGION, accessToken: 'expired-legacy-token', expiresAt: '2021-01-01T00:00:00Z',
    }));
    await assert.rejects(auditRuntime({ runtimeArn: SEED_ARN, profile: 'old' }), (e: unknown) => {
      assert.ok(e instanceof AuditFatalError);
      assert.equal(e.problem.kind, 'sso-expired');
      assert.match(e.message, /`aws sso login --profile old`/);
      return true;
    });
    await assert.rejects(auditRuntime({ runtimeArn: SEED_ARN, profile: 'nope' }), (e: unknown) => {
      assert.ok(e instanceof AuditFatalError);
      assert.equal(e.problem.kind, 'no-credentials');
      assert.match(e.message, /no profile named "nope"/);
      return true;
    });
    assert.equal(fake.calls.length, 0);
  } finally {
    await fake.restore();
  }
});

test('cancellation: an aborted signal stops the audit', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, signal: ac.signal }), (e: unknown) => {
      assert.match(String((e as Error).message), /cancelled/);
      return true;
    });
  } finally {
    await fake.restore();
  }
});

test('ListAgentRuntimes follows nextToken', TIMEOUT, async () => {
  const state = healthyState();
  state.runtimes.push(...seedState().runtimes);
  const fake = await withFakeAws(state);
  try {
    const client = new BedrockAgentCoreControlClient({ region: REGION, credentials: FAKE_CREDENTIALS });
    const list = await listRuntimes(client);
    client.destroy();
    assert.deepEqual(list.map((r) => r.id), [HEALTHY_ID, SEED_ID]);
    assert.equal(fake.calls.filter((c) => c.op === 'ListAgentRuntimes').length, 2);
  } finally {
    await fake.restore();
  }
});

void HEALTHY_ROLE;
