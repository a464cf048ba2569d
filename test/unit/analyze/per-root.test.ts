// Root modules are analysed on their own: a component whose role cannot be resolved is reported
// even when another root has a resolved component at the same address. (Regression: resolution
// was looked up by address over the whole workspace, which hid it.) And the language server's
// cache gives the same findings as a fresh analysis when one root changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, createAnalysisCache } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';

const root = (roleArn: string) => `
provider "aws" { region = "us-east-1" }
variable "role_arn" { type = string }
resource "aws_iam_role" "runtime" {
  name               = "runtime"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "bedrock-agentcore.amazonaws.com" } }] })
}
resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = "agent"
  role_arn           = ${roleArn}
}
`;

test('an unresolved role is reported in its own root even when another root resolves the same address', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'per-root-'));
  try {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'main.tf'), root('aws_iam_role.runtime.arn'));
    writeFileSync(join(dir, 'b', 'main.tf'), root('var.role_arn'));
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const settings = withDefaults({});
    const fresh = analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings;
    const unresolved = fresh.filter((f) => f.rule === 'role-unresolved');
    assert.deepEqual(unresolved.map((f) => f.file), [join(dir, 'b', 'main.tf')]);

    // The cached analysis agrees, before and after one root changes.
    const cache = createAnalysisCache();
    const render = (fs: typeof fresh) => fs.map((f) => `${f.rule} ${f.file}:${f.range.start.line} ${f.requirement ?? ''}`);
    assert.deepEqual(render(analyze(ws.model(), settings, { getText: ws.textSnapshot(), cache }).findings), render(fresh));
    ws.setFile(join(dir, 'b', 'main.tf'), root('aws_iam_role.runtime.arn'), { open: true });
    const after = analyze(ws.model(), settings, { getText: ws.textSnapshot(), cache }).findings;
    assert.equal(after.filter((f) => f.rule === 'role-unresolved').length, 0);
    assert.deepEqual(render(after), render(analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
