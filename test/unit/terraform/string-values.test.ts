// Strings as the evaluator makes them (values.ts): a literal piece split at IAM policy variables
// (`${aws:username}`, `&{aws:username}`), interpolations' parts in between, adjacent literals joined.
// A string without `{` is one part, taken without the search; every other one is split as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitPolicyVars } from '../../../server/src/core/terraform/values';
import type { Part } from '../../../server/src/core/model';
import { Workspace } from '../../../server/src/core/workspace';
import { withDefaults } from '../../../server/src/core/settings';

/** The split as written before the shortcut: the search over every text. */
function reference(text: string): Part[] {
  const parts: Part[] = [];
  const re = /[$&]\{([A-Za-z0-9_:/.-]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push({ kind: 'lit', text: text.slice(last, m.index) });
    parts.push({ kind: 'policyVar', name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ kind: 'lit', text: text.slice(last) });
  return parts;
}

test('splitPolicyVars: the same parts as the search, with and without braces', () => {
  const piece = fc.constantFrom('arn:aws:s3:::b/', '${aws:username}', '&{aws:userid}', '${', '}', '{', '$', '&', 'x', '', '${bad name}', '*');
  fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((x) => x.join('')), (text) => {
    assert.deepEqual(splitPolicyVars(text), reference(text));
  }), { numRuns: 2000 });
});

test('string values: literal, policy variable and interpolated pieces evaluate as written', async () => {
  const text = [
    'locals {',
    '  plain = "bedrock-agentcore.amazonaws.com"',
    '  empty = ""',
    '  pv    = "arn:aws:s3:::b/&{aws:username}/*"',
    '  mixed = "arn:${var.p}:s3:::b/&{aws:userid}-${var.p}x"',
    '}',
    'variable "p" {',
    '  default = "aws"',
    '}',
  ].join('\n');
  const ws = await Workspace.create({ root: '/w', settings: withDefaults({}) });
  ws.setFile('/w/main.tf', text);
  const locals = ws.model().modules[0].locals;
  assert.deepEqual(locals.plain?.parts, [{ kind: 'lit', text: 'bedrock-agentcore.amazonaws.com' }]);
  assert.deepEqual(locals.empty?.parts, [{ kind: 'lit', text: '' }]);
  assert.deepEqual(locals.pv?.parts, [{ kind: 'lit', text: 'arn:aws:s3:::b/' }, { kind: 'policyVar', name: 'aws:username' }, { kind: 'lit', text: '/*' }]);
  // The variable's default joins the literals around it.
  assert.deepEqual(locals.mixed?.parts, [{ kind: 'lit', text: 'arn:aws:s3:::b/' }, { kind: 'policyVar', name: 'aws:userid' }, { kind: 'lit', text: '-awsx' }]);
});
