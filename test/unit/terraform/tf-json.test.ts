// Terraform's JSON syntax (*.tf.json) is not read yet (core/terraform/json-syntax.ts): a file in it
// that declares IAM or AgentCore resources is reported where it names the first one, and the roles
// of its module are judged without it (unknown, never missing or granted), until it is edited to
// declare none or removed. The annotated fixture test/fixtures/tf-json shows the findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { unreadTerraformJson } from '../../../server/src/core/terraform/json-syntax';
import { fixtureSettings } from '../../helpers/fixture';
import { repoRoot } from '../../helpers/cli';

const dir = path.join(repoRoot, 'test', 'fixtures', 'tf-json');
const extra = path.join(dir, 'extra.tf.json');

test('a .tf.json file that declares IAM or AgentCore resources is reported where it names the first', () => {
  const text = '{\n  "resource": {\n    "aws_bedrockagentcore_agent_runtime": { "a": {} },\n    "aws_iam_role": { "r": {} }\n  }\n}\n';
  const p = unreadTerraformJson('/w/cdk.tf.json', text);
  assert.equal(p?.rule, 'file-skipped');
  assert.equal(p?.severity, 'warning');
  assert.deepEqual(p?.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 39 } });
  assert.match(p!.message, /Terraform JSON syntax \(cdk\.tf\.json\) is not analysed yet: its aws_bedrockagentcore_agent_runtime/);
  assert.ok(unreadTerraformJson('/w/x.tf.json', '{ "data": { "awscc_iam_role": {} } }'), 'awscc too');
});

test('a .tf.json file without IAM or AgentCore resources, and any other file, is not reported', () => {
  assert.equal(unreadTerraformJson('/w/s3.tf.json', '{ "resource": { "aws_s3_bucket": { "b": { "bucket": "aws_iam_role" } } } }'), undefined);
  assert.equal(unreadTerraformJson('/w/policy.json', '{ "resource": { "aws_iam_role": {} } }'), undefined);
  assert.equal(unreadTerraformJson('/w/main.tf', 'resource "aws_iam_role" "r" {}'), undefined);
});

test('the roles of its module are unknown while it declares IAM resources, and judged again when it no longer does or is gone', async () => {
  const settings = fixtureSettings(dir);
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  const verdicts = () => {
    const model = ws.model();
    const { findings } = analyze(model, settings, { getText: (f) => ws.getText(f), fixes: false });
    return {
      rules: [...new Set(findings.map((f) => f.rule))].sort(),
      skipped: model.problems.filter((p) => p.rule === 'file-skipped').map((p) => path.basename(p.file)),
      dependsOnIt: findings.filter((f) => f.message.includes('extra.tf.json (Terraform JSON syntax, not analysed)')).length,
      count: findings.length,
    };
  };
  const unread = verdicts();
  assert.deepEqual(unread.rules, ['unknown-permission']);
  assert.deepEqual(unread.skipped, ['extra.tf.json']);
  assert.equal(unread.dependsOnIt, unread.count);

  // Edited to declare nothing of IAM or AgentCore: the inline policy grants everything.
  ws.setFile(extra, '{ "resource": { "aws_s3_bucket": { "b": { "bucket": "logs" } } } }');
  assert.deepEqual(verdicts(), { rules: [], skipped: [], dependsOnIt: 0, count: 0 });

  // Back, then removed.
  ws.setFile(extra, fs.readFileSync(extra, 'utf8'));
  assert.deepEqual(verdicts(), unread);
  ws.removeFile(extra);
  assert.deepEqual(verdicts(), { rules: [], skipped: [], dependsOnIt: 0, count: 0 });
});
