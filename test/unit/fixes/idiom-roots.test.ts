/**
 * The region attribute a fix writes (`data.aws_region.X.region` for hashicorp/aws >= 6, `.name`
 * before, `.id` when unknown) comes from the role's own root configuration, never from another root
 * of the workspace that happens to declare a provider version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';

const runtime = (extra: string) => `${extra}
resource "aws_iam_role" "agent" {
  name = "agent"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "bedrock-agentcore.amazonaws.com" } }] })
}

resource "aws_iam_role_policy" "agent" {
  role   = aws_iam_role.agent.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["xray:PutTraceSegments"], Resource = "*" }] })
}

resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "agent"
  role_arn           = aws_iam_role.agent.arn
}
`;

async function regionRefsOfFixes(dir: string, file: string): Promise<string[]> {
  const ws = await Workspace.create({ root: dir });
  await ws.loadFromDisk();
  const { findings } = analyze(ws.model(), withDefaults({}), { getText: (f) => ws.getText(f) });
  const text = findings.filter((f) => f.file === file).flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => e.newText))).join('\n');
  return [...new Set([...text.matchAll(/data\.aws_region\.\w+\.(\w+)/g)].map((m) => m[1]))];
}

test('a root without required_providers does not take the region attribute of another root', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-idiom-'));
  try {
    fs.mkdirSync(path.join(dir, 'v6'));
    fs.mkdirSync(path.join(dir, 'plain'));
    fs.writeFileSync(path.join(dir, 'v6', 'main.tf'), runtime('terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 6.0" }\n  }\n}\n'));
    fs.writeFileSync(path.join(dir, 'plain', 'main.tf'), runtime(''));
    const v6 = await regionRefsOfFixes(dir, path.join(dir, 'v6', 'main.tf'));
    const plain = await regionRefsOfFixes(dir, path.join(dir, 'plain', 'main.tf'));
    assert.deepEqual(v6, ['region'], 'hashicorp/aws ~> 6.0: data.aws_region.X.region');
    assert.deepEqual(plain, ['id'], 'no version in this root: .id, valid in every version');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
