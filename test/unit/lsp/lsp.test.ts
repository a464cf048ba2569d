/** The language server's handlers against a fake connection and a fake core (no VS Code). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding } from '../../../server/src/core/model';
import type { AnalysisSettings } from '../../../server/src/core/settings';
import { fakeIndex } from '../../helpers/fake-index';
import { recordingConnection } from '../../helpers/connection';
import { Project, type ProjectDeps } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { codeActions, FIX_ALL_KIND } from '../../../server/src/lsp/handlers/codeActions';
import { findingToDiagnostic, fileToUri, type DiagnosticData } from '../../../server/src/lsp/handlers/diagnostics';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { quotedAt } from '../../../server/src/lsp/handlers/hover';

const ROOT = '/ws';
const A = '/ws/a.tf';
const B = '/ws/b.tf';
const r = (l: number, c1: number, c2: number) => ({ start: { line: l, character: c1 }, end: { line: l, character: c2 } });

function finding(file: string, rule: string, over: Partial<Finding> = {}): Finding {
  return {
    rule, severity: 'error', verdict: 'missing', file, range: r(0, 0, 3), role: 'aws_iam_role.x', roleKind: 'runtime',
    requirement: 'runtime.R7', actions: ['xray:GetSamplingRules'], message: `${rule} in ${file}`, docs: 'https://docs.aws.amazon.com/x',
    related: [{ loc: { file: B, range: r(1, 0, 1) }, message: 'runtime' }],
    fixes: [{ title: 'Add xray:GetSamplingRules', preferred: true, edits: [{ file, range: r(0, 0, 0), newText: 'X' }] }],
    ...over,
  };
}

function fakeConnection() {
  const { connection, sent: diagnostics, statuses, errors } = recordingConnection();
  return { connection, diagnostics, statuses, errors, last: (file: string) => [...diagnostics].reverse().find((d) => d.uri === fileToUri(file)) };
}

/** A core whose analysis reports one finding per file containing `BAD`, and throws on `CRASH`. */
function fakeCore(): ProjectDeps & { texts: Map<string, string>; findings: () => Finding[] } {
  const texts = new Map<string, string>([[A, 'BAD'], [B, 'ok']]);
  const core = {
    texts,
    findings: (): Finding[] => {
      if ([...texts.values()].some((t) => t.includes('CRASH'))) throw new Error('boom');
      return [...texts].filter(([, t]) => t.includes('BAD')).map(([f]) => finding(f, 'missing-permission'));
    },
    createIndex: async (_root: string, settings: AnalysisSettings) => fakeIndex({
      texts,
      findings: () => core.findings(),
      problems: () => [...texts].filter(([, t]) => t.includes('{{')).map(([file]) => ({ rule: 'syntax-error', severity: 'error' as const, file, range: r(0, 0, 1), message: 'syntax error' })),
    }, settings),
  };
  return core;
}

test('a finding becomes a diagnostic with the quick-fix contract in data', () => {
  const d = findingToDiagnostic(finding(A, 'missing-permission', { conditionKeys: ['aws:SourceArn'] }));
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(d.code, 'missing-permission');
  assert.equal(d.source, 'agentcore-iam');
  assert.deepEqual(d.codeDescription, { href: 'https://docs.aws.amazon.com/x' });
  assert.equal(d.relatedInformation?.[0].location.uri, 'file:///ws/b.tf');
  const data = d.data as DiagnosticData;
  // Nothing that repeats another field: the rule is the diagnostic's code.
  assert.deepEqual(Object.keys(data).sort(), ['actions', 'conditionKeys', 'fixes', 'requirement']);
  assert.equal(data.fixes?.[0].edits[0].newText, 'X');
  assert.equal(findingToDiagnostic(finding(A, 'legacy-permission', { severity: 'information' })).severity, DiagnosticSeverity.Information);
});

test('diagnostics are published per file and never left stale; a failing analysis clears them', async () => {
  const fc = fakeConnection();
  const core = fakeCore();
  const status = new Status(fc.connection);
  const project = new Project(fc.connection, status, toAnalysisSettings({}), 5, core);
  const folder = project.addFolder(ROOT);
  await folder.ready;
  project.scheduleAll();
  await new Promise((res) => setImmediate(res));
  await project.idle();
  assert.equal(fc.last(A)?.diagnostics.length, 1);
  assert.equal(fc.last(B), undefined, 'nothing published for a file that never had findings');
  assert.equal(fc.statuses.at(-1)?.state, 'ready');

  await project.setText(A, 'fine', true);
  await project.idle();
  assert.deepEqual(fc.last(A)?.diagnostics, [], 'an empty list replaces the old findings');

  await project.setText(B, 'BAD {{', true);
  await project.idle();
  assert.deepEqual(fc.last(B)?.diagnostics.map((d) => d.code).sort(), ['missing-permission', 'syntax-error']);

  await project.setText(A, 'CRASH', true);
  await project.idle();
  assert.deepEqual(fc.last(B)?.diagnostics.map((d) => d.code), ['syntax-error'], 'a failed analysis leaves no stale findings, file problems stay');
  assert.deepEqual(fc.last(A)?.diagnostics, []);
  assert.equal(fc.statuses.at(-1)?.state, 'error');
  assert.ok(fc.errors.some((e) => e.includes('boom')));

  await project.setText(A, 'BAD', true);
  await project.idle();
  assert.equal(fc.last(A)?.diagnostics.length, 1, 'recovers after the failure');
  assert.equal(fc.statuses.at(-1)?.state, 'ready');
});

test('quick fixes come from data.fixes only; fix-all merges the file', async () => {
  const fc = fakeConnection();
  const core = fakeCore();
  core.findings = () => ([
      finding(A, 'missing-permission'),
      finding(A, 'trust-condition-missing', { requirement: 'runtime.trust', fixes: [{ title: 'Add condition', preferred: true, edits: [{ file: A, range: r(2, 0, 0), newText: 'Y' }] }] }),
    ]);
  const project = new Project(fc.connection, new Status(fc.connection), toAnalysisSettings({}), 1, core);
  await project.addFolder(ROOT).ready;
  project.scheduleAll();
  await new Promise((res) => setImmediate(res));
  await project.idle();
  const diags = fc.last(A)!.diagnostics;
  // The message is irrelevant: change it and the fix stays the same.
  const tampered = { ...diags[0], message: 'something else entirely' };
  const actions = codeActions({ textDocument: { uri: fileToUri(A) }, range: tampered.range, context: { diagnostics: [tampered] } }, project);
  const quick = actions.find((a) => a.isPreferred);
  assert.equal(quick?.kind, CodeActionKind.QuickFix);
  assert.deepEqual(quick?.edit?.changes?.[fileToUri(A)], [{ range: r(0, 0, 0), newText: 'X' }]);
  const all = actions.find((a) => a.title.startsWith('Fix all AgentCore IAM findings in this file'));
  assert.equal(all?.edit?.changes?.[fileToUri(A)]?.length, 2);

  const source = codeActions({ textDocument: { uri: fileToUri(A) }, range: r(0, 0, 0), context: { diagnostics: [], only: [CodeActionKind.SourceFixAll] } }, project);
  assert.deepEqual(source.map((a) => a.kind), [FIX_ALL_KIND]);
  assert.equal(source[0].edit?.changes?.[fileToUri(A)]?.length, 2);

  const foreign = codeActions({ textDocument: { uri: fileToUri(A) }, range: r(0, 0, 0), context: { diagnostics: [{ ...tampered, source: 'other' }], only: [CodeActionKind.QuickFix] } }, project);
  assert.ok(!foreign.some((a) => a.isPreferred), 'no fix for another source\'s diagnostic');
});

test('settings map onto AnalysisSettings', () => {
  const s = toAnalysisSettings({ rules: { 'legacy-permission': 'off', 'missing-permission': 'warning', bogus: 'loud' }, optionalRequirements: ['runtime.R10'], defaults: { region: ' eu-west-1 ', account: '' }, exclude: ['tmp/**'], maxFileBytes: 10 });
  assert.deepEqual(s.rules, { 'legacy-permission': 'off', 'missing-permission': 'warning' });
  assert.deepEqual(s.defaults, { region: 'eu-west-1' });
  assert.ok(s.exclude.includes('tmp/**') && s.exclude.includes('**/.terraform/**'));
  assert.equal(s.maxFileBytes, 10);
  assert.deepEqual(s.optionalRequirements, ['runtime.R10']);
  assert.equal(toAnalysisSettings(undefined).maxFileBytes, 2 * 1024 * 1024);
});

test('the quoted string under the cursor', () => {
  const text = 'x\n    actions = ["xray:PutTraceSegments", "logs:Put*"]\n';
  assert.deepEqual(quotedAt(text, { line: 1, character: 20 })?.value, 'xray:PutTraceSegments');
  assert.deepEqual(quotedAt(text, { line: 1, character: 45 })?.value, 'logs:Put*');
  assert.equal(quotedAt(text, { line: 0, character: 0 }), undefined);
});

test('settings are resource-scoped: each folder is analysed with its own', async () => {
  const fc = fakeConnection();
  const seen = new Map<string, string[]>();
  const core = fakeCore();
  core.createIndex = async (root, settings) => fakeIndex({
    texts: new Map(),
    files: () => [`${root}/x.tf`],
    findings: (now) => {
      seen.set(root, now.optionalRequirements);
      return [];
    },
  }, settings);
  const project = new Project(fc.connection, new Status(fc.connection), toAnalysisSettings({ optionalRequirements: ['global'] }), 1, core);
  project.addFolderSettings('/one', toAnalysisSettings({ optionalRequirements: ['runtime.R10'] }));
  await Promise.all([project.addFolder('/one').ready, project.addFolder('/two').ready]);
  project.scheduleAll();
  await new Promise((res) => setImmediate(res));
  await project.idle();
  assert.deepEqual(seen.get('/one'), ['runtime.R10']);
  assert.deepEqual(seen.get('/two'), ['global']);
  project.updateSettings(toAnalysisSettings({ optionalRequirements: ['changed'] }), '/two');
  await new Promise((res) => setImmediate(res));
  await project.idle();
  assert.deepEqual(seen.get('/two'), ['changed']);
  assert.deepEqual(seen.get('/one'), ['runtime.R10']);
});
