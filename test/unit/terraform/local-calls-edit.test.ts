/**
 * The module-call scan of an edited open file (cold/partition.ts sameLocalCalls, used by
 * WorkspaceIndex.setFile): when it says an edit keeps the calls, scanning the edited text finds
 * exactly the calls of the text before; and it says so for typing in a name or an action.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sameLocalCalls, scanLocalCalls } from '../../../server/src/core/cold/partition';
import { editSpan } from '../../../server/src/core/workspace';

const FILE = '/w/live/main.tf';

// Texts made of the pieces a local call is made of, and others around them.
const piece = fc.constantFrom('source', 'sourc', 'e', ' ', '  ', '\n', '\u00a0', '=', ' = ', '"', '"./', '"../', './', '../', 'modules/iam', 'x', 'a_', '#', '{', '}', 'module "iam" {\n  source = "./modules/iam"\n}\n', 'name = "agent-1"\n');
const text = fc.array(piece, { maxLength: 40 }).map((x) => x.join(''));
const edited = fc.tuple(text, fc.nat(), fc.nat({ max: 8 }), fc.array(piece, { maxLength: 2 }).map((x) => x.join(''))).map(([before, at, del, ins]) => {
  const i = before.length ? at % (before.length + 1) : 0;
  return [before, before.slice(0, i) + ins + before.slice(i + del)] as const;
});

test('sameLocalCalls: when it says the calls stay, the scan of the edited text finds the same calls', () => {
  let kept = 0;
  fc.assert(fc.property(edited, ([before, after]) => {
    const { start, endA, endB } = editSpan(before, after);
    if (!sameLocalCalls(FILE, before, after, start, endA, endB)) return;
    kept++;
    assert.deepEqual(scanLocalCalls(FILE, after), scanLocalCalls(FILE, before));
  }), { numRuns: 3000 });
  assert.ok(kept > 300, `the property is tested on edits it keeps the calls for (${kept})`);
});

test('sameLocalCalls: typing in a role name keeps the calls; typing in a module source, before it, or a quote, does not', () => {
  const before = 'module "iam" {\n  source = "./modules/iam"\n}\nresource "aws_iam_role" "r" {\n  name = "agent-1"\n}\n';
  const typed = (at: number, ins: string, del = 0) => {
    const after = before.slice(0, at) + ins + before.slice(at + del);
    const { start, endA, endB } = editSpan(before, after);
    return sameLocalCalls(FILE, before, after, start, endA, endB);
  };
  assert.equal(typed(before.indexOf('agent-') + 2, 'x'), true, 'in a role name');
  assert.equal(typed(before.indexOf('agent-1') + 7, '2'), true, 'at the end of a role name');
  assert.equal(typed(before.indexOf('resource'), '# '), true, 'a comment begun');
  assert.equal(typed(before.indexOf('modules/iam') + 3, 'x'), false, 'in the module path');
  assert.equal(typed(before.indexOf('"./modules') + 1, 'x'), false, 'at the start of the module path');
  assert.equal(typed(before.indexOf(' = "./'), ' '), false, 'between source and =');
  assert.equal(typed(before.indexOf('source'), 'x'), false, 'before source');
  assert.equal(typed(before.indexOf('agent-1'), '"'), false, 'a quote typed');
  assert.equal(sameLocalCalls('/w/main.tf.json', '{"a": "b"}', '{"a": "bc"}', 8, 8, 9), false, 'Terraform JSON is scanned');
});
