/**
 * Catalog conflicts C10 (R5 logs:DescribeLogGroups) and C1 (R4 logs:PutResourcePolicy): AWS's
 * runtime-permissions page scopes both to log groups, the Service Authorization Reference lists no
 * resource type for either (only "*" grants them by IAM's rules), and AWS's other sources write "*".
 * A grant on "*" is granted under every reading; a grant scoped to a log group (or any logs ARN) is
 * unknown, naming the conflict, with a fix that writes "*"; no grant at all stays missing (R5) or an
 * information note (R4). Before/after texts for the fixes, through the whole pipeline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits, mergeFixes } from '../../../server/src/core/fixes/index';
import type { Finding } from '../../../server/src/core/model';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';

/** A runtime (container image) whose role has the trust policy and every statement but the logs ones, plus `logs`. */
function runtimeWith(logs: string): string {
  return `data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_iam_role" "runtime" {
  name = "runtime-role"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:\${data.aws_partition.current.partition}:bedrock-agentcore:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:*"]
    }
  }
}

data "aws_iam_policy_document" "runtime" {
  statement {
    sid       = "Runtime"
    actions   = ["logs:DescribeLogStreams", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*"]
  }
${logs}
  statement {
    sid       = "Rest"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
    resources = ["*"]
  }
  statement {
    sid       = "Metrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["bedrock-agentcore"]
    }
  }
}

resource "aws_iam_role_policy" "runtime" {
  role   = aws_iam_role.runtime.id
  policy = data.aws_iam_policy_document.runtime.json
}

resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "my_agent"
  role_arn           = aws_iam_role.runtime.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "111122223333.dkr.ecr.us-east-1.amazonaws.com/agent:latest"
    }
  }
}
`;
}

const LOGS = 'arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}';

/** The doc's form: both actions scoped to log groups. */
const SCOPED = `  statement {
    sid       = "LogGroups"
    actions   = ["logs:DescribeLogGroups", "logs:PutResourcePolicy"]
    resources = ["${LOGS}:log-group:*"]
  }`;

async function analyseText(text: string): Promise<{ dir: string; file: string; findings: Finding[]; again: () => Promise<Finding[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-conflicts-'));
  const file = join(dir, 'main.tf');
  writeFileSync(file, text);
  const run = async () => {
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    return analyze(ws.model(), withDefaults({})).findings;
  };
  return { dir, file, findings: await run(), again: run };
}

function logsFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.requirement === 'runtime.R4' || f.requirement === 'runtime.R5');
}

test('R5 and R4 granted on "*": granted under every reading, nothing reported', async () => {
  const r = await analyseText(runtimeWith(`  statement {
    sid       = "LogGroups"
    actions   = ["logs:DescribeLogGroups", "logs:PutResourcePolicy"]
    resources = ["*"]
  }`));
  try {
    assert.deepEqual(logsFindings(r.findings).map((f) => f.message), []);
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.message), [], 'the rest of the role is complete');
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('R5 scoped to log-group:* (the runtime-permissions page): unknown at warning, naming C10, at the statement; R4 alike at information, naming C1', async () => {
  const r = await analyseText(runtimeWith(SCOPED));
  try {
    const lines = readFileSync(r.file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('sid       = "LogGroups"')) - 1;
    const r5 = r.findings.find((f) => f.requirement === 'runtime.R5')!;
    assert.ok(r5, 'R5 reported');
    assert.deepEqual([r5.rule, r5.verdict, r5.severity], ['source-conflict', 'unknown', 'warning']);
    assert.equal(r5.range.start.line, at, 'at the statement that scopes it');
    assert.match(r5.message, /^Maybe not granted: logs:DescribeLogGroups: statement "LogGroups" grants it on arn:.*:log-group:\*, not on "\*"/);
    assert.match(r5.message, /C10: logs:DescribeLogGroups: .*Service Authorization Reference lists no resource type/);
    assert.deepEqual(r5.dependsOn, ["which of AWS's sources is right (C10)"]);
    const r4 = r.findings.find((f) => f.requirement === 'runtime.R4')!;
    assert.ok(r4, 'R4 reported');
    assert.deepEqual([r4.rule, r4.verdict, r4.severity], ['source-conflict', 'unknown', 'information']);
    assert.equal(r4.range.start.line, at);
    assert.match(r4.message, /C1: logs:PutResourcePolicy: since 2026-07-24/);
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('any logs ARN counts as the scoped reading (a log group of the runtime); an ARN of another service does not', async () => {
  const narrow = await analyseText(runtimeWith(`  statement {
    sid       = "Narrow"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["${LOGS}:log-group:/aws/bedrock-agentcore/*"]
  }`));
  const other = await analyseText(runtimeWith(`  statement {
    sid       = "Elsewhere"
    actions   = ["logs:*"]
    resources = ["arn:aws:s3:::bucket/*"]
  }`));
  try {
    const n = narrow.findings.find((f) => f.requirement === 'runtime.R5')!;
    assert.deepEqual([n.rule, n.verdict, n.severity], ['source-conflict', 'unknown', 'warning']);
    const o = other.findings.find((f) => f.requirement === 'runtime.R5')!;
    assert.deepEqual([o.rule, o.verdict, o.severity], ['missing-permission', 'missing', 'error']);
  } finally {
    rmSync(narrow.dir, { recursive: true, force: true });
    rmSync(other.dir, { recursive: true, force: true });
  }
});

test('a Deny on "*" keeps a scoped R5 missing (the Deny wins under every reading)', async () => {
  const r = await analyseText(runtimeWith(`${SCOPED}
  statement {
    sid       = "NoDescribe"
    effect    = "Deny"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["*"]
  }`));
  try {
    const f = r.findings.find((x) => x.requirement === 'runtime.R5')!;
    assert.deepEqual([f.rule, f.verdict, f.severity], ['missing-permission', 'missing', 'error']);
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('no grant at all: R5 missing (error), R4 an information note; both fixes write "*"', async () => {
  const r = await analyseText(runtimeWith(''));
  try {
    const fs = logsFindings(r.findings);
    assert.deepEqual(fs.map((f) => `${f.severity} ${f.rule} ${f.verdict} ${f.requirement}`).sort(), [
      'error missing-permission missing runtime.R5',
      'information source-conflict missing runtime.R4',
    ]);
    for (const f of fs) assert.match(f.fixes[0]?.edits.at(-1)?.newText ?? '', /resources = \["\*"\]/, f.requirement);
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('the fixes of the scoped grant, before and after: a statement on "*" each, and the re-analysis reports neither', async () => {
  const before = runtimeWith(SCOPED);
  const r = await analyseText(before);
  try {
    const { byFile, skipped } = mergeFixes(logsFindings(r.findings));
    assert.equal(skipped.length, 0);
    const after = applyEdits(before, byFile.get(r.file)!);
    // Only the two statements are added, right after the statement that scopes them.
    assert.equal(after, before.replace(SCOPED, `${SCOPED}

  statement {
    sid       = "LogsPutResourcePolicy"
    effect    = "Allow"
    actions   = ["logs:PutResourcePolicy"]
    resources = ["*"]
  }

  statement {
    sid       = "LogsDescribeLogGroups"
    effect    = "Allow"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["*"]
  }`));
    writeFileSync(r.file, after);
    assert.deepEqual(logsFindings(await r.again()).map((f) => f.message), []);
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
});
