/**
 * quickBlockAt reads the block between `start` and `end` only: a NUL character (where
 * tree-sitter's scanner stops) inside the block leaves it to tree-sitter; one elsewhere in the
 * file does not change what it reads (it was searched from the block to the end of the file on
 * every keystroke in an open file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickBlockAt } from '../../../server/src/core/terraform/quick';

const first = 'resource "aws_iam_role" "agent" {\n  name = "agent-1"\n}\n';
const second = 'resource "aws_iam_role" "other" {\n  name = "other"\n}\n';

test('quickBlockAt: a NUL after the block or before it does not change the block read; one inside it does', () => {
  const plain = first + second;
  const read = (text: string, start: number, end: number) => JSON.stringify(quickBlockAt(text, start, end));
  const want = read(plain, 0, first.length - 1);
  assert.notEqual(want, undefined);
  assert.equal(read(plain + '# \0\n', 0, first.length - 1), want, 'a NUL in a comment after the blocks');
  const at = second.indexOf('other"') + 2;
  assert.equal(read(first + second.slice(0, at) + '\0' + second.slice(at), 0, first.length - 1), want, 'a NUL in the next block');
  const shifted = '# \0\n' + plain;
  assert.equal(JSON.stringify(quickBlockAt(shifted, 4, 4 + first.length - 1)?.labels), JSON.stringify(['aws_iam_role', 'agent']), 'a NUL before the block');
  const inside = first.indexOf('agent-1') + 3;
  assert.equal(quickBlockAt(first.slice(0, inside) + '\0' + first.slice(inside) + second, 0, first.length), undefined, 'a NUL in the block');
  assert.equal(quickBlockAt(first.slice(0, first.length - 2) + '\0}\n', 0, first.length), undefined, 'a NUL just before the closing brace');
});
