// An `other` expression (a conditional, a for expression, a splat...: terraform/hclexpr.ts) in a block
// after an edit is moved, not read again: what was read of it moves with it (ast.ts shiftExpr), and
// equals reading its text at the new place. Typing in an open file reads no such text again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shiftExpr, type Expr } from '../../../server/src/core/terraform/ast';
import { otherReads, parseExpression, readOther } from '../../../server/src/core/terraform/hclexpr';
import { Workspace } from '../../../server/src/core/workspace';
import { withDefaults } from '../../../server/src/core/settings';

const TEXTS = [
  'var.on ? "a-${var.x}" : null',
  '{ for idx, name in var.names : name => "${name}-1" if idx % 2 == 0 }',
  '[for s in var.list : upper(s)]',
  'aws_iam_role.r[*].arn',
  'aws_subnet.s.*.id',
  'local.m[each.key].name',
  '!var.off && (var.n > 2 || -var.k < 0)',
  'merge({ a = 1, "b" = [true, null] }, var.o)[var.k]',
  '{ for k, v in var.m : v.group => k... }',
  'x[*].y[0].z',
  'var.a == "x" ? [for i in range(3) : { n = i }] : []',
  'this is not an expression (',
];

test('an other expression moved: what was read moves with it, the same as reading it at its new place', () => {
  for (const text of TEXTS) {
    for (const [base, d] of [[0, 1], [17, 5], [400, -3], [1000, 250]]) {
      const e: Expr = { k: 'other', text, span: { start: base, end: base + text.length } };
      const read = readOther(e);
      const moved = shiftExpr(e, d) as Extract<Expr, { k: 'other' }>;
      const before = otherReads.count;
      assert.deepEqual(readOther(moved), parseExpression(text, base + d) ?? null, `${text} at ${base} moved ${d}`);
      assert.equal(otherReads.count, before, 'taken from the earlier reading');
      assert.deepEqual(read, parseExpression(text, base) ?? null, 'the first reading is left as it was');
    }
  }
});

test('typing before blocks with for expressions and conditionals reads none of their texts again', async () => {
  const file = '/w/main.tf';
  const tail = TEXTS.slice(0, 11).map((t, i) => `locals {\n  l${i} = ${t}\n}\n`).join('\n');
  const head = 'resource "aws_iam_role" "r" {\n  name = "agent-"\n  assume_role_policy = "{}"\n}\n\n';
  const at = head.indexOf('agent-') + 'agent-'.length;
  const ws = await Workspace.create({ root: '/w', settings: withDefaults({}) });
  let text = head + tail;
  ws.setFile(file, text, { open: true });
  ws.model();
  const before = otherReads.count;
  for (let i = 0; i < 5; i++) {
    text = text.slice(0, at + i) + 'x' + text.slice(at + i);
    ws.setFile(file, text, { open: true });
    ws.model();
  }
  assert.equal(otherReads.count, before, 'no other expression read again after 5 keystrokes');
  // The same model as a workspace that reads the final text from scratch.
  const fresh = await Workspace.create({ root: '/w', settings: withDefaults({}) });
  fresh.setFile(file, text, { open: true });
  assert.deepEqual(JSON.parse(JSON.stringify(ws.model().modules)), JSON.parse(JSON.stringify(fresh.model().modules)));
});
