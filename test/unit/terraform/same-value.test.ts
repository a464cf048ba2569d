/**
 * sameValue: the comparison that decides whether a policy document evaluated at an earlier
 * keystroke is reused. Saying "same" for different values would keep a stale document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameValue as same } from '../../../server/src/core/terraform/model';
import type { Value } from '../../../server/src/core/terraform/values';

const sameValue = (a: unknown, b: unknown) => same(a as Value, b as Value);

const loc = (line: number) => ({ file: 'main.tf', range: { start: { line, character: 0 }, end: { line, character: 4 } } });
const src = (text: string) => ({ file: 'main.tf', text, toPos: () => ({ line: 0, character: 0 }) });
const str = (s: string) => ({ k: 'str', s: { parts: [{ kind: 'lit', text: s }] } });
const obj = (entries: [string, unknown][], line = 1, text = 'a') => ({ k: 'obj', entries: new Map(entries), keyLocs: new Map(entries.map(([k]) => [k, loc(line)])), loc: loc(line), src: src(text), expr: { k: 'other', text } });

test('values with the same content and locations are the same, whatever their source text and expression', () => {
  assert.ok(sameValue(obj([['a', str('x')], ['b', { k: 'num', n: 1 }]], 1, 'one'), obj([['a', str('x')], ['b', { k: 'num', n: 1 }]], 1, 'two')));
  assert.ok(sameValue({ k: 'list', items: [str('x'), { k: 'null' }] }, { k: 'list', items: [str('x'), { k: 'null' }] }));
  assert.ok(sameValue({ k: 'num', n: NaN }, { k: 'num', n: NaN }));
  assert.ok(sameValue({ k: 'unknown', expr: 'var.x', loc: undefined }, { k: 'unknown', expr: 'var.x' }));
});

test('a different string, number, location, key, key order, length or kind is a different value', () => {
  assert.ok(!sameValue(str('x'), str('y')));
  assert.ok(!sameValue({ k: 'num', n: 1 }, { k: 'num', n: 2 }));
  assert.ok(!sameValue(obj([['a', str('x')]], 1), obj([['a', str('x')]], 2)));
  assert.ok(!sameValue(obj([['a', str('x')]]), obj([['b', str('x')]])));
  assert.ok(!sameValue(obj([['a', str('x')], ['b', str('y')]]), obj([['b', str('y')], ['a', str('x')]])));
  assert.ok(!sameValue({ k: 'list', items: [str('x')] }, { k: 'list', items: [str('x'), str('x')] }));
  assert.ok(!sameValue({ k: 'list', items: [] }, { k: 'obj', entries: new Map(), keyLocs: new Map() }));
  assert.ok(!sameValue({ k: 'unknown', expr: 'var.x' }, { k: 'unknown', expr: 'var.y' }));
  assert.ok(!sameValue({ k: 'unknown', expr: 'x' }, { k: 'unknown', expr: 'x', extra: 1 }));
  assert.ok(!sameValue({ k: 'list', items: [] }, { k: 'list', items: {} } as never));
});

test('strings: parts, symbols and locations all count', () => {
  const at = (line: number, character = 0) => ({ file: 'main.tf', range: { start: { line, character }, end: { line, character: character + 4 } } });
  const s = (parts: unknown[], loc?: unknown) => ({ k: 'str', s: { parts, loc } });
  const region = { kind: 'sym', sym: { kind: 'region' } };
  assert.ok(sameValue(s([{ kind: 'lit', text: 'a' }, region], at(1)), s([{ kind: 'lit', text: 'a' }, { kind: 'sym', sym: { kind: 'region' } }], at(1))));
  assert.ok(!sameValue(s([region], at(1)), s([{ kind: 'sym', sym: { kind: 'account' } }], at(1))));
  assert.ok(!sameValue(s([region], at(1)), s([region], at(1, 2))));
  assert.ok(!sameValue(s([region], at(1)), s([region], { ...at(1), file: 'other.tf' })));
  assert.ok(!sameValue(s([region], at(1)), s([region])));
  assert.ok(!sameValue(s([{ kind: 'lit', text: 'a' }]), s([{ kind: 'lit', text: 'b' }])));
  assert.ok(!sameValue(s([{ kind: 'lit', text: 'a' }]), s([{ kind: 'policyVar', name: 'a' }])));
  assert.ok(!sameValue(s([{ kind: 'unknown', expr: 'var.a' }]), s([{ kind: 'unknown', expr: 'var.b' }])));
  assert.ok(!sameValue(s([region]), { k: 'unknown', expr: 'x' }));
});
