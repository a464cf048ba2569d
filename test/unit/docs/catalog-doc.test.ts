/**
 * docs/catalog.md is the catalog's data written out (server/src/core/catalog/render.ts): the
 * committed file must be what the data renders today, and name every requirement and conflict;
 * `agentcore-iam catalog` prints the same text, or the data as JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFLICTS, REQUIREMENTS } from '../../../server/src/core/catalog';
import { CHANGES_2026_12 } from '../../../server/src/core/catalog/changes';
import { REASONING } from '../../../server/src/core/catalog/reasoning';
import { catalogMarkdown } from '../../../server/src/core/catalog/render';
import { main } from '../../../server/src/cli/main';
import { RULES } from '../../../server/src/core/rules';
import { repoRoot } from '../../helpers/cli';

const DOC = join(repoRoot, 'docs', 'catalog.md');
const doc = () => readFileSync(DOC, 'utf8');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

test('docs/catalog.md is up to date with the data (else: node scripts/catalog-doc.mjs)', () => {
  assert.equal(doc(), `${catalogMarkdown()}\n`);
});

test('every requirement id of the data has a section in docs/catalog.md, with its reasoning', () => {
  const text = doc();
  for (const r of REQUIREMENTS) {
    assert.ok(text.includes(`\n### ${r.id} — `), `${r.id} has no section`);
    assert.ok(REASONING[r.id], `${r.id} has no reasoning`);
    for (const s of r.sources) assert.ok(text.includes(`[${s.key}](${s.url}) (read ${s.read})`), `${r.id}: source ${s.key}`);
  }
  for (const id of Object.keys(REASONING)) assert.ok(REQUIREMENTS.some((r) => r.id === id), `reasoning for an unknown requirement ${id}`);
});

test('every conflict has a section; every December 2026 change is encoded where it says, or says why not', () => {
  const text = doc();
  for (const id of Object.keys(CONFLICTS)) assert.ok(text.includes(`\n### ${id}\n`), `${id} has no section`);
  for (const c of CHANGES_2026_12) {
    assert.match(c.read, /^\d{4}-\d{2}-\d{2}$/, c.topic);
    assert.ok(c.sources.length, c.topic);
    for (const w of c.where ?? []) assert.ok(REQUIREMENTS.some((r) => r.id === w) || CONFLICTS[w] || RULES[w], `${c.topic}: ${w} does not exist`);
    if (c.status === 'encoded') assert.ok(c.where?.length, `${c.topic}: encoded where?`);
    else assert.ok(c.why, `${c.topic}: ${c.status} without why`);
    assert.ok(text.includes(`**${c.topic}**`), c.topic);
  }
});

test('agentcore-iam catalog prints the markdown (the default) or the data as JSON; a bad --format is a usage error', async () => {
  const md = await cli(['catalog']);
  assert.equal(md.code, 0, md.err);
  assert.equal(md.out, `${catalogMarkdown()}\n`);
  assert.equal((await cli(['catalog', '--format', 'markdown'])).out, md.out);
  const js = await cli(['catalog', '--format=json']);
  assert.equal(js.code, 0, js.err);
  const data = JSON.parse(js.out) as { asOf: string; requirements: { id: string; resources?: string[]; disputedScope?: { conflict: string } }[]; conflicts: { id: string }[] };
  assert.deepEqual(data.requirements.map((r) => r.id), REQUIREMENTS.map((r) => r.id));
  assert.deepEqual(data.conflicts.map((c) => c.id), Object.keys(CONFLICTS));
  const r5 = data.requirements.find((r) => r.id === 'runtime.R5')!;
  assert.deepEqual([r5.resources, r5.disputedScope?.conflict], [['*'], 'C10']);
  const bad = await cli(['catalog', '--format', 'sarif']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be markdown or json/);
  assert.equal((await cli(['catalog', '--bogus'])).code, 2);
});
