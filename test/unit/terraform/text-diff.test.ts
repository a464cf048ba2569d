/**
 * The changed middle of an edit (commonPrefix, commonSuffix: what the incremental reparse tells
 * tree-sitter) and line starts: the chunked and native fast paths against the plain definitions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { commonPrefix, commonSuffix } from '../../../server/src/core/workspace';
import { lineStarts } from '../../../server/src/core/json/policy';
import { lineStarts as lineFeedStarts } from '../../../server/src/core/fixes/text';

function plainPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
function plainSuffix(a: string, b: string, keep: number): number {
  let n = 0;
  while (n < Math.min(a.length, b.length) - keep && a[a.length - n - 1] === b[b.length - n - 1]) n++;
  return n;
}
function plainLineStarts(t: string): number[] {
  const out = [0];
  for (let i = 0; i < t.length; i++) if (t[i] === '\n' || (t[i] === '\r' && t[i + 1] !== '\n')) out.push(i + 1);
  return out;
}

// Long texts (several 2 KiB chunks) with an edit anywhere: inserted, deleted or replaced text.
const long = fc.tuple(fc.string({ minLength: 1, maxLength: 30 }), fc.nat({ max: 9000 })).map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));
const edited = fc.tuple(long, fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 40 })).map(([base, at, del, ins]) => {
  const i = base.length ? at % (base.length + 1) : 0;
  return [base, base.slice(0, i) + ins + base.slice(i + del)] as const;
});

test('commonPrefix and commonSuffix equal the character-by-character definitions', () => {
  fc.assert(fc.property(edited, ([a, b]) => {
    const p = commonPrefix(a, b);
    assert.equal(p, plainPrefix(a, b));
    assert.equal(commonSuffix(a, b, p), plainSuffix(a, b, p));
  }), { numRuns: 300 });
  const big = 'x'.repeat(10_000);
  assert.equal(commonPrefix(big, big), 10_000);
  assert.equal(commonSuffix(big, big + 'x', 10_000), 0, 'the suffix never overlaps the prefix');
  assert.equal(commonSuffix('ab' + big, 'a' + big, 1), 10_000);
});

test('lineStarts: LF, CRLF and lone CR line ends', () => {
  for (const t of ['', 'a', 'a\nb', 'a\r\nb\r\n', 'a\rb\r', '\n\n\r\n\r', 'x\r\n\ny\rz\n']) assert.deepEqual(Array.from(lineStarts(t)), plainLineStarts(t), JSON.stringify(t));
  fc.assert(fc.property(fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', '  ')).map((x) => x.join('')), (t) => {
    assert.deepEqual(Array.from(lineStarts(t)), plainLineStarts(t));
  }), { numRuns: 300 });
});

test('lineStarts of the line-feed scan: the same answer for a text asked for again, among others, after others', () => {
  const plainLf = (t: string) => { const s = [0]; for (let i = 0; i < t.length; i++) if (t[i] === '\n') s.push(i + 1); return s; };
  fc.assert(fc.property(fc.array(fc.array(fc.constantFrom('a', '\n', '\r\n', 'é')).map((x) => x.join('')), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), (texts, picks) => {
    for (const i of [...texts.keys(), ...picks.map((p) => p % texts.length)]) {
      // A copy made at run time: equal texts that are different strings.
      const t = (' ' + texts[i]).slice(1);
      assert.deepEqual(Array.from(lineFeedStarts(t)), plainLf(texts[i]));
    }
  }), { numRuns: 300 });
});
