// The cold analysis (parts, worker threads) reports exactly what one Workspace over every file
// reports: the same findings in the same order, fixes included, on the seed case, every annotated
// fixture and a generated 200-file workspace with modules shared between roots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coldAnalyze } from '../../../server/src/core/cold';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';
import type { Finding } from '../../../server/src/core/model';
import { repoRoot, seedInfra } from '../../helpers/cli';

const settings = withDefaults({});

async function reference(dir: string): Promise<{ findings: Finding[]; problems: string[]; roles: number }> {
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  const model = ws.model();
  const { findings } = analyze(model, settings, { getText: (f) => ws.getText(f) });
  return { findings, problems: model.problems.map((p) => JSON.stringify(p)).sort(), roles: model.roles.length };
}

const show = (fs: Finding[]) => fs.map((f) => JSON.stringify(f));

async function same(dir: string, workers: number): Promise<number> {
  const ref = await reference(dir);
  const cold = await coldAnalyze(dir, settings, { workers, fixes: true, parallelBytes: 0 });
  assert.deepEqual(show(cold.findings), show(ref.findings), `${dir} (${workers} workers)`);
  assert.deepEqual(cold.problems.map((p) => JSON.stringify(p)).sort(), ref.problems, `${dir}: problems`);
  assert.equal(cold.roles, ref.roles);
  return cold.threads;
}

test('seed case and every fixture: in this thread', async () => {
  await same(seedInfra, 0);
  const fixtures = path.join(repoRoot, 'test', 'fixtures');
  for (const d of fs.readdirSync(fixtures)) {
    const dir = path.join(fixtures, d);
    if (fs.statSync(dir).isDirectory()) await same(dir, 0);
  }
});

test('a generated 200-file workspace: in this thread and on two worker threads', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-eq-'));
  try {
    const { generate } = (await import(path.join(repoRoot, 'bench', 'generate.mjs'))) as { generate(o: { files: number; dir: string; seed: number }): unknown };
    generate({ files: 200, dir, seed: 7 });
    const ref = await reference(dir);
    assert.ok(ref.roles > 20 && ref.findings.length > 50, `a workspace worth splitting (${ref.roles} roles, ${ref.findings.length} findings)`);
    await same(dir, 0);
    assert.equal(await same(dir, 2), 2, 'two worker threads did the work');
    // By default: no worker threads on two cores (measured no faster, 80-100 MB larger: cold/index.ts MIN_CORES), one per core from three.
    assert.equal((await coldAnalyze(dir, settings, { parallelBytes: 0, cores: 2 })).threads, 1, 'two cores: this thread');
    assert.equal((await coldAnalyze(dir, settings, { parallelBytes: 0, cores: 4 })).threads, 4, 'four cores: four workers');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that cannot be read is reported, the rest analysed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-unreadable-'));
  try {
    fs.cpSync(seedInfra, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'locked'));
    fs.writeFileSync(path.join(dir, 'locked', 'a.tf'), 'locals {}\n');
    fs.chmodSync(path.join(dir, 'locked', 'a.tf'), 0o000);
    const cold = await coldAnalyze(dir, settings, { workers: 0 });
    const ref = await reference(dir);
    assert.deepEqual(show(cold.findings.map((f) => ({ ...f, fixes: [] }))), show(ref.findings.map((f) => ({ ...f, fixes: [] }))));
    // root reads anything: then the file is simply analysed (nothing to report)
    const locked = cold.problems.filter((p) => p.file.endsWith(path.join('locked', 'a.tf')));
    let readable = true;
    try { fs.readFileSync(path.join(dir, 'locked', 'a.tf')); } catch { readable = false; }
    assert.equal(locked.length, readable ? 0 : 1, JSON.stringify(locked));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker that dies after one part: the parts it did not report are analysed in this thread', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-dying-'));
  try {
    for (const name of ['a', 'b', 'c', 'd']) fs.cpSync(seedInfra, path.join(dir, name), { recursive: true });
    const script = path.join(dir, 'dying-worker.mjs');
    // Reports the first part of its share as empty (no findings), then exits with an error.
    fs.writeFileSync(script, [
      "import { parentPort, workerData } from 'node:worker_threads';",
      "parentPort.postMessage({ kind: 'part', result: { files: workerData.parts[0], findings: [], problems: [], roles: 0 } });",
      'process.exit(3);',
    ].join('\n'));
    const ref = await reference(dir);
    const cold = await coldAnalyze(dir, settings, { workers: 2, parallelBytes: 0, workerScript: script });
    assert.equal(cold.threads, 2);
    // Each worker reported one part empty before dying: two of the four roots lost their findings, the others were analysed here.
    assert.equal(ref.findings.length, 20);
    assert.equal(cold.findings.length, 10, 'the two reported (empty) parts are taken as reported, the two others analysed in this thread');
    const none = await coldAnalyze(dir, settings, { workers: 2, parallelBytes: 0, workerScript: path.join(dir, 'missing.mjs') });
    assert.deepEqual(show(none.findings.map((f) => ({ ...f, fixes: [] }))), show(ref.findings.map((f) => ({ ...f, fixes: [] }))), 'a worker that cannot start: everything analysed here');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
