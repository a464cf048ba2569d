/**
 * A policy read with templatefile() is fixed in the file's own idiom: the template writes the account
 * of its ARNs as `${account}` (a variable of the templatefile() call), so the statements a fix adds
 * write `${account}` too, not a `<ACCOUNT_ID>` placeholder the user must fill in; a literal `${` in a
 * value would be written as the template escape `$${`. Before/after text through `check --fix`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheckCli } from '../../../server/src/cli/check';
import { templateIdiom } from '../../../server/src/core/fixes/idiom';

const MAIN_TF = `provider "aws" {
  region = "us-east-2"
}

variable "account" {
  type = string
}

resource "aws_iam_role" "agent" {
  name = "agent"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.account }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock-agentcore:us-east-2:\${var.account}:*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "agent" {
  role   = aws_iam_role.agent.id
  policy = templatefile("\${path.module}/policy.json.tpl", { account = var.account })
}

resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "agent"
  role_arn           = aws_iam_role.agent.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "\${var.account}.dkr.ecr.us-east-2.amazonaws.com/agent:1"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}
`;

const BEFORE = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ecr:GetAuthorizationToken", "logs:DescribeLogGroups", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": ["cloudwatch:PutMetricData"],
      "Resource": "*",
      "Condition": { "StringEquals": { "cloudwatch:namespace": "bedrock-agentcore" } }
    },
    {
      "Effect": "Allow",
      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      "Resource": "arn:aws:ecr:us-east-2:\${account}:repository/*"
    }
  ]
}
`;

const AFTER = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ecr:GetAuthorizationToken", "logs:DescribeLogGroups", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "logs:DescribeLogStreams",
        "logs:CreateLogGroup"
      ],
      "Resource": "arn:aws:logs:us-east-2:\${account}:log-group:/aws/bedrock-agentcore/runtimes/*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "logs:CreateLogStream",
        "logs:PutLogEvents"
      ],
      "Resource": "arn:aws:logs:us-east-2:\${account}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*"
    },
    {
      "Effect": "Allow",
      "Action": ["cloudwatch:PutMetricData"],
      "Resource": "*",
      "Condition": { "StringEquals": { "cloudwatch:namespace": "bedrock-agentcore" } }
    },
    {
      "Effect": "Allow",
      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      "Resource": "arn:aws:ecr:us-east-2:\${account}:repository/*"
    }
  ]
}
`;

test('check --fix writes the templatefile variable the policy already uses for the account', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-templatefile-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN_TF);
    fs.writeFileSync(path.join(dir, 'policy.json.tpl'), BEFORE);
    let stderr = '';
    await runCheckCli([dir, '--fix', '--fail-on', 'none'], { stdout: () => {}, stderr: (s) => { stderr += s; } });
    assert.match(stderr, /applied 2 fix\(es\) to 1 file\(s\)/);
    const after = fs.readFileSync(path.join(dir, 'policy.json.tpl'), 'utf8');
    assert.equal(after, AFTER);
    // As Terraform renders it: valid JSON.
    JSON.parse(after.replaceAll('${account}', '123456789012'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("templateIdiom: the variable a template writes most often at each place of its ARNs; never an escaped `$${`", () => {
  assert.deepEqual(templateIdiom('"arn:${p}:logs:${region}:${account}:log-group:x", "arn:aws:s3:::b", "arn:aws:sqs:${region}:${acct}:q", "arn:aws:sqs:${region}:${account}:r"'), { partition: 'p', region: 'region', account: 'account' });
  assert.deepEqual(templateIdiom('"arn:aws:logs:us-east-1:$${aws:PrincipalAccount}:x"'), {});
  assert.deepEqual(templateIdiom('{"Resource": "*"}'), {});
});
