// The verdicts the analysis cache keeps between keystrokes (analyze.ts rememberEvaluations) are
// keyed by everything a verdict is computed from: the same policy documents, actions, resources and
// request context. A Terraform role's context carries its own aws:PrincipalArn (iam/context.ts: a
// new array on every call, the requirement's kept conditions around the role's ARN), so a verdict
// kept for one ARN must never answer for another. The fixture test/fixtures/principal-arn denies
// X-Ray to roles outside /agents/: moving the role agent_path out of /agents/ and back, keystroke
// after keystroke, its policies stay the same objects (reused), only its ARN changes; after each
// edit the cached analysis must say what a fresh analysis of the same text says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, createAnalysisCache } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';
import { repoRoot } from '../../helpers/cli';

const settings = withDefaults({});
const render = (fs: Finding[]) => fs.map((f) => JSON.stringify({ ...f, fixes: [] })).sort();

test("a kept verdict never answers for another role ARN (the request context's aws:PrincipalArn)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-evmemo-'));
  try {
    const main = path.join(dir, 'main.tf');
    const original = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'principal-arn', 'main.tf'), 'utf8');
    fs.writeFileSync(main, original);
    const ws = await Workspace.create({ root: dir, settings });
    await ws.loadFromDisk();
    const cache = createAnalysisCache();
    const xray = (fs: Finding[]) => fs.filter((f) => f.role?.includes('agent_path') && f.requirement?.endsWith('R7')).map((f) => `${f.severity} ${f.rule}`).sort().join('; ');
    const paths = ['/agents/', '/ops/', '/agents/', '/agents/x/', '/opsy/', '/agents/'];
    const seen = new Set<string>();
    for (const p of paths) {
      const text = original.replace('path = "/agents/"\n  name = "agent-path"', `path = "${p}"\n  name = "agent-path"`);
      assert.notEqual(text === original, p !== '/agents/', `the path ${p} is typed in`);
      ws.setFile(main, text, { open: true });
      const kept = analyze(ws.model(), settings, { cache, getText: (f) => ws.getText(f) }).findings;
      const fresh = analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings;
      assert.deepEqual(render(kept), render(fresh), `path ${p}: the cached analysis is a fresh one's`);
      seen.add(`${p.startsWith('/agents/') ? 'in' : 'out'}: ${xray(fresh)}`);
    }
    // The edit decides the verdict: X-Ray is granted under /agents/ and denied elsewhere.
    assert.equal(seen.size, 2, [...seen].join(' | '));
    assert.match([...seen].find((s) => s.startsWith('out'))!, /missing-permission/);
    assert.doesNotMatch([...seen].find((s) => s.startsWith('in'))!, /missing-permission/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
