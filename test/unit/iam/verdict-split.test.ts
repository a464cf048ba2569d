// A missing verdict says which actions are missing and which are only unknown, and which Deny
// statements certainly deny (issue #22 item 2: one verdict per finding).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { doc, s } from './sym';

const XRAY = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];
const TAG: [string, string, ...string[]][] = [['StringEquals', 'aws:PrincipalTag/team', 'agents']];

test('missing and unknown actions apart; dependsOn names only what the unknown ones depend on', () => {
  const r = evaluateRequirement({ actions: XRAY, resources: [s('*')] }, [doc([
    { action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resource: ['*'], cond: TAG },
  ])]);
  assert.equal(r.verdict, 'missing');
  assert.deepEqual(r.actions, XRAY);
  assert.deepEqual(r.missingActions, ['xray:GetSamplingRules', 'xray:GetSamplingTargets']);
  assert.deepEqual(r.unknownActions, ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  assert.deepEqual(r.dependsOn, ['aws:PrincipalTag/team']);
  assert.deepEqual(r.deniedBy, []);
});

test('deniedBy: only the Deny that certainly denies a missing action', () => {
  const r = evaluateRequirement({ actions: XRAY, resources: [s('*')] }, [doc([
    { action: ['xray:*'], resource: ['*'] },
    { sid: 'NoSampling', effect: 'Deny', action: ['xray:GetSampling*'], resource: ['*'] },
    { sid: 'NoUntaggedTraces', effect: 'Deny', action: ['xray:Put*'], resource: ['*'], cond: [['StringNotEquals', 'aws:PrincipalTag/team', 'agents']] },
  ])]);
  assert.deepEqual(r.missingActions, ['xray:GetSamplingRules', 'xray:GetSamplingTargets']);
  assert.deepEqual(r.unknownActions, ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  assert.deepEqual(r.deniedBy?.map((st) => st.sid), ['NoSampling']);
  assert.deepEqual(r.denying.map((st) => st.sid).sort(), ['NoSampling', 'NoUntaggedTraces'], 'denying keeps every Deny that may apply');
});
