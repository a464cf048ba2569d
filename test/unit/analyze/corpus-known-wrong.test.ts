/**
 * What the corpus's knownWrong list held, fixed (the findings are annotated in test/fixtures
 * runtime-image-unknown, gateway-runtime-target-counted and memory-named-resources): here, what the
 * verdicts depend on, in English and in Japanese (no English left).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';
import { frontJa } from '../../../server/src/core/messages/front';
import { englishLeft } from '../l10n/english';

async function findings(fixture: string, locale?: string): Promise<Finding[]> {
  const dir = path.resolve(__dirname, '..', '..', 'fixtures', fixture);
  const base = JSON.parse(fs.readFileSync(path.join(dir, 'fixture.settings'), 'utf8'));
  const settings = withDefaults({ ...base, ...(locale ? { locale } : {}) });
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  return analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings;
}

test('an image from a variable: runtime.R1 is unknown, depending on the variable and the repository of its image', async () => {
  const r1 = (await findings('runtime-image-unknown')).filter((f) => f.requirement === 'runtime.R1');
  const by = (role: string) => r1.find((f) => f.role === role);
  assert.equal(by('aws_iam_role.orders')?.verdict, 'unknown');
  assert.deepEqual(by('aws_iam_role.orders')?.dependsOn, ['var.image_uri', 'the repository of the image var.image_uri']);
  assert.deepEqual(by('aws_iam_role.search')?.dependsOn, ['var.search_image', 'the repository of the image var.search_image']);
  assert.equal(by('aws_iam_role.billing')?.verdict, 'missing');
  const ja = (await findings('runtime-image-unknown', 'ja')).filter((f) => f.requirement === 'runtime.R1' && f.verdict === 'unknown');
  assert.equal(ja.length, 2);
  for (const f of ja) assert.deepEqual(englishLeft(f.message), [], f.message);
  assert.match(ja[0].message, /イメージ var\.(image_uri|search_image) のリポジトリ/);
});

test('a resource name from a variable is one named value: said in Japanese too', () => {
  assert.equal(frontJa('the name of aws_s3_bucket.payloads (${var.prefix}-payloads)'), 'aws_s3_bucket.payloads の名前（${var.prefix}-payloads）');
  assert.equal(frontJa('the repository of the image var.image_uri'), 'イメージ var.image_uri のリポジトリ');
});
