/** Publishing: every edited version gets its diagnostics (with `version`), even when unchanged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../server/src/core/model';
import { fakeIndex } from '../../helpers/fake-index';
import { recordingConnection } from '../../helpers/connection';
import { Project, type ProjectDeps } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { fileToUri } from '../../../server/src/lsp/handlers/diagnostics';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { codeActions } from '../../../server/src/lsp/handlers/codeActions';
import type { CodeAction } from 'vscode-languageserver/node';
import * as fsm from 'node:fs';
import * as os from 'node:os';
import * as pathm from 'node:path';

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
  const { connection, sent, statuses } = recordingConnection();
  const texts = new Map<string, string>([[A, 'BAD'], [B, 'BAD']]);
  const deps: ProjectDeps = {
    createIndex: async (_root, settings) => fakeIndex({ texts, findings: () => [...texts].filter(([, t]) => t.includes('BAD')).map(([f]) => finding(f)) }, settings),
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

test('an edit is analysed at once while edits analyse quickly (no debounce)', async () => {
  const { project, of } = setup(60_000);
  const folder = project.addFolder(ROOT);
  await folder.ready;
  // Were the 60 s debounce applied, these would time out.
  for (let v = 2; v <= 4; v++) {
    await project.setText(A, `BAD ${v}`, false, v);
    await project.idle();
    assert.equal(of(A).at(-1)?.version, v);
  }
});

test('an analysis that throws in one folder is logged and shown; the other folder keeps being served', async () => {
  const { connection, sent, statuses, errors } = recordingConnection();
  const texts = new Map<string, string>();
  // Each folder's analysis sees only its own files.
  const deps: ProjectDeps = {
    createIndex: async (root, settings) => fakeIndex({
      texts,
      files: () => [...texts.keys()].filter((f) => f.startsWith(root + '/')),
      setFile: (f, t) => {
        if (t.includes('SETFILE-THROWS')) throw new Error('setFile exploded');
        texts.set(f, t);
      },
      findings: () => {
        const mine = [...texts].filter(([f]) => f.startsWith(root + '/'));
        if (mine.some(([, t]) => t.includes('CRASH'))) throw new Error('analysis exploded');
        return mine.filter(([, t]) => t.includes('BAD')).map(([f]) => finding(f));
      },
    }, settings),
  };
  const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1, deps);
  const X = '/x/main.tf';
  const Y = '/y/main.tf';
  await project.addFolder('/x').ready;
  await project.addFolder('/y').ready;
  await project.setText(X, 'BAD', true, 1);
  await project.setText(Y, 'BAD', true, 1);
  await project.idle();
  const last = (f: string) => sent.filter((p) => p.uri === fileToUri(f)).at(-1);
  assert.equal(last(X)?.diagnostics.length, 1);
  assert.equal(last(Y)?.diagnostics.length, 1);

  await project.setText(X, 'CRASH', false, 2);
  await project.idle();
  assert.deepEqual(last(X)?.diagnostics, [], 'no stale findings in the failed folder');
  assert.equal(statuses.at(-1)?.state, 'error');
  assert.match(statuses.at(-1)?.message ?? '', /analysis exploded/);
  assert.ok(errors.some((e) => e.includes('analysis exploded')), 'logged with its stack');

  await project.setText(Y, 'BAD again', false, 2);
  await project.idle();
  assert.equal(last(Y)?.version, 2, 'the other folder is still analysed and published');
  assert.equal(last(Y)?.diagnostics.length, 1);

  await project.setText(Y, 'SETFILE-THROWS', false, 3);
  await project.idle();
  assert.ok(errors.some((e) => e.includes('setFile exploded')), 'an exception while reading a file is logged too');

  await project.setText(X, 'fine', false, 3);
  await project.setText(Y, 'fine', false, 4);
  await project.idle();
  assert.equal(statuses.at(-1)?.state, 'ready', 'recovers once the analysis succeeds again');
  assert.deepEqual(last(Y)?.diagnostics, []);
});

test('fixes computed on demand: a diagnostic without fixes gets them from the current finding, none while an edit waits', async () => {
  const dir = fsm.mkdtempSync(pathm.join(os.tmpdir(), 'acx-lazy-fix-'));
  try {
    fsm.cpSync(pathm.join(__dirname, '..', '..', '..', 'examples', 'seed-case'), dir, { recursive: true });
    const file = pathm.join(dir, 'modules', 'iam', 'main.tf');
    const { connection, sent } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    await project.addFolder(dir).ready;
    const text = fsm.readFileSync(file, 'utf8');
    await project.setText(file, text, true, 1);
    await project.idle();
    const diags = sent.filter((p) => p.uri === fileToUri(file)).at(-1)!.diagnostics;
    const pending = diags.filter((d) => (d.data as { fixesPending?: boolean }).fixesPending);
    assert.ok(pending.length > 0, 'fixes are not computed when diagnostics are published');
    const uri = fileToUri(file);
    const ask = (d: (typeof diags)[number]): CodeAction[] => codeActions({ textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } }, project);
    const withFix = pending.find((d) => ask(d).some((a) => a.edit?.changes?.[uri]?.length));
    assert.ok(withFix, 'a quick fix computed from the current finding');

    await project.setText(file, text + '\n', false, 2); // not analysed yet
    assert.equal(ask(withFix).filter((a) => a.edit).length, 0, 'no fix computed from texts that changed since the analysis');
    await project.idle();
    const now = sent.filter((p) => p.uri === uri).at(-1)!;
    assert.equal(now.version, 2);
    const again = now.diagnostics.find((d) => d.code === withFix.code && (d.data as { requirement?: string }).requirement === (withFix.data as { requirement?: string }).requirement)!;
    assert.ok(ask(again).some((a) => a.edit?.changes?.[uri]?.length), 'fixes again once analysed');
  } finally {
    fsm.rmSync(dir, { recursive: true, force: true });
  }
});

test('one analysis publishes the edited file first, then the others from the fewest diagnostics to the most', async () => {
  // Editing A moves findings between B (many) and C (one): a module's output changed, say, and the
  // large file that calls it and the module's small role file both change.
  const BIG = '/ws/big.tf';
  const SMALL = '/ws/small.tf';
  const { connection, sent } = recordingConnection();
  const texts = new Map<string, string>([[A, 'BAD'], [BIG, ''], [SMALL, '']]);
  const many = (file: string, n: number) => Array.from({ length: n }, () => finding(file));
  const deps: ProjectDeps = {
    createIndex: async (_root, settings) => fakeIndex({
      texts,
      findings: () => {
        const moved = texts.get(A)!.includes('MOVED');
        return [...many(BIG, moved ? 40 : 39), ...many(SMALL, moved ? 2 : 1), ...(texts.get(A)!.includes('BAD') ? [finding(A)] : [])];
      },
    }, settings),
  };
  const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 5, deps);
  await project.addFolder(ROOT).ready;
  await project.setText(A, 'BAD', true, 1);
  await project.idle();
  const before = sent.length;
  await project.setText(A, 'BAD MOVED', false, 2);
  await project.idle();
  assert.deepEqual(sent.slice(before).map((p) => [p.uri, p.diagnostics.length]), [
    [fileToUri(A), 1],
    [fileToUri(SMALL), 2],
    [fileToUri(BIG), 40],
  ]);
});
