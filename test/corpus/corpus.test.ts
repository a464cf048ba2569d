/**
 * The real-world corpus (test/corpus/<name>/, see lib.ts and docs/real-world.md): every run of every
 * folder through the CLI's engine.
 * - Never a false "missing": no finding at warning or above says "missing" where the folder's
 *   expected.json lists no such gap (on every folder, whatever else the analysis finds or not).
 * - Folders (or runs) marked `"mustFind": true`: every role they define is found and judged, and every gap
 *   they list is reported at warning or above.
 * - The folders are well formed: a README naming the repository, patterns that exist, runs that
 *   exist, gaps of listed roles, each gap's requirement written as an annotation under the code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectations, walk } from '../helpers/fixture';
import { corpusDir, folders, pairRoles, PATTERNS, readExpected, scoreRun, showFinding, type FoundRole } from './lib';

const all = folders();

test('the corpus has its folders', () => {
  assert.ok(all.length >= 7, `only ${all.length} corpus folders`);
});

test('the score sees a false "missing": the docs runtime with its R3 gap left out of the expectation', async () => {
  const run = readExpected('aws-provider').runs.find((r) => r.dir === 'docs-runtime')!;
  const s = await scoreRun('aws-provider', { ...run, gaps: run.gaps.filter((g) => g.requirement !== 'runtime.R3') });
  assert.deepEqual(s.falseMissing.map((f) => f.requirement), ['runtime.R3']);
  assert.equal(s.gapsFound, s.gapsExpected);
});

test('roles pair by address, then without instance keys, and only with a component of their kind', () => {
  const role = (address: string, kinds: string[]): FoundRole => ({ address, kinds, decided: 1, permissions: 0, permissionsDecided: 0, verdicts: {} });
  const found = [role('module.m.aws_iam_role.r', ['runtime']), role('aws_iam_role.g["a"]', ['gateway']), role('aws_iam_role.other', ['runtime'])];
  const expected = [
    { address: 'module.m.aws_iam_role.r["k"]', kind: 'runtime' },
    { address: 'module.m.aws_iam_role.r["j"]', kind: 'runtime' },
    { address: 'aws_iam_role.g["a"]', kind: 'memory' },
  ];
  const pairs = pairRoles(expected, found);
  assert.equal(pairs.get(expected[0])?.address, 'module.m.aws_iam_role.r');
  assert.equal(pairs.get(expected[1]), undefined, 'one found role pairs with one expected instance');
  assert.equal(pairs.get(expected[2]), undefined, 'a role of another kind');
});

for (const folder of all) {
  const expected = readExpected(folder);
  const dir = path.join(corpusDir, folder);

  test(`${folder}: well formed (README, patterns, runs, annotated gaps)`, () => {
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    assert.ok(readme.includes(expected.repository), `README.md names ${expected.repository}`);
    for (const p of expected.patterns) assert.ok(PATTERNS[p], `unknown pattern ${p}`);
    const annotated = expectations(dir).map((e) => `${e.rule} ${e.requirement ?? ''}`);
    assert.ok(walk(dir, (f) => f.endsWith('.tf')).length > 0, 'Terraform files');
    for (const run of expected.runs) {
      assert.ok(fs.statSync(path.join(dir, run.dir)).isDirectory(), `run ${run.dir} exists`);
      const roles = new Set(run.roles.map((r) => r.address));
      for (const g of run.gaps) {
        assert.ok(roles.has(g.role), `gap of an unlisted role: ${g.role}`);
        assert.ok(!g.severity || g.severity === 'error' || g.severity === 'warning', `gaps are at warning or above: ${g.role} ${g.requirement}`);
        assert.ok(annotated.some((a) => a.endsWith(` ${g.requirement}`) && (!g.rule || a === `${g.rule} ${g.requirement}`)), `no annotation marks ${g.rule ?? ''} ${g.requirement} in ${folder}`);
      }
    }
  });

  for (const run of expected.runs) {
    const mustFind = run.mustFind ?? expected.mustFind;
    test(`${folder}: check ${run.dir}${mustFind ? ': every role found and judged, every gap reported,' : ':'} no false "missing"`, async () => {
      const s = await scoreRun(folder, run);
      assert.deepEqual(s.falseMissing.filter((f) => !s.knownFalseMissing.includes(f)).map(showFinding), [], 'false "missing"');
      // the mistakes written down in knownWrong still happen: a fixed one is taken off the list (and its gap counted)
      assert.deepEqual(s.knownNotSeen, [], 'knownWrong entries that no longer happen');
      if (mustFind) {
        const knownMissed = new Set((run.knownWrong ?? []).filter((k) => k.said !== 'missing').map((k) => `${k.role} ${k.requirement}`));
        assert.deepEqual(s.notFound, [], 'roles not found');
        assert.deepEqual(s.notJudged, [], 'roles found with every requirement unknown');
        assert.deepEqual(s.gapsMissed.filter((g) => !knownMissed.has(g)), [], 'gaps not reported at warning or above');
      }
    });
  }
}
