/**
 * An edit of an open file inside one top-level block is read without parsing the file again
 * (workspace.ts editInOneBlock): the block by the quick reader, the others as they were. After
 * every edit of a typing session (characters that open and close strings, heredocs, comments,
 * braces and interpolations, deletions, newlines), the file's blocks and its syntax problems must
 * be those of the same text read afresh, and the tree-sitter tree kept through such edits must
 * serve the next real reparse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { createParser } from '../../../server/src/core/terraform/parser';
import { seedInfra } from '../../helpers/cli';
import { QUIRKS } from '../../helpers/terraform-quirks';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM generator of the benchmark
import { generate, prng } from '../../../bench/generate.mjs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
/** Edits per text (FUZZ_RUNS / 10 overrides, for a longer soak). */
const EDITS = Math.max(60, Math.round(Number(process.env.FUZZ_RUNS ?? 1500) / 10));
/** What is typed: mostly what a word is made of, and every character that changes how the rest of a block reads. */
const WORD = 'abcdefghijklmnopqrstuvwxyz0123456789_-.: ';
const TRICKY = ['\n', '"', '{', '}', '[', ']', '(', ')', '$', '%', '#', '/', '*', '<', '=', ',', '\\', '~', '\t', 'é'];
const SNIPPETS = ['${', '<<EOF\n', '\nEOF\n', '/*', '*/', '//', '"${var.a}"', ' = ', 'statement {', '\r\n', '""', '{}', '[]'];

const shape = (ws: Workspace, file: string) => JSON.stringify({ blocks: ws.blocksOf(file), problems: ws.model().problems.filter((p) => p.file === file) });

/** The blocks and syntax problems of `text` read afresh, as an open file (shape); its tree freed after (WebAssembly memory). */
function freshReading(parser: unknown, dir: string, file: string, text: string): string {
  const fresh = Workspace.withParser({ root: dir }, parser);
  fresh.setFile(file, text, { open: true });
  const read = shape(fresh, file);
  fresh.removeFile(file);
  return read;
}

/** `fn` with a parser and an empty folder of its own, removed after. */
async function withParserIn(fn: (parser: unknown, dir: string) => void): Promise<void> {
  const parser = await createParser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-inblock-'));
  try {
    fn(parser, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('an edit inside one block gives the blocks and syntax problems of a fresh reading, edit by edit', { timeout: 240_000 }, async () => {
  await withParserIn((parser, dir) => {
    const g = generate({ files: 30, dir: path.join(dir, 'gen'), seed: 7 }) as { live: string };
    const corpus: string[] = [fs.readFileSync(path.join(seedInfra, 'main.tf'), 'utf8'), fs.readFileSync(path.join(g.live, 'main.tf'), 'utf8'), ...QUIRKS];
    const file = path.join(dir, 'main.tf');
    const rnd = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    let inBlock = 0;
    let edits = 0;
    for (const [n, original] of corpus.entries()) {
      const ws = Workspace.withParser({ root: dir }, parser);
      // Sessions of a few edits near one place, each from the original text (opened again: parsed).
      for (let session = 0; session < EDITS / 10; session++) {
        let text = original;
        ws.setFile(file, text, { open: true });
        let at = Math.floor(rnd() * text.length);
        for (let i = 0; i < 10; i++) {
          at = Math.min(at, text.length);
          const r = rnd();
          if (r < 0.15 && at > 0) {
            text = text.slice(0, at - 1) + text.slice(at); // backspace
            at--;
          } else {
            const s = r < 0.2 ? pick(SNIPPETS) : r < 0.26 ? pick(TRICKY) : WORD[Math.floor(rnd() * WORD.length)];
            text = text.slice(0, at) + s + text.slice(at);
            at += s.length;
          }
          const before = ws.editsInBlock;
          ws.setFile(file, text, { open: true });
          edits++;
          if (ws.editsInBlock > before) inBlock++;
          assert.equal(shape(ws, file), freshReading(parser, dir, file, text), `text ${n}, session ${session}, edit ${i + 1} (at ${at}, ${ws.editsInBlock > before ? 'read in its block' : 'parsed'}): ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`);
        }
      }
      ws.removeFile(file);
    }
    // Most edits of a session are inside a block and leave it whole: the fast reading must be taken.
    assert.ok(inBlock > edits * 0.25, `${inBlock} of ${edits} edits read in their block`);
  });
});

test('edits at a block\'s edges (its first character, just after its last) read as a fresh reading does', { timeout: 60_000 }, async () => {
  await withParserIn((parser, dir) => {
    const file = path.join(dir, 'main.tf');
    const original = 'resource "aws_iam_role" "a" {\n  name = "a"\n}\n\nresource "aws_iam_role" "b" {\n  name = "b"\n}\n';
    const second = original.indexOf('resource "aws_iam_role" "b"');
    const edges = [0, second, original.indexOf('}\n') + 1, original.lastIndexOf('}') + 1, second - 1];
    for (const at of edges) {
      for (const typed of ['x', ' ', '\n', '#', '}', '"', '{']) {
        const ws = Workspace.withParser({ root: dir }, parser);
        ws.setFile(file, original, { open: true });
        const text = original.slice(0, at) + typed + original.slice(at);
        ws.setFile(file, text, { open: true });
        assert.equal(shape(ws, file), freshReading(parser, dir, file, text), `${JSON.stringify(typed)} at ${at}`);
        ws.removeFile(file);
      }
    }
  });
});

test('typing in a policy of the benchmark\'s main.tf reads the edited block only, and a reparse after such edits is right', { timeout: 120_000 }, async () => {
  await withParserIn((parser, dir) => {
    const g = generate({ files: 30, dir: path.join(dir, 'gen'), seed: 7 }) as { live: string };
    const file = path.join(g.live, 'main.tf');
    let text = fs.readFileSync(file, 'utf8');
    const ws = Workspace.withParser({ root: dir }, parser);
    ws.setFile(file, text, { open: true });
    let at = text.indexOf('"ecr:BatchGetImage"') + '"ecr:BatchGetImage'.length;
    assert.ok(at > 20);
    for (const c of 'abcdefghij') {
      text = text.slice(0, at) + c + text.slice(at);
      at++;
      ws.setFile(file, text, { open: true });
    }
    assert.equal(ws.editsInBlock, 10, 'every keystroke read in its block');
    // An edit between two blocks is parsed, through the tree kept across the ten edits above.
    const between = text.indexOf('\n\n') + 1;
    text = text.slice(0, between) + '# note\n' + text.slice(between);
    ws.setFile(file, text, { open: true });
    assert.equal(ws.editsInBlock, 10, 'an edit outside every block is parsed');
    assert.equal(shape(ws, file), freshReading(parser, dir, file, text));
    // A syntax error in one block stays reported while another block is edited.
    const broken = text.indexOf('resource "aws_iam_role"');
    text = text.slice(0, broken) + 'resource "aws_iam_role" "oops" {\n  name = = "x"\n}\n\n' + text.slice(broken);
    at = text.indexOf('"ecr:BatchGetImage') + '"ecr:BatchGetImage'.length;
    for (const c of 'xyz') {
      text = text.slice(0, at) + c + text.slice(at);
      at++;
      ws.setFile(file, text, { open: true });
      const expected = freshReading(parser, dir, file, text);
      assert.match(expected, /syntax-error/, 'the broken block is a syntax error');
      assert.equal(shape(ws, file), expected, `typing "${c}" elsewhere keeps the syntax error`);
    }
    ws.removeFile(file);
  });
});
