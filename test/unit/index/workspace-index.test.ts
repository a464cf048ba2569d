// The language server's index (core/workspace-index.ts) reports what one Workspace over every
// file reports, after the cold index and after every kind of change: edits of open files, a JSON
// policy read by file() from another folder, a new module call joining two parts, a new folder,
// a deleted file, a closed editor. Cold parts keep no model: warm parts are those an open file needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, dedupeAndSort } from '../../../server/src/core/analyze';
import { LIST_STEP } from '../../../server/src/core/disk';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';
import { WorkspaceIndex, type IndexAnalysis } from '../../../server/src/core/workspace-index';
import type { Finding } from '../../../server/src/core/model';
import { repoRoot, seedInfra } from '../../helpers/cli';

const settings = withDefaults({});
const show = (fs: Finding[]) => fs.map((f) => JSON.stringify({ ...f, fixes: [] })).sort();

/** One Workspace over every file on disk, with the open editors' texts. */
async function reference(dir: string, open: Map<string, string> = new Map()): Promise<{ findings: string[]; problems: string[]; roles: number }> {
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  for (const [f, t] of open) ws.setFile(f, t, { open: true });
  const model = ws.model();
  const { findings } = analyze(model, settings, { getText: (f) => ws.getText(f) });
  return { findings: show(findings), problems: model.problems.map((p) => JSON.stringify(p)).sort(), roles: model.roles.length };
}

function flat(a: IndexAnalysis): string[] {
  return show(dedupeAndSort([...a.byFile.values()].flat()));
}

async function same(index: WorkspaceIndex, dir: string, open: Map<string, string>, what: string): Promise<IndexAnalysis> {
  const a = index.analyse();
  const ref = await reference(dir, open);
  assert.equal(a.failed, undefined, what);
  assert.deepEqual(flat(a), ref.findings, `${what}: findings`);
  assert.deepEqual(a.problems.map((p) => JSON.stringify(p)).sort(), ref.problems, `${what}: problems`);
  assert.equal(a.roles, ref.roles, `${what}: roles`);
  assert.equal(a.findings, ref.findings.length, `${what}: count`);
  return a;
}

test('after the cold index: the seed case and every fixture, in this thread', async () => {
  const dirs = [seedInfra, ...fs.readdirSync(path.join(repoRoot, 'test', 'fixtures')).map((d) => path.join(repoRoot, 'test', 'fixtures', d)).filter((d) => fs.statSync(d).isDirectory())];
  for (const dir of dirs) {
    const index = await WorkspaceIndex.create({ root: dir, settings, cold: { workers: 0 } });
    await index.loadFromDisk();
    const a = await same(index, dir, new Map(), dir);
    assert.equal(a.warm, 0, 'no part is kept warm without an open file');
  }
});

test('after the cold index on a worker with a capped heap: a generated 200-file workspace', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-eq-'));
  try {
    const { generate } = (await import(path.join(repoRoot, 'bench', 'generate.mjs'))) as { generate(o: { files: number; dir: string; seed: number }): unknown };
    generate({ files: 200, dir, seed: 11 });
    const index = await WorkspaceIndex.create({ root: dir, settings, cold: { workers: 1, workerHeapMb: 96 } });
    await index.loadFromDisk();
    const a = await same(index, dir, new Map(), 'generated');
    assert.ok(a.findings > 50, `${a.findings} findings`);
    assert.equal(index.fileCount(), 200);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** app/ reads policies/policy.json with file(); seed/ calls its module; lib/ (the seed's module) is called by nobody yet. */
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-edits-'));
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'file-json');
  fs.mkdirSync(path.join(dir, 'app'));
  fs.mkdirSync(path.join(dir, 'policies'));
  fs.copyFileSync(path.join(fixture, 'trust.json'), path.join(dir, 'app', 'trust.json'));
  fs.copyFileSync(path.join(fixture, 'policy.json'), path.join(dir, 'policies', 'policy.json'));
  fs.writeFileSync(path.join(dir, 'app', 'main.tf'), fs.readFileSync(path.join(fixture, 'main.tf'), 'utf8').replace('${path.module}/policy.json', '${path.module}/../policies/policy.json'));
  fs.cpSync(seedInfra, path.join(dir, 'seed'), { recursive: true });
  fs.cpSync(path.join(seedInfra, 'modules', 'iam'), path.join(dir, 'lib'), { recursive: true });
  return dir;
}

test('the default first index runs in this thread and returns to the event loop between parts', async () => {
  const dir = workspace(); // app/, policies/, seed/, lib/: three parts or more
  try {
    const index = await WorkspaceIndex.create({ root: dir, settings });
    let turns = 0;
    let indexing = true;
    const turn = () => { turns++; if (indexing) setImmediate(turn); };
    setImmediate(turn);
    await index.loadFromDisk();
    indexing = false;
    assert.ok(turns >= 3, `the event loop turned ${turns} times during the index`);
    await same(index, dir, new Map(), 'indexed in this thread');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the default first index also returns to the event loop while it lists the files and scans them for module calls', { timeout: 120_000 }, async () => {
  // Without it, listing and scanning 10,000 files held the thread for about 400 ms before the first part.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-plan-'));
  try {
    const { generate } = (await import(path.join(repoRoot, 'bench', 'generate.mjs'))) as { generate(o: { files: number; dir: string; seed: number }): unknown };
    generate({ files: 2 * LIST_STEP + 50, dir, seed: 2 });
    const index = await WorkspaceIndex.create({ root: dir, settings });
    let turns = 0;
    let beforeFirstPart: number | undefined;
    let indexing = true;
    const turn = () => { turns++; if (indexing) setImmediate(turn); };
    setImmediate(turn);
    await index.loadFromDisk({ open: () => new Map(), onPart: () => { beforeFirstPart ??= turns; } });
    indexing = false;
    // At least one pause in the listing (over 2 * LIST_STEP entries) and one in the scan (over LIST_STEP .tf files).
    assert.ok(beforeFirstPart !== undefined && beforeFirstPart >= 2, `the event loop turned ${beforeFirstPart} times before the first part`);
    assert.equal(index.fileCount(), 2 * LIST_STEP + 50);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a part whose analysis throws during the first index is left to analyse(), which reports it; the other parts keep their results', async () => {
  const dir = workspace();
  const bad = path.join(dir, 'app', 'main.tf');
  const model = Workspace.prototype.model;
  Workspace.prototype.model = function (this: Workspace) {
    if (this.getText(bad) !== undefined) throw new Error('boom in app/');
    return model.call(this);
  };
  try {
    const index = await WorkspaceIndex.create({ root: dir, settings });
    await index.loadFromDisk();
    const a = index.analyse();
    assert.equal(a.analysed, 1, 'only the failed part is analysed again');
    assert.equal(a.failed, 'boom in app/');
    assert.ok(a.byFile.get(path.join(dir, 'seed', 'modules', 'iam', 'main.tf'))?.length, 'the seed part kept its findings');
  } finally {
    Workspace.prototype.model = model;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('edits, file() reads across folders, new module calls and folders, deletions, closing: the same as one Workspace', async () => {
  const dir = workspace();
  try {
    const index = await WorkspaceIndex.create({ root: dir, settings, cold: { workers: 0 } });
    await index.loadFromDisk();
    const open = new Map<string, string>();
    const edit = (file: string, text: string) => { open.set(file, text); index.setFile(file, text, { open: true }); };
    let a = await same(index, dir, open, 'indexed');
    const appFindings = a.byFile.get(path.join(dir, 'policies', 'policy.json'))?.length ?? 0;
    assert.ok(appFindings > 0, 'app/ reports a finding in policies/policy.json (the fixture misses R8)');

    // An edit of an open file: its part is warm, the others stay cold.
    const seedMain = path.join(dir, 'seed', 'main.tf');
    edit(seedMain, fs.readFileSync(seedMain, 'utf8'));
    a = await same(index, dir, open, 'seed/main.tf opened');
    assert.equal(a.warm, 1);
    edit(seedMain, open.get(seedMain)!.replace(/"logs:[A-Za-z]+"/, '"logs:Nope"'));
    a = await same(index, dir, open, 'seed/main.tf edited');
    assert.ok(a.analysed >= 1 && a.warm === 1);

    // The JSON policy in its own folder, read by app/: editing it changes app/'s findings.
    const policy = path.join(dir, 'policies', 'policy.json');
    const fixed = fs.readFileSync(policy, 'utf8').replace(/"cloudwatch:namespace"\s*:\s*"[^"]*"/, '"cloudwatch:namespace": "bedrock-agentcore"');
    assert.notEqual(fixed, fs.readFileSync(policy, 'utf8'), 'the test edits the namespace condition');
    edit(policy, fs.readFileSync(policy, 'utf8'));
    a = await same(index, dir, open, 'policies/policy.json opened');
    assert.equal(a.warm, 3, 'seed/, policies/ and app/ (its findings are in an open file: their fixes need its model)');
    edit(policy, fixed);
    a = await same(index, dir, open, 'policies/policy.json edited');
    assert.ok((a.byFile.get(policy)?.length ?? 0) < appFindings, 'app/ re-analysed with the edited policy');
    assert.equal(a.warm, 2, 'app/ cooled: it has no finding left in an open file');

    // caller/ starts calling lib/ (the seed's module) in an edit: the two parts become one; without
    // it, lib/ would be analysed as a root of its own, its role without the runtime that assumes it.
    const seedText = fs.readFileSync(seedMain, 'utf8');
    const callerMain = path.join(dir, 'caller', 'main.tf');
    fs.mkdirSync(path.dirname(callerMain));
    fs.writeFileSync(callerMain, seedText.replace('"./modules/iam"', '"./not-yet"'));
    index.setFile(callerMain, fs.readFileSync(callerMain, 'utf8'));
    await same(index, dir, open, 'caller/ created');
    edit(callerMain, seedText.replace('"./modules/iam"', '"../lib"'));
    a = await same(index, dir, open, 'caller/ calls lib/');
    assert.ok([...a.byFile.keys()].some((f) => f.startsWith(path.join(dir, 'lib') + path.sep)), 'findings on the role in lib/ (known only with its caller)');

    // A folder called before it exists: it joins its caller when its files appear.
    const caller2 = path.join(dir, 'caller2', 'main.tf');
    fs.mkdirSync(path.dirname(caller2));
    fs.writeFileSync(caller2, seedText.replace('"./modules/iam"', '"../later"'));
    index.setFile(caller2, fs.readFileSync(caller2, 'utf8'));
    await same(index, dir, open, 'a call to a missing folder');
    fs.cpSync(path.join(dir, 'seed', 'modules', 'iam'), path.join(dir, 'later'), { recursive: true });
    for (const f of fs.readdirSync(path.join(dir, 'later'))) index.setFile(path.join(dir, 'later', f), fs.readFileSync(path.join(dir, 'later', f), 'utf8'));
    a = await same(index, dir, open, 'the called folder appears');
    assert.ok([...a.byFile.keys()].some((f) => f.startsWith(path.join(dir, 'later') + path.sep)), 'findings on the role in later/');

    // Files the settings exclude (terraform init writing .terraform/modules) are not analysed unless open.
    const vendored = path.join(dir, 'app', '.terraform', 'modules', 'x', 'main.tf');
    fs.mkdirSync(path.dirname(vendored), { recursive: true });
    fs.writeFileSync(vendored, 'resource "aws_iam_role" "vendored" {\n  name               = "v"\n  assume_role_policy = "{}"\n}\n');
    const count = index.fileCount();
    index.setFile(vendored, fs.readFileSync(vendored, 'utf8'));
    assert.equal(index.fileCount(), count, 'an excluded file changed on disk is left out');
    await same(index, dir, open, 'an excluded file written');

    // A deleted file of a cold part, and of the warm seed part.
    fs.rmSync(path.join(dir, 'later', 'outputs.tf'));
    index.removeFile(path.join(dir, 'later', 'outputs.tf'));
    await same(index, dir, open, 'later/outputs.tf deleted');
    fs.rmSync(path.join(dir, 'seed', 'modules', 'iam', 'outputs.tf'));
    index.removeFile(path.join(dir, 'seed', 'modules', 'iam', 'outputs.tf'));
    await same(index, dir, open, 'seed module outputs deleted');

    // Closing every editor (back to the disk's texts): every part cools.
    for (const f of [...open.keys()]) {
      open.delete(f);
      index.setFile(f, fs.readFileSync(f, 'utf8'));
    }
    a = await same(index, dir, open, 'all closed');
    assert.equal(a.warm, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('settings changes index again, open files kept; a change during the reload is applied after it', async () => {
  const dir = workspace();
  try {
    const index = await WorkspaceIndex.create({ root: dir, settings, cold: { workers: 0 } });
    await index.loadFromDisk();
    const seedMain = path.join(dir, 'seed', 'main.tf');
    const edited = fs.readFileSync(seedMain, 'utf8').replace(/"logs:[A-Za-z]+"/, '"logs:Nope"');
    index.setFile(seedMain, edited, { open: true });
    const excluding = withDefaults({ exclude: ['lib/**'] });
    const reload = index.updateSettings(excluding);
    const appMain = path.join(dir, 'app', 'main.tf');
    const appText = fs.readFileSync(appMain, 'utf8').replace('"my_agent"', '"other_agent"');
    index.setFile(appMain, appText, { open: true });
    await reload;
    const a = index.analyse();
    assert.ok(!index.files().some((f) => f.includes(`${path.sep}lib${path.sep}`)), 'lib/ excluded by the new settings');
    const ws = await Workspace.create({ root: dir, settings: excluding });
    await ws.loadFromDisk();
    ws.setFile(seedMain, edited, { open: true });
    ws.setFile(appMain, appText, { open: true });
    const ref = analyze(ws.model(), excluding, { getText: (f) => ws.getText(f) }).findings;
    assert.deepEqual(flat(a), show(ref));
    assert.equal(index.getText(appMain), appText);
    assert.equal(a.warm, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
