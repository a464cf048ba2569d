/**
 * "AgentCore: Audit Live Runtime" in a real VS Code, driven with arguments (no pickers): the real
 * AWS SDK clients of the extension talk to the wire-protocol fake AWS (test/audit/fake-aws) that
 * this suite starts on 127.0.0.1 inside the extension host. Credentials: fake static keys in the
 * extension host's environment (read by the SDK's default chain at call time). Endpoint: the
 * machine-scoped user setting `agentcoreIam.audit.endpoints`, the only override the command takes
 * besides the SDK's own AWS_ENDPOINT_URL variables; a second fake named by the workspace's
 * .vscode/settings.json must receive nothing. Workspace: a copy of examples/seed-case.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeAws, type FakeAws } from '../../audit/fake-aws/server';
import { REGION, SEED_ARN, SEED_NAME, SEED_ROLE_ARN, seedState } from '../../audit/fake-aws/scenarios';
import { activateExtension, codeOf, dataOf, ours, uriOf, waitFor, workspaceRoot } from './helpers';

const MAIN = 'modules/iam/main.tf';
const LIVE = 'agentcore-iam live';
const KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEE2EAUDIT0001',
  AWS_SECRET_ACCESS_KEY: 'fakeE2ESecret/DoNotLog+0123456789abcdef',
  AWS_SESSION_TOKEN: 'fakeE2ESessionToken-DoNotLog-0123456789',
};
const ENV = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'AWS_EC2_METADATA_DISABLED', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN'];

interface Result {
  report: { region?: string; runtime?: { arn: string; roleArn?: string }; verdicts: { requirement?: string; verdict: string; severity: string }[]; drift?: { terraformRole: string; entries: unknown[] }; problems: unknown[] };
  reportUri: string;
  liveDiagnostics: number;
}

function live(): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uriOf(MAIN)).filter((d) => d.source === LIVE);
}

describe('live audit command', function () {
  this.timeout(120_000);
  let good: FakeAws;
  let evil: FakeAws;
  let savedEnv: Record<string, string | undefined>;
  let awsDir: string;
  let result: Result;
  const wsSettings = () => path.join(workspaceRoot(), '.vscode', 'settings.json');
  const config = () => vscode.workspace.getConfiguration('agentcoreIam');

  before(async () => {
    await activateExtension();
    good = await startFakeAws(seedState());
    evil = await startFakeAws(seedState());
    savedEnv = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
    for (const k of ENV) delete process.env[k];
    awsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-e2e-aws-'));
    fs.writeFileSync(path.join(awsDir, 'config'), '');
    fs.writeFileSync(path.join(awsDir, 'credentials'), '');
    Object.assign(process.env, KEYS, {
      AWS_CONFIG_FILE: path.join(awsDir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(awsDir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const endpoints = (url: string) => ({ 'bedrock-agentcore-control': url, iam: url, logs: url, xray: url });
    // The workspace tries to redirect the signed requests (and to turn on simulation).
    fs.mkdirSync(path.dirname(wsSettings()), { recursive: true });
    fs.writeFileSync(wsSettings(), JSON.stringify({ 'agentcoreIam.audit.endpoints': endpoints(evil.url), 'agentcoreIam.audit.simulate': true, 'agentcoreIam.trace.server': 'off' }, null, 2));
    await waitFor('the workspace settings file read', () => config().inspect('trace.server')?.workspaceValue === 'off');
    // The machine-scoped user setting points at the fake AWS.
    await config().update('audit.endpoints', endpoints(good.url), vscode.ConfigurationTarget.Global);
    await waitFor('the user setting applied', () => (config().inspect<Record<string, string>>('audit.endpoints')?.globalValue ?? {}).iam === good.url);
    // The editor's own analysis of the seed case, for comparison.
    await vscode.workspace.openTextDocument(uriOf(MAIN));
    await waitFor('the editor\'s R5 finding', () => ours(uriOf(MAIN)).some((d) => dataOf(d)?.requirement === 'runtime.R5'));

    result = (await vscode.commands.executeCommand<Result>('agentcoreIam.auditLiveRuntime', { runtimeArn: SEED_ARN, region: REGION }))!;
  });

  after(async () => {
    await vscode.commands.executeCommand('agentcoreIam.clearLiveFindings');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('audit.endpoints', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(path.dirname(wsSettings()), { recursive: true, force: true });
    for (const k of ENV) { if (savedEnv[k] === undefined) delete process.env[k]; else process.env[k] = savedEnv[k]; }
    fs.rmSync(awsDir, { recursive: true, force: true });
    await good?.close();
    await evil?.close();
  });

  it('audits the seed-case runtime without pickers and returns the report', () => {
    assert.ok(result, 'the command returned a result');
    const r = result.report;
    assert.deepEqual(r.problems, []);
    assert.equal(r.region, REGION);
    assert.equal(r.runtime?.arn, SEED_ARN);
    assert.equal(r.runtime?.roleArn, SEED_ROLE_ARN);
    const verdict = (id: string) => r.verdicts.find((v) => v.requirement === id)?.verdict;
    assert.equal(verdict('runtime.R5'), 'missing');
    assert.equal(verdict('runtime.R7'), 'missing');
    assert.equal(verdict('runtime.R6'), 'granted');
    assert.equal(verdict('runtime.R9'), 'not-required');
    assert.equal(verdict('runtime.trust'), 'missing');
    assert.equal(r.drift?.terraformRole, 'module.iam.aws_iam_role.agent_runtime');
    assert.deepEqual(r.drift?.entries, [], 'the live role is what the seed Terraform renders');
  });

  it('shows the report as a Markdown preview', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.reportUri));
    const text = doc.getText();
    assert.match(text, new RegExp(`^# AgentCore live audit: ${SEED_NAME}`));
    assert.match(text, /\| runtime\.R5 \| ❌ missing \| error \|/);
    assert.match(text, /\| runtime\.R6 \| ✅ granted \|/);
    assert.match(text, /otel-rt-logs/);
    assert.match(text, /## Drift from Terraform \(`module\.iam\.aws_iam_role\.agent_runtime`, matched by name\)/);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const preview = await waitFor('the Markdown preview tab', () => tabs().find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes(`${SEED_NAME}-audit.md`)));
    assert.match((preview.input as vscode.TabInputWebview).viewType, /markdown\.preview/);
  });

  it('puts the live findings on modules/iam/main.tf where the editor puts its own, with quick fixes', async () => {
    const diags = await waitFor('live diagnostics', () => (live().length ? live() : undefined));
    assert.equal(diags.length, result.liveDiagnostics);
    const editor = ours(uriOf(MAIN));
    const pair = (req: string) => {
      const e = editor.find((x) => dataOf(x)?.requirement === req);
      assert.ok(e, `the editor's own ${req}`);
      return { e, l: diags.filter((d) => d.range.isEqual(e.range) && codeOf(d) === codeOf(e)) };
    };
    const r5 = pair('runtime.R5');
    assert.equal(r5.l.length, 1, 'one live R5 at the editor\'s R5');
    assert.equal(r5.l[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(r5.l[0].message, new RegExp(`^Live \\(${SEED_NAME}\\): `));
    assert.equal(r5.l[0].relatedInformation?.[0].message, `deployed as ${SEED_ROLE_ARN}`);
    assert.equal(pair('runtime.R7').l.length, 1, 'live R7 at the XRayAccess statement');
    const trust = pair('runtime.trust');
    assert.equal(trust.l.length, 1, 'live SourceArn at the trust policy');
    assert.equal(trust.l[0].severity, vscode.DiagnosticSeverity.Warning);

    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    await vscode.window.showTextDocument(doc);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uriOf(MAIN), r5.l[0].range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /logs:DescribeLogGroups/.test(a.title) && a.title.endsWith('(live finding)'));
    assert.ok(fix?.edit, `a live quick fix for R5 among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title === fix.title.replace(' (live finding)', '')), 'the editor\'s own fix, the same edit');
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    try {
      assert.match(doc.getText(), /logs:DescribeLogGroups/);
      await waitFor('the editor\'s R5 gone after the fix', () => !ours(uriOf(MAIN)).some((d) => dataOf(d)?.requirement === 'runtime.R5'));
      const again = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uriOf(MAIN), r5.l[0].range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(!again.some((a) => a.title.endsWith('(live finding)')), 'no stale live fix once the file changed');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(doc.getText(), before);
    }
  });

  it('sends signed requests only to the machine-scoped endpoint; the workspace cannot redirect them', () => {
    assert.ok(good.calls.length >= 8, `calls to the user-setting endpoint (${good.calls.length})`);
    assert.deepEqual(evil.calls.map((c) => c.op), [], 'nothing to the endpoint the workspace named');
    assert.ok(!good.calls.some((c) => c.op === 'SimulatePrincipalPolicy'), 'simulate from workspace settings ignored');
    for (const c of good.calls) {
      assert.match(c.authorization, new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEYS.AWS_ACCESS_KEY_ID}/\\d{8}/${REGION}/`));
    }
    const ops = new Set(good.calls.map((c) => c.op));
    for (const op of ['GetAgentRuntime', 'GetRole', 'ListRolePolicies', 'GetRolePolicy', 'ListAttachedRolePolicies', 'DescribeLogGroups', 'DescribeLogStreams', 'GetTraceSegmentDestination']) {
      assert.ok(ops.has(op), `${op} called`);
    }
  });

  it('keeps credentials out of the report and the Problems entries', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.reportUri));
    const texts = [doc.getText(), JSON.stringify(result.report), ...live().map((d) => d.message)];
    for (const t of texts) for (const secret of Object.values(KEYS)) assert.ok(!t.includes(secret), `${secret.slice(0, 8)}… leaked`);
  });
});
