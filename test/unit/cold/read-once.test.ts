// Each Terraform file of a workspace is read from disk once per run: the scan for module calls
// (cold/index.ts planning, Workspace.loadFromDisk) keeps the texts it read through the gate, and the
// load of the parts takes them instead of reading the files again (module-files.ts ReadTexts). The
// findings are those of a run that reads every file again (the language server's first index).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { coldAnalyze } from '../../../server/src/core/cold';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';
import { scanCallsOf, type ReadTexts } from '../../../server/src/core/module-files';
import { repoRoot } from '../../helpers/cli';

const settings = withDefaults({});
const fixture = path.join(repoRoot, 'test', 'fixtures', 'module-environments');

/** node:fs itself (its ESM namespace follows it after syncBuiltinESMExports). */
const nodeFs = createRequire(__filename)('node:fs') as { openSync: typeof fs.openSync };

/** How many times each file under `dir` is opened while `run` runs (every read of the gate opens the file). */
async function opensDuring(dir: string, run: () => Promise<unknown>): Promise<Map<string, number>> {
  const opens = new Map<string, number>();
  const real = nodeFs.openSync;
  nodeFs.openSync = ((p: fs.PathLike, ...rest: unknown[]) => {
    const f = String(p);
    if (f.startsWith(dir + path.sep)) opens.set(f, (opens.get(f) ?? 0) + 1);
    return (real as (...a: unknown[]) => number)(p, ...rest);
  }) as typeof fs.openSync;
  syncBuiltinESMExports();
  try {
    await run();
  } finally {
    nodeFs.openSync = real;
    syncBuiltinESMExports();
  }
  return opens;
}

const tfFiles = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tf')).map((f) => path.join(dir, f)).sort();

test('check: every .tf file is opened once (the scan for module calls and the load share the read)', async () => {
  const files = tfFiles(fixture);
  assert.ok(files.length >= 3);
  const opens = await opensDuring(fixture, () => coldAnalyze(fixture, settings, { workers: 0 }));
  assert.deepEqual(files.map((f) => [path.relative(fixture, f), opens.get(f)]), files.map((f) => [path.relative(fixture, f), 1]));
});

test('Workspace.loadFromDisk: every .tf file is opened once', async () => {
  const files = tfFiles(fixture);
  const ws = await Workspace.create({ root: fixture, settings });
  const opens = await opensDuring(fixture, () => ws.loadFromDisk());
  assert.deepEqual(files.map((f) => [path.relative(fixture, f), opens.get(f)]), files.map((f) => [path.relative(fixture, f), 1]));
});

test('the texts kept by the scan give the findings of a run that reads every file again', async () => {
  const kept = await coldAnalyze(fixture, settings, { workers: 0, fixes: true });
  const again = await coldAnalyze(fixture, settings, { workers: 0, fixes: true, yieldBetweenParts: true });
  assert.ok(kept.findings.length > 0);
  assert.deepEqual(kept.findings.map((f) => JSON.stringify(f)), again.findings.map((f) => JSON.stringify(f)));
  assert.deepEqual(kept.problems, again.problems);
  const ws = await Workspace.create({ root: fixture, settings });
  await ws.loadFromDisk();
  assert.deepEqual(analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings.map((f) => JSON.stringify(f)).sort(), kept.findings.map((f) => JSON.stringify(f)).sort());
});

test('the kept texts are bounded: past the room left, a file is scanned but not kept', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-once-'));
  try {
    const a = path.join(dir, 'a.tf');
    const b = path.join(dir, 'b.tf');
    fs.writeFileSync(a, 'module "m" {\n  source = "./m"\n}\n');
    fs.writeFileSync(b, 'module "n" {\n  source = "../n"\n}\n');
    const keep: ReadTexts = { texts: new Map(), room: fs.statSync(a).size };
    assert.deepEqual(scanCallsOf(dir, a, 1 << 20, keep), [path.join(dir, 'm')]);
    assert.deepEqual(scanCallsOf(dir, b, 1 << 20, keep), [path.join(path.dirname(dir), 'n')]);
    assert.deepEqual([...keep.texts.keys()], [a]);
    assert.equal(keep.room, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
