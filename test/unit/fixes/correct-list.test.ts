/**
 * A statement with the right action that grants another runtime, its Resource a list of references:
 * the quick fix adds the runtime the gateway calls to that list (issue #22 item 5: correct the
 * statement that almost grants it), keeping what it grants. It used to insert a second statement.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits } from '../../../server/src/core/fixes/index';
import { fixtureSettings } from '../../helpers/fixture';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const SRC = path.resolve(__dirname, '../../fixtures/gateway-runtime-target-counted');

const BEFORE = `        Resource = [
          aws_bedrockagentcore_agent_runtime.team["billing"].agent_runtime_arn,
          "\${aws_bedrockagentcore_agent_runtime.team["billing"].agent_runtime_arn}/*",
        ]`;
const AFTER = `        Resource = [
          aws_bedrockagentcore_agent_runtime.team["billing"].agent_runtime_arn,
          "\${aws_bedrockagentcore_agent_runtime.team["billing"].agent_runtime_arn}/*",
          "arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/support-*",
          "arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime/support-*/runtime-endpoint/DEFAULT",
        ]`;

test('a grant on another runtime, written as a list of references, gains the runtime the gateway calls', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-correct-list-'));
  try {
    fs.cpSync(SRC, dir, { recursive: true });
    const settings = fixtureSettings(dir);
    const wrong = async () => {
      const ws = await Workspace.create({ root: dir, settings });
      await ws.loadFromDisk();
      return analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings.filter((f) => f.role === 'aws_iam_role.wrong' && f.requirement === 'gateway.G14');
    };
    const [finding] = await wrong();
    assert.equal(finding.rule, 'missing-permission');
    const [fix] = finding.fixes;
    assert.equal(fix.title, 'Add the component\'s resource to the statement');
    assert.equal(fix.edits.length, 1, 'one edit, no data source (the ARNs are written as text)');
    const file = path.join(dir, 'main.tf');
    const before = fs.readFileSync(file, 'utf8');
    assert.ok(before.includes(BEFORE));
    const after = applyEdits(before, fix.edits);
    assert.ok(after.includes(AFTER), after.slice(after.indexOf('resource "aws_iam_role_policy" "wrong"'), after.indexOf('resource "aws_bedrockagentcore_gateway" "wrong"')));
    await hcl2json.parse('main.tf', after);
    fs.writeFileSync(file, after);
    // the support runtime's calls are granted now (what remains is the hint that the grant is narrower than the documented statement)
    assert.deepEqual((await wrong()).map((f) => f.rule), ['narrow-grant']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
