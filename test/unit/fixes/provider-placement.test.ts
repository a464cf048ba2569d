/**
 * A fix writes the partition, region and account of the place where the role is judged: the
 * provider its component names (`provider = aws.cn`), a module call's `providers`, the resource's
 * own `region` argument. It uses a data source only when that data source answers for the same
 * placement (one carrying the same provider, or one whose value is the same literal); else the
 * literal the placement knows, only when the configuration writes it as a literal (a region read from
 * a variable's default may be set otherwise at apply: then a data source carrying the provider, or
 * the resource's own `region = var.x` as `${var.x}`); else a data source added with that provider;
 * never the default provider's data source for a role placed elsewhere. Real front (Workspace), real analysis, every
 * edited file parsed again by HashiCorp's parser (@cdktf/hcl2json), and analysed again: the finding
 * is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits, mergeFixes } from '../../../server/src/core/fixes/index';
import { withDefaults } from '../../../server/src/core/settings';
import { hclRefs } from '../../../server/src/core/fixes/idiom';
import type { Finding } from '../../../server/src/core/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

async function findingsOf(dir: string, settings: Parameters<typeof withDefaults>[0] = {}): Promise<Finding[]> {
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  return analyze(ws.model(), withDefaults(settings), { getText: (f) => ws.getText(f) }).findings;
}

/** Writes the files, applies the first fix of the finding on `requirement` (or the trust rule), checks that every edited file parses and that the finding is gone; returns the texts after. */
async function fixOnce(files: Record<string, string>, pick: (f: Finding) => boolean, settings: Parameters<typeof withDefaults>[0] = {}): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-placement-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const before = (await findingsOf(dir, settings)).filter(pick);
    assert.equal(before.length, 1, 'one finding to fix');
    const [fix] = before[0].fixes;
    assert.ok(fix, 'the finding has a fix');
    const after: Record<string, string> = { ...files };
    for (const name of Object.keys(files)) {
      const file = path.join(dir, name);
      const edits = fix.edits.filter((e) => e.file === file);
      if (!edits.length) continue;
      after[name] = applyEdits(files[name], edits);
      if (name.endsWith('.json')) JSON.parse(after[name]);
      else await hcl2json.parse(name, after[name]); // throws on a text HashiCorp's parser rejects
      fs.writeFileSync(file, after[name]);
    }
    const again = (await findingsOf(dir, settings)).filter(pick);
    assert.deepEqual(again.map((f) => f.message), [], 'the fixed finding is gone');
    return after;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const TRUST = `jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = "111122223333" }
        ArnLike      = { "aws:SourceArn" = "arn:*:bedrock-agentcore:*:111122223333:*" }
      }
    }]
  })`;

/** Everything a code-deployed runtime needs except R3 (DescribeLogStreams, CreateLogGroup), written for `partition`. */
function runtime(name: string, opts: { partition: string; provider?: string; region?: string; regionExpr?: string; trust?: string }): string {
  return `resource "aws_iam_role" "${name}" {
  name               = "${name}"
  assume_role_policy = ${opts.trust ?? TRUST}
}

resource "aws_iam_role_policy" "${name}" {
  role = aws_iam_role.${name}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:${opts.partition}:logs:*:*:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*"
      },
      {
        Effect   = "Allow"
        Action   = ["logs:DescribeLogGroups", "logs:PutResourcePolicy", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
        Resource = "*"
      },
      {
        Effect    = "Allow"
        Action    = "cloudwatch:PutMetricData"
        Resource  = "*"
        Condition = { StringEquals = { "cloudwatch:namespace" = "bedrock-agentcore" } }
      }
    ]
  })
}

resource "aws_bedrockagentcore_agent_runtime" "${name}" {${opts.provider ? `\n  provider           = ${opts.provider}` : ''}${opts.region ? `\n  region             = "${opts.region}"` : ''}${opts.regionExpr ? `\n  region             = ${opts.regionExpr}` : ''}
  agent_runtime_name = "${name}"
  role_arn           = aws_iam_role.${name}.arn
  agent_runtime_artifact {
    code_configuration {
      entry_point = ["main.py"]
      runtime     = "PYTHON_3_13"
      code {
        s3 {
          bucket = "agent-code"
          prefix = "${name}.zip"
        }
      }
    }
  }
}
`;
}

const R3 = (f: Finding) => f.requirement === 'runtime.R3';
/** The policy of runtime(name) with the R3 statement the fix inserts: after the last statement with logs actions. */
const withR3 = (text: string, resource: string) => {
  const anchor = '"xray:GetSamplingTargets"]\n        Resource = "*"\n      }';
  const at = text.indexOf(anchor) + anchor.length;
  assert.ok(at > anchor.length);
  return text.slice(0, at) + `,
      {
        Effect = "Allow"
        Action = [
          "logs:DescribeLogStreams",
          "logs:CreateLogGroup"
        ]
        Resource = "${resource}"
      }` + text.slice(at);
};

const PROVIDERS = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "cn"
  region = var.china_region
}

variable "china_region" {
  type    = string
  default = "cn-north-1"
}
`;

/** The same, with the China provider's region written as a literal. */
const PROVIDERS_LITERAL = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "cn"
  region = "cn-north-1"
}
`;

const DEFAULT_DATA = `data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
`;

test('provider = aws.cn with region = "cn-north-1": the literal partition and region, an account data source carrying aws.cn (before: the default provider\'s data sources)', async () => {
  const main = `${PROVIDERS_LITERAL}
${DEFAULT_DATA}
output "where" {
  value = "\${data.aws_partition.current.partition}/\${data.aws_region.current.id}/\${data.aws_caller_identity.current.account_id}"
}

${runtime('china', { partition: 'aws-cn', provider: 'aws.cn' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  // before this change: arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:...
  // (aws and us-east-1 for a runtime in cn-north-1)
  const expected = withR3(main, 'arn:aws-cn:logs:cn-north-1:${data.aws_caller_identity.cn.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*')
    .replace('data "aws_caller_identity" "current" {}\n', 'data "aws_caller_identity" "current" {}\ndata "aws_caller_identity" "cn" {\n  provider = aws.cn\n}\n');
  assert.equal(after['main.tf'], expected);
});

test('provider = aws.cn whose region = var.china_region (default "cn-north-1"): partition and region from data sources carrying aws.cn, not the default written as text (before: arn:aws-cn:logs:cn-north-1)', async () => {
  const main = `${PROVIDERS}
${DEFAULT_DATA}
output "where" {
  value = "\${data.aws_partition.current.partition}/\${data.aws_region.current.id}/\${data.aws_caller_identity.current.account_id}"
}

${runtime('china', { partition: 'aws-cn', provider: 'aws.cn' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  // before this change: arn:aws-cn:logs:cn-north-1:${data.aws_caller_identity.cn.account_id}:... (wrong once
  // china_region is set to cn-northwest-1 at apply)
  const expected = withR3(main, 'arn:${data.aws_partition.cn.partition}:logs:${data.aws_region.cn.id}:${data.aws_caller_identity.cn.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*')
    .replace('data "aws_caller_identity" "current" {}\n', 'data "aws_caller_identity" "current" {}\ndata "aws_partition" "cn" {\n  provider = aws.cn\n}\ndata "aws_region" "cn" {\n  provider = aws.cn\n}\ndata "aws_caller_identity" "cn" {\n  provider = aws.cn\n}\n');
  assert.equal(after['main.tf'], expected);
});

test('provider = aws.agent whose region = var.agent_region has the default provider\'s literal region as default: the data sources carrying aws.agent, read as the file reads aws_region (.name) (before: data.aws_region.current and data.aws_partition.current)', async () => {
  const main = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "agent"
  region = var.agent_region
}

variable "agent_region" {
  type    = string
  default = "us-east-1"
}

${DEFAULT_DATA}
output "home" {
  value = data.aws_region.current.name
}

${runtime('agent', { partition: 'aws', provider: 'aws.agent' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  // before this change: arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:... (the
  // default provider's region, equal to the variable's default only until agent_region is set)
  const expected = withR3(main, 'arn:${data.aws_partition.agent.partition}:logs:${data.aws_region.agent.name}:${data.aws_caller_identity.agent.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*')
    .replace('data "aws_caller_identity" "current" {}\n', 'data "aws_caller_identity" "current" {}\ndata "aws_partition" "agent" {\n  provider = aws.agent\n}\ndata "aws_region" "agent" {\n  provider = aws.agent\n}\ndata "aws_caller_identity" "agent" {\n  provider = aws.agent\n}\n');
  assert.equal(after['main.tf'], expected);
});

test('a runtime whose own region = var.runtime_region (default "eu-west-1"): ${var.runtime_region} in the ARN, the provider\'s partition and account (before: eu-west-1 as text)', async () => {
  const main = `provider "aws" {
  region = "us-east-1"
}

variable "runtime_region" {
  type    = string
  default = "eu-west-1"
}

${DEFAULT_DATA}
${runtime('moved', { partition: 'aws', regionExpr: 'var.runtime_region' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  // before this change: arn:${data.aws_partition.current.partition}:logs:eu-west-1:${data.aws_caller_identity.current.account_id}:...
  assert.equal(after['main.tf'], withR3(main, 'arn:${data.aws_partition.current.partition}:logs:${var.runtime_region}:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*'));
});

test('provider = aws.cn: data sources that carry aws.cn are used when the module has them', async () => {
  const main = `${PROVIDERS}
${DEFAULT_DATA}
data "aws_partition" "china" {
  provider = aws.cn
}

data "aws_region" "china" {
  provider = aws.cn
}

data "aws_caller_identity" "china" {
  provider = aws.cn
}

${runtime('china', { partition: 'aws-cn', provider: 'aws.cn' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  assert.equal(after['main.tf'], withR3(main, 'arn:${data.aws_partition.china.partition}:logs:${data.aws_region.china.id}:${data.aws_caller_identity.china.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*'));
});

test('a role of the default provider does not take the data sources of aws.cn declared before its own (before: data.aws_partition.china)', async () => {
  const main = `${PROVIDERS}
data "aws_partition" "china" {
  provider = aws.cn
}

data "aws_region" "china" {
  provider = aws.cn
}

${DEFAULT_DATA}
${runtime('home', { partition: 'aws' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  assert.equal(after['main.tf'], withR3(main, 'arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*'));
});

test('provider = aws.eu whose region is not known: data sources carrying aws.eu are added (no literal to write, never the default ones)', async () => {
  const main = `provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "eu"
  region = var.eu_region
}

variable "region" {
  type = string
}

variable "eu_region" {
  type = string
}

${DEFAULT_DATA}
${runtime('eu', { partition: 'aws', provider: 'aws.eu' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  const expected = withR3(main, 'arn:${data.aws_partition.eu.partition}:logs:${data.aws_region.eu.id}:${data.aws_caller_identity.eu.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*')
    .replace('data "aws_caller_identity" "current" {}\n', 'data "aws_caller_identity" "current" {}\ndata "aws_partition" "eu" {\n  provider = aws.eu\n}\ndata "aws_region" "eu" {\n  provider = aws.eu\n}\ndata "aws_caller_identity" "eu" {\n  provider = aws.eu\n}\n');
  assert.equal(after['main.tf'], expected);
});

test('a module called with providers = { aws = aws.gov } whose runtime has its own region: the module\'s partition and account, the literal region', async () => {
  const root = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "gov"
  region = "us-gov-west-1"
}

module "gov" {
  source = "./modules/runtime"
  providers = {
    aws = aws.gov
  }
}
`;
  const mod = `${DEFAULT_DATA}
${runtime('gov', { partition: 'aws-us-gov', region: 'us-gov-east-1' })}`;
  const after = await fixOnce({ 'main.tf': root, 'modules/runtime/main.tf': mod }, R3);
  // before: ${data.aws_region.current.id}, which answers us-gov-west-1 (the provider's region) for a runtime in us-gov-east-1
  assert.equal(after['modules/runtime/main.tf'], withR3(mod, 'arn:${data.aws_partition.current.partition}:logs:us-gov-east-1:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*'));
  assert.equal(after['main.tf'], root);
});

test('trust conditions of a role placed by aws.cn: the SourceArn in aws-cn and cn-north-1 (before: the default provider\'s)', async () => {
  const trust = `jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })`;
  const main = `${PROVIDERS_LITERAL}
${DEFAULT_DATA}
data "aws_caller_identity" "cn" {
  provider = aws.cn
}

${runtime('china', { partition: 'aws-cn', provider: 'aws.cn', trust })}`;
  const after = await fixOnce({ 'main.tf': main }, (f) => f.rule === 'trust-condition-missing');
  const text = after['main.tf'];
  assert.match(text, /"aws:SourceAccount" = data\.aws_caller_identity\.cn\.account_id/);
  assert.match(text, /"aws:SourceArn" = "arn:aws-cn:bedrock-agentcore:cn-north-1:\$\{data\.aws_caller_identity\.cn\.account_id\}:\*"/);
  assert.doesNotMatch(text.slice(text.indexOf('resource "aws_iam_role"')), /\.current\./);
});

test('fixture provider-placement: fix all writes the data sources carrying aws.cn for the China runtime (its region is a variable\'s default) and us-gov-east-1 (a literal) for the GovCloud one, then nothing is left', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-placement-fixture-'));
  try {
    fs.cpSync(path.join(__dirname, '../../fixtures/provider-placement'), dir, { recursive: true });
    const root = path.join(dir, 'main.tf');
    const mod = path.join(dir, 'modules/runtime/main.tf');
    const before = { root: fs.readFileSync(root, 'utf8'), mod: fs.readFileSync(mod, 'utf8') };
    const findings = await findingsOf(dir);
    assert.deepEqual(findings.map((f) => `${path.relative(dir, f.file)} ${f.requirement}`).sort(), ['main.tf runtime.R3', 'main.tf runtime.R6', 'modules/runtime/main.tf runtime.R3']);
    const { byFile } = mergeFixes(findings);
    for (const [file, edits] of byFile) {
      const after = applyEdits(fs.readFileSync(file, 'utf8'), edits);
      await hcl2json.parse(path.basename(file), after);
      fs.writeFileSync(file, after);
    }
    const after = { root: fs.readFileSync(root, 'utf8'), mod: fs.readFileSync(mod, 'utf8') };
    const inserted = (b: string, a: string) => [...a.matchAll(/Resource = "([^"]*)"/g)].map((m) => m[1]).filter((r) => !b.includes(`"${r}"`));
    // before 56e3580: arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:... (aws, us-east-1) in main.tf,
    // and ${data.aws_region.current.region} (us-gov-west-1) in the module; before the region's source was told,
    // arn:aws-cn:logs:cn-north-1:... in main.tf (var.china_region's default written as text)
    assert.deepEqual(inserted(before.root, after.root), [
      'arn:${data.aws_partition.cn.partition}:logs:${data.aws_region.cn.id}:${data.aws_caller_identity.cn.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*',
      'arn:${data.aws_partition.cn.partition}:logs:${data.aws_region.cn.id}:${data.aws_caller_identity.cn.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*',
    ]);
    // the two fixes add the data sources carrying aws.cn once
    assert.equal(after.root.split('data "aws_partition" "cn" {\n  provider = aws.cn\n}').length, 2);
    assert.equal(after.root.split('data "aws_region" "cn" {\n  provider = aws.cn\n}').length, 2);
    assert.equal(after.root.split('data "aws_caller_identity" "cn"').length, 2);
    assert.deepEqual(inserted(before.mod, after.mod), [
      'arn:${data.aws_partition.current.partition}:logs:us-gov-east-1:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*',
    ]);
    assert.deepEqual((await findingsOf(dir)).map((f) => f.message), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a role of the default provider whose region is known: the data sources are added as before, not literals', async () => {
  const main = `provider "aws" {
  region = "eu-west-1"
}

${runtime('home', { partition: 'aws' })}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  assert.equal(
    after['main.tf'],
    'data "aws_partition" "current" {}\ndata "aws_region" "current" {}\ndata "aws_caller_identity" "current" {}\n\n' +
      withR3(main, 'arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*'),
  );
});

test('an awscc runtime next to an aws provider configured alike: the aws provider\'s data sources, not placeholders', async () => {
  const awscc = runtime('cc', { partition: 'aws' }).replace(
    /resource "aws_bedrockagentcore_agent_runtime"[\s\S]*$/,
    `resource "awscc_bedrockagentcore_runtime" "cc" {
  agent_runtime_name = "cc"
  role_arn           = aws_iam_role.cc.arn
  agent_runtime_artifact = {
    code_configuration = {
      entry_point = ["main.py"]
      runtime     = "PYTHON_3_13"
      code        = { s3 = { bucket = "agent-code", prefix = "cc.zip" } }
    }
  }
  network_configuration = {
    network_mode = "PUBLIC"
  }
}
`,
  );
  const main = `provider "aws" {
  region = var.region
}

provider "awscc" {
  region = var.region
}

variable "region" {
  type = string
}

${DEFAULT_DATA}
${awscc}`;
  const after = await fixOnce({ 'main.tf': main }, R3);
  assert.equal(after['main.tf'], withR3(main, 'arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*'));
});

test('a policy file read with file() for a role placed by aws.cn: the placement\'s region, not the settings\' default for what the configuration leaves open (before: us-east-1)', async () => {
  const policy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
      "Resource": "arn:aws-cn:logs:*:*:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*"
    },
    {
      "Effect": "Allow",
      "Action": ["logs:DescribeLogGroups", "logs:PutResourcePolicy", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "cloudwatch:PutMetricData",
      "Resource": "*",
      "Condition": { "StringEquals": { "cloudwatch:namespace": "bedrock-agentcore" } }
    }
  ]
}
`;
  const main = `${PROVIDERS}
${runtime('china', { partition: 'aws-cn', provider: 'aws.cn' }).replace(/\n  policy = jsonencode\(\{[\s\S]*?\n  \}\)\n/, '\n  policy = file("${path.module}/policy.json")\n')}`;
  assert.match(main, /policy = file\("\$\{path\.module\}\/policy\.json"\)/);
  const after = await fixOnce({ 'main.tf': main, 'policy.json': policy }, R3, { defaults: { region: 'us-east-1', account: '111122223333' } });
  assert.equal(after['main.tf'], main);
  assert.match(after['policy.json'], /"arn:aws-cn:logs:cn-north-1:111122223333:log-group:\/aws\/bedrock-agentcore\/runtimes\/\*"/);
});

test('hclRefs for a role placed by aws.cn: literals in `literal`, and the same as HCL strings in the expression fields (never another provider\'s data source)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-placement-refs-'));
  try {
    const main = `${PROVIDERS_LITERAL}
${DEFAULT_DATA}
${runtime('china', { partition: 'aws-cn', provider: 'aws.cn' })}`;
    fs.writeFileSync(path.join(dir, 'main.tf'), main);
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const model = ws.model();
    const role = model.roles.find((r) => r.address === 'aws_iam_role.china')!;
    const refs = hclRefs({ model, settings: withDefaults({}), getText: (f) => ws.getText(f) }, path.join(dir, 'main.tf'), role);
    assert.deepEqual(
      { partition: refs.partition, region: refs.region, account: refs.account, literal: refs.literal },
      { partition: '"aws-cn"', region: '"cn-north-1"', account: 'data.aws_caller_identity.cn.account_id', literal: { partition: { text: 'aws-cn' }, region: { text: 'cn-north-1' } } },
    );
    assert.equal(refs.dataEdits.length, 1);
    assert.equal(refs.dataEdits[0].newText, '\ndata "aws_caller_identity" "cn" {\n  provider = aws.cn\n}');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('hclRefs for a role whose runtime, in a module, has its own region = var.region: the role\'s file cannot name that variable, so a placeholder, never the default as text (before: "eu-west-1")', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-placement-refs-'));
  try {
    const root = `provider "aws" {
  region = "us-east-1"
}

${DEFAULT_DATA}
${runtime('moved', { partition: 'aws' }).replace(/resource "aws_bedrockagentcore_agent_runtime"[\s\S]*$/, '')}
module "rt" {
  source   = "./modules/rt"
  role_arn = aws_iam_role.moved.arn
}
`;
    const mod = `variable "role_arn" {
  type = string
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

${runtime('moved', { partition: 'aws', regionExpr: 'var.region' }).replace(/^[\s\S]*(resource "aws_bedrockagentcore_agent_runtime")/, '$1').replace('aws_iam_role.moved.arn', 'var.role_arn')}`;
    fs.writeFileSync(path.join(dir, 'main.tf'), root);
    fs.mkdirSync(path.join(dir, 'modules/rt'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'modules/rt/main.tf'), mod);
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const model = ws.model();
    const role = model.roles.find((r) => r.address === 'aws_iam_role.moved')!;
    assert.deepEqual({ region: role.provider.region, regionArgument: role.provider.regionArgument }, { region: 'eu-west-1', regionArgument: true });
    const refs = hclRefs({ model, settings: withDefaults({}), getText: (f) => ws.getText(f) }, path.join(dir, 'main.tf'), role);
    assert.deepEqual(
      { partition: refs.partition, region: refs.region, account: refs.account, literal: refs.literal, dataEdits: refs.dataEdits.length },
      { partition: 'data.aws_partition.current.partition', region: '"<REGION>"', account: 'data.aws_caller_identity.current.account_id', literal: { region: { text: '<REGION>', placeholder: true } }, dataEdits: 0 },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
