/**
 * A component's own requests (issue #22 item 1): the findings are annotated in
 * test/fixtures/own-requests-incomplete, own-requests-other-account and own-request-references; here,
 * what an unknown verdict depends on and the other-account note, in English and in Japanese (no
 * English left), and the fix of a grant that names another runtime, before and after.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';
import { frontJa } from '../../../server/src/core/messages/front';
import { englishLeft } from '../l10n/english';
import { applyEdits } from '../../../server/src/core/fixes/index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

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

test('own resources in another account: the note that their resource-based policy must allow the role too, in English and Japanese', async () => {
  const dir = path.resolve(__dirname, '..', '..', 'fixtures', 'own-requests-other-account');
  const run = async (locale?: string) => {
    const settings = withDefaults({ ...base, ...(locale ? { locale } : {}) });
    const ws = await Workspace.create({ root: dir, settings });
    await ws.loadFromDisk();
    return analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings.filter((f) => f.rule !== 'role-unresolved');
  };
  const en = await run();
  const topic = en.find((f) => f.requirement === 'memory.MS2');
  assert.equal(topic?.severity, 'information');
  assert.match(topic!.message, /arn:aws:sns:us-east-2:999999999999:memory-events is in account 999999999999, not the role's: its resource-based policy must also allow this role sns:GetTopicAttributes, sns:Publish \(not checked here\)\.$/);
  const ja = await run('ja');
  const jaTopic = ja.find((f) => f.requirement === 'memory.MS2')!;
  assert.match(jaTopic.message, /arn:aws:sns:us-east-2:999999999999:memory-events はロールのアカウントではなくアカウント 999999999999 にあります: そのリソースベースポリシーでもこのロールに sns:GetTopicAttributes, sns:Publish を許可する必要があります/);
  for (const f of ja) assert.deepEqual(englishLeft(f.message), [], f.message);
});

test('a grant naming another runtime by its attribute: missing, and the fix grants the target runtime (runtime/<name>-*, its endpoint), after which it is granted', async () => {
  const src = path.resolve(__dirname, '..', '..', 'fixtures', 'own-request-references');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-own-ref-'));
  try {
    for (const f of ['main.tf', 'fixture.settings']) fs.copyFileSync(path.join(src, f), path.join(dir, f));
    const settings = withDefaults(JSON.parse(fs.readFileSync(path.join(dir, 'fixture.settings'), 'utf8')));
    const g14 = async () => {
      const ws = await Workspace.create({ root: dir, settings });
      await ws.loadFromDisk();
      return analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings.filter((f) => f.role === 'aws_iam_role.other' && f.requirement === 'gateway.G14');
    };
    const [finding] = await g14();
    assert.equal(finding?.verdict, 'missing');
    const before = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
    const after = applyEdits(before, finding.fixes[0].edits);
    assert.ok(after.includes('"arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/pricing-*",\n          "arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/pricing-*/runtime-endpoint/DEFAULT"'), after);
    await hcl2json.parse('main.tf', after);
    fs.writeFileSync(path.join(dir, 'main.tf'), after);
    assert.deepEqual((await g14()).map((f) => [f.rule, f.verdict]), [['narrow-grant', 'granted']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
