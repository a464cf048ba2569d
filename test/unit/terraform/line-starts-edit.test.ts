/**
 * Line starts of an edited text made from those of the text before the edit (fixes/text.ts
 * lineStartsAfterEdit, json/policy.ts offsetMapperAfterEdit: Workspace.setFile for an open file)
 * against the line starts found by scanning the edited text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editSpan } from '../../../server/src/core/workspace';
import { offsetMapper, offsetMapperAfterEdit } from '../../../server/src/core/json/policy';
import { lineStarts, lineStartsAfterEdit } from '../../../server/src/core/fixes/text';

function plainLf(t: string): number[] {
  const s = [0];
  for (let i = 0; i < t.length; i++) if (t[i] === '\n') s.push(i + 1);
  return s;
}

const piece = fc.constantFrom('a', 'bc', 'é', '\n', '\n\n', '  ', '"x"', '😀');
const text = fc.array(piece, { maxLength: 60 }).map((x) => x.join(''));
// A text and an edit of it: characters inserted, deleted or replaced anywhere (a line feed typed or taken away too).
const edited = fc.tuple(text, fc.nat(), fc.nat({ max: 12 }), fc.array(piece, { maxLength: 4 }).map((x) => x.join(''))).map(([before, at, del, ins]) => {
  const i = before.length ? at % (before.length + 1) : 0;
  return [before, before.slice(0, i) + ins + before.slice(i + del)] as const;
});

test('lineStartsAfterEdit: the line starts of the edited text, made from those of the text before', () => {
  fc.assert(fc.property(edited, ([before, after]) => {
    // Copies made at run time: the texts are other strings than the generator's.
    const a = (' ' + before).slice(1);
    const b = (' ' + after).slice(1);
    lineStarts(a);
    const { start, endA, endB } = editSpan(a, b);
    const starts = lineStartsAfterEdit(a, b, start, endA, endB);
    assert.deepEqual(Array.from(starts), plainLf(b));
    assert.equal(lineStarts(b), starts, 'remembered as the line starts of the edited text');
  }), { numRuns: 500 });
});

test('lineStartsAfterEdit: an edit that is not where it says, or a text before that is not known, is scanned', () => {
  const a = 'one\ntwo\nthree\n';
  lineStarts(a);
  // Lengths that do not add up: the edit is not of `a`.
  assert.deepEqual(Array.from(lineStartsAfterEdit(a, 'one\ntwo\n', 4, 5, 9)), plainLf('one\ntwo\n'));
  assert.deepEqual(Array.from(lineStartsAfterEdit('never asked\nfor', 'never asked\nfor\n', 15, 15, 16)), plainLf('never asked\nfor\n'));
});

test('offsetMapperAfterEdit: every offset of the edited text at the position offsetMapper gives (line feeds, CRLF, lone CR)', () => {
  const withCr = fc.constantFrom('a', '\n', '\r\n', '\r', 'é', '  ');
  const t = fc.array(withCr, { maxLength: 40 }).map((x) => x.join(''));
  const e = fc.tuple(t, fc.nat(), fc.nat({ max: 6 }), fc.array(withCr, { maxLength: 3 }).map((x) => x.join(''))).map(([before, at, del, ins]) => {
    const i = before.length ? at % (before.length + 1) : 0;
    return [before, before.slice(0, i) + ins + before.slice(i + del)] as const;
  });
  fc.assert(fc.property(e, ([before, after]) => {
    offsetMapper(before);
    const { start, endA, endB } = editSpan(before, after);
    const got = offsetMapperAfterEdit(before, after, start, endA, endB);
    const want = offsetMapper(after);
    for (let i = 0; i <= after.length; i++) assert.deepEqual(got(i), want(i), `offset ${i}`);
  }), { numRuns: 300 });
});
