/**
 * Fix all on a JSON policy file read with file() that misses several statements: every missing
 * statement is added in one pass, by the editor's "Fix all" and by `check --fix` alike. Each fix
 * replaces the list's last `}` with `},\n{ ...its statement... }`; before, those edits of one range
 * clashed and one pass added one statement (six passes for this file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { FIX_ALL_KIND, codeActions } from '../../../server/src/lsp/handlers/codeActions';
import { fileToUri, uriToFile } from '../../../server/src/lsp/handlers/diagnostics';
import { runCheckCli } from '../../../server/src/cli/check';
import { recordingConnection } from '../../helpers/connection';

const MAIN_TF = `provider "aws" {
  region              = "us-east-2"
  allowed_account_ids = ["123456789012"]
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
        StringEquals = { "aws:SourceAccount" = "123456789012" }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock-agentcore:us-east-2:123456789012:*" }
      }
    }]
  })
}

resource "aws_iam_role_policy" "agent" {
  role   = aws_iam_role.agent.id
  policy = file("\${path.module}/policy.json")
}

resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "agent"
  role_arn           = aws_iam_role.agent.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-2.amazonaws.com/agent:1"
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
      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      "Resource": "arn:aws:ecr:us-east-2:123456789012:repository/agent"
    }
  ]
}
`;

const AFTER = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      "Resource": "arn:aws:ecr:us-east-2:123456789012:repository/agent"
    },
    {
      "Sid": "ECRTokenAccess",
      "Effect": "Allow",
      "Action": [
        "ecr:GetAuthorizationToken"
      ],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "logs:DescribeLogStreams",
        "logs:CreateLogGroup"
      ],
      "Resource": "arn:aws:logs:us-east-2:123456789012:log-group:/aws/bedrock-agentcore/runtimes/*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "logs:DescribeLogGroups"
      ],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "logs:CreateLogStream",
        "logs:PutLogEvents"
      ],
      "Resource": "arn:aws:logs:us-east-2:123456789012:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets"
      ],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "cloudwatch:PutMetricData"
      ],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "cloudwatch:namespace": "bedrock-agentcore"
        }
      }
    }
  ]
}
`;

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-fixall-json-'));
  fs.writeFileSync(path.join(dir, 'main.tf'), MAIN_TF);
  fs.writeFileSync(path.join(dir, 'policy.json'), BEFORE);
  return dir;
}

test('check --fix adds every missing statement to a JSON policy file in one run', async () => {
  const dir = workspace();
  try {
    let stderr = '';
    let stdout = '';
    const code = await runCheckCli([dir, '--fix', '--fail-on', 'error'], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
    assert.match(stderr, /applied 6 fix\(es\) to 1 file\(s\)/);
    assert.equal(fs.readFileSync(path.join(dir, 'policy.json'), 'utf8'), AFTER);
    assert.equal(code, 0, `no error left after one run:\n${stdout}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the editor's Fix all on the JSON policy file writes the same text in one action", async () => {
  const dir = workspace();
  try {
    const file = path.join(dir, 'policy.json');
    const { connection } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    await project.addFolder(dir).ready;
    await project.setText(file, BEFORE, true, 1);
    await project.idle();
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const action = codeActions({ textDocument: { uri: fileToUri(file) }, range, context: { diagnostics: [], only: [FIX_ALL_KIND] } }, project).find((a) => a.kind === FIX_ALL_KIND);
    assert.equal(action?.title, 'Fix all AgentCore IAM findings in this file (6)');
    const edits = action!.edit!.changes![fileToUri(file)] as TextEdit[];
    assert.equal(uriToFile(fileToUri(file)), file);
    assert.equal(TextDocument.applyEdits(TextDocument.create(fileToUri(file), 'json', 1, BEFORE), edits), AFTER);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
