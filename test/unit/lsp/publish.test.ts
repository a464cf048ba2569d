/** Publishing: every edited version gets its diagnostics (with `version`), even when unchanged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { Finding } from '../../../server/src/core/model';
import type { WorkspaceModel } from '../../../server/src/core/workspace-model';
import { Project, type ProjectDeps } from '../../../server/src/lsp/project';
import { Status, type StatusParams } from '../../../server/src/lsp/status';
import { fileToUri } from '../../../server/src/lsp/handlers/diagnostics';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';

const ROOT = '/ws';
const A = '/ws/a.tf';
const B = '/ws/b.tf';
const r = (l: number, c1: number, c2: number) => ({ start: { line: l, character: c1 }, end: { line: l, character: c2 } });

function finding(file: string): Finding {
  return {
    rule: 'missing-permission', severity: 'error', verdict: 'missing', file, range: r(0, 0, 3), role: 'aws_iam_role.x', roleKind: 'runtime',
    requirement: 'runtime.R7', actions: ['xray:GetSamplingRules'], message: `missing in ${file}`, related: [], fixes: [],
  };
}

function setup(debounceMs = 5) {
  const sent: PublishDiagnosticsParams[] = [];
  const statuses: StatusParams[] = [];
  const connection = {
    console: { log: () => {}, error: () => {} },
    sendDiagnostics: (p: PublishDiagnosticsParams) => { sent.push(p); return Promise.resolve(); },
    sendNotification: (_m: string, p: StatusParams) => { statuses.push(p); return Promise.resolve(); },
  } as unknown as Connection;
  const texts = new Map<string, string>([[A, 'BAD'], [B, 'BAD']]);
  const model = (): WorkspaceModel => ({ roles: [], components: [], documents: [], modules: [], problems: [] });
  const deps: ProjectDeps = {
    createWorkspace: async () => ({
      loadFromDisk: async () => {},
      setFile: (f: string, t: string) => void texts.set(f, t),
      removeFile: (f: string) => void texts.delete(f),
      getText: (f: string) => texts.get(f),
      files: () => [...texts.keys()],
      updateSettings: () => {},
      model,
    }),
    analyze: () => ({ findings: [...texts].filter(([, t]) => t.includes('BAD')).map(([f]) => finding(f)) }),
  };
  const project = new Project(connection, new Status(connection), toAnalysisSettings({}), debounceMs, deps);
  return { project, sent, of: (file: string) => sent.filter((p) => p.uri === fileToUri(file)) };
}

test('each edit of an open document publishes its diagnostics with that version, changed or not', async () => {
  const { project, sent, of } = setup();
  await project.addFolder(ROOT).ready;
  await project.setText(A, 'BAD', true, 1);
  await project.idle();
  assert.equal(of(A).at(-1)?.version, 1);
  assert.equal(of(A).at(-1)?.diagnostics.length, 1);
  const bBefore = of(B).length;
  assert.equal(bBefore, 1, 'B (not open) published once, without a version');
  assert.equal(of(B)[0].version, undefined);

  for (let v = 2; v <= 6; v++) {
    await project.setText(A, v % 2 ? 'BAD' : 'BAD ', false, v);
    await project.idle();
    const last = of(A).at(-1)!;
    assert.equal(last.version, v, `diagnostics for version ${v}`);
    assert.equal(last.diagnostics.length, 1);
  }
  assert.equal(of(B).length, bBefore, 'a file whose diagnostics did not change and that was not edited is not republished');

  await project.setText(A, 'fine', false, 7);
  await project.idle();
  assert.deepEqual(of(A).at(-1), { uri: fileToUri(A), version: 7, diagnostics: [] });
  await project.setText(A, 'still fine', false, 8);
  await project.idle();
  assert.deepEqual(of(A).at(-1), { uri: fileToUri(A), version: 8, diagnostics: [] }, 'an edit without diagnostics before or after still gets its empty list');
  assert.ok(sent.length > 0);
});

test('a quick analysis is not debounced; the edit after it is answered at once', async () => {
  const { project, of } = setup(60_000);
  const folder = project.addFolder(ROOT);
  await folder.ready;
  await project.setText(A, 'BAD', true, 1);
  project.analyseNow(folder); // the first analysis, timed: well under the threshold
  // Were the 60 s debounce applied, this would time out.
  await project.setText(A, 'BAD!', false, 2);
  await project.idle();
  assert.equal(of(A).at(-1)?.version, 2);
});
