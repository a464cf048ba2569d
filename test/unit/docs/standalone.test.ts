/**
 * The repository stands alone: no tracked file points at the reference shelf that sat beside the
 * working tree, which a clone does not have. What the project needs from it is written
 * into docs/ in the project's own words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/cli';

// Built so that this file does not name what it looks for.
const SHELF = ['..', 'shared'].join('/');
const FORBIDDEN = [SHELF, ['shared', 'reference'].join('/'), ['shared', 'acceptance'].join('/')];

test('no tracked file mentions the shelf beside the repository', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 }).split('\0').filter(Boolean);
  assert.ok(files.length > 100, `git ls-files listed ${files.length} files`);
  const hits: string[] = [];
  for (const f of files) {
    const p = join(repoRoot, f);
    let text: string;
    try {
      if (!statSync(p).isFile()) continue;
      text = readFileSync(p, 'utf8');
    } catch {
      continue; // deleted in the working tree
    }
    text.split('\n').forEach((line, i) => {
      if (FORBIDDEN.some((x) => line.includes(x))) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(hits, []);
});

test('the documents the code and the example point to are in the repository', () => {
  for (const d of ['docs/catalog.md', 'docs/iam-evaluation.md', 'docs/seed-case.md']) assert.ok(statSync(join(repoRoot, d)).isFile(), d);
});
