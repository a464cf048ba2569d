/**
 * A grant narrower than the documented statement that covers the component's own resources
 * (issue #22 item 1): the role hover (roleVerdicts) shows it granted with a note saying so, in the
 * settings' language; the findings themselves are in the annotated fixture test/fixtures/own-requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { roleVerdicts } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';

const dir = path.resolve(__dirname, '..', '..', 'fixtures', 'own-requests');

async function verdicts(role: string, locale: 'en' | 'ja') {
  const settings = withDefaults({ ...JSON.parse(fs.readFileSync(path.join(dir, 'fixture.settings'), 'utf8')), locale });
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  const r = ws.model().roles.find((x) => x.address === role);
  assert.ok(r, role);
  return roleVerdicts(r, settings, (f) => ws.getText(f));
}

test('role hover: ECR granted on exactly the image repository is granted, with a note that it is narrower than documented', async () => {
  const r1 = (await verdicts('aws_iam_role.pricing', 'en')).find((c) => c.requirement === 'runtime.R1')!;
  assert.equal(r1.verdict, 'granted');
  assert.equal(r1.note, "for this component's own arn:aws:ecr:us-east-2:123456789012:repository/pricing only, narrower than documented");
  assert.deepEqual(r1.granting.map((s) => s.sid), ['PullPricing']);
  const ja = (await verdicts('aws_iam_role.pricing', 'ja')).find((c) => c.requirement === 'runtime.R1')!;
  assert.equal(ja.note, 'このコンポーネント自身の arn:aws:ecr:us-east-2:123456789012:repository/pricing のみ。ドキュメントより狭い');
});

test('role hover: logs on the runtime\'s own groups granted (claims_triage-*), and the gateway target not covered missing', async () => {
  const claims = await verdicts('aws_iam_role.claims', 'en');
  assert.deepEqual(claims.filter((c) => ['runtime.R3', 'runtime.R6'].includes(c.requirement)).map((c) => [c.requirement, c.verdict]), [['runtime.R3', 'granted'], ['runtime.R6', 'granted']]);
  const tools = await verdicts('aws_iam_role.tools', 'en');
  assert.equal(tools.find((c) => c.requirement === 'gateway.G1')?.verdict, 'missing');
});
