/**
 * Incremental = from scratch: after every edit, the model and the findings of a workspace kept
 * current incrementally (reparse of the open file, per-root model cache, per-role analysis cache,
 * lazy fixes) are those of a fresh workspace reading the same texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, createAnalysisCache, fixesPending, STALE_KEPT } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM generator of the benchmark
import { generate, prng } from '../../../bench/generate.mjs';

const settings = withDefaults({});

function render(findings: Finding[]): string[] {
  return findings.map((f) => JSON.stringify({ ...f, fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits })) }));
}

async function fresh(root: string, texts: Map<string, string>): Promise<string[]> {
  const ws = await Workspace.create({ root });
  await ws.loadFromDisk();
  for (const [f, t] of texts) ws.setFile(f, t);
  return render(analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings);
}

/** The benchmark's generator in `dir` (40 files, `seed`), its main.tf open, and an analysis of it with a cache. */
async function openGenerated(dir: string, seed: number) {
  const g = generate({ files: 40, dir, seed });
  const main = path.join(g.live, 'main.tf');
  const text = fs.readFileSync(main, 'utf8');
  const ws = await Workspace.create({ root: dir });
  await ws.loadFromDisk();
  ws.setFile(main, text, { open: true });
  const cache = createAnalysisCache();
  const run = () => analyze(ws.model(), settings, { getText: ws.textSnapshot(), cache });
  return { g, main, text, ws, cache, run };
}

test('edits of an open file: incremental analysis equals a fresh one after every edit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-inc-'));
  try {
    const { g, main, text: opened, ws, run: incremental } = await openGenerated(dir, 3);
    const outputs = path.join(g.live, 'modules', 'iam', 'outputs.tf');
    let text = opened;
    const first = incremental();
    assert.ok(first.findings.length > 10);
    assert.ok(first.findings.some((f) => fixesPending(f)), 'fixes are not computed up front');

    const rnd = prng(11);
    const name = text.indexOf('"agent-') + 2;
    const edits: ((t: string) => string)[] = [
      (t) => t.slice(0, name) + 'x' + t.slice(name), // a role name
      (t) => t.slice(0, name) + t.slice(name + 1),
      (t) => '# a comment\n' + t, // every location moves down a line
      (t) => t.replace('# a comment\n', ''),
      (t) => t.replace('"xray:PutTraceSegments",', ''), // a permission removed from the first policy
      (t) => t.replace('effect = "Allow"', 'effect = "Deny"'),
      (t) => t.replace('data "aws_iam_policy_document" "agent_0" {', 'data "aws_iam_policy_document" "agent_0" { # note'), // the text of a line findings point at, no location moves
      (t) => t.replace('"ecr:BatchGetImage"', '"ecr:BatchGetImag"'), // an unknown action
      (t) => t.replace('data "aws_region" "current" {}', 'data "aws_region" "current" { provider = aws.other }'), // what every document reads, no location moves
      (t) => t.replace('data "aws_region" "current" { provider = aws.other }', 'data "aws_region" "current" {}'),
      (t) => t.replace('project_name = var.project_name', 'project_name = "other"'), // a module input
      (t) => t.replace('source       = "./modules/iam"', 'source       = "./modules/none"'), // the module becomes a root of its own
      (t) => t.replace('source       = "./modules/none"', 'source       = "./modules/iam"'),
      (t) => t + '\nresource "aws_iam_role" "broken" {\n  name = ', // a syntax error at the end
      (t) => t.slice(0, t.lastIndexOf('\nresource "aws_iam_role" "broken"')),
    ];
    for (let i = 0; i < 6; i++) {
      const at = Math.floor(rnd() * text.length);
      edits.push((t) => t.slice(0, at) + ' ' + t.slice(at)); // whitespace (or a changed string) anywhere
    }
    for (const [i, edit] of edits.entries()) {
      text = edit(text);
      ws.setFile(main, text, { open: true });
      const inc = render(incremental().findings);
      assert.deepEqual(inc, await fresh(dir, new Map([[main, text]])), `edit ${i}`);
    }
    // A module's outputs.tf changes (not open): the dependent runtime's role is re-evaluated.
    const out = fs.readFileSync(outputs, 'utf8').replace('value = aws_iam_role.runtime.arn', 'value = "arn:aws:iam::123456789012:role/elsewhere"');
    fs.writeFileSync(outputs, out);
    ws.setFile(outputs, out);
    const afterOutputs = render(incremental().findings);
    assert.deepEqual(afterOutputs, await fresh(dir, new Map([[main, text]])), 'module output changed');
    // A closed file of another root changes: that root is rebuilt from files whose syntax was dropped (parsed again).
    const stack = path.join(dir, 'g0', 'stacks', 'app_0', 'main.tf');
    const stackText = fs.readFileSync(stack, 'utf8').replace('role_arn           = module.iam.role_arn', 'role_arn           = var.stage');
    assert.notEqual(stackText, fs.readFileSync(stack, 'utf8'));
    ws.setFile(stack, stackText);
    const afterStack = render(incremental().findings);
    assert.deepEqual(afterStack, await fresh(dir, new Map([[main, text], [stack, stackText]])), 'a closed file of another root changed');
    assert.ok(afterStack.some((f) => f.includes('role-unresolved') && f.includes('app_0')), 'the stack\'s runtime role is now unresolved');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an unchanged role is not evaluated again; an edited one is', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-inc-'));
  try {
    const { main, text: opened, ws, cache, run } = await openGenerated(dir, 4);
    let text = opened;
    run();
    const roles = ws.model().roles.length;
    assert.ok(cache.evaluated === roles, 'the first analysis evaluates every role');
    text = text.replace('"xray:PutTraceSegments",', '');
    ws.setFile(main, text, { open: true });
    run();
    assert.ok(cache.evaluated >= 1 && cache.evaluated < 3, `one role's policy changed: ${cache.evaluated} of ${roles} evaluated`);
    ws.setFile(main, text + '\n# trailing comment\n', { open: true });
    run();
    assert.equal(cache.evaluated, 0, 'a comment at the end changes no role');
    // Typing in a role's name: the analysis never reads a role's name (findings name its address),
    // so the role's findings are those it had, and they are a fresh analysis's.
    text = text + '\n# trailing comment\n';
    for (const typed of ['agent-0x', 'agent-0xy']) {
      const before = text;
      text = text.replace(/(name\s+= ")agent-0[a-z]*"/, `$1${typed}"`);
      assert.notEqual(text, before, 'the role name is typed in');
      ws.setFile(main, text, { open: true });
      const incremental = render(run().findings);
      assert.equal(cache.evaluated, 0, `typing a role's name (${typed}) evaluates no role`);
      assert.deepEqual(incremental, await fresh(dir, new Map([[main, text]])), `typing a role's name (${typed}): the findings of a fresh analysis`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('typing in a role\'s policy keeps the last STALE_KEPT contents of the role, not every one; an undo within them evaluates nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-stale-'));
  try {
    const { main, text: original, ws, cache, run } = await openGenerated(dir, 4);
    run();
    const keys = cache.byKey.size;
    // Typing into an action of one role's policy: every keystroke is a new content of that role.
    const at = original.indexOf('"ecr:BatchGetImage"') + '"ecr:BatchGetImage'.length;
    assert.ok(at > 20, 'the action is in main.tf');
    const texts: string[] = [original];
    for (let i = 0; i < 3 * STALE_KEPT; i++) {
      const t = original.slice(0, at) + 'abcdefghijklmnopqrstuvwxyz'.slice(0, i + 1) + original.slice(at);
      texts.push(t);
      ws.setFile(main, t, { open: true });
      run();
      assert.equal(cache.evaluated, 1, `keystroke ${i + 1}: the edited role only`);
      assert.ok(cache.byKey.size <= keys + STALE_KEPT, `keystroke ${i + 1}: ${cache.byKey.size - keys} contents kept beyond the roles' own (at most ${STALE_KEPT})`);
    }
    // Undo, one keystroke at a time: the contents typed over most recently are found again.
    for (let back = 1; back <= STALE_KEPT; back++) {
      ws.setFile(main, texts[texts.length - 1 - back], { open: true });
      const undone = render(run().findings);
      assert.equal(cache.evaluated, 0, `undo ${back}: the role's earlier findings, not evaluated again`);
      if (back === STALE_KEPT) assert.deepEqual(undone, await fresh(dir, new Map([[main, texts[texts.length - 1 - back]]])), 'and they are a fresh analysis\'s');
    }
    // The first text is long gone from the cache: evaluated again, and right.
    ws.setFile(main, original, { open: true });
    const back = render(run().findings);
    assert.equal(cache.evaluated, 1, 'a content typed over long ago is evaluated again');
    assert.deepEqual(back, await fresh(dir, new Map([[main, original]])));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a text snapshot keeps the texts of its time (changed, removed and added files)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-inc-'));
  try {
    const a = path.join(dir, 'a.tf');
    const b = path.join(dir, 'b.tf');
    const c = path.join(dir, 'c.tf');
    fs.writeFileSync(a, 'locals { a = 1 }\n');
    fs.writeFileSync(b, 'locals { b = 1 }\n');
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const snap = ws.textSnapshot();
    ws.setFile(a, 'locals { a = 2 }\n', { open: true });
    ws.setFile(a, 'locals { a = 3 }\n', { open: true });
    ws.removeFile(b);
    ws.setFile(c, 'locals { c = 1 }\n');
    const later = ws.textSnapshot();
    ws.setFile(c, 'locals { c = 2 }\n');
    assert.equal(snap(a), 'locals { a = 1 }\n');
    assert.equal(snap(b), 'locals { b = 1 }\n');
    assert.equal(snap(c), undefined);
    assert.equal(later(a), 'locals { a = 3 }\n');
    assert.equal(later(b), undefined);
    assert.equal(later(c), 'locals { c = 1 }\n');
    assert.equal(ws.getText(c), 'locals { c = 2 }\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file whose syntax cannot be read again is reported, never silently empty, and read again next time', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-inc-'));
  try {
    generate({ files: 12, dir, seed: 6 });
    // A hexadecimal number, which the quick reader leaves to tree-sitter: so every file is parsed
    // again by tree-sitter, the parser this test makes fail.
    for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) if (f.endsWith('.tf')) fs.appendFileSync(path.join(dir, f), 'locals { left_to_tree_sitter = 0x10 }\n');
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const roles = ws.model().roles.length;
    assert.ok(roles > 0);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const parser = (ws as any).parser;
    const parse = parser.parse;
    parser.parse = () => { throw new Error('out of wasm memory'); };
    try {
      ws.updateSettings({}); // every root is built again, from syntax dropped after the first build
      const m = ws.model();
      assert.ok(m.problems.some((p) => p.rule === 'file-unreadable' && /could not be parsed again/.test(p.message)), 'reported');
    } finally {
      parser.parse = parse;
    }
    ws.updateSettings({});
    const again = ws.model();
    assert.equal(again.roles.length, roles, 'read again once parsing works');
    assert.ok(!again.problems.some((p) => p.rule === 'file-unreadable'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
