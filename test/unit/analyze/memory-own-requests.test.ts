/**
 * A memory's own requests (issue #22 item 1): the models of its strategies' overrides (memory.M1) and
 * the payload bucket and topic of its self-managed strategies (memory.MS1, MS2). The findings are in
 * the annotated fixture test/fixtures/memory-own-requests; here: what a model id makes the service
 * invoke, when the strategies are all known, the role hover's verdicts, and the quick fixes before and
 * after (real front, real analysis; each fixed text parsed by HashiCorp's parser and analysed again).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, roleVerdicts } from '../../../server/src/core/analyze';
import { applyEdits } from '../../../server/src/core/fixes/index';
import { withDefaults, type AnalysisSettings } from '../../../server/src/core/settings';
import { modelResources } from '../../../server/src/core/analysis/own-requests';
import { renderSym } from '../../../server/src/core/analysis/requirements';
import type { AgentCoreComponent, Finding } from '../../../server/src/core/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'memory-own-requests');
const SETTINGS: Partial<AnalysisSettings> = { defaults: { account: '123456789012' } };

async function load(dir: string) {
  const settings = withDefaults(SETTINGS);
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  return { ws, settings, model: ws.model() };
}

async function findingsOf(dir: string): Promise<Finding[]> {
  const { ws, settings, model } = await load(dir);
  return analyze(model, settings, { getText: (f) => ws.getText(f) }).findings;
}

/** A workspace of one main.tf in a folder of its own, removed after `f`. */
async function inDir<T>(text: string, f: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-memory-own-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.tf'), text);
    return await f(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rendered = (id: string) => {
  const r = modelResources(id);
  return { resources: r.resources.map(renderSym), complete: r.complete };
};

test('a foundation model id is the foundation model in the memory\'s region', () => {
  assert.deepEqual(rendered('anthropic.claude-3-haiku-20240307-v1:0'), {
    resources: ['arn:<partition>:bedrock:<region>::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'], complete: true,
  });
});

test('a cross-region inference profile id is the profile and its model in every region it routes to', () => {
  for (const geo of ['us', 'eu', 'apac', 'us-gov', 'global', 'jp']) {
    assert.deepEqual(rendered(`${geo}.anthropic.claude-3-5-haiku-20241022-v1:0`), {
      resources: [
        `arn:<partition>:bedrock:<region>:<account>:inference-profile/${geo}.anthropic.claude-3-5-haiku-20241022-v1:0`,
        `arn:<partition>:bedrock:<${geo}.anthropic.claude-3-5-haiku-20241022-v1:0 regions>::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0`,
      ],
      complete: true,
    }, geo);
  }
});

test('an ARN is itself; an application inference profile or an unreadable id leaves the requests incomplete', () => {
  assert.deepEqual(rendered('arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0'), { resources: ['arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0'], complete: true });
  assert.deepEqual(rendered('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0'), {
    resources: ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0', 'arn:aws:bedrock:<us.amazon.nova-lite-v1:0 regions>::foundation-model/amazon.nova-lite-v1:0'],
    complete: true,
  });
  assert.deepEqual(rendered('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3'), { resources: ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3'], complete: false });
  // no provider prefix; a geography that is not one of Bedrock's; a geography alone
  for (const id of ['claude', 'xx.anthropic.claude-3-haiku-20240307-v1:0', 'us.claude']) assert.deepEqual(rendered(id), { resources: [], complete: false }, id);
});

const MEMORY = (strategyModel: string, extra = '') => `
variable "model" {
  type = string
}

resource "aws_iam_role" "memory" {
  name               = "memory"
  assume_role_policy = "{}"
}

resource "aws_bedrockagentcore_memory" "memory" {
  name                      = "m"
  event_expiry_duration     = 30
  memory_execution_role_arn = aws_iam_role.memory.arn
}

resource "aws_bedrockagentcore_memory_strategy" "s" {
  name       = "s"
  memory_id  = aws_bedrockagentcore_memory.memory.id
  type       = "CUSTOM"
  namespaces = ["/s"]
  configuration {
    type = "SEMANTIC_OVERRIDE"
    extraction {
      append_to_prompt = "x"
      model_id         = ${strategyModel}
    }
  }
}
${extra}`;

async function memoryFacts(text: string): Promise<Record<string, unknown>> {
  return inDir(text, async (dir) => {
    const { model } = await load(dir);
    const c = model.components.find((x: AgentCoreComponent) => x.address === 'aws_bedrockagentcore_memory.memory');
    assert.ok(c);
    return c.facts as Record<string, unknown>;
  });
}

test('the models are complete when every strategy is read; a variable, or the memory handed to an output, leaves them incomplete', async () => {
  const known = await memoryFacts(MEMORY('"anthropic.claude-3-haiku-20240307-v1:0"'));
  assert.deepEqual(known.models, [{ id: 'anthropic.claude-3-haiku-20240307-v1:0', from: 'aws_bedrockagentcore_memory_strategy.s' }]);
  assert.equal(known.modelsComplete, true);
  const variable = await memoryFacts(MEMORY('var.model'));
  assert.deepEqual(variable.models, []);
  assert.equal(variable.modelsComplete, false);
  const escaped = await memoryFacts(MEMORY('"anthropic.claude-3-haiku-20240307-v1:0"', 'output "memory_id" {\n  value = aws_bedrockagentcore_memory.memory.id\n}\n'));
  assert.equal(escaped.modelsComplete, false);
  assert.equal(escaped.selfManagedComplete, false);
});

test('a strategy that names a role of its own requests its own models; awscc strategies given by a variable are not complete', async () => {
  const text = MEMORY('"us.amazon.nova-lite-v1:0"').replace('namespaces = ["/s"]', 'namespaces = ["/s"]\n  memory_execution_role_arn = aws_iam_role.memory.arn');
  const strategy = await inDir(text, async (dir) => (await load(dir)).model.components.find((x: AgentCoreComponent) => x.address === 'aws_bedrockagentcore_memory_strategy.s'));
  assert.deepEqual(strategy?.facts.models, [{ id: 'us.amazon.nova-lite-v1:0', from: 'aws_bedrockagentcore_memory_strategy.s' }]);
  assert.equal(strategy?.facts.modelsComplete, true);
  const awscc = await inDir('variable "strategies" {}\nresource "awscc_bedrockagentcore_memory" "m" {\n  name = "m"\n  event_expiry_duration = 30\n  memory_strategies = var.strategies\n}\n', async (dir) =>
    (await load(dir)).model.components.find((x: AgentCoreComponent) => x.address === 'awscc_bedrockagentcore_memory.m'));
  assert.equal(awscc?.facts.modelsComplete, false);
  assert.equal(awscc?.facts.selfManagedComplete, false);
});

async function verdicts(role: string) {
  const { ws, settings, model } = await load(FIXTURE);
  const r = model.roles.find((x) => x.address === role);
  assert.ok(r, role);
  return roleVerdicts(r, settings, (f) => ws.getText(f));
}

test('role hover: a model granted in some of the regions its inference profile routes to is unknown, never missing; exact grants are granted', async () => {
  const profile = (await verdicts('aws_iam_role.profile')).find((c) => c.requirement === 'memory.M1');
  assert.equal(profile?.verdict, 'unknown');
  const exact = (await verdicts('aws_iam_role.exact')).find((c) => c.requirement === 'memory.M1');
  assert.equal(exact?.verdict, 'granted');
  const own = await verdicts('aws_iam_role.own');
  assert.deepEqual(own.filter((c) => c.requirement === 'memory.MS1' || c.requirement === 'memory.MS2').map((c) => [c.requirement, c.verdict]), [['memory.MS1', 'granted'], ['memory.MS2', 'granted']]);
});

/** The fixture in a folder of its own; the first fix of `requirement`'s missing finding of `role` applied; the text after, and the role's findings after. */
async function fixOf(role: string, requirement: string): Promise<{ before: string; after: string; finding: Finding; again: Finding[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-memory-own-fix-'));
  try {
    const file = path.join(dir, 'main.tf');
    const before = fs.readFileSync(path.join(FIXTURE, 'main.tf'), 'utf8');
    fs.writeFileSync(file, before);
    const [finding] = (await findingsOf(dir)).filter((f) => f.role === role && f.requirement === requirement && f.rule === 'missing-permission');
    assert.ok(finding, `a missing ${requirement} finding for ${role}`);
    const [fix] = finding.fixes;
    assert.ok(fix, 'the finding has a fix');
    const after = applyEdits(before, fix.edits);
    await hcl2json.parse('main.tf', after);
    fs.writeFileSync(file, after);
    return { before, after, finding, again: (await findingsOf(dir)).filter((f) => f.role === role) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines `after` has that `before` has not. */
function added(before: string, after: string): string[] {
  const b = new Set(before.split('\n').map((l) => l.trim()));
  return after.split('\n').map((l) => l.trim()).filter((l) => l && !b.has(l));
}

test('fix: the statement on a payload bucket of another name gains the strategy\'s own bucket (the documented statement has no bucket to write)', async () => {
  const { before, after, again } = await fixOf('aws_iam_role.notes', 'memory.MS1');
  assert.ok(!before.includes('"arn:aws:s3:::notes-payloads"'));
  // The statement that almost grants it is corrected, keeping what it grants (issue #22 item 5).
  assert.deepEqual(added(before, after), ['Resource = ["arn:aws:s3:::archive-payloads", "arn:aws:s3:::archive-payloads/*", "arn:aws:s3:::notes-payloads", "arn:aws:s3:::notes-payloads/*"]']);
  assert.deepEqual(again.filter((f) => f.requirement === 'memory.MS1').map((f) => [f.rule, f.severity]), [['narrow-grant', 'hint']]);
});

test('fix: a model not granted (judged on the strategy\'s own model) gets the documented model statement', async () => {
  const { before, after, finding, again } = await fixOf('aws_iam_role.other', 'memory.M1');
  assert.match(finding.message, /foundation-model\/anthropic\.claude-3-haiku-20240307-v1:0 \(aws_bedrockagentcore_memory_strategy\.summaries\)/);
  const lines = added(before, after).join('\n');
  assert.match(lines, /bedrock:\*::foundation-model\/\*/);
  assert.match(lines, /bedrock:\*:\*:inference-profile\/\*/);
  assert.deepEqual(again.filter((f) => f.requirement === 'memory.M1' && f.rule !== 'narrow-grant'), []);
});
