// Keystrokes must not keep earlier versions of the edited file alive. A literal read from the syntax
// tree (a role's name) was a view into the whole text of its version, and the role cache keeps the
// findings of earlier role names (for undo), which hold their role: every keystroke kept its version
// of the file, about the file's size per keystroke until the cache was pruned. Measured in a heap
// snapshot: after eight edits, only the texts of the last two versions may remain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { withDefaults } from '../../../server/src/core/settings';
import { WorkspaceIndex } from '../../../server/src/core/workspace-index';

const version = (n: number) => `# keystroke-version-${n}
resource "aws_iam_role" "agent" {
  name               = "agent-${'x'.repeat(n)}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "bedrock-agentcore.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "agent" {
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ecr:BatchGetImage"], Resource = "*" }]
  })
}

resource "aws_bedrockagentcore_agent_runtime" "main" {
  agent_runtime_name = "main"
  role_arn           = aws_iam_role.agent.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest"
    }
  }
}
`;

/** The heap's strings (a snapshot names a string node by its text). */
async function heapStrings(): Promise<string[]> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  let json = '';
  for await (const chunk of v8.getHeapSnapshot()) json += chunk;
  return (JSON.parse(json) as { strings: string[] }).strings;
}

test('edits of an open file keep no earlier version of its text alive', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-retention-'));
  try {
    const file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, version(0));
    const index = await WorkspaceIndex.create({ root: dir, settings: withDefaults({}), cold: { workers: 0 } });
    await index.loadFromDisk();
    let findings = 0;
    for (let n = 1; n <= 8; n++) {
      index.setFile(file, version(n), { open: true });
      const a = index.analyse();
      assert.equal(a.failed, undefined);
      // Fixes are computed as a quick fix would ask for them: they read the role.
      for (const fs of a.byFile.values()) {
        for (const f of fs) {
          void f.fixes; // computed when read
          findings++;
        }
      }
    }
    assert.ok(findings > 0, 'the role has findings (its fixes were read)');
    const kept = new Set<number>();
    for (const s of await heapStrings()) {
      const m = /^# keystroke-version-(\d+)\n/.exec(s);
      if (m) kept.add(Number(m[1]));
    }
    assert.ok(kept.has(8), 'the current text is found in the snapshot (the check can see texts)');
    assert.deepEqual([...kept].filter((n) => n < 7).sort((a, b) => a - b), [], 'versions older than the last two');
    assert.ok(index.fileCount() > 0); // the index is alive until here
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
