/**
 * Gateway runtime targets (gateway.G14, issue #22 item 1): the findings are annotated in
 * test/fixtures/gateway-runtime-target; here, the fix of the gap there (the runtime granted, not the
 * endpoint its target calls) before and after, and the reading of a runtime's invocation URL.
 * Real front, real analysis; the edited text parsed by HashiCorp's parser and analysed again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits } from '../../../server/src/core/fixes/index';
import { withDefaults } from '../../../server/src/core/settings';
import { invocationUrl } from '../../../server/src/core/terraform/runtime-targets';
import type { Finding } from '../../../server/src/core/model';
import { frontJa } from '../../../server/src/core/messages/front';
import { englishLeft } from '../l10n/english';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'gateway-runtime-target');
const settings = withDefaults(JSON.parse(fs.readFileSync(path.join(DIR, 'fixture.settings'), 'utf8')));

async function findingsOf(dir: string): Promise<Finding[]> {
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  return analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings;
}

test('the runtime granted, not the endpoint "live": the fix adds the endpoint to the statement that grants the runtime, and the gap is gone', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-runtime-target-'));
  try {
    const file = path.join(dir, 'main.tf');
    const before = fs.readFileSync(path.join(DIR, 'main.tf'), 'utf8');
    fs.writeFileSync(file, before);
    fs.copyFileSync(path.join(DIR, 'fixture.settings'), path.join(dir, 'fixture.settings'));
    const [finding] = (await findingsOf(dir)).filter((f) => f.role === 'aws_iam_role.noendpoint' && f.requirement === 'gateway.G14');
    assert.equal(finding?.verdict, 'missing');
    const [fix] = finding.fixes;
    assert.equal(fix?.title, 'Correct the resource of statement "InvokePricing"');
    const after = applyEdits(before, fix.edits);
    const was = '        Resource = "arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/pricing-Ab12Cd34Ef"\n';
    const now = '        Resource = ["arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/pricing-Ab12Cd34Ef", "arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/pricing-Ab12Cd34Ef/runtime-endpoint/live"]\n';
    assert.ok(before.includes(was) && !before.includes(now));
    assert.equal(after, before.replace(was, now), 'only that statement\'s resource changes');
    await hcl2json.parse('main.tf', after);
    fs.writeFileSync(file, after);
    const again = (await findingsOf(dir)).filter((f) => f.role === 'aws_iam_role.noendpoint' && f.requirement === 'gateway.G14');
    assert.deepEqual(again.map((f) => [f.rule, f.verdict]), [['narrow-grant', 'granted']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a runtime invocation URL: the percent-encoded ARN and the qualifier (DEFAULT without one); another URL is none', () => {
  const lit = (text: string) => ({ parts: [{ kind: 'lit' as const, text }] });
  const arn = 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/triage-AbCdE12345';
  assert.deepEqual(invocationUrl(lit(`https://bedrock-agentcore.eu-west-1.amazonaws.com/runtimes/${encodeURIComponent(arn)}/invocations?qualifier=blue`)), { runtime: lit(arn), qualifier: lit('blue') });
  assert.deepEqual(invocationUrl(lit(`https://bedrock-agentcore.eu-west-1.amazonaws.com/runtimes/${encodeURIComponent(arn)}/invocations`)), { runtime: lit(arn), qualifier: lit('DEFAULT') });
  assert.equal(invocationUrl(lit('https://mcp.example.com/runtimes/x/invocations')), undefined);
  // built on urlencode(<a runtime's ARN>): the ARN expression, for the caller to resolve
  const built = { parts: [lit('https://bedrock-agentcore.eu-west-1.amazonaws.com/runtimes/').parts[0], { kind: 'unknown' as const, expr: 'urlencode(aws_bedrockagentcore_agent_runtime.triage.agent_runtime_arn)' }, lit('/invocations?qualifier=DEFAULT').parts[0]] };
  assert.deepEqual(invocationUrl(built), { runtime: { parts: [{ kind: 'unknown', expr: 'aws_bedrockagentcore_agent_runtime.triage.agent_runtime_arn' }] }, qualifier: lit('DEFAULT') });
  // a region, an encoded ARN and a qualifier from variables: the ARN and the qualifier are those expressions
  const u = (expr: string) => ({ kind: 'unknown' as const, expr });
  const vars = { parts: [lit('https://bedrock-agentcore.').parts[0], u('var.region'), lit('.amazonaws.com/runtimes/').parts[0], u('var.runtime_arn_encoded'), lit('/invocations?qualifier=').parts[0], u('var.qualifier')] };
  assert.deepEqual(invocationUrl(vars), { runtime: { parts: [u('var.runtime_arn_encoded')] }, qualifier: { parts: [u('var.qualifier')] } });
  // another host, though its path looks alike: none
  assert.equal(invocationUrl({ parts: [lit('https://proxy.example.com/runtimes/').parts[0], u('var.arn'), lit('/invocations').parts[0]] }), undefined);
});

test('what a runtime target\'s verdict depends on (the generated id suffix, a resource-based policy outside the configuration) is said in Japanese', async () => {
  const ja = withDefaults({ ...settings, locale: 'ja' });
  const ws = await Workspace.create({ root: DIR, settings: ja });
  await ws.loadFromDisk();
  const findings = analyze(ws.model(), ja, { getText: (f) => ws.getText(f) }).findings.filter((f) => f.requirement === 'gateway.G14' && f.verdict === 'unknown');
  const outside = findings.find((f) => f.role === 'aws_iam_role.outside');
  assert.ok(outside, 'the runtime outside the configuration: unknown');
  assert.match(outside.message, /この構成の外にある Runtime arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime\/billing-Zz99Yy88Xx のリソースベースポリシー/);
  for (const f of findings) assert.deepEqual(englishLeft(f.message), [], f.message);
  assert.equal(frontJa('the generated id suffix of aws_bedrockagentcore_agent_runtime.pricing'), 'aws_bedrockagentcore_agent_runtime.pricing の ID のうち自動生成される末尾部分');
  assert.deepEqual(englishLeft(frontJa('the agent_runtime_name of aws_bedrockagentcore_agent_runtime.pricing')), []);
});

test('runtime-target-iam, told from the targets: a runtime called with the gateway role (http or its invocation URL for bedrock-agentcore), not with OAuth', async () => {
  const ws = await Workspace.create({ root: DIR, settings });
  await ws.loadFromDisk();
  const told = Object.fromEntries(ws.model().components.filter((c) => c.kind === 'gateway').map((c) => [c.address, (c.facts as Record<string, unknown>)['runtime-target-iam']]));
  assert.deepEqual(told, {
    'aws_bedrockagentcore_gateway.exact': true, 'aws_bedrockagentcore_gateway.noendpoint': true, 'aws_bedrockagentcore_gateway.oauth': false,
    'aws_bedrockagentcore_gateway.viapolicy': true, 'aws_bedrockagentcore_gateway.mcp': true, 'aws_bedrockagentcore_gateway.outside': true,
    'aws_bedrockagentcore_gateway.crossaccount': true,
  });
  // the runtimes each gateway calls, with what else may let its role in
  const targets = Object.fromEntries(ws.model().components.filter((c) => c.kind === 'gateway').map((c) => [c.address.replace('aws_bedrockagentcore_gateway.', ''),
    ((c.facts as Record<string, unknown>).runtimeTargets as { from: string; resourcePolicy?: string }[]).map((t) => [t.from.replace('aws_bedrockagentcore_gateway_target.', ''), t.resourcePolicy ?? null])]));
  assert.deepEqual(targets, {
    exact: [['pricing', null]], noendpoint: [['pricing_live', null]], oauth: [], viapolicy: [['claims_iam', 'aws_bedrockagentcore_resource_policy.claims']],
    mcp: [['pricing_mcp', null]], outside: [['billing', 'the resource-based policy of arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/billing-Zz99Yy88Xx, a runtime outside this configuration']],
    crossaccount: [['partner', 'the resource-based policy of arn:aws:bedrock-agentcore:us-east-2:999999999999:runtime/partner-Qw12Er34Ty, a runtime outside this configuration']],
  });
});
