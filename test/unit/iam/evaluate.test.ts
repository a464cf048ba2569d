import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { statementAction } from '../../../server/src/core/iam/evaluate';
import { ACTION, contains, lit } from '../../../server/src/core/iam/glob';
import type { RequirementCondition } from '../../../server/src/core/model';
import { AC, LOGS, doc, s, type St } from './sym';

const STREAM = `${LOGS}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*`;
const NS: RequirementCondition[] = [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: ['bedrock-agentcore'] }];
const WID = [`${AC}:workload-identity-directory/default`, `${AC}:workload-identity-directory/default/workload-identity/agent-*`];

interface Case {
  name: string;
  actions: string[];
  resources: string[];
  context?: RequirementCondition[];
  policy: St[];
  docOpaque?: string[];
  opaque?: string[];
  boundary?: St[];
  verdict: 'granted' | 'missing' | 'unknown';
  /** Expected members of dependsOn (for unknown). */
  dependsOn?: string[];
  /** Expected actions not granted (default: all, unless granted). */
  notGranted?: string[];
}

const cases: Case[] = [
  // --- the seed case's key facts -----------------------------------------------------------
  { name: 'R6: log-group:/aws/bedrock-agentcore/* CONTAINS runtimes/*:log-stream:*', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [STREAM],
    policy: [{ sid: 'CloudWatchLogs', action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resource: [`${LOGS}:log-group:/aws/bedrock-agentcore/*`] }], verdict: 'granted' },
  { name: 'R5: /aws/bedrock-agentcore/* does not contain log-group:* (DescribeLogGroups missing)', actions: ['logs:DescribeLogGroups'], resources: [`${LOGS}:log-group:*`],
    policy: [{ action: ['logs:DescribeLogGroups'], resource: [`${LOGS}:log-group:/aws/bedrock-agentcore/*`] }], verdict: 'missing' },
  { name: 'R7: xray:PutTraceSegments on * does not grant GetSamplingRules', actions: ['xray:PutTraceSegments', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], resources: ['*'],
    policy: [{ sid: 'XRayAccess', action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resource: ['*'] }], verdict: 'missing', notGranted: ['xray:GetSamplingRules', 'xray:GetSamplingTargets'] },
  { name: 'R8: namespace condition met by the context', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['StringEquals', 'cloudwatch:namespace', 'bedrock-agentcore']] }], verdict: 'granted' },
  { name: 'R8: another namespace does not grant', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['StringEquals', 'cloudwatch:namespace', 'my-app']] }], verdict: 'missing' },
  { name: 'R8: unconditioned allow grants', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:*'], resource: ['*'] }], verdict: 'granted' },
  { name: 'R8: StringLike with a matching glob, key spelled in another case', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['StringLike', 'CloudWatch:Namespace', 'bedrock-*']] }], verdict: 'granted' },
  { name: 'R8: StringNotEquals another namespace grants', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['StringNotEquals', 'cloudwatch:namespace', 'other']] }], verdict: 'granted' },
  { name: 'condition on a key the service does not say it sends -> unknown', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['StringEquals', 'aws:RequestedRegion', 'us-east-1']] }], verdict: 'unknown', dependsOn: ['aws:RequestedRegion'] },
  { name: 'condition value from an unknown variable -> unknown', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['StringEquals', 'cloudwatch:namespace', '${var.ns}']] }], verdict: 'unknown', dependsOn: ['var.ns'] },
  { name: 'ForAnyValue:StringEquals and IfExists are evaluated', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['ForAnyValue:StringEquals', 'cloudwatch:namespace', 'x', 'bedrock-agentcore'], ['StringEqualsIfExists', 'cloudwatch:namespace', 'bedrock-agentcore']] }], verdict: 'granted' },
  { name: 'Null condition: key present -> Null=false holds', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:PutMetricData'], resource: ['*'], cond: [['Null', 'cloudwatch:namespace', 'false']] }], verdict: 'granted' },
  // --- Deny ------------------------------------------------------------------------------
  { name: 'logs:* on * grants', actions: ['logs:PutLogEvents', 'logs:DescribeLogGroups'], resources: [STREAM], policy: [{ action: ['logs:*'], resource: ['*'] }], verdict: 'granted' },
  { name: 'Deny on a subset (runtimes/prod-*) -> not granted', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['*'] }, { sid: 'NoProd', effect: 'Deny', action: ['logs:PutLogEvents'], resource: [`${LOGS}:log-group:/aws/bedrock-agentcore/runtimes/prod-*`] }], verdict: 'unknown' },
  { name: 'Deny on * -> missing', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['*'] }, { effect: 'Deny', action: ['logs:PutLogEvents'], resource: ['*'] }], verdict: 'missing' },
  { name: 'Deny on another log group -> granted', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['*'] }, { effect: 'Deny', action: ['logs:*'], resource: [`${LOGS}:log-group:/aws/lambda/*`] }], verdict: 'granted' },
  { name: 'Deny in a hard-coded region may hit the provider region -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['*'] }, { effect: 'Deny', action: ['logs:*'], resource: ['arn:aws:logs:eu-west-1:*:*'] }], verdict: 'unknown' },
  { name: 'Deny on an unknown ARN -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['*'] }, { effect: 'Deny', action: ['logs:*'], resource: ['${var.deny_arn}'] }], verdict: 'unknown', dependsOn: ['var.deny_arn'] },
  { name: 'conditional Deny on an unknown key -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['*'] }, { effect: 'Deny', action: ['logs:*'], resource: ['*'], cond: [['Bool', 'aws:SecureTransport', 'false']] }], verdict: 'unknown', dependsOn: ['aws:SecureTransport'] },
  { name: 'conditional Deny that is definitely false does not deny', actions: ['cloudwatch:PutMetricData'], resources: ['*'], context: NS,
    policy: [{ action: ['cloudwatch:*'], resource: ['*'] }, { effect: 'Deny', action: ['cloudwatch:*'], resource: ['*'], cond: [['StringNotEquals', 'cloudwatch:namespace', 'bedrock-agentcore']] }], verdict: 'granted' },
  // --- NotAction / NotResource ------------------------------------------------------------
  { name: 'Allow NotAction iam:* grants logs', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ notAction: ['iam:*'], resource: ['*'] }], verdict: 'granted' },
  { name: 'Allow NotAction logs:* does not grant logs', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ notAction: ['logs:*'], resource: ['*'] }], verdict: 'missing' },
  { name: 'Deny NotAction xray:* denies logs', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['*'], resource: ['*'] }, { effect: 'Deny', notAction: ['xray:*'], resource: ['*'] }], verdict: 'missing' },
  { name: 'Allow NotResource /other/* grants', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ action: ['logs:*'], notResource: [`${LOGS}:log-group:/other/*`] }], verdict: 'granted' },
  { name: 'Allow NotResource /aws/bedrock-agentcore/* does not grant', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], notResource: [`${LOGS}:log-group:/aws/bedrock-agentcore/*`] }], verdict: 'missing' },
  { name: 'Allow NotResource on an unknown -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ action: ['logs:*'], notResource: ['${var.x}'] }], verdict: 'unknown', dependsOn: ['var.x'] },
  { name: 'Deny NotResource /aws/bedrock-agentcore/* leaves it granted', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['*'] }, { effect: 'Deny', action: ['logs:*'], notResource: [`${LOGS}:log-group:/aws/bedrock-agentcore/*`] }], verdict: 'granted' },
  // --- symbols and unknowns ----------------------------------------------------------------
  { name: 'region from var.region -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:PutLogEvents'], resource: ['arn:${partition}:logs:${var.region}:${account}:log-group:/aws/bedrock-agentcore/*'] }], verdict: 'unknown', dependsOn: ['var.region'] },
  { name: 'hard-coded us-east-1 against the region symbol -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:PutLogEvents'], resource: ['arn:${partition}:logs:us-east-1:${account}:log-group:/aws/bedrock-agentcore/*'] }], verdict: 'unknown', dependsOn: ['region'] },
  { name: 'whole ARN from a resource attribute -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:PutLogEvents'], resource: ['${aws_cloudwatch_log_group.x.arn}:*'] }], verdict: 'unknown', dependsOn: ['aws_cloudwatch_log_group.x.arn'] },
  { name: 'a policy variable in the resource -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:PutLogEvents'], resource: [`${LOGS}:log-group:/aws/&{aws:username}/*`] }], verdict: 'unknown', dependsOn: ['${aws:username}'] },
  { name: 'an unknown resource list -> unknown', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ action: ['logs:PutLogEvents'], resourceExpr: 'var.log_arns' }], verdict: 'unknown', dependsOn: ['var.log_arns'] },
  { name: 'narrower runtimes/foo* does not contain runtimes/*', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:PutLogEvents'], resource: [`${LOGS}:log-group:/aws/bedrock-agentcore/runtimes/foo*`] }], verdict: 'missing' },
  { name: 'another log group prefix -> missing', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ action: ['logs:PutLogEvents'], resource: [`${LOGS}:log-group:/aws/lambda/*`] }], verdict: 'missing' },
  { name: 'named symbol: same name in policy and requirement', actions: ['bedrock-agentcore:InvokeAgentRuntime'], resources: [`${AC}:runtime/\${name:rt}-*`],
    policy: [{ action: ['bedrock-agentcore:InvokeAgentRuntime'], resource: [`${AC}:runtime/\${name:rt}-*`] }], verdict: 'granted' },
  { name: 'resource * is covered only by *', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [{ action: ['xray:*'], resource: ['arn:*'] }], verdict: 'missing' },
  { name: 'a malformed ARN matches nothing', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ action: ['logs:*'], resource: ['not-an-arn'] }], verdict: 'missing' },
  { name: 'resources are case-sensitive', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ action: ['logs:*'], resource: [`${LOGS}:log-group:/AWS/bedrock-agentcore/*`] }], verdict: 'missing' },
  { name: 'actions are case-insensitive', actions: ['logs:PutLogEvents'], resources: [STREAM], policy: [{ action: ['LOGS:putlog*'], resource: ['*'] }], verdict: 'granted' },
  { name: '`*` does not cross `:` in the region/account segments', actions: ['logs:PutLogEvents'], resources: [STREAM],
    policy: [{ action: ['logs:*'], resource: ['arn:${partition}:logs:*:log-group:/aws/bedrock-agentcore/*'] }], verdict: 'missing' },
  // --- multiple resources, opaque, boundary -------------------------------------------------
  { name: 'GetWorkloadAccessToken needs both ARNs: one allowed -> missing', actions: ['bedrock-agentcore:GetWorkloadAccessToken'], resources: WID,
    policy: [{ action: ['bedrock-agentcore:GetWorkloadAccessToken*'], resource: [WID[1]] }], verdict: 'missing' },
  { name: 'GetWorkloadAccessToken needs both ARNs: both allowed -> granted', actions: ['bedrock-agentcore:GetWorkloadAccessToken'], resources: WID,
    policy: [{ action: ['bedrock-agentcore:GetWorkloadAccessToken*'], resource: [`${AC}:workload-identity-directory/default`, `${AC}:workload-identity-directory/default/workload-identity/*`] }], verdict: 'granted' },
  { name: 'an opaque statement turns missing into unknown', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [{ opaque: 'var.extra_statements' }], verdict: 'unknown', dependsOn: ['var.extra_statements'] },
  { name: 'an opaque statement turns granted into unknown (it may deny)', actions: ['xray:GetSamplingRules'], resources: ['*'],
    policy: [{ action: ['xray:*'], resource: ['*'] }, { opaque: 'var.extra_statements' }], verdict: 'unknown', dependsOn: ['var.extra_statements'] },
  { name: 'a document opaque entry -> unknown', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [], docOpaque: ['var.source_policy_documents'], verdict: 'unknown', dependsOn: ['var.source_policy_documents'] },
  { name: 'the caller\'s opaque list -> unknown', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [], opaque: ['aws_iam_role_policy_attachment.x (role = var.role)'], verdict: 'unknown' },
  { name: 'an unknown Effect that would allow -> unknown', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [{ effect: null, action: ['xray:*'], resource: ['*'] }], verdict: 'unknown' },
  { name: 'an unknown Effect that does not match the action changes nothing', actions: ['xray:GetSamplingRules'], resources: ['*'],
    policy: [{ action: ['xray:*'], resource: ['*'] }, { effect: null, action: ['s3:*'], resource: ['*'] }], verdict: 'granted' },
  { name: 'boundary that does not allow it -> missing', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [{ action: ['xray:*'], resource: ['*'] }],
    boundary: [{ action: ['logs:*'], resource: ['*'] }], verdict: 'missing' },
  { name: 'boundary that allows it -> granted', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [{ action: ['xray:*'], resource: ['*'] }],
    boundary: [{ action: ['*'], resource: ['*'] }], verdict: 'granted' },
  { name: 'a boundary Deny applies', actions: ['xray:GetSamplingRules'], resources: ['*'], policy: [{ action: ['xray:*'], resource: ['*'] }],
    boundary: [{ action: ['*'], resource: ['*'] }, { effect: 'Deny', action: ['xray:Get*'], resource: ['*'] }], verdict: 'missing' },
];

for (const c of cases) {
  test(`evaluateRequirement: ${c.name} -> ${c.verdict}`, () => {
    const r = evaluateRequirement(
      { actions: c.actions, resources: c.resources.map(s), context: c.context },
      [doc(c.policy, c.docOpaque ?? [])],
      { boundary: c.boundary ? doc(c.boundary, [], 'boundary') : undefined, opaque: c.opaque },
    );
    assert.equal(r.verdict, c.verdict, r.explanation);
    if (c.verdict === 'granted') assert.deepEqual(r.actions, []);
    else assert.deepEqual(r.actions, c.notGranted ?? c.actions);
    for (const d of c.dependsOn ?? []) assert.ok(r.dependsOn.includes(d), `dependsOn ${JSON.stringify(r.dependsOn)} lacks ${d}`);
    if (c.verdict === 'unknown') assert.ok(r.dependsOn.length > 0, 'an unknown verdict names what it depends on');
    assert.ok(r.explanation.length > 0 && !r.explanation.includes('\n'));
  });
}

test('granting and denying statements are reported', () => {
  const policy = doc([{ sid: 'All', action: ['logs:*'], resource: ['*'] }, { sid: 'NoPut', effect: 'Deny', action: ['logs:PutLogEvents'], resource: ['*'] }]);
  const r = evaluateRequirement({ actions: ['logs:PutLogEvents'], resources: [s(STREAM)] }, [policy]);
  assert.equal(r.verdict, 'missing');
  assert.deepEqual(r.denying.map((x) => x.sid), ['NoPut']);
  assert.match(r.explanation, /NoPut/);
  const g = evaluateRequirement({ actions: ['logs:CreateLogGroup'], resources: [s(STREAM)] }, [policy]);
  assert.equal(g.verdict, 'granted');
  assert.deepEqual(g.granting.map((x) => x.sid), ['All']);
});

test('policies spread over several documents are combined', () => {
  const a = doc([{ action: ['bedrock-agentcore:GetWorkloadAccessToken'], resource: [WID[0]] }], [], 'a');
  const b = doc([{ action: ['bedrock-agentcore:GetWorkloadAccessToken'], resource: [WID[1]] }], [], 'b');
  assert.equal(evaluateRequirement({ actions: ['bedrock-agentcore:GetWorkloadAccessToken'], resources: WID.map(s) }, [a, b]).verdict, 'granted');
});

test('an action written without wildcards matches by case-insensitive equality, as the glob containment judges it', () => {
  const part = fc.string({ unit: fc.constantFrom('a', 'B', 'b', 'é', 'İ', 'ı', 'ß', 'S', '-', '_', '.'), minLength: 1, maxLength: 8 });
  fc.assert(fc.property(part, part, (written, requested) => {
    const st = { effect: 'Allow' as const, actions: { kind: 'items' as const, items: [lit(`ecr:${written}`)] }, conditions: [] };
    const glob = contains(lit(written), lit(requested), { ...ACTION, requestWildcards: false });
    assert.deepEqual(statementAction(st, `ecr:${requested}`), { def: glob.def, pos: glob.pos }, `${written} / ${requested}`);
  }), { numRuns: 3000 });
});
