// JSON trust policies judged on their own (terraform/model.ts jsonTrustRoles, catalog/agentcore.ts):
// the role of a JSON file that did not change is the same object after a keystroke in a Terraform
// file (kept on the document, not made again per keystroke), and follows the settings' defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';

const root = '/virtual/json-trust';
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
}, null, 2);

test('a JSON trust policy is a role of its own; a keystroke elsewhere keeps the same role; the defaults reach it', async () => {
  const ws = await Workspace.create({ root, settings: { defaults: { region: 'eu-west-1' } } });
  ws.setFile(path.join(root, 'policies', 'trust.json'), trust);
  ws.setFile(path.join(root, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n', { open: true });
  const first = ws.model().roles.find((r) => r.type === 'json-trust-policy');
  assert.ok(first);
  assert.equal(first.address, 'policies/trust.json');
  ws.setFile(path.join(root, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "xy"\n}\n', { open: true });
  assert.equal(ws.model().roles.find((r) => r.type === 'json-trust-policy'), first, 'the same role object');
  const settings = withDefaults({ defaults: { region: 'eu-west-1' } });
  const { findings } = analyze(ws.model(), settings, { getText: (f) => ws.getText(f), fixes: false });
  // The trust hard-codes an account the settings do not fix: whether it is the one the role is used
  // in is unknown (information, naming the setting); the SourceArn it lacks, it lacks wherever.
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.requirement} ${f.role}`), ['unknown-permission agentcore.trust policies/trust.json', 'trust-condition-missing agentcore.trust policies/trust.json']);
  assert.match(findings[0].message, /the account the component is deployed in .*agentcoreIam\.defaults\.account/);
  assert.match(findings[1].message, /arn:<partition>:bedrock-agentcore:eu-west-1:/);
  ws.updateSettings({ defaults: { region: 'ap-northeast-1' } });
  const again = ws.model().roles.find((r) => r.type === 'json-trust-policy');
  assert.equal(again?.provider.region, 'ap-northeast-1');
});
