/**
 * A diagnostic does not name again the role and the component that its related information lists
 * under it (VS Code shows them as links under the problem and in the hover): every keystroke sends
 * the file's diagnostics, and that sentence was a tenth of them. The CLI and a client without
 * related information get the whole message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { runPipeline } from '../../helpers/fixture';
import { recordingConnection } from '../../helpers/connection';
import { DiagnosticPublisher, diagnosticSupport, findingToDiagnostic } from '../../../server/src/lsp/handlers/diagnostics';
import { codeActions } from '../../../server/src/lsp/handlers/codeActions';
import type { Project } from '../../../server/src/lsp/project';

const root = path.resolve(__dirname, '../../..');
const seed = path.join(root, 'examples/seed-case');
const ROLE = 'module.iam.aws_iam_role.agent_runtime';

test('the message leaves out the role and component sentence that the related locations show', async () => {
  const { findings } = await runPipeline(seed);
  const r5 = findings.find((f) => f.requirement === 'runtime.R5')!;
  assert.ok(r5.message.endsWith(`(AWS: runtime-permissions). Role ${ROLE} (runtime execution role of aws_bedrockagentcore_agent_runtime.my_agent).`), r5.message);
  const d = findingToDiagnostic(r5);
  assert.equal(d.message, r5.message.slice(0, r5.message.indexOf(` Role ${ROLE}`)));
  assert.ok(String(d.message).endsWith('(AWS: runtime-permissions).'));
  assert.deepEqual(d.relatedInformation?.map((r) => r.message), [`role ${ROLE}`, 'aws_bedrockagentcore_agent_runtime.my_agent names this role in role_arn']);
  // Every finding of the seed case names its role in related information, so none repeats it.
  for (const f of findings) assert.ok(!String(findingToDiagnostic(f).message).includes(`Role ${ROLE} (`), f.message);
});

test('a client that is not sent related information gets the whole message', async () => {
  const { findings } = await runPipeline(seed);
  const r5 = findings.find((f) => f.requirement === 'runtime.R5')!;
  const { connection, sent } = recordingConnection();
  const publisher = new DiagnosticPublisher(connection);
  // As a client that reads data and tags but neither related information nor links.
  publisher.setSupport(diagnosticSupport({ dataSupport: true, tagSupport: { valueSet: [1, 2] } }));
  publisher.publish(new Map([[r5.file, [findingToDiagnostic(r5)]]]), () => true);
  const [d] = sent[0].diagnostics;
  assert.equal(d.relatedInformation, undefined);
  assert.equal(d.message, r5.message);
  // The diagnostic of every other client is unchanged by it.
  assert.notEqual(findingToDiagnostic(r5).message, r5.message);
});

test('a message that names the role with the AWS managed policies it read is sent whole', async () => {
  const { findings } = await runPipeline(path.join(root, 'test/fixtures/aws-managed-content'));
  const named = findings.filter((f) => f.related.length && f.message.includes('as bundled ('));
  assert.ok(named.length, 'the fixture has findings on roles with AWS managed policies');
  for (const f of named) assert.equal(findingToDiagnostic(f).message, f.message);
});

test('a diagnostic sent back without data by a client finds its quick fixes by the message it was sent', async () => {
  const { findings } = await runPipeline(seed);
  const r7 = findings.find((f) => f.requirement === 'runtime.R7')!;
  r7.fixes = [{ title: 'Add the statement', preferred: true, edits: [{ file: r7.file, range: r7.range, newText: 'X' }] }];
  const d: Diagnostic = { ...findingToDiagnostic(r7) };
  delete d.data;
  const project = { findingsIn: () => findings, isCurrent: () => true, textOf: () => undefined, settingsFor: () => ({ locale: 'en', fixAll: { includeInformation: false } }) } as unknown as Project;
  const actions = codeActions({ textDocument: { uri: `file://${r7.file}` }, range: r7.range, context: { diagnostics: [d], only: ['quickfix'] } }, project);
  assert.deepEqual(actions.map((a) => a.title), ['Add the statement']);
});
