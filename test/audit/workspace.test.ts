/**
 * The live audit against the real core `Workspace` of examples/seed-case: the role matched by its
 * Terraform name, drift both ways, and the live findings placed on modules/iam/main.tf with the
 * Terraform analysis' own quick fixes. Real SDK clients over HTTP to the fake AWS on 127.0.0.1.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditRuntime } from '../../server/src/audit/audit';
import { liveDiagnostics, loadAuditWorkspace } from '../../server/src/audit/workspace-findings';
import { renderMarkdown, renderText } from '../../server/src/audit/render';
import type { FakeState } from './fake-aws/server';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { ACCOUNT, REGION, SEED_ARN, SEED_NAME, SEED_ROLE, SEED_ROLE_ARN, fullTrust, seedPolicy, seedState } from './fake-aws/scenarios';

const TIMEOUT = { timeout: 60_000 };
const ROOT = path.resolve(__dirname, '../../examples/seed-case');
const MAIN = path.join(ROOT, 'modules/iam/main.tf');
const MAIN_TEXT = fs.readFileSync(MAIN, 'utf8');
const LINES = MAIN_TEXT.split('\n');
const TF_ROLE = 'module.iam.aws_iam_role.agent_runtime';
const INLINE = `${SEED_NAME}-policy`;

/** 0-based line of the first line matching `re`. */
function lineOf(re: RegExp, from = 0): number {
  const i = LINES.findIndex((l, n) => n >= from && re.test(l));
  assert.ok(i >= 0, `no line matches ${re}`);
  return i;
}

async function audit(state: FakeState, overlays: [string, string][] = []) {
  const ws = await loadAuditWorkspace(ROOT, undefined, overlays);
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, workspace: ws.model });
    return { ws, report, diags: liveDiagnostics(report, ws) };
  } finally {
    await fake.restore();
  }
}

test('seed case as deployed: the workspace role matched by its rendered name, no drift', TIMEOUT, async () => {
  const { report } = await audit(seedState());
  assert.deepEqual(report.problems, []);
  assert.ok(report.drift, 'a drift report');
  assert.equal(report.drift.terraformRole, TF_ROLE);
  assert.equal(report.drift.matchedBy, 'name');
  assert.deepEqual(report.drift.entries, []);
  assert.equal(report.drift.trustDiffers, undefined);
  assert.match(renderMarkdown(report), /The live role grants what the Terraform definition grants/);
  assert.match(renderText(report), /Drift from module\.iam\.aws_iam_role\.agent_runtime:\n {2}none: the live role grants what the Terraform definition grants/);
});

test('drift both ways: statements only in the live role, and only in the workspace', TIMEOUT, async () => {
  const state = seedState();
  const live = structuredClone(seedPolicy);
  // Changed in the console: R7's sampling actions added to XRayAccess, an S3 statement added,
  // the Browser statement removed.
  live.Statement.find((s) => s.Sid === 'XRayAccess')!.Action = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];
  live.Statement.push({ Sid: 'Artifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::agent-artifacts/*' });
  live.Statement = live.Statement.filter((s) => s.Sid !== 'Browser');
  state.roles[SEED_ROLE].inline = { [INLINE]: live };
  state.roles[SEED_ROLE].trust = fullTrust; // aws:SourceArn added in the console too

  const { report, diags } = await audit(state);
  const d = report.drift!;
  assert.equal(d.terraformRole, TF_ROLE);
  const entries = d.entries.map((e) => `${e.direction} ${e.effect} ${e.action} ${e.resource}`).sort();
  assert.deepEqual(entries, [
    'live-only Allow s3:GetObject arn:aws:s3:::agent-artifacts/*',
    'live-only Allow xray:GetSamplingRules *',
    'live-only Allow xray:GetSamplingTargets *',
    ...['ConnectBrowserAutomationStream', 'GetBrowserSession', 'ListBrowserSessions', 'StartBrowserSession', 'StopBrowserSession', 'UpdateBrowserStream']
      .map((a) => `terraform-only Allow bedrock-agentcore:${a} *`),
  ]);
  assert.deepEqual(d.trustDiffers, ['condition arnlike aws:sourcearn is live only']);

  // Live: R7 granted now (console change), R5 still missing; SourceArn present.
  assert.equal(report.verdicts.find((v) => v.requirement === 'runtime.R7')?.verdict, 'granted');
  assert.equal(report.verdicts.find((v) => v.requirement === 'runtime.R5')?.verdict, 'missing');

  // Terraform-only entries sit on the Terraform statement that has them; live-only on the document.
  const browser = lineOf(/sid\s*=\s*"Browser"/) - 1;
  const browserDiags = diags.filter((x) => x.code === 'live-drift' && /StartBrowserSession/.test(x.message));
  assert.equal(browserDiags.length, 1);
  assert.equal(browserDiags[0].file, MAIN);
  assert.equal(browserDiags[0].range.start.line, browser, 'on the Browser statement block');
  assert.match(browserDiags[0].message, /in this Terraform but not in the deployed role/);
  const s3 = diags.find((x) => x.code === 'live-drift' && /s3:GetObject/.test(x.message))!;
  assert.equal(s3.range.start.line, lineOf(/^data "aws_iam_policy_document" "agent_runtime" \{/));
  assert.match(s3.message, /which this Terraform does not define/);
  const trust = diags.find((x) => x.code === 'live-drift' && /trust policy/.test(x.message))!;
  assert.equal(trust.range.start.line, lineOf(/^data "aws_iam_policy_document" "agent_runtime_assume_role"/));
  // The live role grants R7, so no live R7 finding (the editor's own R7 finding stays the LSP's).
  assert.ok(!diags.some((x) => x.requirement === 'runtime.R7'));
});

test('live findings on modules/iam/main.tf at the Terraform finding\'s place, with its quick fixes', TIMEOUT, async () => {
  const { ws, report, diags } = await audit(seedState());
  const on = (req: string) => diags.filter((x) => x.requirement === req);
  const r5 = on('runtime.R5');
  assert.equal(r5.length, 1);
  assert.equal(r5[0].file, MAIN);
  assert.equal(r5[0].severity, 'error');
  assert.match(r5[0].message, /^Live \(agentcore_hands_on_my_agent_runtime\): /);
  const tfR5 = ws.findings.find((f) => f.role === TF_ROLE && f.requirement === 'runtime.R5')!;
  assert.deepEqual(r5[0].range, tfR5.range);
  assert.ok(r5[0].fixes.length > 0, 'R5 carries the Terraform fix');
  assert.deepEqual(r5[0].fixes, tfR5.fixes);
  assert.ok(r5[0].fixes[0].edits.every((e) => e.file === MAIN));

  const r7 = on('runtime.R7');
  assert.equal(r7.length, 1);
  const xray = lineOf(/sid\s*=\s*"XRayAccess"/) - 1;
  assert.equal(r7[0].range.start.line, xray, 'R7 on the XRayAccess statement');
  assert.ok(r7[0].fixes.some((f) => /Add xray:GetSamplingRules, xray:GetSamplingTargets to statement "XRayAccess"/.test(f.title)));

  const sourceArn = diags.find((x) => x.requirement === 'runtime.trust')!;
  assert.equal(sourceArn.severity, 'warning');
  assert.ok(sourceArn.range.start.line >= lineOf(/"agent_runtime_assume_role"/) && sourceArn.range.start.line < lineOf(/^resource "aws_iam_role"/));
  assert.ok(sourceArn.fixes.length > 0);
  for (const x of diags) assert.deepEqual(x.related.map((r) => r.message), [`deployed as ${SEED_ROLE_ARN}`]);
  // Granted requirements give none; R6 is granted live (IAM's * spans '/').
  assert.ok(!diags.some((x) => x.requirement === 'runtime.R6' || x.requirement === 'runtime.R1'));
  assert.equal(report.drift?.entries.length, 0);
});

test('workspace ahead of the deployed role: fixed in an unsaved editor, not applied', TIMEOUT, async () => {
  // The R7 fix typed into the editor (overlay), the live role still as deployed.
  const edited = MAIN_TEXT.replace(/"xray:PutTelemetryRecords"\n/, '"xray:PutTelemetryRecords",\n      "xray:GetSamplingRules",\n      "xray:GetSamplingTargets"\n');
  assert.notEqual(edited, MAIN_TEXT);
  const { ws, report, diags } = await audit(seedState(), [[MAIN, edited]]);
  assert.ok(!ws.findings.some((f) => f.requirement === 'runtime.R7'), 'the workspace grants R7');
  assert.deepEqual(report.drift!.entries.map((e) => `${e.direction} ${e.action}`).sort(), ['terraform-only xray:GetSamplingRules', 'terraform-only xray:GetSamplingTargets']);
  const r7 = diags.find((x) => x.requirement === 'runtime.R7')!;
  assert.equal(r7.severity, 'error', 'still missing live');
  assert.deepEqual(r7.fixes, [], 'nothing to fix in Terraform');
  assert.match(r7.message, /This Terraform grants it: the deployed role differs/);
});

test('a finding the Terraform suppresses with a reason is not put back on it by the live verdict; the others are', TIMEOUT, async () => {
  const edited = MAIN_TEXT.replace('data "aws_iam_policy_document" "agent_runtime" {\n', '# agentcore-iam:ignore runtime.R7 -- sampling rules are managed centrally\ndata "aws_iam_policy_document" "agent_runtime" {\n');
  assert.notEqual(edited, MAIN_TEXT);
  const { ws, report, diags } = await audit(seedState(), [[MAIN, edited]]);
  assert.deepEqual(ws.suppressed?.map((s) => [s.finding.requirement, s.reason]), [['runtime.R7', 'sampling rules are managed centrally']]);
  assert.ok(report.verdicts.some((v) => v.requirement === 'runtime.R7' && v.verdict === 'missing'), 'still missing in the deployed role (the report says so)');
  assert.ok(!diags.some((x) => x.requirement === 'runtime.R7'), 'but not put back on the Terraform that suppresses it');
  assert.ok(diags.some((x) => x.requirement === 'runtime.R5'), 'R5 is');
});

test('no workspace role is the live role: no drift, no diagnostics, said so', TIMEOUT, async () => {
  const state = seedState();
  const other = 'someone-elses-role';
  state.roles[other] = { ...state.roles[SEED_ROLE], arn: `arn:aws:iam::${ACCOUNT}:role/${other}` };
  state.runtimes[0].roleArn = state.roles[other].arn;
  const { report, diags } = await audit(state);
  assert.equal(report.drift, undefined);
  assert.deepEqual(diags, []);
  assert.ok(report.notes.some((n) => /No role of the workspace matches arn:aws:iam::\d+:role\/someone-elses-role/.test(n.message)));
  assert.equal(report.region, REGION);
});
