// The tests run on examples/seed-case (so that a clone anywhere passes them); it must stay the user's
// case as shared/acceptance/seed-case/infrastructure has it, when that folder is beside the clone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seedInfra, sharedDir } from '../helpers/cli';

function tfFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = path.join(rel, e.name);
    return e.isDirectory() ? tfFiles(dir, r) : e.name.endsWith('.tf') ? [r] : [];
  }).sort();
}

test('examples/seed-case is the acceptance seed case, file for file', (t) => {
  const original = path.join(sharedDir, 'acceptance', 'seed-case', 'infrastructure');
  if (!fs.existsSync(original)) return t.skip(`${original} is not beside this clone`);
  const files = tfFiles(original);
  assert.ok(files.length >= 4, `the seed case's .tf files (${files.join(', ')})`);
  assert.deepEqual(tfFiles(seedInfra), files);
  for (const f of files) assert.equal(fs.readFileSync(path.join(seedInfra, f), 'utf8'), fs.readFileSync(path.join(original, f), 'utf8'), f);
});
