// The analysis on its own: a hand-built model of the seed case (what the Terraform front hands
// over) judged with a small literal evaluator (test/helpers/model.ts), so that rules, severities,
// pointing, messages and settings are tested independently of the front and the real evaluator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, instantiate, renderSym } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import { items, lit, loc, miniEvaluator } from '../../helpers/model';
import { IAM, ROOT, seedModel } from '../../helpers/seed-model';

const run = (model = seedModel(), settings = withDefaults(undefined)) => analyze(model, settings, { evaluator: miniEvaluator, fixes: false }).findings;

describe('analyze: the seed case (hand-built model)', () => {
  test('reports exactly R5, R7, R9 (legacy), R4 (conflict information) and the trust aws:SourceArn', () => {
    const got = run().map((f) => `${f.severity} ${f.rule} ${f.requirement} ${f.actions.join(',')}${f.conditionKeys ? ' ' + f.conditionKeys.join(',') : ''}`);
    assert.deepEqual(got.sort(), [
      'error missing-permission runtime.R5 logs:DescribeLogGroups',
      'error missing-permission runtime.R7 xray:GetSamplingRules,xray:GetSamplingTargets',
      'information legacy-permission runtime.R9 bedrock-agentcore:GetWorkloadAccessToken,bedrock-agentcore:GetWorkloadAccessTokenForJWT,bedrock-agentcore:GetWorkloadAccessTokenForUserId',
      'information source-conflict runtime.R4 logs:PutResourcePolicy',
      'warning trust-condition-missing runtime.trust sts:AssumeRole aws:SourceArn',
    ].sort());
  });

  test('R7 points at the XRayAccess statement header, one line; R5 at the policy document header', () => {
    const fs = run();
    const r7 = fs.find((f) => f.requirement === 'runtime.R7')!;
    assert.deepEqual(r7.range, { start: { line: 71, character: 2 }, end: { line: 71, character: 13 } });
    const r5 = fs.find((f) => f.requirement === 'runtime.R5')!;
    assert.equal(r5.range.start.line, 34);
    assert.equal(r5.range.end.line, 34);
    assert.equal(r5.file, IAM);
  });

  test('a missing action whose statement already covers the resource (written with symbols) points at that statement', () => {
    const m = seedModel();
    const logs = m.documents[1].statements[2];
    logs.actions = items(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    logs.resources = items(['arn:<partition>:logs:<region>:<account>:log-group:/aws/bedrock-agentcore/runtimes/*']);
    const r3 = run(m).find((f) => f.requirement === 'runtime.R3')!;
    assert.deepEqual(r3.actions, ['logs:DescribeLogStreams']);
    assert.equal(r3.range.start.line, 56);
  });

  test('never at a broader statement: R9 with a `Resource: *` bedrock-agentcore statement points at the document', () => {
    const m = seedModel();
    m.documents[1].statements.push({
      sid: 'Browser', effect: 'Allow', actions: items(['bedrock-agentcore:StartBrowserSession']), resources: items(['*']), conditions: [], loc: loc(IAM, 126, 2, 139, 3),
    });
    const r9 = run(m).find((f) => f.requirement === 'runtime.R9')!;
    assert.equal(r9.range.start.line, 34);
    // and the seed's CloudWatchLogs (log-group:/aws/bedrock-agentcore/*) is broader than R3's scope
    m.documents[1].statements[2].actions = items(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    const r3 = run(m).find((f) => f.requirement === 'runtime.R3')!;
    assert.equal(r3.range.start.line, 34);
  });

  test('messages say what is missing, on what, for which component, and why; related: role and runtime', () => {
    const r5 = run().find((f) => f.requirement === 'runtime.R5')!;
    assert.equal(
      r5.message,
      'Missing logs:DescribeLogGroups on *: the runtime needs it because the runtime looks up log groups to find its own; the action has no resource type in the Service Authorization Reference, so only Resource "*" grants it (AWS: runtime-permissions). Role module.iam.aws_iam_role.agent_runtime (runtime execution role of aws_bedrockagentcore_agent_runtime.my_agent).',
    );
    assert.deepEqual(r5.related.map((r) => r.message), ['role module.iam.aws_iam_role.agent_runtime', 'aws_bedrockagentcore_agent_runtime.my_agent names this role in role_arn']);
    assert.equal(r5.docs, 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-permissions.html');
    const r9 = run().find((f) => f.requirement === 'runtime.R9')!;
    assert.match(r9.message, /runtimes created on or after 2025-10-13, which use the service-linked role AWSServiceRoleForBedrockAgentCoreRuntimeIdentity; needed only for older runtimes/);
    assert.equal(r9.verdict, 'not-required');
  });

  test('the trust finding points at the statement and names the key', () => {
    const t = run().find((f) => f.rule === 'trust-condition-missing')!;
    assert.deepEqual(t.range, { start: { line: 12, character: 2 }, end: { line: 12, character: 13 } });
    assert.match(t.message, /ArnLike aws:SourceArn = arn:<partition>:bedrock-agentcore:us-east-1:<account>:\*/);
  });

  test('a runtime created before 2025-10-13 requires R9: missing-permission error', () => {
    const m = seedModel();
    m.roles[0].components[0].facts.createdAt = '2025-09-01';
    const r9 = run(m).find((f) => f.requirement === 'runtime.R9')!;
    assert.equal(r9.rule, 'missing-permission');
    assert.equal(r9.severity, 'error');
  });

  test('direct code deploy: R1, R2 and R9 do not apply', () => {
    const m = seedModel();
    m.roles[0].components[0].facts.artifact = 'code';
    m.roles[0].policies[0].document.statements.splice(0, 2);
    const ids = run(m).map((f) => f.requirement);
    for (const id of ['runtime.R1', 'runtime.R2', 'runtime.R9']) assert.ok(!ids.includes(id), id);
  });

  test('unknown artifact: a missing R1 is unknown (information, depends on the artifact), never an error', () => {
    const m = seedModel();
    delete m.roles[0].components[0].facts.artifact;
    m.roles[0].policies[0].document.statements.splice(0, 1);
    const r1 = run(m).find((f) => f.requirement === 'runtime.R1')!;
    assert.equal(r1.rule, 'unknown-permission');
    assert.equal(r1.severity, 'information');
    assert.match(r1.dependsOn!.join(' '), /artifact of aws_bedrockagentcore_agent_runtime\.my_agent/);
  });

  test('settings: a rule can be turned off or re-graded; optional R10 is checked only when asked', () => {
    const off = run(seedModel(), withDefaults({ rules: { 'legacy-permission': 'off', 'missing-permission': 'warning' } }));
    assert.ok(!off.some((f) => f.rule === 'legacy-permission'));
    assert.ok(off.filter((f) => f.rule === 'missing-permission').every((f) => f.severity === 'warning'));
    const m = seedModel();
    m.roles[0].policies[0].document.statements = m.roles[0].policies[0].document.statements.filter((s) => s.sid !== 'BedrockModelInvocation');
    assert.ok(!run(m).some((f) => f.requirement === 'runtime.R10'));
    const r10 = run(m, withDefaults({ optionalRequirements: ['runtime.R10'] })).find((f) => f.requirement === 'runtime.R10');
    assert.equal(r10?.rule, 'missing-permission');
  });

  test('a role whose policy is opaque gets unknown, never missing', () => {
    const m = seedModel();
    m.roles[0].opaque = ['var.extra_policy_arn'];
    const fs = run(m).filter((f) => f.rule === 'missing-permission');
    assert.deepEqual(fs, []);
    const u = run(m).filter((f) => f.rule === 'unknown-permission');
    assert.ok(u.length >= 2);
    assert.ok(u.every((f) => f.dependsOn?.includes('var.extra_policy_arn')));
  });

  test('unknown actions: warning at the string with "did you mean"; unresolved components: information', () => {
    const m = seedModel();
    const s = m.documents[1].statements[3];
    s.actions = items([lit('xray:PutTraceSegments'), lit('logs:PutLogEvent', loc(IAM, 76, 6, 76, 24))]);
    m.components.push({ address: 'aws_bedrockagentcore_gateway.gw', type: 'aws_bedrockagentcore_gateway', kind: 'gateway', roleAttribute: 'role_arn', loc: loc(ROOT, 10, 0, 12, 1), facts: {} });
    const fs = run(m);
    const ua = fs.find((f) => f.rule === 'unknown-action')!;
    assert.equal(ua.severity, 'warning');
    assert.match(ua.message, /did you mean logs:PutLogEvents/);
    assert.deepEqual(ua.range.start, { line: 76, character: 6 });
    const ru = fs.find((f) => f.rule === 'role-unresolved')!;
    assert.equal(ru.severity, 'information');
    assert.match(ru.message, /aws_bedrockagentcore_gateway\.gw/);
  });

  test('resource templates: provider literals, symbols otherwise, the component name for ${name}', () => {
    const m = seedModel();
    const role = m.roles[0];
    assert.equal(renderSym(instantiate('arn:${partition}:logs:${region}:${account}:log-group:/x/${name}-*', role, role.components[0])), 'arn:<partition>:logs:us-east-1:<account>:log-group:/x/agentcore_hands_on_my_agent_runtime-*');
    assert.equal(renderSym(instantiate('arn:${partition}:lambda:${region}:${account}:function:${functionName}', role, undefined)), 'arn:<partition>:lambda:us-east-1:<account>:function:${functionName}');
  });
});

describe('analyze: fixes are attached to findings with a remedy', () => {
  test('R7 offers adding the two actions to XRayAccess; the trust finding offers the aws:SourceArn condition', () => {
    const fs = analyze(seedModel(), withDefaults(undefined), { evaluator: miniEvaluator }).findings;
    const r7 = fs.find((f) => f.requirement === 'runtime.R7')!;
    assert.ok(r7.fixes.length >= 1);
    assert.match(r7.fixes[0].title, /XRayAccess/);
    assert.ok(r7.fixes[0].edits.some((e) => e.newText.includes('xray:GetSamplingRules') && e.file === IAM));
    const trust = fs.find((f) => f.rule === 'trust-condition-missing')!;
    assert.ok(trust.fixes.some((x) => x.edits.some((e) => e.newText.includes('aws:SourceArn'))));
  });
  test('fixes: false leaves them out (the live audit)', () => {
    const fs = analyze(seedModel(), withDefaults(undefined), { evaluator: miniEvaluator, fixes: false }).findings;
    assert.ok(fs.every((f) => f.fixes.length === 0));
  });
});

describe('analyze: provider values', () => {
  test('a policy that hard-codes the account is judged with settings.defaults when the configuration leaves it open', () => {
    const m = seedModel();
    const logs = m.documents[1].statements[2];
    logs.resources = items(['arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/*']);
    const without = run(m).filter((f) => ['runtime.R3', 'runtime.R6'].includes(f.requirement ?? ''));
    assert.equal(without.length, 2, 'an unknown account cannot be assumed to be 123456789012');
    const withDefaults_ = run(m, withDefaults({ defaults: { partition: 'aws', account: '123456789012' } })).filter((f) => ['runtime.R3', 'runtime.R6'].includes(f.requirement ?? ''));
    assert.deepEqual(withDefaults_, []);
  });
});
