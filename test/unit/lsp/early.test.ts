/**
 * The first index takes the parts of open documents first and publishes their diagnostics as soon
 * as each is analysed (Project.publishEarly), when the editor holds the disk's text; the analysis
 * after the index publishes every file again. Real index and analysis, on a generated 200-file
 * workspace whose last part listed holds the open document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationToken, CancellationTokenSource, type Diagnostic } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { planCold } from '../../../server/src/core/cold';
import { withDefaults } from '../../../server/src/core/settings';
import { WorkspaceIndex } from '../../../server/src/core/workspace-index';
import { recordingConnection } from '../../helpers/connection';

const repo = path.join(__dirname, '..', '..', '..');

async function generated(): Promise<{ dir: string; last: string; first: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-early-'));
  const { generate } = (await import(path.join(repo, 'bench', 'generate.mjs'))) as { generate(o: { files: number; dir: string; seed: number }): unknown };
  generate({ files: 200, dir, seed: 5 });
  const { parts } = planCold(dir, withDefaults(undefined));
  assert.ok(parts.length >= 3, `${parts.length} parts`);
  const pick = (files: string[]) => files.find((f) => f.endsWith('main.tf'))!;
  return { dir, last: pick(parts[parts.length - 1].files), first: pick(parts[0].files) };
}

test('the index analyses the parts of open files first and hands each part over as it is done', async () => {
  const { dir, last } = await generated();
  try {
    const index = await WorkspaceIndex.create({ root: dir, settings: withDefaults(undefined) });
    const order: string[][] = [];
    await index.loadFromDisk({ open: () => new Map([[last, fs.readFileSync(last, 'utf8')]]), onPart: (p) => order.push(p.files) });
    assert.ok(order.length >= 3);
    assert.ok(order[0].includes(last), 'the open file\'s part came first');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an open document gets the diagnostics of its editor\'s text before the index is done, unsaved edits included; the analysis after publishes them again', async () => {
  const { dir, last, first } = await generated();
  try {
    const { connection, sent } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    const folder = project.addFolder(dir);
    // Opened while the index runs (setText waits for it before reaching the index).
    void project.setText(last, fs.readFileSync(last, 'utf8'), true, 7);
    // A restored editor with unsaved changes: a runtime whose role grants nothing, only in the editor.
    const edited = `${fs.readFileSync(first, 'utf8')}${UNSAVED_RUNTIME}`;
    void project.setText(first, edited, true, 3);
    await folder.ready;
    const uri = (f: string) => pathToFileURL(f).toString();
    const early = (f: string) => sent.filter((p) => p.uri === uri(f));
    assert.equal(early(last).length, 1, 'published once before the index was done');
    assert.equal(early(last)[0].version, 7);
    assert.ok(early(last)[0].diagnostics.length > 0, 'the generated role has findings');
    assert.equal(early(first).length, 1, 'the edited document too');
    assert.equal(early(first)[0].version, 3);
    assert.ok(early(first)[0].diagnostics.some((d) => [d.message, ...(d.relatedInformation ?? []).map((r) => r.message)].join('\n').includes('aws_iam_role.unsaved')), 'its findings are those of the editor\'s text');
    const earlyFirst = early(first)[0];
    const earlyLast = early(last)[0];

    await new Promise((r) => setImmediate(r));
    await project.idle();
    const shown = (f: string) => sent.filter((p) => p.uri === uri(f)).at(-1)!;
    const view = (ds: Diagnostic[]) => ds.map((d) => JSON.stringify([d.range, d.code, d.severity, d.message]));
    assert.equal(shown(last).version, 7);
    assert.deepEqual(view(shown(last).diagnostics), view(earlyLast.diagnostics), 'the analysis after the index shows the same findings');
    assert.equal(shown(first).version, 3);
    assert.deepEqual(view(shown(first).diagnostics), view(earlyFirst.diagnostics), 'and the same for the edited document');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const UNSAVED_RUNTIME = `
resource "aws_iam_role" "unsaved" {
  name = "unsaved"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "bedrock-agentcore.amazonaws.com" } }]
  })
}

resource "aws_bedrockagentcore_agent_runtime" "unsaved" {
  agent_runtime_name = "unsaved"
  role_arn           = aws_iam_role.unsaved.arn
}
`;

test('a request that needs the current analysis (code actions) waits for the first index and the analysis after it, unless cancelled', async () => {
  const { dir, last } = await generated();
  try {
    const { connection } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    const folder = project.addFolder(dir);
    void project.setText(last, fs.readFileSync(last, 'utf8'), true, 1);
    const source = new CancellationTokenSource();
    const cancelled = project.whenCurrent(last, source.token);
    const waited = project.whenCurrent(last, CancellationToken.None).then(() => project.isCurrent(last));
    assert.equal(project.isCurrent(last), false, 'not current while the index runs');
    source.cancel();
    await cancelled;
    assert.equal(project.isCurrent(last), false, 'a cancelled wait returns before the analysis is current');
    assert.equal(await waited, true, 'the other returns once it is');
    await folder.ready;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
