/**
 * A policy's resource can be any length: resource-types.ts compared a resource with its actions'
 * ARN templates by a recursion whose depth grew with the resource's length, and a 40 KB resource
 * (`runtime/a*a*...`) under bedrock-agentcore:InvokeAgentRuntime threw RangeError (maximum call
 * stack size exceeded) out of analyze(), so the whole workspace had no findings. Since commit
 * 1b490ab it is compared row by row without recursion. With the recursion back, both tests below
 * throw the RangeError, from about 10 KB on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';

const RUNTIME = 'arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/';

/** A role AgentCore may assume, allowed bedrock-agentcore:InvokeAgentRuntime on `resource`. */
function roleOn(resource: string): string {
  return [
    'resource "aws_iam_role" "agent" {',
    '  name = "agent"',
    '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }] })',
    '}',
    'resource "aws_iam_role_policy" "agent" {',
    '  role = aws_iam_role.agent.id',
    `  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "bedrock-agentcore:InvokeAgentRuntime", Resource = "${resource}" }] })`,
    '}',
    '',
  ].join('\n');
}

async function mismatchesOf(resource: string): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'resource-types-long-'));
  try {
    writeFileSync(join(dir, 'main.tf'), roleOn(resource));
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    return analyze(ws.model(), withDefaults({})).findings.filter((f) => f.rule === 'resource-type-mismatch');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a 40 KB runtime resource that a runtime ARN can be: analysed, no resource-type-mismatch', async () => {
  const resource = RUNTIME + 'a*'.repeat(20_000) + 'b';
  assert.ok(resource.length > 40_000);
  assert.deepEqual(await mismatchesOf(resource), []);
});

test('a 40 KB runtime resource that no resource type can be (a `:` in the runtime id): one warning on it', async () => {
  const resource = RUNTIME + 'a*'.repeat(20_000) + ':b';
  const found = await mismatchesOf(resource);
  assert.deepEqual(found.map((f) => [f.severity, f.range.start.line]), [['warning', 6]]);
  assert.match(found[0].message, /matches no resource type of bedrock-agentcore:InvokeAgentRuntime/);
});
