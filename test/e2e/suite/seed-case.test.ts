/**
 * The seed case in a real VS Code: findings with their places (EXPECTED.md), a quick fix applied,
 * findings following a module output, a syntax error mid-edit not taking the server down.
 * Workspace: a fresh copy of examples/seed-case (the acceptance seed case).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, blockLines, codeOf, dataOf, lineOf, ours, uriOf, waitFor } from './helpers';

const MAIN = 'modules/iam/main.tf';
const OUTPUTS = 'modules/iam/outputs.tf';

function byRequirement(diags: vscode.Diagnostic[], id: string): vscode.Diagnostic | undefined {
  return diags.find((d) => dataOf(d)?.requirement === id);
}

async function seedFindings(): Promise<vscode.Diagnostic[]> {
  return waitFor('seed findings (R5, R7, trust SourceArn)', () => {
    const d = ours(uriOf(MAIN));
    return byRequirement(d, 'runtime.R5') && byRequirement(d, 'runtime.R7') && d.some((x) => codeOf(x) === 'trust-condition-missing') ? d : undefined;
  });
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('seed case', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
  });

  it('reports each expected finding at its place', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    const diags = await seedFindings();

    const r5 = byRequirement(diags, 'runtime.R5')!;
    assert.equal(codeOf(r5), 'missing-permission');
    assert.equal(r5.severity, vscode.DiagnosticSeverity.Error);
    const policyDoc = blockLines(doc, lineOf(doc, /^data "aws_iam_policy_document" "agent_runtime" \{/));
    assert.ok(r5.range.start.line >= policyDoc[0] && r5.range.end.line <= policyDoc[1], `R5 points into the policy document (${r5.range.start.line})`);
    assert.ok(dataOf(r5)!.actions.includes('logs:DescribeLogGroups'));

    const r7 = byRequirement(diags, 'runtime.R7')!;
    assert.equal(r7.severity, vscode.DiagnosticSeverity.Error);
    const xray = blockLines(doc, lineOf(doc, /sid\s*=\s*"XRayAccess"/) - 1);
    assert.ok(r7.range.start.line >= xray[0] && r7.range.end.line <= xray[1], `R7 points at XRayAccess (${r7.range.start.line} in ${xray})`);
    assert.deepEqual([...dataOf(r7)!.actions].sort(), ['xray:GetSamplingRules', 'xray:GetSamplingTargets']);

    // R6 is granted by log-group:/aws/bedrock-agentcore/* (IAM's * spans ':' and '/'): no finding.
    assert.equal(byRequirement(diags, 'runtime.R6'), undefined, 'R6 is granted');
    for (const id of ['runtime.R1', 'runtime.R2', 'runtime.R3', 'runtime.R8']) assert.equal(byRequirement(diags, id), undefined, `${id} is granted`);

    const r9 = byRequirement(diags, 'runtime.R9');
    assert.ok(r9, 'R9 reported as information');
    assert.ok(r9.severity >= vscode.DiagnosticSeverity.Information, 'R9 is never an error');

    const r4 = byRequirement(diags, 'runtime.R4');
    if (r4) assert.ok(r4.severity >= vscode.DiagnosticSeverity.Information, 'R4 at most information');

    const trust = diags.find((d) => codeOf(d) === 'trust-condition-missing')!;
    assert.deepEqual(dataOf(trust)!.conditionKeys, ['aws:SourceArn']);
    const trustDoc = blockLines(doc, lineOf(doc, /^data "aws_iam_policy_document" "agent_runtime_assume_role"/));
    assert.ok(trust.range.start.line >= trustDoc[0] && trust.range.end.line <= trustDoc[1], 'trust finding points into the trust document');

    for (const d of diags) {
      assert.equal(typeof d.code === 'object' ? typeof d.code.target : 'string', typeof d.code === 'object' ? 'object' : 'string');
      assert.ok(Array.isArray(dataOf(d)?.actions), 'data is the quick-fix contract');
    }
  });

  it('applies the R7 quick fix and the finding goes away', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    await vscode.window.showTextDocument(doc);
    try {
      const r7 = byRequirement(await seedFindings(), 'runtime.R7')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, r7.range, vscode.CodeActionKind.QuickFix.value);
      // executeCodeActionProvider hands back actions without their diagnostics: the preferred fix
      // at R7's range is the one that names R7's actions.
      const fix = actions.find((a) => a.isPreferred && a.kind?.value === 'quickfix' && /GetSamplingRules/.test(a.title));
      assert.ok(fix?.edit, `a preferred quick fix for R7 (got ${actions.map((a) => `${a.title}${a.isPreferred ? ' [preferred]' : ''}`).join('; ')})`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const xray = blockLines(doc, lineOf(doc, /sid\s*=\s*"XRayAccess"/) - 1);
      const text = doc.getText(new vscode.Range(xray[0], 0, xray[1] + 1, 0));
      assert.match(text, /xray:GetSamplingRules/);
      assert.match(text, /xray:GetSamplingTargets/);
      await waitFor('R7 gone after the fix', () => !byRequirement(ours(doc.uri), 'runtime.R7') && byRequirement(ours(doc.uri), 'runtime.R5'));
    } finally {
      await revert(doc);
    }
    await seedFindings();
  });

  it('ignores R7 with a reason: the suppression is written above the block, and R7 goes once the reason is typed', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    const editor = await vscode.window.showTextDocument(doc);
    try {
      const r7 = byRequirement(await seedFindings(), 'runtime.R7')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, r7.range, vscode.CodeActionKind.QuickFix.value);
      const ignore = actions.find((a) => a.title.startsWith('Ignore runtime.R7'));
      assert.ok(ignore?.edit && !ignore.isPreferred, `an "Ignore runtime.R7" action, not preferred (got ${actions.map((a) => a.title).join('; ')})`);
      assert.ok(await vscode.workspace.applyEdit(ignore.edit));
      const line = lineOf(doc, /agentcore-iam:ignore runtime\.R7 -- $/);
      assert.match(doc.lineAt(line + 1).text, /^data "aws_iam_policy_document" "agent_runtime" \{/);
      await waitFor('no reason yet: R7 still reported, and the suppression too', () => byRequirement(ours(doc.uri), 'runtime.R7') && ours(doc.uri).some((d) => codeOf(d) === 'suppression-invalid'));
      // The reason typed at the end of the comment, as a person would.
      editor.selection = new vscode.Selection(line, doc.lineAt(line).text.length, line, doc.lineAt(line).text.length);
      await vscode.commands.executeCommand('type', { text: 'sampling is managed centrally' });
      await waitFor('R7 suppressed, the suppression valid', () => !byRequirement(ours(doc.uri), 'runtime.R7') && !ours(doc.uri).some((d) => codeOf(d).startsWith('suppression')) && byRequirement(ours(doc.uri), 'runtime.R5'));
    } finally {
      await revert(doc);
    }
    await seedFindings();
  });

  it('fix-all of the file clears the fixable findings', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    await vscode.window.showTextDocument(doc);
    try {
      await seedFindings();
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.agentcore-iam');
      const all = actions.find((a) => a.kind?.value === 'source.fixAll.agentcore-iam');
      assert.ok(all?.edit, 'a source.fixAll.agentcore-iam action');
      assert.ok(await vscode.workspace.applyEdit(all.edit));
      await waitFor('R5, R7 and the trust condition fixed', () => {
        const d = ours(doc.uri);
        return !byRequirement(d, 'runtime.R5') && !byRequirement(d, 'runtime.R7') && !d.some((x) => codeOf(x) === 'trust-condition-missing');
      });
      assert.ok(!ours(doc.uri).some((d) => codeOf(d) === 'syntax-error'), 'the fixed file still parses');
    } finally {
      await revert(doc);
    }
    await seedFindings();
  });

  it('findings follow the module output', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(OUTPUTS));
    await seedFindings();
    try {
      const edit = new vscode.WorkspaceEdit();
      const line = lineOf(doc, /value\s*=\s*aws_iam_role\.agent_runtime\.arn/);
      edit.replace(doc.uri, doc.lineAt(line).range, '  value = "arn:aws:iam::123456789012:role/elsewhere"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // The role is no longer the runtime's: its runtime findings disappear.
      await waitFor('runtime findings gone from the role', () => !byRequirement(ours(uriOf(MAIN)), 'runtime.R7') && !byRequirement(ours(uriOf(MAIN)), 'runtime.R5'));
    } finally {
      await revert(doc);
    }
    await seedFindings();
  });

  it('a syntax error mid-edit keeps the server alive and other files intact', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf('modules/iam/variables.tf'));
    await seedFindings();
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '\nvariable "broken" {\n  type = \n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('a syntax problem on main.tf', () => ours(doc.uri).some((d) => codeOf(d) === 'syntax-error'));
      // The other file's findings are still there.
      assert.ok(byRequirement(ours(uriOf(MAIN)), 'runtime.R5') && byRequirement(ours(uriOf(MAIN)), 'runtime.R7'), 'main.tf findings intact');
      // The server still answers.
      const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uriOf(MAIN), new vscode.Position(0, 0));
      assert.ok(Array.isArray(hover));
    } finally {
      await revert(doc);
    }
    await waitFor('syntax problem cleared', () => !ours(doc.uri).some((d) => codeOf(d) === 'syntax-error'));
    await seedFindings();
  });
});
