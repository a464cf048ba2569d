/**
 * Keystrokes reuse what they did not change: blocks shifted lazily, policies (data sources and
 * attributes) memoized by text, place and referenced values, roles compared with the last ones.
 * Random sequences of edits that change exactly those inputs (a local a policy reads, a variable's
 * default, a heredoc's interpolation, lines added above, text inside a shifted block) must leave the
 * incremental analysis equal to a fresh one after every edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, createAnalysisCache } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';
import type { WorkspaceModel } from '../../../server/src/core/workspace-model';

// An account, so that what a policy grants in it is known (not "maybe"): edits of the region or the log group then change findings.
const settings = withDefaults({ defaults: { account: '123456789012' } });

const MAIN = `provider "aws" {
  region = "us-east-1"
}

variable "region" {
  default = "us-east-1"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_iam_role" "runtime" {
  name = "runtime-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
      }
    }]
  })
  inline_policy {
    name   = "tracing"
    policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "\${local.scope}" }]
}
EOT
  }
}

resource "aws_iam_policy" "logs" {
  name = "logs"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = local.actions, Resource = "arn:aws:logs:\${data.aws_region.current.name}:123456789012:log-group:/aws/bedrock-agentcore/runtimes/*" }]
  })
}

resource "aws_cloudwatch_log_group" "rt" {
  name = "/aws/bedrock-agentcore/runtimes/*"
}

resource "aws_iam_role_policy" "describe" {
  role = aws_iam_role.runtime.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:DescribeLogStreams"], Resource = aws_cloudwatch_log_group.rt.arn }]
  })
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.runtime.name
  policy_arn = aws_iam_policy.logs.arn
}

data "aws_iam_policy_document" "ecr" {
  statement {
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = ["arn:aws:ecr:\${var.region}:123456789012:repository/*"]
  }
}

resource "aws_iam_role_policy" "ecr" {
  role   = aws_iam_role.runtime.id
  policy = data.aws_iam_policy_document.ecr.json
}

data "aws_iam_policy_document" "token" {
  source_policy_documents = [data.aws_iam_policy_document.ecr.json]
  statement {
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "second" {
  name               = "second"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "second" {
  role   = aws_iam_role.second.id
  policy = data.aws_iam_policy_document.token.json
}

resource "aws_bedrockagentcore_agent_runtime" "second" {
  agent_runtime_name = "second"
  role_arn           = aws_iam_role.second.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}

resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "my_agent"
  role_arn           = aws_iam_role.runtime.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}

locals {
  scope   = "*"
  actions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
}
`;

const toggle = (a: string, b: string) => (t: string) => (t.includes(a) ? t.replace(a, b) : t.replace(b, a));
const EDITS: [string, (t: string) => string][] = [
  ['a local a heredoc interpolates', toggle('scope   = "*"', 'scope   = "arn:aws:s3:::b2/*"')],
  ['a local a jsonencode policy reads', toggle('"logs:CreateLogStream", ', '')],
  ['a variable default two documents read', toggle('default = "us-east-1"', 'default = "eu-west-1"')],
  ['a line added at the top (every block shifts a line)', (t) => '# note\n' + t],
  ['a line removed at the top', (t) => t.replace(/^# note\n/, '')],
  ['a space before the role (every later block shifts)', toggle('resource "aws_iam_role" "runtime" {', ' resource "aws_iam_role" "runtime" {')],
  ['a character typed into the role name', (t) => t.replace('name = "runtime-role', 'name = "runtime-rolex')],
  ['an action removed from the shifted data source', toggle('"ecr:BatchGetImage", ', '')],
  ['the trust condition removed', toggle('StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }', '')],
  ['the heredoc action changed', toggle('"xray:PutTraceSegments"', '"xray:PutTelemetryRecords"')],
  ['the attachment pointed elsewhere', toggle('role       = aws_iam_role.runtime.name', 'role       = "other"')],
  // Blocks that references read, edited on their own line (nothing shifts): a log group's name a policy reads through its ARN,
  // a provider set on a data source (its values become unknown), a document another includes, a module's input.
  ['the log group a policy reads renamed', toggle('name = "/aws/bedrock-agentcore/runtimes/*"', 'name = "/aws/bedrock-agentcore/other/*"')],
  ['a provider set on the region a policy reads', toggle('data "aws_region" "current" {}', 'data "aws_region" "current" { provider = aws.west }')],
  ['an action typed into a document another includes', (t) => t.replace('"ecr:GetDownloadUrlForLayer', '"ecr:GetDownloadUrlForLayerx')],
  ['a line added above the locals (they move; the policies that read them, above, do not)', toggle('}\n\nlocals {', '}\n\n\nlocals {')],
  ['a character typed into the second role name', (t) => t.replace('name               = "second', 'name               = "secondx')],
];

const render = (fs_: Finding[]) => fs_.map((f) => JSON.stringify({ ...f, fixes: [] }));
/**
 * The policy documents of a model, with every location in them: where a quick fix edits (an action
 * written in a local, a heredoc's line). Findings do not show all of them.
 */
const documents = (m: WorkspaceModel) => m.documents.map((d) => JSON.stringify(d, (k, v) => (k === 'src' ? undefined : v))).sort();

test('random edit sequences: the incremental analysis equals a fresh one after every edit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-memo-'));
  const main = path.join(dir, 'main.tf');
  try {
    fs.writeFileSync(main, MAIN);
    const fresh = async (text: string) => {
      const ws = await Workspace.create({ root: dir, settings });
      await ws.loadFromDisk();
      ws.setFile(main, text);
      return { findings: render(analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings), documents: documents(ws.model()) };
    };
    assert.ok((await fresh(MAIN)).findings.length > 0, 'the base case has findings');
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(EDITS.length - 1), { minLength: 1, maxLength: 12 }), async (steps) => {
      const ws = await Workspace.create({ root: dir, settings });
      await ws.loadFromDisk();
      let text = MAIN;
      ws.setFile(main, text, { open: true });
      const cache = createAnalysisCache();
      analyze(ws.model(), settings, { getText: ws.textSnapshot(), cache });
      for (const s of steps) {
        text = EDITS[s][1](text);
        ws.setFile(main, text, { open: true });
        const inc = { findings: render(analyze(ws.model(), settings, { getText: ws.textSnapshot(), cache }).findings), documents: documents(ws.model()) };
        assert.deepEqual(inc, await fresh(text), `after: ${steps.map((x) => EDITS[x][0]).join(' / ')}`);
      }
    }), { numRuns: 25, seed: 7 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
