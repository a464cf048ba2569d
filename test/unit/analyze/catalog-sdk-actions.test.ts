/**
 * An action the AWS SDK names but the bundled Service Authorization Reference does not list yet
 * (catalog SDK_ONLY_ACTIONS: bedrock-agentcore:IngestData) is information, not an unknown action:
 * the data may simply be older than the action. A real typo stays a warning with "did you mean".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';

test('IngestData (SDK, not yet SAR): information without a fix; GetMemorry (a typo) stays a warning with did you mean', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-actions-'));
  try {
    writeFileSync(join(dir, 'main.tf'), [
      'resource "aws_iam_role" "agent" {',
      '  name = "agent"',
      '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }] })',
      '}',
      'resource "aws_iam_role_policy" "agent" {',
      '  role   = aws_iam_role.agent.id',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["bedrock-agentcore:IngestData", "bedrock-agentcore:GetMemorry"], Resource = "*" }] })',
      '}',
      '',
    ].join('\n'));
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const fs = analyze(ws.model(), withDefaults({})).findings.filter((f) => f.rule === 'unknown-action');
    const byAction = new Map(fs.map((f) => [f.actions[0], f]));
    const ingest = byAction.get('bedrock-agentcore:IngestData')!;
    assert.ok(ingest, 'IngestData is told');
    assert.deepEqual([ingest.severity, ingest.verdict, ingest.fixes.length], ['information', 'unknown', 0]);
    assert.match(ingest.message, /is not in the Service Authorization Reference as bundled \(.+\), but the AWS SDK for JavaScript v3 \(2026-10\) has the operation IngestData/);
    const typo = byAction.get('bedrock-agentcore:GetMemorry')!;
    assert.deepEqual([typo.severity, typo.verdict], ['warning', 'invalid']);
    assert.match(typo.message, /did you mean bedrock-agentcore:GetMemory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
