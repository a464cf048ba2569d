/** Component features come from other resources of the root (gateway targets): an edit there must reach the cached role analysis. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, createAnalysisCache } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
const settings = withDefaults({});
const ids = (fs_: { requirement?: string; rule: string }[]) => fs_.map((f) => `${f.rule} ${f.requirement}`).sort();
test('a gateway target edited in another file of the root: the incremental analysis follows the features like a fresh one', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feat-'));
  try {
    const src = fs.readFileSync('test/fixtures/gateway-features/main.tf', 'utf8');
    // split: targets in a second file of the same root
    const cut = src.indexOf('resource "aws_bedrockagentcore_gateway_target" "lambda"');
    fs.writeFileSync(path.join(dir, 'main.tf'), src.slice(0, cut));
    fs.writeFileSync(path.join(dir, 'targets.tf'), src.slice(cut));
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const t = path.join(dir, 'targets.tf');
    let text = src.slice(cut);
    ws.setFile(t, text, { open: true });
    const cache = createAnalysisCache();
    const inc = () => ids(analyze(ws.model(), settings, { getText: ws.textSnapshot(), cache }).findings);
    const before = inc();
    assert.ok(before.includes('missing-permission gateway.G3'), before.join('\n'));
    text = text.replace(/oauth \{[\s\S]*?\n    \}/, 'gateway_iam_role {}');
    ws.setFile(t, text, { open: true });
    const after = inc();
    const ws2 = await Workspace.create({ root: dir });
    await ws2.loadFromDisk();
    ws2.setFile(t, text);
    const fresh = ids(analyze(ws2.model(), settings, { getText: (f) => ws2.getText(f) }).findings);
    assert.deepEqual(after, fresh);
    assert.ok(!after.includes('missing-permission gateway.G3'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
