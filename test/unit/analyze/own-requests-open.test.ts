/**
 * Own requests not all known (issue #22 item 1): the findings are annotated in
 * test/fixtures/own-requests-incomplete; here, what an unknown verdict depends on, in English and in
 * Japanese (every sentence the reading gives translated, no English left).
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

const DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'own-requests-incomplete');
const base = JSON.parse(fs.readFileSync(path.join(DIR, 'fixture.settings'), 'utf8'));

async function findings(locale?: string): Promise<Finding[]> {
  const settings = withDefaults({ ...base, ...(locale ? { locale } : {}) });
  const ws = await Workspace.create({ root: DIR, settings });
  await ws.loadFromDisk();
  return analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings;
}

test('an unknown verdict on own requests not all known names what the rest depends on: the model variable, targets declared outside the module', async () => {
  const unknown = (await findings()).filter((f) => f.verdict === 'unknown' && f.rule === 'unknown-permission');
  const by = (role: string, req: string) => unknown.find((f) => f.role === role && f.requirement === req)?.dependsOn;
  assert.deepEqual(by('aws_iam_role.known', 'memory.M1'), ['var.summary_model']);
  assert.deepEqual(by('aws_iam_role.onlyvar', 'memory.M1'), ['var.summary_model']);
  assert.equal(by('aws_iam_role.tools', 'gateway.G1')?.[0], 'the targets of aws_bedrockagentcore_gateway.tools declared outside this module');
  assert.equal(by('aws_iam_role.tools', 'gateway.G14')?.[0], 'the targets of aws_bedrockagentcore_gateway.tools declared outside this module');
});

test('what they depend on is said in Japanese', async () => {
  const unknown = (await findings('ja')).filter((f) => f.verdict === 'unknown' && f.rule === 'unknown-permission');
  assert.equal(unknown.length, 4);
  for (const f of unknown) assert.deepEqual(englishLeft(f.message), [], f.message);
  assert.match(unknown.find((f) => f.requirement === 'gateway.G1')!.message, /このモジュールの外で宣言されうる aws_bedrockagentcore_gateway\.tools のターゲット/);
  const shapes: [string, RegExp][] = [
    ['whether aws_bedrockagentcore_gateway_target.a is a target of aws_bedrockagentcore_gateway.g', /^aws_bedrockagentcore_gateway_target\.a が aws_bedrockagentcore_gateway\.g のターゲットかどうか$/],
    ['the strategies of aws_bedrockagentcore_memory.m declared outside this module', /aws_bedrockagentcore_memory\.m の戦略$/],
    ['whether aws_bedrockagentcore_memory_strategy.s is a strategy of aws_bedrockagentcore_memory.m', /^aws_bedrockagentcore_memory_strategy\.s が aws_bedrockagentcore_memory\.m の戦略かどうか$/],
    ['the models behind arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x', /の背後にあるモデル$/],
    ['resources of aws_bedrockagentcore_browser.b that the configuration does not tell', /^構成からは分からない aws_bedrockagentcore_browser\.b のリソース$/],
  ];
  for (const [en, ja] of shapes) assert.match(frontJa(en), ja);
});
