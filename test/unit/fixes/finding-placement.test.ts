/**
 * Where a finding sits and what its fix edits (issue #22 item 5), before and after, on the fixture
 * test/fixtures/finding-placement: X-Ray granted on trace/* only gets a fix that corrects that
 * statement's resource to "*" (before this change: a second X-Ray statement was inserted); a
 * permissions boundary that allows no X-Ray gets the finding on the boundary and a fix that writes
 * the statement into the boundary's policy (before: on the identity policy that already grants it,
 * whose fix added nothing useful). Real front, real analysis; each edited text parsed by HashiCorp's
 * parser and analysed again: the finding is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits } from '../../../server/src/core/fixes/index';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'finding-placement', 'main.tf');

async function findingsOf(dir: string): Promise<Finding[]> {
  const ws = await Workspace.create({ root: dir });
  await ws.loadFromDisk();
  return analyze(ws.model(), withDefaults({}), { getText: (f) => ws.getText(f) }).findings;
}

/** The fixture in a folder of its own; the first fix of the R7 finding of `role` applied; the text after, and the findings after. */
async function fixR7(role: string): Promise<{ before: string; after: string; finding: Finding; again: Finding[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-finding-placement-'));
  try {
    const file = path.join(dir, 'main.tf');
    const before = fs.readFileSync(FIXTURE, 'utf8');
    fs.writeFileSync(file, before);
    const [finding] = (await findingsOf(dir)).filter((f) => f.role === role && f.requirement === 'runtime.R7');
    assert.ok(finding, `an R7 finding for ${role}`);
    const [fix] = finding.fixes;
    assert.ok(fix, 'the finding has a fix');
    assert.ok(fix.edits.every((e) => e.file === file));
    const after = applyEdits(before, fix.edits);
    await hcl2json.parse('main.tf', after);
    fs.writeFileSync(file, after);
    const again = (await findingsOf(dir)).filter((f) => f.role === role);
    return { before, after, finding: { ...finding, fixes: finding.fixes }, again };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines that differ, as [before, after]. */
function changed(before: string, after: string): { removed: string[]; added: string[] } {
  const b = before.split('\n');
  const a = after.split('\n');
  let s = 0;
  while (s < b.length && s < a.length && b[s] === a[s]) s++;
  let eb = b.length - 1;
  let ea = a.length - 1;
  while (eb >= s && ea >= s && b[eb] === a[ea]) { eb--; ea--; }
  return { removed: b.slice(s, eb + 1), added: a.slice(s, ea + 1) };
}

test('X-Ray on trace/* only: the finding is on that statement, and its fix corrects the resource (no second statement)', async () => {
  const { before, after, finding, again } = await fixR7('aws_iam_role.scoped');
  assert.match(before.split("\n")[finding.range.start.line + 2], /sid       = "XRay"/); // the statement block of sid XRay
  assert.match(finding.message, /The statement "XRay" has these actions, but its resource or condition leaves out/);
  assert.equal(finding.fixes[0].title, 'Correct the resource of statement "XRay"');
  assert.deepEqual(changed(before, after), {
    removed: ['    resources = ["arn:${data.aws_partition.current.partition}:xray:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:trace/*"]'],
    added: ['    resources = ["*"]'],
  });
  assert.deepEqual(again.map((f) => `${f.rule} ${f.requirement}`), []);
});

test('a permissions boundary that blocks X-Ray: the finding is on the boundary, says so, and its fix writes the statement there', async () => {
  const { before, after, finding, again } = await fixR7('aws_iam_role.bounded');
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /^The permissions boundary aws_iam_policy\.boundary\.policy does not allow xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets on \*: the identity policies grant it, the boundary blocks it\./);
  const lines = before.split('\n');
  assert.match(lines[finding.range.start.line], /policy = jsonencode\(\{/);
  assert.ok(lines.slice(0, finding.range.start.line).reverse().find((l) => l.startsWith('resource '))?.includes('"aws_iam_policy" "boundary"'));
  const { removed, added } = changed(before, after);
  assert.deepEqual(removed, []);
  assert.ok(added.some((l) => l.includes('xray:PutTraceSegments')), added.join('\n'));
  // inserted inside the boundary's policy, after its Observability statement
  const at = after.indexOf(added.find((l) => l.includes('xray:PutTraceSegments'))!);
  assert.ok(at > after.indexOf('Sid      = "Observability"') && at < after.indexOf('resource "aws_iam_role" "bounded"'));
  assert.deepEqual(again.map((f) => `${f.rule} ${f.requirement}`), []);
});

test('an image in another account: the fix adds that repository to the statement on the role\'s own repositories, keeping them (a fix never narrows a grant)', async () => {
  const src = path.resolve(__dirname, '..', '..', 'fixtures', 'own-requests');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-finding-placement-'));
  try {
    fs.cpSync(src, dir, { recursive: true });
    const settings = withDefaults(JSON.parse(fs.readFileSync(path.join(dir, 'fixture.settings'), 'utf8')));
    const run = async () => {
      const ws = await Workspace.create({ root: dir, settings });
      await ws.loadFromDisk();
      return analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings.filter((f) => f.role === 'awscc_iam_role.shared' && f.requirement === 'runtime.R1');
    };
    const [finding] = await run();
    assert.ok(finding);
    const [fix] = finding.fixes;
    assert.equal(fix.title, 'Add the component\'s resource to the statement');
    const file = path.join(dir, 'main.tf');
    const before = fs.readFileSync(file, 'utf8');
    const after = applyEdits(before, fix.edits);
    await hcl2json.parse('main.tf', after);
    // the statement keeps its resource and gains the other account's repository
    const line = (t: string) => t.split('\n').filter((l) => l.includes('123456789012:repository/*'));
    assert.deepEqual(line(before), ['          Resource = "arn:aws:ecr:us-east-2:123456789012:repository/*"']);
    assert.deepEqual(line(after), ['          Resource = ["arn:aws:ecr:us-east-2:123456789012:repository/*", "arn:aws:ecr:us-east-2:999999999999:repository/shared"]']);
    assert.equal(after.split('\n').length, before.split('\n').length, 'one line changed in place (no data source added for a resource written with literals)');
    fs.writeFileSync(file, after);
    assert.deepEqual((await run()).map((f) => f.rule), ['narrow-grant'], 'granted now; the repository policy of the other account is still said (information)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
