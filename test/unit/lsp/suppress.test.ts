/**
 * Suppressing a finding from the editor: "Ignore runtime.R7 in this block" writes the comment above
 * the block, the finding stays until a reason is written after `--`, and goes as the reason is typed.
 * Real index and analysis on a copy of the seed case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { codeActions } from '../../../server/src/lsp/handlers/codeActions';
import { fileToUri } from '../../../server/src/lsp/handlers/diagnostics';
import { recordingConnection } from '../../helpers/connection';
import { seedInfra } from '../../helpers/cli';

const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<Record<string, unknown>> };
const requirement = (d: Diagnostic) => (d.data as { requirement?: string } | undefined)?.requirement;

test('"Ignore runtime.R7 in this block" writes the suppression above the block; R7 goes once its reason is written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-suppress-'));
  fs.cpSync(seedInfra, dir, { recursive: true });
  try {
    const file = path.join(dir, 'modules', 'iam', 'main.tf');
    const uri = fileToUri(file);
    const { connection, sent } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    await project.addFolder(dir).ready;
    const before = fs.readFileSync(file, 'utf8');
    await project.setText(file, before, true, 1);
    await project.idle();
    const shown = () => sent.filter((p) => p.uri === uri).at(-1)!;
    const r7 = shown().diagnostics.find((d) => requirement(d) === 'runtime.R7')!;
    assert.ok(r7, 'the seed case lacks the X-Ray sampling actions');

    const ignore = codeActions({ textDocument: { uri }, range: r7.range, context: { diagnostics: [r7] } }, project).find((a) => a.title.startsWith('Ignore runtime.R7'));
    assert.ok(ignore, 'offered next to the fixes');
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'terraform', 1, before), ignore.edit!.changes![uri] as TextEdit[]);
    assert.equal(after, before.replace('data "aws_iam_policy_document" "agent_runtime" {\n', '# agentcore-iam:ignore runtime.R7 -- \ndata "aws_iam_policy_document" "agent_runtime" {\n'));
    await hcl2json.parse('main.tf', after);

    await project.setText(file, after, false, 2);
    await project.idle();
    assert.equal(shown().version, 2);
    assert.ok(shown().diagnostics.some((d) => requirement(d) === 'runtime.R7'), 'still reported without a reason');
    const invalid = shown().diagnostics.find((d) => d.code === 'suppression-invalid');
    assert.match(String(invalid?.message), /has no reason/);

    const reasoned = after.replace('runtime.R7 -- \n', 'runtime.R7 -- sampling rules are managed centrally\n');
    await project.setText(file, reasoned, false, 3);
    await project.idle();
    assert.equal(shown().version, 3);
    assert.deepEqual(shown().diagnostics.filter((d) => requirement(d) === 'runtime.R7' || String(d.code).startsWith('suppression')), [], 'R7 suppressed, and the suppression is valid and used');
    assert.ok(shown().diagnostics.some((d) => requirement(d) === 'runtime.R5'), 'the other findings stay');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
