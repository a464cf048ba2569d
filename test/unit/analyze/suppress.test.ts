/**
 * In-source suppressions (core/suppress.ts): where a suppression applies, what is not one, and the
 * findings of suppressions that cannot or do not apply. The whole pipeline is in the annotated
 * fixture test/fixtures/suppression; the editor's flow in test/unit/lsp/suppress.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../server/src/core/model';
import { withDefaults } from '../../../server/src/core/settings';
import { applySuppressions, suppressionEdit, suppressionsIn } from '../../../server/src/core/suppress';

const settings = withDefaults(undefined);

function finding(line: number, over: Partial<Finding> = {}): Finding {
  return {
    rule: 'missing-permission', severity: 'error', verdict: 'missing', file: '/w/main.tf', requirement: 'runtime.R7',
    range: { start: { line, character: 2 }, end: { line, character: 11 } }, actions: ['xray:GetSamplingRules'], message: 'Missing', related: [], fixes: [],
    ...over,
  };
}

/** Lines of a file; `line('x')` is the 0-based line of the first one that contains x. */
function file(...lines: string[]) {
  const text = lines.join('\n') + '\n';
  return { text, line: (x: string) => lines.findIndex((l) => l.includes(x)) };
}

const BLOCK = [
  'data "aws_iam_policy_document" "runtime" {',
  '  statement {',
  '    actions = ["xray:PutTraceSegments"]',
  '  }',
  '}',
];

test('a reasoned suppression on the line above, after code on the line, or above the block applies; plain comments may stand between', () => {
  const cases = [
    file('# agentcore-iam:ignore runtime.R7 -- sampling is central', ...BLOCK),
    file(BLOCK[0], '  # agentcore-iam:ignore runtime.R7 -- sampling is central', ...BLOCK.slice(1)),
    file(BLOCK[0], '  statement { # agentcore-iam:ignore runtime.R7 -- sampling is central', ...BLOCK.slice(2)),
    file('// agentcore-iam:ignore missing-permission -- by rule, with //', '# XRay', ...BLOCK),
    file('# agentcore-iam:ignore runtime.R5, runtime.R7 -- two at once', ...BLOCK),
  ];
  for (const { text, line } of cases) {
    const r = applySuppressions('/w/main.tf', text, [finding(line('statement'))], settings);
    assert.equal(r.kept.length, 0, text);
    assert.equal(r.suppressed.length, 1, text);
    assert.match(r.suppressed[0].reason, /sampling is central|by rule|two at once/);
    assert.deepEqual(r.problems.map((p) => p.rule), [], text);
  }
});

test('what is not a suppression of a finding: another id, a blank line between, a comment that only mentions one, another block', () => {
  const cases = [
    file('# agentcore-iam:ignore runtime.R5 -- another requirement', ...BLOCK),
    file('# agentcore-iam:ignore runtime.R7 -- a blank line between', '', ...BLOCK),
    file('# agentcore-iam:ignore runtime.R7 -- the block above', 'locals {}', ...BLOCK),
  ];
  for (const { text, line } of cases) {
    const r = applySuppressions('/w/main.tf', text, [finding(line('statement'))], settings);
    assert.equal(r.kept.length, 1, text);
    assert.deepEqual(r.problems.map((p) => p.rule), ['suppression-unused'], text);
  }
  const prose = file('# Suppress with `# agentcore-iam:ignore ID -- reason` above the block.', ...BLOCK);
  assert.deepEqual(suppressionsIn('/w/main.tf', prose.text), [], 'a comment that mentions the syntax is prose');
  assert.deepEqual(suppressionsIn('/w/policy.json', '{"x": "# agentcore-iam:ignore runtime.R7 -- no comments in JSON"}'), []);
});

test('a suppression without a reason or without an id suppresses nothing and is reported; an unused one has a fix that removes it', () => {
  const { text, line } = file('# agentcore-iam:ignore runtime.R7', '# agentcore-iam:ignore -- a reason for nothing', ...BLOCK, 'locals {} # agentcore-iam:ignore runtime.R1 -- nothing here');
  const r = applySuppressions('/w/main.tf', text, [finding(line('statement'))], settings);
  assert.equal(r.kept.length, 1, 'R7 still reported');
  assert.deepEqual(r.problems.map((p) => [p.rule, p.severity, p.range.start.line]), [
    ['suppression-invalid', 'warning', 0],
    ['suppression-invalid', 'warning', 1],
    ['suppression-unused', 'hint', line('locals')],
  ]);
  assert.match(r.problems[0].message, /has no reason/);
  assert.match(r.problems[1].message, /names nothing/);
  const [fix] = r.problems[2].fixes;
  assert.deepEqual(fix.edits[0].range, { start: { line: line('locals'), character: 'locals {}'.length }, end: { line: line('locals'), character: text.split('\n')[line('locals')].length } }, 'removes the comment and the space before it');

  const off = applySuppressions('/w/main.tf', text, [finding(line('statement'))], withDefaults({ rules: { 'suppression-unused': 'off' } }));
  assert.deepEqual(off.problems.map((p) => p.rule), ['suppression-invalid', 'suppression-invalid'], 'the rules can be turned off like any other');
});

test('the "ignore" edit goes above the top-level block, even for a finding inside a heredoc', () => {
  const { text, line } = file('resource "aws_iam_role_policy" "p" {', '  policy = <<EOT', '{"Statement": [{"Effect": "Deny", "Action": "xray:*", "Resource": "*"}]}', 'EOT', '}');
  assert.deepEqual(suppressionEdit('/w/main.tf', text, { line: line('Deny'), character: 2 }, 'runtime.R7'), {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    newText: '# agentcore-iam:ignore runtime.R7 -- \n',
  });
  assert.equal(suppressionEdit('/w/policy.json', '{}', { line: 0, character: 0 }, 'runtime.R7'), undefined, 'JSON policy files have no comments');
});

test('Terraform JSON: a "//" property naming the finding applies inside the object that holds it', () => {
  const { text, line } = file(
    '{',
    '  "resource": { "aws_iam_role_policy": {',
    '    "runtime": {',
    '      "//": "agentcore-iam:ignore runtime.R7 -- tracing is central",',
    '      "policy": "${data.aws_iam_policy_document.p.json}"',
    '    },',
    '    "other": {',
    '      "//": "agentcore-iam:ignore runtime.R5",',
    '      "policy": "${data.aws_iam_policy_document.q.json}"',
    '    }',
    '  } }',
    '}',
  );
  const inside = finding(line('.p.json'));
  const outside = finding(line('.q.json'));
  const r = applySuppressions('/w/main.tf.json', text, [inside, outside], settings);
  assert.deepEqual(r.suppressed.map((s) => [s.finding, s.reason]), [[inside, 'tracing is central']]);
  assert.deepEqual(r.kept, [outside], 'another object: not suppressed');
  assert.deepEqual(r.problems.map((p) => [p.rule, p.range.start.line]), [['suppression-invalid', line('runtime.R5')]], 'no reason: reported at the "//" property');
  assert.deepEqual(suppressionsIn('/w/main.tf.json', '{"//": "a note that mentions agentcore-iam:ignore"}'), [], 'the marker must open the comment');
});

test('the "ignore" edit in Terraform JSON: a "//" property first in the object that holds the finding, still JSON, suppressing once the reason is written', () => {
  const { text, line } = file(
    '{',
    '  "resource": { "aws_iam_role_policy": {',
    '    "runtime": {',
    '      "role": "${aws_iam_role.runtime.id}",',
    '      "policy": "${data.aws_iam_policy_document.p.json}"',
    '    }',
    '  } }',
    '}',
  );
  const at = { line: line('.p.json'), character: 16 };
  const edit = suppressionEdit('/w/main.tf.json', text, at, 'runtime.R7')!;
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const after = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  assert.equal(after.split('\n')[3], '      "//": "agentcore-iam:ignore runtime.R7 -- ",', 'first in the object, at its indentation');
  JSON.parse(after);
  const moved = { line: at.line + 1, character: at.character };
  assert.deepEqual(applySuppressions('/w/main.tf.json', after, [finding(moved.line)], settings).problems.map((p) => p.rule), ['suppression-invalid'], 'no reason yet');
  const reasoned = after.replace('runtime.R7 -- "', 'runtime.R7 -- tracing is central"');
  assert.equal(applySuppressions('/w/main.tf.json', reasoned, [finding(moved.line)], settings).suppressed.length, 1);
  // At a resource's name (a role's findings): the object the name opens.
  const atName = suppressionEdit('/w/main.tf.json', text, { line: line('"runtime": {'), character: 5 }, 'runtime.R7')!;
  assert.equal(atName.range.start.line, line('"runtime": {'));
});

test('Terraform JSON: an unused "//" suppression has a fix that removes the property with its comma, leaving valid JSON', () => {
  const { text } = file(
    '{',
    '  "resource": { "aws_iam_role_policy": {',
    '    "runtime": {',
    '      "//": "agentcore-iam:ignore runtime.R1 -- nothing of R1 here",',
    '      "policy": "${data.aws_iam_policy_document.p.json}"',
    '    }',
    '  } }',
    '}',
  );
  const r = applySuppressions('/w/main.tf.json', text, [], settings);
  assert.deepEqual(r.problems.map((p) => p.rule), ['suppression-unused']);
  const [fix] = r.problems[0].fixes;
  assert.ok(fix, 'a fix');
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let after = text;
  for (const e of [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) after = after.slice(0, offset(e.range.start)) + e.newText + after.slice(offset(e.range.end));
  assert.deepEqual(JSON.parse(after), { resource: { aws_iam_role_policy: { runtime: { policy: '${data.aws_iam_policy_document.p.json}' } } } });
});
