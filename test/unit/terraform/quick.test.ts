/**
 * The quick reader (terraform/quick.ts) against tree-sitter, its oracle: whenever it reads a text,
 * tree-sitter reads it without an error and its conversion gives the same blocks (every span,
 * literal and reference), bodies read later included. Corpus: every fixture's Terraform, the seed
 * case, the benchmark's generator, and texts that exercise the scanner's quirks; then mutated and
 * random text (fast-check, seeded). It must also read the whole benchmark workspace, or the speed it
 * exists for is not there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { createParser } from '../../../server/src/core/terraform/parser';
import { convertFile, lazyBlock, type Block, type Body } from '../../../server/src/core/terraform/ast';
import { quickBlockAt, quickBlocks } from '../../../server/src/core/terraform/quick';
import { seedInfra } from '../../helpers/cli';
import { QUIRKS } from '../../helpers/terraform-quirks';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM generator of the benchmark
import { generate } from '../../../bench/generate.mjs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
/** Texts per property (FUZZ_RUNS overrides, for a longer soak). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const root = path.join(__dirname, '..', '..', '..');


function plainBody(b: Body): unknown {
  return { attributes: [...b.attributes].map(([k, a]) => [k, { name: a.name, expr: a.expr, span: a.span }]), blocks: b.blocks.map(plainBlock) };
}
function plainBlock(b: Block): unknown {
  return { type: b.type, labels: b.labels, span: b.span, headerSpan: b.headerSpan, body: plainBody(b.body) };
}

/** What tree-sitter reads: whether with an error, the blocks, and each top-level block without an error in it, converted alone (as an edit converts it: workspace.ts's convertTopLevel). */
type Oracle = (text: string) => { error: boolean; blocks: unknown[]; clean: { start: number; end: number; block: unknown }[] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function oracle(): Promise<Oracle> {
  const parser = await createParser();
  return (text) => {
    const tree = parser.parse(text);
    try {
      const clean: { start: number; end: number; block: unknown }[] = [];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const body = tree.rootNode.namedChildren.find((x: any) => x.type === 'body');
      for (const c of body?.namedChildren ?? []) {
        if (c.type !== 'block' || c.hasError) continue;
        const b = lazyBlock(c, text, (snippet) => parser.parse(snippet));
        if (b) clean.push({ start: c.startIndex, end: c.endIndex, block: plainBlock(b) });
      }
      return { error: tree.rootNode.hasError, blocks: convertFile(tree).blocks.map(plainBlock), clean };
    } finally {
      tree.delete();
    }
  };
}

function tfFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tfFiles(p, out);
    else if (e.name.endsWith('.tf')) out.push(p);
  }
  return out;
}

/** Blocks quickBlockAt read, of those tree-sitter found without an error in them (all corpora). */
const blockCounts = { read: 0, clean: 0 };

/**
 * Whether the quick reader agrees with tree-sitter on `text`; whether it read it. Block by block
 * too: every top-level block tree-sitter finds without an error in it, however broken the rest of
 * the text, quickBlockAt reads as tree-sitter converts it, or declines.
 */
function agree(ts: Oracle, text: string, what: string): boolean {
  const o = ts(text);
  for (const c of o.clean) {
    blockCounts.clean++;
    const b = quickBlockAt(text, c.start, c.end);
    if (!b) continue;
    blockCounts.read++;
    assert.deepEqual(plainBlock(b), c.block, `${what}: the block at ${c.start}..${c.end} of ${JSON.stringify(text.slice(0, 400))}`);
  }
  const q = quickBlocks(text);
  if (!q) return false;
  assert.equal(o.error, false, `${what}: read by the quick reader, but tree-sitter finds a syntax error in ${JSON.stringify(text.slice(0, 400))}`);
  assert.deepEqual(q.map(plainBlock), o.blocks, `${what}: ${JSON.stringify(text.slice(0, 400))}`);
  return true;
}

test('the quick reader gives the blocks tree-sitter gives: fixtures, seed case, quirks', async () => {
  const ts = await oracle();
  const files = [...tfFiles(path.join(root, 'test', 'fixtures')), ...tfFiles(seedInfra)];
  assert.ok(files.length > 20, `${files.length} files`);
  let read = 0;
  let clean = 0;
  const blocksBefore = { ...blockCounts };
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (!ts(text).error) clean++;
    if (agree(ts, text, path.relative(root, f))) read++;
  }
  // Block by block, the fixtures' blocks without an error are read, but for the odd corners.
  const blocksRead = blockCounts.read - blocksBefore.read;
  const blocksClean = blockCounts.clean - blocksBefore.clean;
  assert.ok(blocksRead >= blocksClean * 0.95, `${blocksRead} of ${blocksClean} clean blocks read`);
  // Every clean fixture is read, but for the ones written to reach tree-sitter's odd corners.
  assert.ok(read >= clean - 3, `${read} of ${clean} clean files read`);
  for (const [i, text] of QUIRKS.entries()) assert.ok(agree(ts, text, `quirk ${i}`), `quirk ${i} read`);
});

test('the quick reader reads the whole benchmark workspace as tree-sitter does', async () => {
  const ts = await oracle();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-quick-'));
  try {
    generate({ files: 200, dir, seed: 7 });
    const files = tfFiles(dir);
    for (const f of files) assert.ok(agree(ts, fs.readFileSync(f, 'utf8'), path.relative(dir, f)), `${path.relative(dir, f)} read`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a heredoc\'s closing identifier followed by a Unicode space is left to tree-sitter (found by the mutation soak, seed 12)', async () => {
  const ts = await oracle();
  for (const space of ['\u2028', '\u00a0', '\u3000']) {
    // tree-sitter's scanner may take the space for the line's trailing space and close the heredoc
    // there, or not: this reader must not decide (it read this text without an error, where
    // tree-sitter closed the heredoc and found `T` an error).
    const text = `locals {\n  h1 = <<EOT\n  x\nEOT${space}\n  T\nEOT\n}\n`;
    assert.equal(agree(ts, text, `closing line with ${JSON.stringify(space)}`), false, 'declined');
    assert.equal(quickBlocks(`locals {\n  h1 = <<EOT\n  x\nEOT${space}\n}\n`), undefined);
  }
  // Plain trailing space still closes it, as tree-sitter reads it.
  assert.ok(agree(ts, 'locals {\n  h1 = <<EOT\n  x\nEOT  \t\n}\n', 'trailing space'));
});

test(`the quick reader never reads mutated text differently from tree-sitter (seed ${SEED})`, async () => {
  const ts = await oracle();
  const corpus = [...QUIRKS, ...tfFiles(path.join(root, 'test', 'fixtures')).slice(0, 20).map((f) => fs.readFileSync(f, 'utf8'))];
  const pieces = ['', '{', '}', '"', '${', '}', '\n', '[', ']', '(', ')', '=', ',', ':', '?', '.', '*', '-', '!', '<<EOF\n', '\nEOF\n', '<<-X\n', '\\', '\\n', '\\u12', '$', '%', '%{', '~', '#', '//', '/*', '*/', ' ', '\t', '\r\n', 'for ', ' in ', ' if ', '=>', '...', '0', '1.5', 'e5', '0x1', 'true', 'null', 'a', 'var.x', 'é', '🙂', '\u00a0', '\ufeff', '\u2028', '\v', '\f', '\u0000', '::', '[*]', '.*', '.0'];
  const mutated = fc.tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }), fc.option(fc.nat()))
    .map(([t, muts, cut]) => {
      let s = t;
      for (const [a, b, ins] of muts) { const i = a % (s.length + 1); const j = Math.min(s.length, i + (b % 6)); s = s.slice(0, i) + ins + s.slice(j); }
      return cut === null ? s : s.slice(0, cut % (s.length + 1));
    });
  let read = 0;
  let runs = 0;
  fc.assert(fc.property(mutated, (text) => {
    runs++;
    if (agree(ts, text, `seed ${SEED}`)) read++;
  }), { seed: SEED, numRuns: RUNS });
  // The mutations must leave many texts readable, or this checks nothing.
  assert.ok(read > runs / 10, `${read} of ${runs} mutated texts read`);
  if (process.env.QUICK_RATE) console.log(`blocks read alone: ${blockCounts.read} of ${blockCounts.clean}`);
  const random = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((xs) => xs.join(''));
  fc.assert(fc.property(random, (text) => { agree(ts, `locals {\n  a = ${text}\n}\n`, `seed ${SEED}`); agree(ts, text, `seed ${SEED}`); }), { seed: SEED, numRuns: RUNS });
});

test(`the quick reader reads generated Terraform as tree-sitter does, with space and comments anywhere (seed ${SEED})`, async () => {
  const ts = await oracle();
  // Between any two tokens: nothing, spaces, a line feed, or a comment of each kind.
  const gap = fc.constantFrom('', ' ', '\n  ', ' # c\n', ' // c\n', ' /* c */ ', '\r\n', '\t');
  const name = fc.constantFrom('a', 'var', 'local', 'each', 'x-y', 'aws_iam_role', 'provider::aws::arn_parse', 'for_each', 'index1', '_u');
  const g = (...xs: fc.Arbitrary<string>[]) => fc.tuple(...xs.flatMap((x) => [gap, x])).map((ys) => ys.join(''));
  const lit = fc.constantFrom('"s"', '""', '" sp "', '"a\\"b"', '"\\u00e9"', '"$${x}"', '1', '2.5', '10.0e3', 'true', 'false', 'null');
  const { expr } = fc.letrec<{ expr: string; ref: string; call: string; tuple: string; object: string; template: string }>((tie) => ({
    expr: fc.oneof({ maxDepth: 4, depthIdentifier: 'e' },
      lit,
      tie('ref'),
      tie('call'),
      tie('tuple'),
      tie('object'),
      tie('template'),
      g(fc.constantFrom('-', '!'), tie('expr')),
      g(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'), tie('expr')),
      g(tie('expr'), fc.constant('?'), tie('expr'), fc.constant(':'), tie('expr')),
      g(fc.constant('('), tie('expr'), fc.constant(')')),
      g(fc.constant('[for'), name, fc.constant('in'), tie('expr'), fc.constant(':'), tie('expr'), fc.constantFrom(']', 'if true]')),
      g(fc.constant('{for'), name, fc.constant(','), name, fc.constant('in'), tie('expr'), fc.constant(':'), tie('expr'), fc.constant('=>'), tie('expr'), fc.constantFrom('}', '...}', 'if x}')),
    ),
    ref: fc.tuple(name, fc.array(fc.oneof(g(fc.constant('.'), name), g(fc.constant('['), fc.constantFrom('0', '"k"', 'i'), fc.constant(']')), fc.constantFrom('[*]', '.*', '.0')), { maxLength: 3 })).map(([n, xs]) => n + xs.join('')),
    call: g(name, fc.constant('('), fc.array(tie('expr'), { maxLength: 3 }).map((xs) => xs.join(', ')), fc.constantFrom(')', ',)', '...)')),
    tuple: g(fc.constant('['), fc.array(tie('expr'), { maxLength: 3 }).map((xs) => xs.join(',')), fc.constantFrom(']', ',]')),
    object: g(fc.constant('{'), fc.array(fc.tuple(fc.oneof(name, lit, g(fc.constant('('), tie('expr'), fc.constant(')'))), fc.constantFrom(' = ', ': ', '='), tie('expr')), { maxLength: 3 }).map((es) => es.map(([k, o, v]) => `${k}${o}${v}`).join('\n')), fc.constant('}')),
    template: fc.oneof(
      fc.array(fc.oneof(fc.constantFrom('a', ' ', 'b c', '$', '%', '$$', '\\n', '\\"', '#', '//'), tie('expr').map((e) => '${' + e + '}')), { maxLength: 4 }).map((xs) => `"${xs.join('')}"`),
      fc.tuple(fc.constantFrom('<<', '<<-'), fc.array(fc.oneof(fc.constantFrom('line', '  EO', ' "q" ', '$', '\n'), tie('expr').map((e) => '${' + e + '}')), { maxLength: 4 })).map(([h, xs]) => `${h}EOT\n${xs.join('')}\n  EOT\n`),
    ),
  }));
  const file = fc.array(fc.tuple(fc.constantFrom('locals', 'resource "aws_iam_role" "r"', 'data "aws_iam_policy_document" "d"', 'resource "aws_s3_bucket" "b"'), fc.array(fc.tuple(name, expr), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 })
    .map((bs) => bs.map(([h, as]) => `${h} {\n${as.map(([n, e]) => `  ${n} = ${e}\n`).join('')}  nested {\n    k = 1\n  }\n}\n`).join(''));
  let read = 0;
  let runs = 0;
  const declined: string[] = [];
  fc.assert(fc.property(file, (text) => {
    runs++;
    if (agree(ts, text, `seed ${SEED}`)) read++;
    else if (process.env.QUICK_RATE && !ts(text).error) declined.push(text);
  }), { seed: SEED, numRuns: Math.ceil(RUNS / 3) });
  if (process.env.QUICK_RATE) console.log(`declined, though tree-sitter reads them: ${declined.length}\n${declined.slice(0, 3).join('\n-----\n')}`);
  assert.ok(read > runs / 4, `${read} of ${runs} generated files read`);
  if (process.env.QUICK_RATE) console.log(`${read} of ${runs} generated files read`);
});
