// Actions with no resource type in the Service Authorization Reference are requested on "*" itself
// (issue #22 item 4): decided, not "maybe", when a statement names an ARN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { doc, s } from './sym';

const token = (policy: Parameters<typeof doc>[0], resources = ['*']) =>
  evaluateRequirement({ actions: ['ecr:GetAuthorizationToken'], resources: resources.map(s) }, [doc(policy)]);

test('a statement scoped to an ARN does not grant it, whatever the ARN is', () => {
  for (const r of ['arn:${partition}:ecr:${region}:${account}:repository/pricing', 'arn:aws:ecr:*:*:*', 'arn:${partition}:ecr:${region}:${account}:repository/${var.repo}', '${aws_ecr_repository.pricing.arn}', '${data.aws_ecr_repository.x[0].arn}']) {
    assert.equal(token([{ action: ['ecr:GetAuthorizationToken'], resource: [r] }]).verdict, 'missing', r);
  }
  assert.equal(token([{ action: ['ecr:GetAuthorizationToken'], resource: ['*'] }]).verdict, 'granted');
  assert.equal(token([{ action: ['ecr:*'], resource: ['**'] }]).verdict, 'granted');
});

test('a value that may be "*" (a variable), or a shape evaluators disagree on, stays unknown', () => {
  for (const r of ['${var.resources}', '?', '*:*']) {
    assert.equal(token([{ action: ['ecr:GetAuthorizationToken'], resource: [r] }]).verdict, 'unknown', r);
  }
});

test('a Deny scoped to an ARN does not block it; a Deny on "*" does; NotResource on an ARN grants it', () => {
  const allow = { action: ['ecr:GetAuthorizationToken'], resource: ['*'] };
  assert.equal(token([allow, { effect: 'Deny', action: ['ecr:*'], resource: ['arn:${partition}:ecr:*:*:repository/prod-*'] }]).verdict, 'granted');
  assert.equal(token([allow, { effect: 'Deny', action: ['ecr:*'], resource: ['*'] }]).verdict, 'missing');
  assert.equal(token([{ action: ['ecr:GetAuthorizationToken'], notResource: ['arn:${partition}:ecr:*:*:repository/*'] }]).verdict, 'granted');
  assert.equal(token([allow, { effect: 'Deny', action: ['*'], notResource: ['arn:${partition}:ecr:*:*:repository/*'] }]).verdict, 'missing');
  // A short ARN under NotResource: iam-simulate reads it as every ARN and "*" among them.
  assert.equal(token([{ action: ['ecr:GetAuthorizationToken'], notResource: ['arn:*'] }]).verdict, 'unknown');
  assert.equal(token([{ action: ['ecr:GetAuthorizationToken'], resource: ['arn:*'] }]).verdict, 'missing');
});

test('actions with a resource type, and requirements written on an ARN, keep the general rule', () => {
  // A Deny on part of the repositories may block BatchGetImage on repository/*.
  const r = evaluateRequirement({ actions: ['ecr:BatchGetImage'], resources: [s('arn:${partition}:ecr:${region}:${account}:repository/*')] }, [doc([
    { action: ['ecr:BatchGetImage'], resource: ['*'] },
    { effect: 'Deny', action: ['ecr:*'], resource: ['arn:${partition}:ecr:*:*:repository/prod-*'] },
  ])]);
  assert.equal(r.verdict, 'unknown');
  // A requirement the catalog writes on an ARN for such an action (evaluation E3) is judged as written.
  const e3 = ['arn:${partition}:logs:${region}:${account}:log-group:aws/spans'];
  assert.equal(evaluateRequirement({ actions: ['logs:PutIndexPolicy'], resources: e3.map(s) }, [doc([{ action: ['logs:PutIndexPolicy'], resource: e3 }])]).verdict, 'granted');
});
