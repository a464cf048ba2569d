/**
 * The VS Code command's pure parts with a minimal `vscode` stand-in: endpoint overrides come only
 * from machine (global) settings, never the workspace; live findings land on the Terraform role.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import type { AuditReport } from '../../server/src/audit/types';
import { documentFromJson, symStr } from '../../server/src/audit/live-model';
import type { Role } from '../../server/src/core/model';
import { ACCOUNT, REGION, SEED_ROLE, SEED_ROLE_ARN, seedPolicy, seedTrust } from './fake-aws/scenarios';

let inspected: Record<string, unknown> = {};
const published = new Map<string, unknown[]>();

class Range { constructor(public sl: number, public sc: number, public el: number, public ec: number) {} }
const vscodeStub = {
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  Range,
  Diagnostic: class { source?: string; code?: string; relatedInformation?: unknown[]; constructor(public range: Range, public message: string, public severity: number) {} },
  DiagnosticRelatedInformation: class { constructor(public location: unknown, public message: string) {} },
  Location: class { constructor(public uri: unknown, public range: Range) {} },
  Uri: { file: (f: string) => ({ fsPath: f, toString: () => `file://${f}` }) },
  workspace: { getConfiguration: () => ({ inspect: () => inspected, get: () => undefined }) },
  languages: { createDiagnosticCollection: () => ({}) },
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

test('live findings go on the Terraform policy document of the matched role, with related information', () => {
  const file = '/ws/modules/iam/main.tf';
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
      { requirement: 'runtime.trust', rule: 'trust-condition', verdict: 'missing', severity: 'warning', actions: ['sts:AssumeRole'], conditionKeys: ['aws:SourceArn'], message: 'SourceArn missing', evidence: [] },
      { requirement: 'runtime.R6', rule: 'granted', verdict: 'granted', severity: 'none', actions: [], message: 'ok', evidence: [] },
    ],
    drift: { terraformRole: tfRole.address, matchedBy: 'name', entries: [{ direction: 'terraform-only', effect: 'Allow', action: 'xray:getsamplingrules', resource: '*' }] },
  } as unknown as AuditReport;
  published.clear();
  const collection = { clear: () => published.clear(), set: (uri: { fsPath: string }, d: unknown[]) => published.set(uri.fsPath, d) };
  const n = command.publishLiveFindings(collection as never, report, { roles: [tfRole], components: [], documents: [], modules: [], problems: [] });
  assert.equal(n, 3);
  const diags = published.get(file) as { message: string; range: Range; severity: number; relatedInformation?: { message: string }[] }[];
  const r5 = diags.find((d) => /R5/.test(d.message))!;
  assert.equal(r5.range.sl, 35);
  assert.equal(r5.severity, 0);
  assert.match(r5.relatedInformation![0].message, /deployed as arn:aws:iam::/);
  assert.equal(diags.find((d) => /SourceArn/.test(d.message))!.range.sl, 12);
  assert.match(diags.find((d) => /not applied yet/.test(d.message))!.message, /xray:getsamplingrules/);
});
