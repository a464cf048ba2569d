// Several root modules in one workspace use the same addresses (`aws_iam_role.runtime`): each role
// keeps its own policies. (Regression: roles of different roots were merged by address.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';

const root = (grant: string) => `
provider "aws" { region = "us-east-1" }
resource "aws_iam_role" "runtime" {
  name               = "runtime"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "bedrock-agentcore.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "runtime" {
  role   = aws_iam_role.runtime.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["${grant}"], Resource = "*" }] })
}
resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "agent"
  role_arn           = aws_iam_role.runtime.arn
}
`;

test('two root modules with the same role address keep their own policies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roots-'));
  try {
    for (const [name, grant] of [['a', 'logs:DescribeLogGroups'], ['b', 'xray:PutTraceSegments']]) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'main.tf'), root(grant));
    }
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const roles = ws.model().roles;
    assert.equal(roles.length, 2);
    for (const r of roles) {
      assert.equal(r.address, 'aws_iam_role.runtime');
      assert.equal(r.policies.length, 1, `${r.loc?.file}: one inline policy`);
      assert.equal(r.components.length, 1);
      assert.equal(r.components[0].facts.name?.parts[0].kind, 'lit');
    }
    const actions = roles.map((r) => r.policies[0].document.statements[0].actions).map((l) => (l?.kind === 'items' ? l.items[0].parts.map((p) => (p.kind === 'lit' ? p.text : '?')).join('') : '?')).sort();
    assert.deepEqual(actions, ['logs:DescribeLogGroups', 'xray:PutTraceSegments']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
