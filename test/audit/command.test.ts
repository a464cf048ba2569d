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
import { ACCOUNT, REGION, SEED_ROLE, SEED_ROLE_ARN, seedPolicy, seedTrust } from './fake-aws/scenarios';

let inspected: Record<string, unknown> = {};
const published = new Map<string, unknown[]>();

class Range {
  constructor(public sl: number, public sc: number, public el: number, public ec: number) {}
  isEqual(o: Range) { return o.sl === this.sl && o.sc === this.sc && o.el === this.el && o.ec === this.ec; }
}
/* eslint-disable @typescript-eslint/no-explicit-any */
const vscodeStub: any = {
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
  languages: { createDiagnosticCollection: () => ({ dispose() {} }), registerCodeActionsProvider: () => ({ dispose() {} }) },
  commands: {},
  window: {},
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
