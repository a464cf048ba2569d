// Robustness: the parser front, the evaluator and the fixes under random, truncated and mutated
// input. Seeded (FUZZ_SEED overrides); every failure message names the seed. No exception may
// escape, every call returns within BOUND_MS, fixes keep HashiCorp-parseability and JSON validity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Workspace } from '../../server/src/core/workspace';
import { listWorkspaceFiles } from '../../server/src/core/disk';
import { analyze } from '../../server/src/core/analyze';
import { withDefaults } from '../../server/src/core/settings';
import { applyEdits } from '../../server/src/core/fixes';
import { evaluateRequirement, evaluateTrust } from '../../server/src/core/iam';
import type { Part, PolicyDocument, Statement, SymList, SymStr } from '../../server/src/core/model';
import { seedInfra } from '../helpers/cli';
import { applySuppressions } from '../../server/src/core/suppress';
import type { Finding } from '../../server/src/core/model';

const require = createRequire(__filename);
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const BOUND_MS = 2000;
const SEED_DIR = seedInfra;
const seedFiles: Record<string, string> = {};
for (const f of ['main.tf', 'modules/iam/main.tf', 'modules/iam/outputs.tf', 'modules/iam/variables.tf']) {
  try { seedFiles[f] = readFileSync(join(SEED_DIR, f), 'utf8'); } catch { /* seed case absent */ }
}
const corpus = Object.values(seedFiles).length ? Object.values(seedFiles) : ['resource "aws_iam_role" "r" {\n  name = "x"\n}\n'];
const jsonCorpus = ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:PutLogEvents"],"Resource":"*"}]}'];

const notImplemented = (e: unknown) => e instanceof Error && /not implemented yet/.test(e.message);

function timed<T>(what: string, f: () => T): T {
  const t = performance.now();
  const r = f();
  const d = performance.now() - t;
  assert.ok(d < BOUND_MS, `${what} took ${d.toFixed(0)} ms (bound ${BOUND_MS} ms), seed ${SEED}`);
  return r;
}

async function newWorkspace(root: string, settings = {}): Promise<Workspace | undefined> {
  try { return await Workspace.create({ root, settings }); } catch (e) { if (notImplemented(e)) return undefined; throw e; }
}

/** Truncations, splices, character flips, duplicated lines of a seed text. */
const mutated = (texts: string[]) => fc.tuple(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('', '{', '}', '"', '${', '\n', '[', ']', '=', '<<EOF\n', '\u0000', '\r\n', '\uFEFF', 'é', '🙂', '#', '/*', '*/', 'jsonencode(', '\\', '# agentcore-iam:ignore runtime.R7 -- why\n', '// agentcore-iam:ignore ', ' -- ')), { maxLength: 6 }), fc.option(fc.nat()))
  .map(([t, muts, cut]) => {
    let s = t;
    for (const [a, b, ins] of muts) { const i = a % (s.length + 1); const j = Math.min(s.length, i + (b % 8)); s = s.slice(0, i) + ins + s.slice(j); }
    return cut === null ? s : s.slice(0, cut % (s.length + 1));
  });

test(`fuzz: parser front never throws and answers in bounded time (seed ${SEED})`, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'fuzz-front-'));
  try {
    const ws = await newWorkspace(root);
    if (!ws) { t.skip('Workspace not implemented yet'); return; }
    const arb = fc.oneof(mutated(corpus), mutated(jsonCorpus), fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));
    await fc.assert(fc.asyncProperty(arb, fc.constantFrom('main.tf', 'p.json', 'modules/iam/main.tf', 'x.tf.json'), async (text, name) => {
      const file = join(root, name);
      timed(`setFile(${name})`, () => ws.setFile(file, text));
      const m = timed('model()', () => ws.model());
      assert.ok(Array.isArray(m.problems));
      timed('analyze()', () => analyze(m, withDefaults({}), { getText: (f) => ws.getText(f) }));
    }), { seed: SEED, numRuns: 150 });
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test(`fuzz: pathological files (deep nesting, 10 MB, binary, CRLF+BOM, non-ASCII) (seed ${SEED})`, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'fuzz-path-'));
  try {
    const ws = await newWorkspace(root, { maxFileBytes: 64 * 1024 * 1024 });
    if (!ws) { t.skip('Workspace not implemented yet'); return; }
    const seedMain = seedFiles['modules/iam/main.tf'] ?? corpus[0];
    const cases: Record<string, string> = {
      'deep.tf': 'locals {\n  x = ' + '['.repeat(5000) + ']'.repeat(5000) + '\n}\n',
      'deepobj.tf': 'locals {\n  x = ' + '{ a = '.repeat(3000) + '1' + ' }'.repeat(3000) + '\n}\n',
      'deepblock.tf': 'resource "a" "b" {\n' + 'x {\n'.repeat(3000) + '}\n'.repeat(3000) + '}\n',
      'deep.json': '['.repeat(20000) + ']'.repeat(20000),
      'unclosed.tf': '{'.repeat(20000),
      'binary.tf': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + SEED) % 256)).toString('latin1'),
      'crlf.tf': '\uFEFF' + seedMain.replace(/\n/g, '\r\n'),
      'names.tf': seedMain.replace(/agent_runtime/g, 'エージェント_ランタイム').replace(/"Allow"/, '"Allöw"'),
      'big.tf': seedMain.repeat(Math.ceil((10 * 1024 * 1024) / seedMain.length)).replace(/"agent_runtime"/g, () => `"r${Math.random().toString(36).slice(2)}"`),
    };
    for (const [name, text] of Object.entries(cases)) {
      const bound = name === 'big.tf' ? 60000 : BOUND_MS;
      const t0 = performance.now();
      ws.setFile(join(root, name), text);
      const m = ws.model();
      analyze(m, withDefaults({}), { getText: (f) => ws.getText(f) });
      const d = performance.now() - t0;
      assert.ok(d < bound, `${name}: ${d.toFixed(0)} ms (bound ${bound})`);
      ws.removeFile(join(root, name));
    }
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('disk: oversized file skipped (file-skipped), symlink loop, files vanishing or changing between listing and reading', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'fuzz-disk-'));
  try {
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'main.tf'), corpus[0]);
    writeFileSync(join(root, 'huge.tf'), 'locals { x = "' + 'a'.repeat(5000) + '" }\n');
    symlinkSync(root, join(root, 'sub', 'loop'));
    for (let i = 0; i < 200; i++) writeFileSync(join(root, 'sub', `f${i}.tf`), `locals { v${i} = ${i} }\n`);
    const ws = await newWorkspace(root, { maxFileBytes: 4096 });
    if (!ws) { t.skip('Workspace not implemented yet'); return; }
    // Files vanish and change between listing the folder and reading it (loadFromDisk is exactly
    // these two steps): a vanished file is reported unreadable, a changed one read as it is now.
    const listed = listWorkspaceFiles(root, withDefaults({ maxFileBytes: 4096 }));
    for (let i = 0; i < 200; i += 2) unlinkSync(join(root, 'sub', `f${i}.tf`));
    writeFileSync(join(root, 'sub', 'f1.tf'), '{{{{');
    ws.loadFiles(listed.files.map((f) => f.file), listed.problems);
    const m = ws.model();
    const skipped = m.problems.filter((p) => p.rule === 'file-skipped' && p.file.endsWith('huge.tf'));
    assert.equal(skipped.length, 1, `huge.tf (5 KB > maxFileBytes 4096) must be skipped: ${JSON.stringify(m.problems.map((p) => [p.rule, p.file]).slice(0, 5))}`);
    assert.equal(ws.getText(join(root, 'huge.tf')), undefined, 'an oversized file is never read into the workspace');
    assert.ok(ws.files().every((f) => !f.includes('/loop/loop/')), 'symlink loop followed');
    const vanished = m.problems.filter((p) => p.rule === 'file-unreadable' && /[\\/]f\d*[02468]\.tf$/.test(p.file));
    assert.equal(vanished.length, 100, 'every vanished file is reported unreadable');
    assert.ok(m.problems.some((p) => p.rule === 'syntax-error' && p.file === join(root, 'sub', 'f1.tf')), 'a file changed before it was read is read as it is now');
  } finally { rmSync(root, { recursive: true, force: true }); }
});

// ---- evaluator ----
const part: fc.Arbitrary<Part> = fc.oneof(
  fc.constantFrom('arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/*', '*', 'arn:', ':', 'logs:PutLogEvents', 'xray:*', '?', 'bedrock-agentcore:Create*', '').map((text) => ({ kind: 'lit' as const, text })),
  fc.string({ maxLength: 12 }).map((text) => ({ kind: 'lit' as const, text })),
  fc.constantFrom('partition', 'region', 'account').map((k) => ({ kind: 'sym' as const, sym: { kind: k } as { kind: 'partition' } })),
  fc.constantFrom('var.x', 'aws_iam_role.r.arn').map((expr) => ({ kind: 'unknown' as const, expr })),
  fc.constantFrom('aws:username', 'aws:PrincipalTag/team').map((name) => ({ kind: 'policyVar' as const, name })),
);
const sym: fc.Arbitrary<SymStr> = fc.array(part, { maxLength: 5 }).map((parts) => ({ parts }));
const symList: fc.Arbitrary<SymList> = fc.oneof(fc.array(sym, { maxLength: 4 }).map((items) => ({ kind: 'items' as const, items })), fc.constant({ kind: 'unknown' as const, expr: 'var.list' }));
const statement: fc.Arbitrary<Statement> = fc.record({
  effect: fc.constantFrom('Allow', 'Deny', undefined) as fc.Arbitrary<'Allow' | 'Deny' | undefined>,
  actions: fc.option(symList, { nil: undefined }),
  notActions: fc.option(symList, { nil: undefined }),
  resources: fc.option(symList, { nil: undefined }),
  notResources: fc.option(symList, { nil: undefined }),
  principals: fc.option(fc.array(fc.record({ type: fc.constantFrom('Service', 'AWS', '*', 'Federated'), identifiers: symList }), { maxLength: 2 }), { nil: undefined }),
  conditions: fc.array(fc.record({ operator: fc.constantFrom('StringEquals', 'StringLike', 'ArnLike', 'ForAnyValue:StringEquals', 'StringEqualsIfExists', 'Bogus', 'Null'), key: fc.constantFrom('aws:SourceAccount', 'aws:SourceArn', 'cloudwatch:namespace', 'x:y'), values: symList }), { maxLength: 3 }),
  opaque: fc.option(fc.record({ expr: fc.constant('dynamic "statement"') }), { nil: undefined }),
}) as fc.Arbitrary<Statement>;
const doc: fc.Arbitrary<PolicyDocument> = fc.record({ id: fc.constant('d'), form: fc.constant('jsonencode' as const), statements: fc.array(statement, { maxLength: 5 }), opaque: fc.array(fc.constant('var.extra'), { maxLength: 1 }) });

test(`fuzz: evaluator never throws, answers in bounded time (seed ${SEED})`, (t) => {
  try { evaluateRequirement({ actions: ['logs:PutLogEvents'], resources: [] }, []); } catch (e) { if (notImplemented(e)) { t.skip('evaluator not implemented yet'); return; } }
  fc.assert(fc.property(fc.array(doc, { maxLength: 3 }), fc.option(doc, { nil: undefined }), fc.array(fc.constantFrom('logs:PutLogEvents', 'xray:PutTraceSegments', 'ecr:BatchGetImage', 'bedrock:InvokeModel'), { minLength: 1, maxLength: 3 }), fc.array(sym, { maxLength: 2 }), (docs, boundary, actions, resources) => {
    const r = timed('evaluateRequirement', () => evaluateRequirement({ actions, resources, context: [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: ['bedrock-agentcore'] }] }, docs, { boundary, opaque: [] }));
    assert.ok(['granted', 'missing', 'unknown'].includes(r.verdict));
    // The one rule: an opaque document can never make a verdict "missing".
    if (!boundary && resources.length && docs.some((d) => d.opaque.length)) assert.notEqual(r.verdict, 'missing', `missing despite an opaque document (seed ${SEED})`);
    const tr = timed('evaluateTrust', () => evaluateTrust(docs[0] ?? { id: 'e', form: 'jsonencode', statements: [], opaque: [] }, { service: 'bedrock-agentcore.amazonaws.com', action: 'sts:AssumeRole', conditionKeys: ['aws:SourceAccount', 'aws:SourceArn'] }));
    assert.ok(['granted', 'missing', 'unknown'].includes(tr.assumable.verdict));
  }), { seed: SEED, numRuns: 300 });
});

// ---- fixes ----
test(`fuzz: every fix keeps the file parseable by HashiCorp's parser and JSON valid (seed ${SEED})`, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'fuzz-fix-'));
  try {
    const ws = await newWorkspace(root);
    if (!ws) { t.skip('Workspace not implemented yet'); return; }
    let checked = 0;
    await fc.assert(fc.asyncProperty(fc.subarray(['ECRImageAccess', 'ECRTokenAccess', 'CloudWatchLogs', 'XRayAccess', 'CloudWatchMetrics', 'aws:SourceAccount'], { minLength: 1 }), fc.boolean(), async (drop, crlf) => {
      for (const [rel, text0] of Object.entries(seedFiles)) {
        let text = text0;
        for (const d of drop) text = text.replace(new RegExp(`\\n  # [^\\n]*\\n  statement \\{\\n    sid\\s+= "${d}"[\\s\\S]*?\\n  \\}\\n`), '\n').replace(d === 'aws:SourceAccount' ? /\n    condition \{[\s\S]*?\n    \}\n/ : /$^/, '\n');
        if (crlf) text = text.replace(/\n/g, '\r\n');
        ws.setFile(join(root, rel), text);
      }
      const res = timed('analyze', () => analyze(ws.model(), withDefaults({}), { getText: (f) => ws.getText(f) }));
      for (const f of res.findings) for (const fix of f.fixes ?? []) {
        const byFile = new Map<string, typeof fix.edits>();
        for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
        for (const [file, edits] of byFile) {
          const before = ws.getText(file) ?? '';
          const after = timed('applyEdits', () => applyEdits(before, edits));
          checked++;
          if (file.endsWith('.json')) { JSON.parse(after); continue; }
          let parsedBefore = true;
          try { await hcl2json.parse(file, before); } catch { parsedBefore = false; }
          if (parsedBefore) await hcl2json.parse(file, after).catch((e) => assert.fail(`fix "${fix.title}" broke ${file} (seed ${SEED}, dropped ${drop.join(',')}, crlf ${crlf}): ${e}\n${after}`));
        }
      }
    }), { seed: SEED, numRuns: 25 });
    if (checked === 0) t.diagnostic('no fix was offered (front or analysis incomplete): fixes not exercised');
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test(`fuzz: suppressions partition a file's findings (kept or suppressed, never lost or doubled) and never throw (seed ${SEED})`, () => {
  const line = fc.oneof(
    fc.constantFrom('resource "aws_iam_role" "r" {', 'data "x" "y" {', '}', '  statement {', '', '# note', '  a = 1 # agentcore-iam:ignore runtime.R7 -- after code'),
    fc.tuple(fc.constantFrom('#', '//', '  #', '\t// '), fc.constantFrom(' agentcore-iam:ignore', 'agentcore-iam:ignore', ' agentcore-iam:ignored'), fc.constantFrom('', ' runtime.R7', ' runtime.R5, missing-permission', ' ,,'), fc.constantFrom('', ' --', ' -- why', '--x')).map((p) => p.join('')),
    fc.string({ maxLength: 40 }),
  );
  fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.array(fc.tuple(fc.nat(40), fc.constantFrom('runtime.R7', 'runtime.R5', undefined)), { maxLength: 6 }), (lines, at) => {
    const text = lines.join('\n');
    const findings: Finding[] = at.map(([l, requirement], i) => ({ rule: 'missing-permission', severity: 'error', verdict: 'missing', file: '/w/main.tf', range: { start: { line: l, character: 0 }, end: { line: l, character: 1 } }, requirement, actions: [`x:A${i}`], message: `m${i}`, related: [], fixes: [] }));
    const r = timed('applySuppressions', () => applySuppressions('/w/main.tf', text, findings, withDefaults({})));
    const out = [...r.kept, ...r.suppressed.map((s) => s.finding)];
    assert.equal(out.length, findings.length);
    assert.deepEqual(new Set(out), new Set(findings));
    for (const s of r.suppressed) assert.ok(s.reason.length > 0, 'only a suppression with a reason suppresses');
  }), { seed: SEED, numRuns: 500 });
});
