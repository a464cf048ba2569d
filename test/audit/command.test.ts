/**
 * The VS Code command's pure parts with a minimal `vscode` stand-in: endpoint overrides come only
 * from machine (global) settings, never the workspace; live findings land on the Terraform role.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import type { AuditReport } from '../../server/src/audit/types';
import { documentFromJson, symStr } from '../../server/src/audit/live-model';
import type { Finding, Role } from '../../server/src/core/model';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ACCOUNT, REGION, SEED_ARN, SEED_ROLE, SEED_ROLE_ARN, seedPolicy, seedState, seedTrust } from './fake-aws/scenarios';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';

let inspected: Record<string, unknown> = {};
const published = new Map<string, unknown[]>();

class Range {
  constructor(public sl: number, public sc: number, public el: number, public ec: number) {}
  isEqual(o: Range) { return o.sl === this.sl && o.sc === this.sc && o.el === this.el && o.ec === this.ec; }
}
/* eslint-disable @typescript-eslint/no-explicit-any */
const vscodeStub: any = {
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  CodeActionKind: { QuickFix: 'quickfix' },
  ProgressLocation: { Notification: 15 },
  Range,
  Diagnostic: class { source?: string; code?: string; relatedInformation?: unknown[]; constructor(public range: Range, public message: string, public severity: number) {} },
  DiagnosticRelatedInformation: class { constructor(public location: unknown, public message: string) {} },
  Location: class { constructor(public uri: unknown, public range: Range) {} },
  CodeAction: class { diagnostics?: unknown[]; isPreferred?: boolean; edit?: unknown; constructor(public title: string, public kind: string) {} },
  WorkspaceEdit: class { edits: unknown[] = []; replace(uri: unknown, range: Range, text: string) { this.edits.push({ uri, range, text }); } },
  EventEmitter: class { event = () => ({ dispose() {} }); fire() {} },
  Uri: { file: (f: string) => ({ fsPath: f, scheme: 'file', toString: () => `file://${f}` }), from: (c: { scheme: string; path: string }) => ({ ...c, toString: () => `${c.scheme}:${c.path}` }) },
  workspace: { isTrusted: true, textDocuments: [], workspaceFolders: undefined, getConfiguration: () => ({ inspect: () => inspected, get: () => undefined }), registerTextDocumentContentProvider: () => ({ dispose() {} }) },
  languages: { createDiagnosticCollection: () => ({ dispose() {}, clear() {}, set() {} }), registerCodeActionsProvider: () => ({ dispose() {} }) },
  commands: {},
  window: {},
  // English, as VS Code's l10n.t gives it without a bundle for the display language.
  env: { language: 'en' },
  l10n: { t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_x, i: string) => String(a[Number(i)])) },
};

const M = Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string; _cache: Record<string, unknown> };
const original = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  if (request === 'vscode') return 'vscode-stub';
  return original.call(this, request, ...rest);
};
M._cache['vscode-stub'] = { id: 'vscode-stub', filename: 'vscode-stub', loaded: true, exports: vscodeStub } as unknown;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const command = require('../../client/src/audit/command') as typeof import('../../client/src/audit/command');

test('endpoint overrides: machine (global) value only; workspace values are ignored', () => {
  inspected = { globalValue: { iam: 'https://iam.internal.example', logs: 'file:///etc/passwd' }, workspaceValue: { 'bedrock-agentcore-control': 'https://evil.example' }, workspaceFolderValue: { xray: 'https://evil.example' } };
  assert.deepEqual(command.machineEndpoints(), { iam: 'https://iam.internal.example' });
  inspected = { workspaceValue: { iam: 'https://evil.example' } };
  assert.equal(command.machineEndpoints(), undefined);
});

test('live findings go on the Terraform of the matched role, with related information and the Terraform quick fixes while the file is unchanged', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-cmd-'));
  const file = path.join(dir, 'main.tf');
  fs.writeFileSync(file, 'line\n'.repeat(40));
  try {
    const loc = (line: number) => ({ file, range: { start: { line, character: 0 }, end: { line, character: 10 } } });
    const doc = documentFromJson('tf', seedPolicy);
    doc.loc = loc(35);
    const trustDoc = documentFromJson('tf#trust', seedTrust);
    trustDoc.loc = loc(12);
    const tfRole: Role = { address: 'module.iam.aws_iam_role.agent_runtime', type: 'aws_iam_role', loc: loc(30), name: symStr(SEED_ROLE), components: [], policies: [{ attachment: 'inline', document: doc }], trust: { attachment: 'trust', document: trustDoc }, opaque: [], provider: {} };
    const live: Role = { ...tfRole, address: SEED_ROLE_ARN, type: 'live', loc: undefined, provider: { partition: 'aws', region: REGION, account: ACCOUNT } };
    const report = {
      model: live, runtime: { name: 'agent' },
      verdicts: [
        { requirement: 'runtime.R5', rule: 'missing-permission', verdict: 'missing', severity: 'error', actions: ['logs:DescribeLogGroups'], message: 'R5 missing', evidence: [] },
        { requirement: 'runtime.trust', rule: 'trust-condition-missing', verdict: 'missing', severity: 'warning', actions: ['sts:AssumeRole'], conditionKeys: ['aws:SourceArn'], message: 'SourceArn missing', evidence: [] },
        { requirement: 'runtime.R6', rule: 'granted', verdict: 'granted', severity: 'none', actions: [], message: 'ok', evidence: [] },
      ],
      drift: { terraformRole: tfRole.address, matchedBy: 'name', entries: [{ direction: 'live-only', effect: 'Allow', action: 's3:GetObject', resource: '*' }] },
    } as unknown as AuditReport;
    // The Terraform analysis' own R5 finding, with its fix.
    const fix = { title: 'Insert the official statement', edits: [{ file, range: { start: { line: 36, character: 0 }, end: { line: 36, character: 0 } }, newText: 'statement {}\n' }] };
    const tfR5: Finding = { rule: 'missing-permission', severity: 'error', verdict: 'missing', file, range: { start: { line: 35, character: 2 }, end: { line: 35, character: 9 } }, role: tfRole.address, requirement: 'runtime.R5', actions: ['logs:DescribeLogGroups'], message: 'tf R5', related: [], fixes: [fix] };
    published.clear();
    const collection = { clear: () => published.clear(), set: (uri: { fsPath: string }, d: unknown[]) => published.set(uri.fsPath, d) };
    const fixes = new command.LiveFixes();
    const text = fs.readFileSync(file, 'utf8');
    const n = command.publishLiveFindings(collection as never, report, { model: { roles: [tfRole], components: [], documents: [], modules: [], problems: [] }, findings: [tfR5], getText: () => text }, fixes);
    assert.equal(n, 3);
    const diags = published.get(file) as { message: string; range: Range; severity: number; source: string; relatedInformation?: { message: string }[] }[];
    const r5 = diags.find((d) => /R5/.test(d.message))!;
    assert.deepEqual([r5.range.sl, r5.range.sc, r5.range.ec], [35, 2, 9], 'at the Terraform finding');
    assert.equal(r5.severity, 0);
    assert.equal(r5.source, 'agentcore-iam live');
    assert.match(r5.relatedInformation![0].message, /deployed as arn:aws:iam::/);
    assert.equal(diags.find((d) => /SourceArn/.test(d.message))!.range.sl, 12);
    assert.match(diags.find((d) => /s3:GetObject/.test(d.message))!.message, /does not define/);

    const document = { uri: { fsPath: file } };
    const actions = () => fixes.provideCodeActions(document as never, undefined as never, { diagnostics: diags } as never);
    const offered = actions() as unknown as { title: string; edit: { edits: unknown[] } }[];
    assert.deepEqual(offered.map((a) => a.title), ['Insert the official statement (live finding)'], 'only R5 has a Terraform fix');
    assert.equal(offered[0].edit.edits.length, 1);
    fs.appendFileSync(file, 'edited\n');
    assert.deepEqual(actions(), [], 'not offered once the file changed since the audit');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the command refuses in an untrusted workspace: no picker, no AWS call', async () => {
  const handlers = new Map<string, (...a: unknown[]) => unknown>();
  const errors: string[] = [];
  let picked = 0;
  vscodeStub.commands.registerCommand = (id: string, h: (...a: unknown[]) => unknown) => { handlers.set(id, h); return { dispose() {} }; };
  vscodeStub.window.showErrorMessage = (m: string) => { errors.push(m); return Promise.resolve(undefined); };
  vscodeStub.window.showQuickPick = () => { picked++; return Promise.resolve(undefined); };
  vscodeStub.window.withProgress = () => { throw new Error('must not run'); };
  const subscriptions: unknown[] = [];
  command.registerAuditCommand({ subscriptions, globalState: { get: () => undefined, update: async () => {} } } as never, undefined as never);
  const run = handlers.get(command.AUDIT_COMMAND)!;
  vscodeStub.workspace.isTrusted = false;
  assert.equal(await run(), undefined);
  assert.equal(await run({ runtimeArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/x-1', region: 'us-east-1' }), undefined);
  assert.equal(picked, 0);
  assert.equal(errors.length, 2);
  assert.match(errors[0], /runs only in a trusted workspace/);
  // Trusted, without arguments: the profile picker comes first (and its dismissal ends the command).
  vscodeStub.workspace.isTrusted = true;
  assert.equal(await run(), undefined);
  assert.equal(picked, 1);
});

/** A scripted UI over the stub: quick picks answered by `choose`, progress with a cancellable token. */
function scriptUi(choose: (title: string, items: { label: string; description?: string; arn?: string }[]) => string | undefined) {
  const log = { picks: [] as { title: string; items: { label: string; description?: string }[] }[], errors: [] as string[], infos: [] as string[], previews: [] as unknown[], progress: [] as { cancellable: boolean; messages: string[] }[] };
  let cancelOn: RegExp | undefined;
  vscodeStub.window.showQuickPick = (items: { label: string; description?: string }[], o: { title: string }) => {
    log.picks.push({ title: o.title, items });
    const label = choose(o.title, items);
    return Promise.resolve(items.find((i) => i.label === label));
  };
  vscodeStub.window.createQuickPick = () => {
    let accept: () => void = () => {};
    const qp: any = {
      title: '', busy: false, placeholder: '', selectedItems: [] as unknown[], _items: [] as { label: string; arn?: string }[],
      show() {}, dispose() {},
      onDidAccept(cb: () => void) { accept = cb; }, onDidHide() {},
      set items(v: { label: string; arn?: string }[]) {
        qp._items = v;
        const label = choose(qp.title, v);
        const item = v.find((i) => i.label === label && i.arn);
        if (item) { log.picks.push({ title: qp.title, items: v }); qp.selectedItems = [item]; queueMicrotask(() => accept()); }
      },
      get items() { return qp._items; },
    };
    return qp;
  };
  vscodeStub.window.withProgress = async (o: { cancellable: boolean }, task: (p: unknown, t: unknown) => Promise<unknown>) => {
    const entry = { cancellable: o.cancellable, messages: [] as string[] };
    log.progress.push(entry);
    const listeners: (() => void)[] = [];
    const token = { onCancellationRequested: (cb: () => void) => { listeners.push(cb); return { dispose() {} }; } };
    const progress = { report: (p: { message: string }) => { entry.messages.push(p.message); if (cancelOn?.test(p.message)) for (const l of listeners) l(); } };
    return task(progress, token);
  };
  vscodeStub.window.showErrorMessage = (m: string) => { log.errors.push(m); return Promise.resolve(undefined); };
  vscodeStub.window.showInformationMessage = (m: string) => { log.infos.push(m); return Promise.resolve(undefined); };
  vscodeStub.commands.executeCommand = (id: string, ...a: unknown[]) => { if (id === 'markdown.showPreview') log.previews.push(a[0]); return Promise.resolve(undefined); };
  return { log, cancelWhen(re: RegExp | undefined) { cancelOn = re; } };
}

test('pickers: profile (from the AWS files), region, runtime from ListAgentRuntimes; both remembered; progress cancellable', { timeout: 30_000 }, async () => {
  const fake = await withFakeAws(seedState());
  delete process.env.AWS_ENDPOINT_URL; // only the machine-scoped setting may route the requests
  fs.writeFileSync(process.env.AWS_CONFIG_FILE!, '[profile dev]\nregion = eu-west-1\n');
  fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, `[dev]\naws_access_key_id = ${FAKE_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${FAKE_CREDENTIALS.secretAccessKey}\n`);
  const settings: Record<string, unknown> = { endpoints: { globalValue: { 'bedrock-agentcore-control': fake.url, iam: fake.url, logs: fake.url, xray: fake.url } }, simulate: { workspaceValue: true } };
  // Settings: profile and region are remembered in the user (global) settings.
  const GLOBAL = 1;
  vscodeStub.workspace.getConfiguration = () => ({ inspect: (k: string) => settings[k], get: () => undefined, update: async (k: string, v: unknown, target: number) => { assert.equal(target, GLOBAL, 'user settings only'); settings[k] = { globalValue: v }; } });
  vscodeStub.workspace.isTrusted = true;
  const handlers = new Map<string, (...a: unknown[]) => unknown>();
  vscodeStub.commands.registerCommand = (id: string, h: (...a: unknown[]) => unknown) => { handlers.set(id, h); return { dispose() {} }; };
  const state = new Map<string, unknown>();
  try {
    const ui = scriptUi((title, items) => (/profile/.test(title) ? 'dev' : /region/.test(title) ? REGION : items.find((i) => i.arn === SEED_ARN)?.label));
    command.registerAuditCommand({ subscriptions: [], globalState: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => { state.set(k, v); } } } as never, undefined as never);
    const run = handlers.get(command.AUDIT_COMMAND)!;
    const first = await run() as { report: AuditReport; reportUri: string } | undefined;
    assert.ok(first, `a result (errors: ${ui.log.errors.join('; ')})`);
    assert.equal(first.report.runtime?.arn, SEED_ARN);
    const [profilePick, regionPick, runtimePick] = ui.log.picks;
    assert.deepEqual(profilePick.items.map((i) => i.label), ['$(key) Default credential chain', 'dev']);
    assert.equal(profilePick.items[1].description, 'keys · eu-west-1');
    assert.deepEqual(regionPick.items.slice(0, 2).map((i) => [i.label, i.description]), [['eu-west-1', 'profile region'], ['us-east-1', undefined]]);
    assert.match(runtimePick.title, /runtime in us-east-1/);
    assert.equal(ui.log.progress[0].cancellable, true);
    assert.ok(ui.log.progress[0].messages.includes('Judging the role'));
    assert.equal(ui.log.previews.length, 1, 'the report shown');
    assert.equal(ui.log.infos[0], `AgentCore audit: ${first.report.verdicts.filter((v) => v.verdict === 'missing').length} missing requirement(s).`);
    // Requests: to the machine endpoint, signed with the picked profile's key, in the picked region; simulate ignored (workspace value).
    assert.ok(fake.calls.some((c) => c.op === 'ListAgentRuntimes'));
    for (const c of fake.calls) assert.match(c.authorization, new RegExp(`Credential=${FAKE_CREDENTIALS.accessKeyId}/\\d{8}/${REGION}/`));
    assert.ok(!fake.calls.some((c) => c.op === 'SimulatePrincipalPolicy'));

    assert.deepEqual([settings.profile, settings.region], [{ globalValue: 'dev' }, { globalValue: REGION }], 'remembered in the user settings');
    state.clear(); // the second run reads them from the settings

    // Second run: last profile and region come first; cancelled from the progress notification.
    ui.log.picks.length = 0;
    ui.cancelWhen(/Reading the role/);
    const calls = fake.calls.length;
    const second = await run();
    assert.equal(second, undefined, 'cancelled: no result');
    assert.deepEqual([ui.log.picks[0].items[0].label, ui.log.picks[0].items[0].description], ['dev', 'keys · eu-west-1 (last used)']);
    assert.deepEqual([ui.log.picks[1].items[0].label, ui.log.picks[1].items[0].description], [REGION, 'last used']);
    assert.equal(ui.log.errors.length, 0, 'cancellation is not an error');
    assert.equal(ui.log.infos.length, 1, 'no second report');
    assert.deepEqual(fake.calls.slice(calls).map((c) => c.op), ['ListAgentRuntimes', 'GetAgentRuntime'], 'nothing read after the cancellation');
  } finally {
    await fake.restore();
  }
});
