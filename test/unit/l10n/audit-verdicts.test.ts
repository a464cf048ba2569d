/**
 * The live audit's verdict lines for requirements without a finding, in the audit's language: the
 * IAM evaluator's explanation (core/iam/evaluate.ts: granted by a statement, no statement allows it,
 * a statement denies it, the boundary does not allow it, may or may not be allowed, the trust
 * conditions) rendered by AuditMessages.verdictLine. A real audit of the seed runtime (fake AWS)
 * with locale ja and with English; each explanation shape from the real evaluator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditRuntime } from '../../../server/src/audit/audit';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';
import { auditEn, auditJa } from '../../../server/src/core/messages/audit';
import { evaluateRequirement, evaluateTrust } from '../../../server/src/core/iam/evaluate';
import { readJsonPolicy } from '../../../server/src/core/json/policy';
import { REQUIREMENTS } from '../../../server/src/core/catalog';
import type { SymStr } from '../../../server/src/core/model';
import { FAKE_CREDENTIALS, withFakeAws } from '../../audit/helpers';
import { SEED_ARN, seedState } from '../../audit/fake-aws/scenarios';
import { seedInfra } from '../../helpers/cli';
import { JAPANESE, englishLeft } from './english';

const lit = (text: string): SymStr => ({ parts: [{ kind: 'lit', text }] });
const doc = (statements: unknown[]) => readJsonPolicy('/p.json', JSON.stringify({ Version: '2012-10-17', Statement: statements })).document!;

test("the evaluator's explanations, each shape, in Japanese with the actions, ARNs and statements as written", () => {
  const q = { actions: ['logs:PutLogEvents'], resources: [lit('arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/a:log-stream:*')] };
  const allow = { Sid: 'Logs', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' };
  const explanations = [
    evaluateRequirement(q, [doc([allow])]).explanation,
    evaluateRequirement(q, []).explanation,
    evaluateRequirement(q, [doc([allow, { Sid: 'NoLogs', Effect: 'Deny', Action: 'logs:*', Resource: '*' }])]).explanation,
    evaluateRequirement(q, [doc([allow])], { boundary: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) }).explanation,
    evaluateRequirement(q, [doc([allow])], { opaque: ['aws_iam_role_policy_attachment.extra, which exists only if created (count = var.extra ? 1 : 0)'] }).explanation,
    evaluateRequirement(q, [doc([{ ...allow, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }])]).explanation,
    evaluateRequirement(q, [doc([allow])], { opaque: ['a list nested more than 32 deep (too large to expand)', 'var.extra_policy'] }).explanation,
  ];
  assert.match(explanations[0], /allowed on .* by statement "Logs"$/);
  assert.match(explanations[1], /no statement allows it$/);
  assert.match(explanations[2], /statement "NoLogs" denies it$/);
  assert.match(explanations[3], /the permissions boundary does not allow it$/);
  assert.match(explanations[4], /may or may not be allowed: depends on/);
  for (const e of explanations) {
    const line = auditJa.verdictLine({ title: 'Write logs', id: 'runtime.R6', verdict: 'unknown', explanation: e });
    assert.match(line, /^runtime\.R6: 判定不能。/);
    assert.deepEqual(englishLeft(line), [], `English left in ${line}\n(English: ${e})`);
    for (const n of e.match(/\blogs:[A-Za-z*]+|arn:[^\s,)]+|"\w+"|aws_iam_role_policy_attachment\.extra|aws:PrincipalTag\/team/g) ?? []) assert.ok(line.includes(n.replace(/:$/, '')), `${n} missing from ${line}`);
  }
  assert.equal(auditEn.verdictLine({ title: 'Write logs', id: 'runtime.R6', verdict: 'missing', explanation: explanations[1] }), `Write logs: missing. ${explanations[1]}`);
  assert.equal(auditEn.verdictLine({ title: 'Write logs', id: 'runtime.R6', verdict: 'granted', explanation: '' }), 'Write logs: granted.');

  // The trust verdict's conditions ("aws:SourceAccount missing; aws:SourceArn unknown").
  const trust = doc([{ Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '${var.account}' } } }]);
  const r = evaluateTrust(trust, { service: 'bedrock-agentcore.amazonaws.com', action: 'sts:AssumeRole', conditionKeys: ['aws:SourceAccount', 'aws:SourceArn'] });
  const conditions = r.conditions.filter((c) => c.verdict !== 'granted').map((c) => `${c.key} ${c.verdict}`).join('; ');
  const line = auditJa.verdictLine({ title: 'Trust', id: 'runtime.trust', verdict: 'missing', explanation: conditions });
  assert.match(line, /aws:SourceArn: 不足/);
  assert.deepEqual(englishLeft(line), [], line);
  assert.equal(auditJa.notRequired({ title: 'x', id: 'runtime.R9', createdBefore: '2025-10-13' }), 'runtime.R9: 不要（2025-10-13 以降に作成）。');
  assert.equal(auditEn.notJudged({ title: 'Workload identity', id: 'runtime.R9' }), 'Workload identity: not judged (the evaluator could not run).');
});

test('a real audit with locale ja: every verdict line in Japanese; in English the title, the verdict and the explanation as before', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-l10n-verdicts-'));
  fs.cpSync(seedInfra, dir, { recursive: true });
  const fake = await withFakeAws(seedState());
  try {
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const audit = (locale?: string) => auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, workspace: ws.model(), settings: { ...withDefaults(undefined), ...(locale ? { locale } : {}) } });
    const ja = await audit('ja');
    const en = await audit();
    const lines = ja.verdicts.filter((v) => v.rule === 'granted' || v.rule === 'evaluator' || v.rule === 'not-required' || v.rule === 'not-judged');
    assert.ok(lines.length >= 5, `${lines.length} verdict lines without a finding`);
    for (const v of lines) {
      assert.match(v.message, JAPANESE, v.message);
      assert.ok(v.message.startsWith(`${v.requirement}: `), v.message);
      assert.deepEqual(englishLeft(v.message), [], `English left in ${v.message}`);
    }
    for (const v of en.verdicts.filter((x) => x.rule === 'granted' || x.rule === 'evaluator')) {
      const req = REQUIREMENTS.find((r) => r.id === v.requirement)!;
      assert.match(v.message, new RegExp(`^${req.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (granted|missing|unknown)\\.`), v.message);
      assert.ok(!JAPANESE.test(v.message));
    }
  } finally {
    await fake.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
