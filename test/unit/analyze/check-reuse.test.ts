// Typing in a policy changes, at each keystroke, the statements of one document of one role. The
// analysis cache replays the checks of that role whose statements did not change (analysis/reuse.ts):
// a check reads a statement that can match one of its actions, that is of one of their services, or
// that writes an unknown value; the others may change freely. Whatever the edit, the cached analysis
// must say what a fresh analysis of the same text says, fixes included, and the role's name must
// count where a policy reads it (aws:PrincipalArn).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { ACTIONS_KEPT, analyze, createAnalysisCache, type AnalysisCache } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';

const settings = withDefaults({});

/** Each finding as JSON with its fixes (computed now: a fix is computed from the objects its request names). */
const render = (fs: Finding[]) => fs.map((f) => JSON.stringify(f));

const MAIN = `provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["123456789012"]
}

data "aws_caller_identity" "current" {}

variable "bucket" {
  type = string
}

resource "aws_iam_role" "agent" {
  path = "/agents/"
  name = "agent-x"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "bedrock-agentcore.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
          ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock-agentcore:us-east-1:\${data.aws_caller_identity.current.account_id}:*" }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy" "agent" {
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ECRImageAccess"
        Effect   = "Allow"
        Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = "arn:aws:ecr:us-east-1:\${data.aws_caller_identity.current.account_id}:repository/*"
      },
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:DescribeLogStreams", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:us-east-1:\${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*"
      },
      {
        Sid      = "Tracing"
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
        Resource = "*"
      },
      {
        Sid      = "Objects"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:aws:s3:::agent-data/*"
      },
      {
        Sid      = "Uploads"
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = "arn:aws:s3:::\${var.bucket}/*"
      }
    ]
  })
}

resource "aws_iam_role_policy" "guard" {
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "TracingOnlyForAgents"
        Effect    = "Deny"
        Action    = "xray:*"
        Resource  = "*"
        Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/agents/agent-*" } }
      }
    ]
  })
}

resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "agent"
  role_arn           = aws_iam_role.agent.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}
`;

/** The texts of typing `typed` after `after` one character at a time, then deleting it again. */
function typing(text: string, after: string, typed: string): string[] {
  const at = text.indexOf(after);
  assert.ok(at >= 0, `the fixture has ${after}`);
  const cut = at + after.length;
  const out: string[] = [];
  for (let i = 1; i <= typed.length; i++) out.push(text.slice(0, cut) + typed.slice(0, i) + text.slice(cut));
  for (let i = typed.length - 1; i >= 0; i--) out.push(text.slice(0, cut) + typed.slice(0, i) + text.slice(cut));
  return out;
}

const replace = (text: string, from: string, to: string): string => {
  assert.ok(text.includes(from), `the fixture has ${from}`);
  return text.replace(from, to);
};

/** After each text, the cached analysis is a fresh one's (findings, order, messages and fixes); returns the replays seen. */
async function typeAll(texts: string[]): Promise<{ replayed: number[]; fresh: string[][] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-reuse-'));
  try {
    const main = path.join(dir, 'main.tf');
    fs.writeFileSync(main, MAIN);
    const ws = await Workspace.create({ root: dir, settings });
    await ws.loadFromDisk();
    const cache: AnalysisCache = createAnalysisCache();
    const replayed: number[] = [];
    const seen: string[][] = [];
    for (const text of [MAIN, ...texts]) {
      ws.setFile(main, text, { open: true });
      const kept = render(analyze(ws.model(), settings, { cache, getText: (f) => ws.getText(f) }).findings);
      replayed.push(cache.replayed ?? 0);
      const fresh = render(analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings);
      assert.deepEqual(kept, fresh, `after typing:\n${text.slice(text.indexOf('resource "aws_iam_role_policy" "agent"'), text.indexOf('resource "aws_iam_role_policy" "guard"'))}`);
      seen.push(fresh);
    }
    return { replayed, fresh: seen };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ruleOf = (lines: string[], requirement: string) => lines.filter((l) => l.includes(`"requirement":"${requirement}"`)).map((l) => JSON.parse(l).rule as string).sort().join(',');

test('typing in an action: the checks of other services are replayed, the ECR ones judged again', async () => {
  const { replayed, fresh } = await typeAll(typing(MAIN, '"ecr:BatchGetImage', 'xy'));
  // Each keystroke replays the checks that read no ECR statement (X-Ray, logs, ...); deleting what
  // was typed finds the role's earlier findings whole (an undo: nothing judged, nothing replayed).
  assert.ok(replayed[1] > 0 && replayed[2] > 0, `checks replayed at each keystroke: ${replayed.join(' ')}`);
  // The edit decides R1: ecr:BatchGetImagex is no action, so the image cannot be pulled.
  assert.equal(ruleOf(fresh[0], 'runtime.R1'), '');
  assert.match(ruleOf(fresh[1], 'runtime.R1'), /missing-permission/);
});

test('typing in a statement no check reads replays every check; one that comes to read it is judged again', async () => {
  const GRANT_ECR = replace(MAIN, '"s3:GetObject"', '"ecr:*"');
  const DENY_ECR = replace(replace(MAIN, '"s3:GetObject"]\n        Resource = "arn:aws:s3:::agent-data/*"', '"ecr:BatchGetImage"]\n        Resource = "*"'), 'Sid      = "Objects"\n        Effect   = "Allow"', 'Sid      = "Objects"\n        Effect   = "Deny"');
  const ALLOW_ALL = replace(MAIN, '"s3:GetObject"]\n        Resource = "arn:aws:s3:::agent-data/*"', '"*"]\n        Resource = "*"');
  // Its Sid is the one the fix of runtime.R2 would write: the fix, computed from the new document, writes another.
  const SID = replace(MAIN, 'Sid      = "Objects"', 'Sid      = "ECRTokenAccess"');
  const steps = [
    ...typing(MAIN, '"s3:GetObject', 'Acl'),
    SID,
    MAIN,
    // The statement of another service becomes one of the role's: every check of its services is judged again.
    replace(MAIN, '"s3:GetObject"', '"xray:*"'),
    ALLOW_ALL,
    GRANT_ECR,
    DENY_ECR,
    replace(MAIN, 'Action   = ["s3:GetObject"]', 'NotAction = ["s3:GetObject"]'),
    // An unknown value in another service's statement: an unknown verdict may point at it.
    replace(MAIN, '"arn:aws:s3:::agent-data/*"', '"arn:aws:s3:::${var.bucket}/x/*"'),
    // A line more in it: every statement below moves.
    replace(MAIN, 'Resource = "arn:aws:s3:::agent-data/*"', 'Resource = [\n          "arn:aws:s3:::agent-data/*"\n        ]'),
  ];
  const { replayed, fresh } = await typeAll(steps);
  const at = (text: string) => steps.indexOf(text) + 1;
  assert.ok(replayed.slice(1, 4).every((n) => n > 0), `checks replayed while typing in s3:GetObject: ${replayed.join(' ')}`);
  // The fix reads every Sid of the document: a replayed finding's fix is computed from the new one.
  assert.ok(replayed[at(SID)] > 0, `checks replayed after the Sid: ${replayed.join(' ')}`);
  assert.match(fresh[0].find((l) => l.includes('"requirement":"runtime.R2"')) ?? '', /Sid *= \\"ECRTokenAccess\\"/);
  assert.match(fresh[at(SID)].find((l) => l.includes('"requirement":"runtime.R2"')) ?? '', /Sid *= \\"ECRTokenAccess2\\"/);
  // Deny ecr:BatchGetImage: R1 missing, although the first statement grants it.
  assert.match(ruleOf(fresh[at(DENY_ECR)], 'runtime.R1'), /missing-permission/);
  // Allow *: nothing is missing any more.
  assert.equal(fresh[at(ALLOW_ALL)].filter((l) => l.includes('"missing-permission"')).length, 0);
});

test("renaming a role: its name is in aws:PrincipalArn, which a policy of the role reads", async () => {
  // agent-x is under role/agents/agent-*: X-Ray granted; bgent-x is not: X-Ray denied (runtime.R7).
  const steps = [replace(MAIN, 'name = "agent-x"', 'name = "gent-x"'), replace(MAIN, 'name = "agent-x"', 'name = "bgent-x"'), MAIN];
  const { fresh } = await typeAll(steps);
  assert.equal(ruleOf(fresh[0], 'runtime.R7'), '');
  assert.match(ruleOf(fresh[2], 'runtime.R7'), /missing-permission/);
  assert.equal(ruleOf(fresh[3], 'runtime.R7'), '');
});

test('the answers kept for action texts are bounded: typing an action adds one per keystroke', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-reuse-'));
  try {
    const main = path.join(dir, 'main.tf');
    const text = replace(MAIN, '"ecr:BatchGetImage"', '"ecr:BatchGetImagx"');
    fs.writeFileSync(main, text);
    const ws = await Workspace.create({ root: dir, settings });
    await ws.loadFromDisk();
    const cache: AnalysisCache = createAnalysisCache();
    analyze(ws.model(), settings, { cache, getText: (f) => ws.getText(f) });
    // As after a long session of typing: as many texts as are kept.
    for (let i = 0; cache.actions.size < ACTIONS_KEPT; i++) cache.actions.set(`ecr:Typed${i}`, { ok: false, reason: 'unknown-action' });
    // One more letter typed: a text not seen yet.
    ws.setFile(main, replace(text, '"ecr:BatchGetImagx"', '"ecr:BatchGetImagxy"'), { open: true });
    const kept = render(analyze(ws.model(), settings, { cache, getText: (f) => ws.getText(f) }).findings);
    assert.ok(cache.actions.size < ACTIONS_KEPT, `${cache.actions.size} texts kept`);
    assert.deepEqual(kept, render(analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings));
    assert.ok(kept.some((l) => l.includes('"rule":"unknown-action"') && l.includes('ecr:BatchGetImage')), 'the typo is found, with its suggestion');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
