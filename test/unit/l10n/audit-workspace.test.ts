/**
 * The live audit's findings on the workspace's Terraform (audit/workspace-findings.ts) in the
 * settings' language: a real audit (SDK clients over HTTP to the fake AWS on 127.0.0.1) of the seed
 * case, changed in the console (drift both ways, a trust condition added) and fixed in an unsaved
 * editor but not applied. With locale ja every sentence around the data is Japanese; without one,
 * English as before. The data (runtime name, ARNs, actions, resources, condition keys) as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditRuntime } from '../../../server/src/audit/audit';
import { liveDiagnostics, loadAuditWorkspace, type LiveDiagnostic } from '../../../server/src/audit/workspace-findings';
import { renderMarkdown, renderText } from '../../../server/src/audit/render';
import type { AuditReport } from '../../../server/src/audit/types';
import { withDefaults } from '../../../server/src/core/settings';
import type { FakeState } from '../../audit/fake-aws/server';
import { FAKE_CREDENTIALS, withFakeAws } from '../../audit/helpers';
import { SEED_ARN, SEED_NAME, SEED_ROLE, SEED_ROLE_ARN, fullTrust, seedPolicy, seedState } from '../../audit/fake-aws/scenarios';

const TIMEOUT = { timeout: 60_000 };
const ROOT = path.resolve(__dirname, '../../../examples/seed-case');
const MAIN = path.join(ROOT, 'modules/iam/main.tf');
const MAIN_TEXT = fs.readFileSync(MAIN, 'utf8');
const RUNTIME = 'agentcore_hands_on_my_agent_runtime';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The live findings of one audit, the workspace and the audit both in `locale` (as the VS Code command runs them). */
async function liveFindings(state: FakeState, locale: string | undefined, overlays: [string, string][] = []): Promise<LiveDiagnostic[]> {
  return (await audited(state, locale, overlays)).diags;
}

async function audited(state: FakeState, locale: string | undefined, overlays: [string, string][] = []): Promise<{ report: AuditReport; diags: LiveDiagnostic[] }> {
  const settings = locale ? { locale } : undefined;
  const ws = await loadAuditWorkspace(ROOT, settings, overlays);
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, workspace: ws.model, settings: withDefaults(settings) });
    return { report, diags: liveDiagnostics(report, ws) };
  } finally {
    await fake.restore();
  }
}

/** The seed case changed in the console: R7's sampling actions and an S3 statement added, the Browser statement removed, aws:SourceArn added to the trust. */
function changedInConsole(): FakeState {
  const state = seedState();
  const live = structuredClone(seedPolicy);
  live.Statement.find((s) => s.Sid === 'XRayAccess')!.Action = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];
  live.Statement.push({ Sid: 'Artifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::agent-artifacts/*' });
  live.Statement = live.Statement.filter((s) => s.Sid !== 'Browser');
  state.roles[SEED_ROLE].inline = { [`${SEED_NAME}-policy`]: live };
  state.roles[SEED_ROLE].trust = fullTrust;
  return state;
}

const messages = (diags: LiveDiagnostic[], re: RegExp) => diags.filter((d) => re.test(d.message)).map((d) => d.message);

test('live findings in Japanese with locale ja: drift both ways, the trust difference, the live verdicts and their related information', TIMEOUT, async () => {
  const ja = await liveFindings(changedInConsole(), 'ja');
  assert.ok(ja.length >= 9, `${ja.length} live findings`);
  for (const d of ja) {
    assert.ok(d.message.startsWith(`ライブ（${RUNTIME}）: `), d.message);
    assert.ok(JAPANESE.test(d.message.slice(`ライブ（${RUNTIME}）: `.length)), d.message);
    assert.ok(!/\bLive \(|deployed role|this Terraform|trust policy/i.test(d.message), d.message);
    assert.deepEqual(d.related.map((r) => r.message), [`${SEED_ROLE_ARN} としてデプロイ済み`]);
  }
  assert.deepEqual(messages(ja, /StartBrowserSession/), [
    `ライブ（${RUNTIME}）: * に対する Allow bedrock-agentcore:StartBrowserSession はこの Terraform にあるが、デプロイ済みのロールにはない（まだ apply していない可能性がある）。`,
  ]);
  assert.deepEqual(messages(ja, /s3:GetObject/), [
    `ライブ（${RUNTIME}）: デプロイ済みのロールには arn:aws:s3:::agent-artifacts/* に対する Allow s3:GetObject があるが、この Terraform では定義していない（Terraform の外で変更された可能性がある）。`,
  ]);
  assert.deepEqual(messages(ja, /信頼ポリシー: /), [`ライブ（${RUNTIME}）: 信頼ポリシー: 条件 arnlike aws:sourcearn は稼働中のロールにだけある。`]);
  // The live verdict (R5 still missing in the deployed role) says the audit's Japanese verdict.
  const r5 = ja.find((d) => d.requirement === 'runtime.R5');
  assert.ok(r5 && /不足/.test(r5.message), r5?.message);
});

test('live findings in English without a locale: the same sentences as before', TIMEOUT, async () => {
  const en = await liveFindings(changedInConsole(), undefined);
  for (const d of en) {
    assert.ok(d.message.startsWith(`Live (${RUNTIME}): `), d.message);
    assert.ok(!JAPANESE.test(d.message), d.message);
    assert.deepEqual(d.related.map((r) => r.message), [`deployed as ${SEED_ROLE_ARN}`]);
  }
  assert.deepEqual(messages(en, /StartBrowserSession/), [
    `Live (${RUNTIME}): Allow bedrock-agentcore:StartBrowserSession on * is in this Terraform but not in the deployed role (not applied yet?).`,
  ]);
  assert.deepEqual(messages(en, /s3:GetObject/), [
    `Live (${RUNTIME}): the deployed role has Allow s3:GetObject on arn:aws:s3:::agent-artifacts/*, which this Terraform does not define (changed outside Terraform?).`,
  ]);
  assert.deepEqual(messages(en, /trust policy: /), [`Live (${RUNTIME}): trust policy: condition arnlike aws:sourcearn is live only.`]);
});

test('a live verdict the unsaved Terraform already fixes: "this Terraform grants it" in the settings\' language', TIMEOUT, async () => {
  const edited = MAIN_TEXT.replace(/"xray:PutTelemetryRecords"\n/, '"xray:PutTelemetryRecords",\n      "xray:GetSamplingRules",\n      "xray:GetSamplingTargets"\n');
  assert.notEqual(edited, MAIN_TEXT);
  const r7 = async (locale: string | undefined) => (await liveFindings(seedState(), locale, [[MAIN, edited]])).find((d) => d.requirement === 'runtime.R7')!.message;
  const ja = await r7('ja_JP.UTF-8');
  assert.ok(ja.startsWith(`ライブ（${RUNTIME}）: `), ja);
  assert.ok(ja.endsWith('。この Terraform では許可している。デプロイ済みのロールがこの定義と異なる（まだ apply していないか、その後に変更された）。'), ja);
  assert.match(await r7(undefined), /\. This Terraform grants it: the deployed role differs from it \(not applied yet, or changed since\)\.$/);
});

test('the report\'s drift section says the trust difference and each statement in the report\'s language; English as before', TIMEOUT, async () => {
  const { report } = await audited(changedInConsole(), 'ja');
  const ja = renderMarkdown(report, 'ja');
  assert.ok(ja.includes('- 信頼ポリシー: 条件 arnlike aws:sourcearn は稼働中のロールにだけある\n'), ja);
  assert.ok(ja.includes('- 稼働中のみ: `arn:aws:s3:::agent-artifacts/*` に対する Allow `s3:GetObject`\n'), ja);
  assert.ok(ja.includes('- Terraform のみ: `*` に対する Allow `bedrock-agentcore:StartBrowserSession`\n'), ja);
  assert.ok(renderText(report, 'ja').includes('\n  信頼ポリシー: 条件 arnlike aws:sourcearn は稼働中のロールにだけある\n'));
  const en = renderMarkdown(report, 'en');
  assert.ok(en.includes('- trust: condition arnlike aws:sourcearn is live only\n'), en);
  assert.ok(en.includes('- only live: Allow `s3:GetObject` on `arn:aws:s3:::agent-artifacts/*`\n'), en);
  assert.ok(renderText(report, 'en').includes('\n  trust: condition arnlike aws:sourcearn is live only\n'));
});
