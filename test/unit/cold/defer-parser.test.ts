/**
 * The cold analysis loads tree-sitter only for the files the quick reader leaves to it
 * (Workspace `deferParser`, `parsePending`): a workspace of plain Terraform never loads it, and a
 * file with a syntax error or in Terraform JSON is still read by it, with the same result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';

const TRUST = '{ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "bedrock-agentcore.amazonaws.com" } }] }';
const ROLE = `resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = jsonencode(${TRUST})\n}\n`;

function files(dir: string, texts: Record<string, string>): string[] {
  return Object.entries(texts).map(([name, text]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  });
}

test('plain Terraform: the parser is never loaded; a broken file or Terraform JSON loads it, and reads as without deferring', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-defer-'));
  try {
    const plain = files(dir, { 'main.tf': ROLE });
    const ws = await Workspace.create({ root: dir, deferParser: true });
    ws.loadFiles(plain);
    await ws.parsePending();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    assert.equal((ws as any).parser, undefined, 'no tree-sitter for text the quick reader reads');
    assert.equal(ws.model().roles.length, 1);

    const more = files(dir, {
      'broken.tf': 'resource "aws_iam_role" "b" {\n  name = \n',
      'cdk.tf.json': JSON.stringify({ resource: { aws_iam_role: { j: { name: 'j', assume_role_policy: `\${jsonencode(${TRUST})}` } } } }),
    });
    const deferred = await Workspace.create({ root: dir, deferParser: true });
    deferred.loadFiles([...plain, ...more]);
    assert.throws(() => deferred.model(), /parsePending/, 'a model without the files waiting for the parser would silently lack them');
    // A file set again, or removed, no longer waits.
    const again = await Workspace.create({ root: dir, deferParser: true });
    again.loadFiles(more);
    again.setFile(more[0], ROLE.replace('"r"', '"b"'));
    again.removeFile(more[1]);
    assert.equal(again.model().roles.length, 1);
    await deferred.parsePending();
    const eager = await Workspace.create({ root: dir });
    eager.loadFiles([...plain, ...more]);
    const a = deferred.model();
    const b = eager.model();
    assert.deepEqual(a.roles.map((r) => r.address).sort(), b.roles.map((r) => r.address).sort());
    assert.ok(a.roles.some((r) => r.address.includes('aws_iam_role.j')), 'the JSON file is read');
    assert.deepEqual(a.problems, b.problems);
    assert.ok(a.problems.some((p) => p.rule === 'syntax-error' && p.file.endsWith('broken.tf')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
