// Terraform evaluated as Terraform does (issue #21 items 1-3): the expressions the tree leaves as
// text (conditionals, splats, dynamic indexes, for expressions), count and for_each instances with
// their bounds, and where a component is placed (provider aliases, module providers, region).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import { parseExpression } from '../../../server/src/core/terraform/hclexpr';
import type { WorkspaceModel } from '../../../server/src/core/workspace-model';

const fixtures = resolve(__dirname, '..', '..', 'fixtures');

async function modelOf(dir: string): Promise<{ ws: Workspace; model: WorkspaceModel }> {
  const ws = await Workspace.create({ root: dir, settings: withDefaults(undefined) });
  await ws.loadFromDisk();
  return { ws, model: ws.model() };
}

/** A workspace written from texts (path -> text) in a temporary folder. */
async function withFiles<T>(files: Record<string, string>, f: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'instances-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    return await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const trust = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "bedrock-agentcore.amazonaws.com" } }] })`;

describe('expressions the tree leaves as text', () => {
  test('conditionals, operators, splats, dynamic indexes and for expressions are read, at their offsets', () => {
    const e = parseExpression('var.create ? aws_iam_role.rt[0].arn : var.role_arn', 100)!;
    assert.equal(e.k, 'cond');
    if (e.k !== 'cond') return;
    assert.deepEqual(e.test, { k: 'ref', path: ['var', 'create'], text: 'var.create', span: { start: 100, end: 110 } });
    assert.equal(e.then.k, 'ref');
    assert.deepEqual(e.then.k === 'ref' && e.then.path, ['aws_iam_role', 'rt', 0, 'arn']);
    assert.equal(parseExpression('aws_iam_role.x[*].arn')!.k, 'splat');
    assert.equal(parseExpression('aws_iam_role.x.*.arn')!.k, 'splat');
    assert.equal(parseExpression('aws_iam_role.x[each.key].arn')!.k, 'getattr');
    assert.equal(parseExpression('{ for k, v in var.m : k => v.arn if v.on }')!.k, 'for');
    assert.equal(parseExpression('[for r in aws_iam_role.x : r.arn]')!.k, 'for');
    assert.equal(parseExpression('a == null || !(b > 1 && c != "x")')!.k, 'bin');
    assert.equal(parseExpression('"${var.a ? "x" : "y"}-role"')!.k, 'str');
    // not read: left unknown, never guessed
    assert.equal(parseExpression('"%{ if var.a }x%{ endif }"'), undefined);
    assert.equal(parseExpression('f(var.list...)'), undefined);
    assert.equal(parseExpression('a ? b'), undefined);
  });
});

describe('create the role or bring your own', () => {
  test('no value for the condition: the created role is judged and the note says when, and what to check otherwise', async () => {
    const { ws, model } = await modelOf(join(fixtures, 'create-or-bring'));
    const role = model.roles.find((r) => r.address === 'aws_iam_role.rt');
    assert.ok(role, 'the symbolic instance of the counted role');
    assert.deepEqual(role.components.map((c) => c.address).sort(), [
      'aws_bedrockagentcore_agent_runtime.conditional', 'aws_bedrockagentcore_agent_runtime.with_coalesce', 'aws_bedrockagentcore_agent_runtime.with_for',
      'aws_bedrockagentcore_agent_runtime.with_one', 'aws_bedrockagentcore_agent_runtime.with_try',
    ]);
    const note = model.problems.find((p) => p.message.startsWith('aws_bedrockagentcore_agent_runtime.conditional.role_arn'));
    assert.ok(note);
    assert.match(note.message, /names aws_iam_role\.rt when var\.create_role is true: that role is checked here/);
    assert.match(note.message, /Otherwise \(when var\.create_role is false: var\.role_arn\) the role comes from outside this configuration and is not checked/);
    assert.equal(note.severity, 'information');
    // the gap is the created role's own: an error, on its policy, naming the role
    const { findings } = analyze(model, withDefaults(undefined), { getText: (f) => ws.getText(f), fixes: false });
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => `${f.requirement} ${f.role}`), ['runtime.R7 aws_iam_role.rt']);
    assert.ok(!findings.some((f) => f.rule === 'role-unresolved'));
  });

  test('a known condition decides: the role instance aws_iam_role.rt[0], no note; false: the brought role, unresolved', async () => {
    const text = (create: boolean) => `
variable "create_role" { default = ${create} }
variable "role_arn" { default = "arn:aws:iam::123456789012:role/elsewhere" }
resource "aws_iam_role" "rt" {
  count              = var.create_role ? 1 : 0
  name               = "rt"
  assume_role_policy = ${trust}
}
resource "aws_bedrockagentcore_agent_runtime" "this" {
  agent_runtime_name = "x"
  role_arn           = var.create_role ? aws_iam_role.rt[0].arn : var.role_arn
}`;
    await withFiles({ 'main.tf': text(true) }, async (dir) => {
      const { model } = await modelOf(dir);
      assert.deepEqual(model.roles.map((r) => [r.address, r.components.map((c) => c.address)]), [['aws_iam_role.rt[0]', ['aws_bedrockagentcore_agent_runtime.this']]]);
      assert.deepEqual(model.problems, []);
    });
    await withFiles({ 'main.tf': text(false) }, async (dir) => {
      const { model } = await modelOf(dir);
      assert.deepEqual(model.roles.map((r) => r.address), [], 'count = 0: no role');
      assert.match(model.problems[0]?.message ?? '', /does not name a role of this configuration/);
    });
  });
});

describe('instances', () => {
  test('for_each over a map of objects, a resource collection and a data source: one role per key, findings name the instance on the shared text', async () => {
    const { ws, model } = await modelOf(join(fixtures, 'instances'));
    assert.deepEqual(model.roles.map((r) => r.address).sort(), ['aws_iam_role.agent["billing"]', 'aws_iam_role.agent["support"]', 'module.iam[0].aws_iam_role.this']);
    for (const r of model.roles) assert.equal(r.components.length, 1, `${r.address}: its component`);
    const billing = model.roles.find((r) => r.address === 'aws_iam_role.agent["billing"]')!;
    assert.equal(billing.name && billing.name.parts.map((p) => (p.kind === 'lit' ? p.text : '?')).join(''), 'agent-billing');
    const { findings } = analyze(model, withDefaults(undefined), { getText: (f) => ws.getText(f), fixes: false });
    const r7 = findings.filter((f) => f.requirement === 'runtime.R7');
    assert.deepEqual(r7.map((f) => f.role), ['aws_iam_role.agent["billing"]'], 'support traces, billing does not');
  });

  test('count = 1000000000 stays cheap: one instance stands for all, and a note says so', async () => {
    await withFiles({ 'main.tf': `
resource "aws_iam_role" "many" {
  count              = 1000000000
  name               = "r-\${count.index}"
  assume_role_policy = ${trust}
}
resource "aws_bedrockagentcore_agent_runtime" "this" {
  count              = 1000000000
  agent_runtime_name = "x\${count.index}"
  role_arn           = aws_iam_role.many[count.index].arn
}` }, async (dir) => {
      const t0 = performance.now();
      const { model } = await modelOf(dir);
      const ms = performance.now() - t0;
      assert.ok(ms < 5_000, `${ms.toFixed(0)} ms`);
      assert.deepEqual(model.roles.map((r) => [r.address, r.components.length]), [['aws_iam_role.many', 1]]);
      const notes = model.problems.filter((p) => /more than the 256 the analysis expands/.test(p.message));
      assert.deepEqual(notes.map((p) => p.message.split(':')[0]), ['aws_iam_role.many', 'aws_bedrockagentcore_agent_runtime.this']);
    });
  });

  test('for_each of 300 keys is past the bound of 256; 256 keys are expanded', async () => {
    const keys = (n: number) => `[${Array.from({ length: n }, (_, i) => `"k${i}"`).join(', ')}]`;
    for (const [n, roles] of [[256, 256], [300, 1]] as const) {
      await withFiles({ 'main.tf': `
resource "aws_iam_role" "r" {
  for_each           = toset(${keys(n)})
  name               = each.key
  assume_role_policy = ${trust}
}` }, async (dir) => {
        const { model } = await modelOf(dir);
        assert.equal(model.roles.length, roles, `${n} keys`);
        assert.equal(model.problems.some((p) => /for_each = .* gives 300 instances/.test(p.message)), n === 300);
      });
    }
  });

  test('nested module calls with count stop at 1,024 module instances, and say so', async () => {
    const call = (src: string) => `module "m" {\n  count  = 200\n  source = "${src}"\n}\n`;
    await withFiles({ 'main.tf': call('./a'), 'a/main.tf': call('../b'), 'b/main.tf': call('../c'), 'c/main.tf': `resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = ${trust}\n}\n` }, async (dir) => {
      const t0 = performance.now();
      const { model } = await modelOf(dir);
      assert.ok(performance.now() - t0 < 10_000);
      assert.ok(model.roles.length < 1024, `${model.roles.length} roles`);
      assert.ok(model.problems.some((p) => /more than 1024 module instances/.test(p.message)));
    });
  });
});

describe('an attachment that may not exist', () => {
  test('counted like its role: attached; under another condition not known: what it grants is unknown, never granted', async () => {
    const xray = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], Resource = "*" }] })`;
    const text = (attachmentCount: string) => `
variable "create_role" { type = bool }
variable "tracing" { type = bool }
resource "aws_iam_role" "rt" {
  count              = var.create_role ? 1 : 0
  name               = "rt"
  assume_role_policy = ${trust}
}
resource "aws_iam_role_policy" "xray" {
  count  = ${attachmentCount}
  role   = aws_iam_role.rt[0].id
  policy = ${xray}
}
resource "aws_bedrockagentcore_agent_runtime" "this" {
  agent_runtime_name = "x"
  role_arn           = aws_iam_role.rt[0].arn
}`;
    for (const [count, r7] of [['var.create_role ? 1 : 0', undefined], ['var.tracing ? 1 : 0', 'information unknown-permission']] as const) {
      await withFiles({ 'main.tf': text(count) }, async (dir) => {
        const { ws, model } = await modelOf(dir);
        const { findings } = analyze(model, withDefaults(undefined), { getText: (f) => ws.getText(f), fixes: false });
        const f = findings.find((x) => x.requirement === 'runtime.R7');
        assert.equal(f && `${f.severity} ${f.rule}`, r7, `count = ${count}`);
        if (r7) assert.match(f!.message, /exists only if created \(count = var\.tracing \? 1 : 0\)/);
      });
    }
  });
});

describe('typing', () => {
  test('an open file edited keystroke by keystroke gives what a fresh reading gives: for_each keys, count, each.value in a policy', async () => {
    const text = (keys: string, count: string, action: string) => `
locals {
  agents = { ${keys} }
}
resource "aws_iam_role" "agent" {
  for_each           = local.agents
  name               = "agent-\${each.key}"
  assume_role_policy = ${trust}
  inline_policy {
    name   = "p"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [each.value], Resource = "*" }] })
  }
}
resource "aws_iam_role" "extra" {
  count              = ${count}
  name               = "extra-\${count.index}"
  assume_role_policy = ${trust}
}
data "aws_iam_policy_document" "uses" {
  statement {
    actions   = ["${action}"]
    resources = [aws_iam_role.extra[1].arn]
  }
}
resource "aws_bedrockagentcore_agent_runtime" "a" {
  for_each           = local.agents
  agent_runtime_name = each.key
  role_arn           = aws_iam_role.agent[each.key].arn
}`;
    const steps = [
      text('a = "logs:PutLogEvents"', '1', 's3:GetObject'),
      text('a = "logs:PutLogEvents"', '2', 's3:GetObject'),
      text('a = "logs:PutLogEvents", b = "xray:PutTraceSegments"', '1', 's3:GetObject'),
      text('a = "logs:PutLogEvents", b = "xray:PutTraceSegment"', '2', 's3:GetObject'),
      text('a = "logs:PutLogEvents", b = "xray:PutTraceSegment"', '2', 's3:GetObjects'),
      text('b = "xray:PutTraceSegment"', '0', 's3:GetObjects'),
    ];
    // the folder's name left out: a fresh reading is in another folder
    const shape = (m: WorkspaceModel) => JSON.stringify({
      roles: m.roles.map((r) => [r.address, r.components.map((c) => c.address), r.policies.map((p) => p.document.statements.map((x) => x.actions))]),
      docs: m.documents.filter((d) => d.id.startsWith('data.')).map((d) => d.statements.map((x) => [x.actions, x.resources])),
    }, (k, v) => (k === 'file' ? basename(v) : v));
    await withFiles({ 'main.tf': steps[0] }, async (dir) => {
      const main = join(dir, 'main.tf');
      const ws = await Workspace.create({ root: dir, settings: withDefaults(undefined) });
      await ws.loadFromDisk();
      ws.setFile(main, steps[0], { open: true });
      ws.model();
      for (const step of steps.slice(1)) {
        ws.setFile(main, step, { open: true });
        const typed = shape(ws.model());
        const fresh = await withFiles({ 'main.tf': step }, async (d2) => shape((await modelOf(d2)).model));
        assert.equal(typed, fresh, step);
      }
    });
  });
});

describe('null is not set', () => {
  test('permissions_boundary and managed_policy_arns from variables null by default attach nothing (before: opaque "(null value)", every permission unknown)', async () => {
    await withFiles({ 'main.tf': `
variable "boundary_arn" {
  type    = string
  default = null
}
variable "policy_arn" {
  type    = string
  default = null
}
resource "aws_iam_role" "r" {
  name                 = "r"
  assume_role_policy   = ${trust}
  permissions_boundary = var.boundary_arn
}
resource "aws_iam_role_policy_attachment" "extra" {
  count      = var.policy_arn == null ? 0 : 1
  role       = aws_iam_role.r.name
  policy_arn = var.policy_arn
}` }, async (dir) => {
      const { model } = await modelOf(dir);
      const [r] = model.roles;
      assert.deepEqual(r.opaque, []);
      assert.equal(r.boundary, undefined);
    });
  });
});

describe('providers and placement', () => {
  test('provider = aws.alias (region from a variable), providers = { aws = aws.gov } and the per-resource region place the role; the partition follows', async () => {
    const { model } = await modelOf(join(fixtures, 'provider-placement'));
    const place = Object.fromEntries(model.roles.map((r) => [r.address, r.provider]));
    assert.deepEqual(place['aws_iam_role.china'], { region: 'cn-north-1', partition: 'aws-cn', account: undefined, config: 'aws.cn', regionWritten: 'var.china_region' });
    assert.deepEqual(place['module.gov.aws_iam_role.gov'], { region: 'us-gov-east-1', partition: 'aws-us-gov', account: undefined, config: 'aws.gov', regionArgument: true, regionWritten: '"us-gov-east-1"' });
  });

  test('an awscc component is placed by the awscc provider; an awscc attribute named region is no placement', async () => {
    await withFiles({ 'main.tf': `
provider "aws" { region = "us-east-1" }
provider "awscc" { region = "cn-northwest-1" }
resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = ${trust}
}
resource "aws_iam_role" "b" {
  name               = "b"
  assume_role_policy = ${trust}
}
resource "awscc_bedrockagentcore_runtime" "a" {
  agent_runtime_name = "a"
  role_arn           = aws_iam_role.a.arn
  region             = "eu-west-1"
}
resource "aws_bedrockagentcore_agent_runtime" "b" {
  agent_runtime_name = "b"
  role_arn           = aws_iam_role.b.arn
}` }, async (dir) => {
      const { model } = await modelOf(dir);
      const place = Object.fromEntries(model.roles.map((r) => [r.address, `${r.provider.partition} ${r.provider.region}`]));
      assert.deepEqual(place, { 'aws_iam_role.a': 'aws-cn cn-northwest-1', 'aws_iam_role.b': 'aws us-east-1' });
    });
  });

  test('data sources read through their provider; aws_caller_identity id is the account', async () => {
    await withFiles({ 'main.tf': `
provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "iso"
  region = "us-isob-east-1"
}
data "aws_partition" "iso" { provider = aws.iso }
data "aws_region" "iso" { provider = aws.iso }
data "aws_caller_identity" "me" {}
resource "aws_iam_role" "r" {
  name               = "\${data.aws_partition.iso.partition}-\${data.aws_region.iso.id}-\${data.aws_caller_identity.me.id}"
  assume_role_policy = ${trust}
}` }, async (dir) => {
      const ws = await Workspace.create({ root: dir, settings: withDefaults({ defaults: { account: '123456789012' } }) });
      await ws.loadFromDisk();
      const [r] = ws.model().roles;
      assert.deepEqual(r.name?.parts, [{ kind: 'lit', text: 'aws-iso-b-us-isob-east-1-123456789012' }]);
    });
  });
});
