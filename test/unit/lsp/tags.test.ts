/**
 * The Unnecessary tag makes VS Code fade the text under a diagnostic: "this can go". Only an unused
 * suppression is such text. The legacy R9 finding sits on the header of the policy document the role
 * needs (it says a statement is absent, and that it is not required); faded, the whole block looked
 * like dead code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticTag } from 'vscode-languageserver/node';
import { findingToDiagnostic } from '../../../server/src/lsp/handlers/diagnostics';
import { runPipeline } from '../../helpers/fixture';
import { seedInfra } from '../../helpers/cli';

const fixtures = path.join(__dirname, '..', '..', 'fixtures');

test('the legacy R9 finding on the policy document header is not tagged Unnecessary (the block is needed)', async () => {
  const { findings } = await runPipeline(seedInfra);
  const r9 = findings.find((f) => f.requirement === 'runtime.R9');
  assert.ok(r9, 'the seed case has the legacy R9 finding');
  assert.equal(r9.rule, 'legacy-permission');
  // Before: data "aws_iam_policy_document" "agent_runtime" {   faded from here to its closing brace
  assert.equal(path.relative(seedInfra, r9.file), path.join('modules', 'iam', 'main.tf'));
  assert.equal(r9.range.start.line, 34, 'on the header of data "aws_iam_policy_document" "agent_runtime"');
  assert.equal(findingToDiagnostic(r9).tags, undefined);
  for (const f of findings) assert.equal(findingToDiagnostic(f).tags, undefined, `${f.rule} ${f.requirement ?? ''} is not text that can go`);
});

test('an unused suppression is tagged Unnecessary, and nothing else in the suppression fixture is', async () => {
  const dir = path.join(fixtures, 'suppression');
  const { findings } = await runPipeline(dir);
  const unused = findings.filter((f) => f.rule === 'suppression-unused');
  assert.equal(unused.length, 2, 'the fixture has two unused suppressions (annotated)');
  for (const f of findings) {
    const tags = findingToDiagnostic(f).tags;
    if (f.rule === 'suppression-unused') assert.deepEqual(tags, [DiagnosticTag.Unnecessary]);
    else assert.equal(tags, undefined, `${f.rule} ${f.requirement ?? ''}`);
  }
});
