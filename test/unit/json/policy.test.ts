import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJsonPolicy } from '../../../server/src/core/json/policy';

const text = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "A", "Effect": "Allow", "Action": ["ecr:BatchGetImage"], "Resource": "arn:aws:s3:::b/\${aws:username}",
      "Condition": { "StringEquals": { "aws:SourceAccount": "123" } } },
    { "Effect": "Deny", "NotAction": "iam:*", "Principal": { "Service": "bedrock-agentcore.amazonaws.com" } }
  ]
}`;

test('statements, actions, resources, conditions with positions', () => {
  const { document, problems } = readJsonPolicy('/w/p.json', text);
  assert.equal(problems.length, 0);
  assert.equal(document.statements.length, 2);
  const [a, b] = document.statements;
  assert.equal(a.sid, 'A');
  assert.equal(a.effect, 'Allow');
  assert.ok(a.actions?.kind === 'items');
  assert.deepEqual(a.actions.items[0].parts, [{ kind: 'lit', text: 'ecr:BatchGetImage' }]);
  assert.equal(a.actions.items[0].loc?.range.start.line, 3);
  assert.ok(a.resources?.kind === 'items');
  assert.deepEqual(a.resources.items[0].parts[1], { kind: 'policyVar', name: 'aws:username' });
  assert.equal(a.conditions[0].key, 'aws:SourceAccount');
  assert.equal(b.effect, 'Deny');
  assert.equal(b.principals?.[0].type, 'Service');
});

test('invalid JSON mid-edit: partial result and a syntax-error, no throw', () => {
  const { document, problems } = readJsonPolicy('/w/p.json', text.slice(0, 150));
  assert.ok(problems.some((p) => p.rule === 'syntax-error'));
  assert.equal(document.statements[0].sid, 'A');
});
