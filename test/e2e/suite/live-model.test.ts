/**
 * The model follows the disk and the settings: a policy file created on disk is analysed, a rule
 * turned off disappears, hovers answer on IAM action strings. Workspace: a copy of examples/seed-case.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, dataOf, lineOf, ours, uriOf, waitFor } from './helpers';

const MAIN = 'modules/iam/main.tf';

async function seedReady(): Promise<void> {
  await waitFor('seed findings', () => ours(uriOf(MAIN)).some((d) => dataOf(d)?.requirement === 'runtime.R7'));
}

describe('live model', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    await vscode.workspace.openTextDocument(uriOf(MAIN));
    await seedReady();
  });

  it('a rule set to off disappears and comes back', async () => {
    const config = vscode.workspace.getConfiguration('agentcoreIam');
    await config.update('rules', { 'missing-permission': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('missing-permission gone', () => !ours(uriOf(MAIN)).some((d) => codeOf(d) === 'missing-permission'));
      assert.ok(ours(uriOf(MAIN)).some((d) => codeOf(d) === 'trust-condition-missing'), 'other rules still reported');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('missing-permission back', () => ours(uriOf(MAIN)).some((d) => codeOf(d) === 'missing-permission'));
  });

  it('a file created on disk is analysed, and forgotten when deleted', async () => {
    const file = uriOf('modules/iam/extra.tf');
    const text = 'resource "aws_iam_role_policy" "extra" {\n  role   = aws_iam_role.agent_runtime.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["xray:GetSamplingRules", "xray:GetSamplingTargets"], Resource = "*" }] })\n}\n';
    await vscode.workspace.fs.writeFile(file, Buffer.from(text));
    try {
      // The extra policy grants R7: its finding goes away without the file ever being opened.
      await waitFor('R7 granted by the new file', () => !ours(uriOf(MAIN)).some((d) => dataOf(d)?.requirement === 'runtime.R7'));
    } finally {
      await vscode.workspace.fs.delete(file);
    }
    await seedReady();
  });

  it('a JSON policy file read by file() is followed when it changes on disk', async () => {
    const tf = uriOf('modules/iam/xray.tf');
    const json = uriOf('modules/iam/xray.json');
    const grant = (actions: string[]) => Buffer.from(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }, null, 2));
    await vscode.workspace.fs.writeFile(json, grant(['xray:GetSamplingRules', 'xray:GetSamplingTargets']));
    await vscode.workspace.fs.writeFile(tf, Buffer.from('resource "aws_iam_role_policy" "xray" {\n  role   = aws_iam_role.agent_runtime.id\n  policy = file("${path.module}/xray.json")\n}\n'));
    try {
      await waitFor('R7 granted through the JSON file', () => !ours(uriOf(MAIN)).some((d) => dataOf(d)?.requirement === 'runtime.R7'));
      // The JSON file alone changes on disk (never opened): R7 is missing again.
      await vscode.workspace.fs.writeFile(json, grant(['xray:GetSamplingRules']));
      const r7 = await waitFor('R7 back, for GetSamplingTargets only', () => ours(uriOf(MAIN)).find((d) => dataOf(d)?.requirement === 'runtime.R7'));
      assert.deepEqual(dataOf(r7)!.actions, ['xray:GetSamplingTargets']);
    } finally {
      await vscode.workspace.fs.delete(tf);
      await vscode.workspace.fs.delete(json);
    }
    await waitFor('R7 as in the seed case', () => {
      const r7 = ours(uriOf(MAIN)).find((d) => dataOf(d)?.requirement === 'runtime.R7');
      return r7 && dataOf(r7)!.actions.length === 2;
    });
  });

  it('hovers describe an IAM action in a policy', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    const line = lineOf(doc, /"xray:PutTraceSegments"/);
    const character = doc.lineAt(line).text.indexOf('xray:PutTraceSegments') + 3;
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character));
      return h.length ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /xray:PutTraceSegments/);
    assert.match(text, /Write/i, 'access level');
  });

  it('hovering the role shows every requirement with its verdict, granted ones with their statement', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    await vscode.window.showTextDocument(doc);
    const line = lineOf(doc, /^resource "aws_iam_role" "agent_runtime"/);
    const text = await waitFor('the role hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
      const t = h.flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return t.includes('runtime.R1') ? t : undefined;
    });
    assert.match(text, /\| ✓ \| runtime\.R1 [^|]*\| granted \| ECRImageAccess \(main\.tf:\d+\) \|/);
    assert.match(text, /\| ✗ \| runtime\.R7 [^|]*\| missing \|/);
  });

  it('hovers on a finding say why the statement is needed and where AWS says so', async () => {
    const r7 = ours(uriOf(MAIN)).find((d) => dataOf(d)?.requirement === 'runtime.R7')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uriOf(MAIN), r7.range.start.translate(0, 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /xray:GetSamplingRules/);
    assert.match(text, /Sources: \[runtime-permissions\]\(https:\/\/docs\.aws\.amazon\.com\/bedrock-agentcore\/[^)]*runtime-permissions\.html\)/);
  });
});
