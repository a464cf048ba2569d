import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateTrust } from '../../../server/src/core/iam';
import { trustContext } from '../../../server/src/core/iam/context';
import type { Principal, Statement } from '../../../server/src/core/model';
import { items, s, st, type St } from './sym';

const Q = { service: 'bedrock-agentcore.amazonaws.com', action: 'sts:AssumeRole', conditionKeys: ['aws:SourceAccount', 'aws:SourceArn'] };

function trust(statements: (St & { principals?: Principal[]; notPrincipals?: Principal[] })[], opaque: string[] = []) {
  return {
    id: 'trust',
    form: 'policy-document' as const,
    opaque,
    statements: statements.map((x): Statement => ({ ...st(x), principals: x.principals, notPrincipals: x.notPrincipals })),
  };
}
const svc = (...ids: string[]): Principal[] => [{ type: 'Service', identifiers: items(...ids) }];
const ACCOUNT: [string, string, ...string[]] = ['StringEquals', 'aws:SourceAccount', '${account}'];
const ARN: [string, string, ...string[]] = ['ArnLike', 'aws:SourceArn', 'arn:${partition}:bedrock-agentcore:${region}:${account}:*'];

interface Case {
  name: string;
  statements: Parameters<typeof trust>[0];
  opaque?: string[];
  assumable: 'granted' | 'missing' | 'unknown';
  /** verdict per key, in Q.conditionKeys order */
  keys: ('granted' | 'missing' | 'unknown')[];
  unconstrainedSids?: string[][];
}

const cases: Case[] = [
  { name: 'seed: SourceAccount only', statements: [{ sid: 'Trust', action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT] }],
    assumable: 'granted', keys: ['granted', 'missing'], unconstrainedSids: [[], ['Trust']] },
  { name: 'official: both conditions', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN] }],
    assumable: 'granted', keys: ['granted', 'granted'] },
  { name: 'SourceArn via StringLike counts', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ['StringLike', 'AWS:SourceArn', 'arn:aws:bedrock-agentcore:us-east-1:111122223333:*']] }],
    assumable: 'granted', keys: ['granted', 'granted'] },
  { name: 'a negated operator does not constrain', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ['StringNotEquals', 'aws:SourceArn', 'x']] }],
    assumable: 'granted', keys: ['granted', 'missing'] },
  { name: 'ArnLike "*" does not constrain', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ['ArnLike', 'aws:SourceArn', '*']] }],
    assumable: 'granted', keys: ['granted', 'missing'] },
  { name: 'another service cannot assume', statements: [{ action: ['sts:AssumeRole'], principals: svc('lambda.amazonaws.com') }], assumable: 'missing', keys: ['granted', 'granted'] },
  { name: 'a list with the service; wildcard action', statements: [{ sid: 'T', action: ['sts:*'], principals: svc('lambda.amazonaws.com', 'bedrock-agentcore.amazonaws.com') }],
    assumable: 'granted', keys: ['missing', 'missing'], unconstrainedSids: [['T'], ['T']] },
  { name: 'wildcard service identifier', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.*') }], assumable: 'granted', keys: ['missing', 'missing'] },
  { name: 'AWS "*" lets everyone assume', statements: [{ action: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: items('*') }] }], assumable: 'granted', keys: ['missing', 'missing'] },
  { name: 'Principal "*"', statements: [{ action: ['sts:AssumeRole'], principals: [{ type: '*', identifiers: items('*') }], cond: [ACCOUNT, ARN] }], assumable: 'granted', keys: ['granted', 'granted'] },
  { name: 'NotPrincipal of another service', statements: [{ action: ['sts:AssumeRole'], notPrincipals: svc('lambda.amazonaws.com') }], assumable: 'granted', keys: ['missing', 'missing'] },
  { name: 'wrong action', statements: [{ action: ['sts:TagSession'], principals: svc('bedrock-agentcore.amazonaws.com') }], assumable: 'missing', keys: ['granted', 'granted'] },
  { name: 'Deny for the service', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN] }, { effect: 'Deny', action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com') }],
    assumable: 'missing', keys: ['granted', 'granted'] },
  { name: 'unknown service identifier', statements: [{ action: ['sts:AssumeRole'], principals: svc('${var.service}') }], assumable: 'unknown', keys: ['unknown', 'unknown'] },
  { name: 'two statements, one unconstrained', statements: [
      { sid: 'A', action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN] },
      { sid: 'B', action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com') },
    ], assumable: 'granted', keys: ['missing', 'missing'], unconstrainedSids: [['B'], ['B']] },
  // A service principal's request carries no aws:PrincipalTag/… key: a condition on it never holds
  // (IfExists, ForAllValues and negated operators do, and Null "true" does), whatever the value.
  { name: 'PrincipalTag condition: a service never carries it', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN, ['StringEquals', 'aws:PrincipalTag/Project', '${var.tag}']] }],
    assumable: 'missing', keys: ['granted', 'granted'] },
  { name: 'PrincipalTag with IfExists holds', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN, ['StringEqualsIfExists', 'aws:PrincipalTag/Project', 'x']] }],
    assumable: 'granted', keys: ['granted', 'granted'] },
  { name: 'PrincipalTag negated holds', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN, ['StringNotEquals', 'aws:PrincipalTag/Project', 'x']] }],
    assumable: 'granted', keys: ['granted', 'granted'] },
  { name: 'PrincipalTag Null true holds', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN, ['Null', 'aws:PrincipalTag/Project', 'true']] }],
    assumable: 'granted', keys: ['granted', 'granted'] },
  { name: 'PrincipalTag under an operator IAM does not know: unknown, not missing', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN, ['StringEqualsWhatever', 'aws:PrincipalTag/Project', 'x']] }],
    assumable: 'unknown', keys: ['granted', 'granted'] },
  { name: 'opaque document', statements: [{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [ACCOUNT, ARN] }], opaque: ['var.extra'], assumable: 'unknown', keys: ['unknown', 'unknown'] },
];

for (const c of cases) {
  test(`evaluateTrust: ${c.name}`, () => {
    const r = evaluateTrust(trust(c.statements, c.opaque), Q);
    assert.equal(r.assumable.verdict, c.assumable, r.assumable.explanation);
    assert.deepEqual(r.conditions.map((x) => x.key), Q.conditionKeys);
    assert.deepEqual(r.conditions.map((x) => x.verdict), c.keys);
    if (c.unconstrainedSids) assert.deepEqual(r.conditions.map((x) => x.unconstrained.map((u) => u.sid)), c.unconstrainedSids);
    for (const k of r.conditions) if (k.verdict === 'unknown') assert.ok(k.dependsOn.length > 0);
  });
}

// What AgentCore sends when it assumes the role (core/iam/context.ts trustContext): a condition on
// aws:SourceAccount / aws:SourceArn is judged by its value. Before, any value counted as met.
const SENT = (account: string | undefined, kind: 'runtime' | 'browser' = 'runtime') =>
  trustContext({ partition: 'aws', region: 'us-east-1', account, kind, id: 'aws_bedrockagentcore_agent_runtime.a.id' })[0];
const valueCases: { name: string; cond: [string, string, ...string[]][]; account?: string; kind?: 'runtime' | 'browser'; assumable: 'granted' | 'missing' | 'unknown'; refused?: string[]; dependsOn?: string[] }[] = [
  { name: 'the same literal account', cond: [['StringEquals', 'aws:SourceAccount', '123456789012'], ['ArnLike', 'aws:SourceArn', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:*']], account: '123456789012', assumable: 'granted' },
  { name: 'another literal account', cond: [['StringEquals', 'aws:SourceAccount', '999999999999'], ['ArnLike', 'aws:SourceArn', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:*']], account: '123456789012', assumable: 'missing', refused: ['aws:SourceAccount'] },
  { name: 'SourceArn in another region', cond: [['ArnLike', 'aws:SourceArn', 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:*']], account: '123456789012', assumable: 'missing', refused: ['aws:SourceArn'] },
  { name: 'SourceArn of another service', cond: [['ArnLike', 'aws:SourceArn', 'arn:aws:bedrock:us-east-1:123456789012:*']], account: '123456789012', assumable: 'missing', refused: ['aws:SourceArn'] },
  { name: 'SourceArn on runtime/*: any id', cond: [['ArnLike', 'aws:SourceArn', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/*']], account: '123456789012', assumable: 'granted' },
  { name: 'SourceArn on memory/* for a runtime', cond: [['ArnLike', 'aws:SourceArn', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/*']], account: '123456789012', assumable: 'missing', refused: ['aws:SourceArn'] },
  { name: 'SourceArn naming one id: unknown, on the id', cond: [['ArnEquals', 'aws:SourceArn', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/a-0123456789']], account: '123456789012', assumable: 'unknown', dependsOn: ['aws_bedrockagentcore_agent_runtime.a.id'] },
  { name: 'a browser ARN (form not agreed, C5): browser-custom/* unknown', cond: [['ArnLike', 'aws:SourceArn', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:browser-custom/*']], account: '123456789012', kind: 'browser', assumable: 'unknown' },
  { name: 'the account symbol against the same symbol', cond: [['StringEquals', 'aws:SourceAccount', '${account}']], assumable: 'granted' },
  { name: 'the account symbol against a literal: unknown', cond: [['StringEquals', 'aws:SourceAccount', '123456789012']], assumable: 'unknown', dependsOn: ['account'] },
  { name: 'a variable without a value: unknown', cond: [['StringEquals', 'aws:SourceAccount', '${var.account_id}']], account: '123456789012', assumable: 'unknown', dependsOn: ['var.account_id'] },
];
for (const c of valueCases) {
  test(`evaluateTrust by the values sent: ${c.name}`, () => {
    const r = evaluateTrust(trust([{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: c.cond }]), { ...Q, context: SENT(c.account, c.kind) });
    assert.equal(r.assumable.verdict, c.assumable, r.assumable.explanation);
    assert.deepEqual((r.refused ?? []).flatMap((x) => x.conditions.map((k) => k.key)), c.refused ?? []);
    for (const d of c.dependsOn ?? []) assert.ok(r.assumable.dependsOn.includes(d), `${d} in ${r.assumable.dependsOn.join(', ')}`);
    // Without the context the conditions count as met whatever their values, as before: granted.
    assert.equal(evaluateTrust(trust([{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: c.cond }]), Q).assumable.verdict, 'granted');
  });
}

test('evaluateTrust by the values sent: a gateway id starts with its name (gateway/<name>-*), unless the name has capitals', () => {
  const judge = (name: string, arn: string) => {
    const context = trustContext({ partition: 'aws', region: 'us-east-1', account: '123456789012', kind: 'gateway', name: s(name), id: 'aws_bedrockagentcore_gateway.g.id' })[0];
    return evaluateTrust(trust([{ action: ['sts:AssumeRole'], principals: svc('bedrock-agentcore.amazonaws.com'), cond: [['ArnLike', 'aws:SourceArn', arn]] }]), { ...Q, context }).assumable.verdict;
  };
  assert.equal(judge('tools', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/tools-*'), 'granted');
  assert.equal(judge('tools', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/*'), 'granted');
  assert.equal(judge('tools', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/billing-*'), 'missing');
  assert.equal(judge('Tools', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/tools-*'), 'unknown');
  assert.equal(judge('${var.name}', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/tools-*'), 'unknown');
});
