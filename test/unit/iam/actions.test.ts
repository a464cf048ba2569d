import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkAction, describeAction, expandActionPattern, iamDataVersion } from '../../../server/src/core/iam';
import { closest, editDistance } from '../../../server/src/core/iam/actions';
import { DETAIL_SERVICES, buildFromPackage, iamDataPackageRoot, loadIamData } from '../../../server/src/core/iam/data';

const checks: [string, ReturnType<typeof checkAction>][] = [
  ['logs:PutLogEvents', { ok: true }],
  ['LOGS:putlogevents', { ok: true }],
  ['logs:Put*', { ok: true }],
  ['*', { ok: true }],
  ['bedrock-agentcore:GetWorkloadAccessToken*', { ok: true }],
  ['*:GetObject', { ok: true }],
  ['logs:PutLogEvent', { ok: false, reason: 'unknown-action', suggestion: 'logs:PutLogEvents' }],
  ['xray:GetSampingRules', { ok: false, reason: 'unknown-action', suggestion: 'xray:GetSamplingRules' }],
  ['bedrock-agentcore:GetWorkloadAcessToken', { ok: false, reason: 'unknown-action', suggestion: 'bedrock-agentcore:GetWorkloadAccessToken' }],
  ['bedrock-agentcor:GetWorkloadAccessToken', { ok: false, reason: 'unknown-service', suggestion: 'bedrock-agentcore:GetWorkloadAccessToken' }],
  ['logs:PutLogEventz*', { ok: false, reason: 'unknown-action' }],
  ['logs:CompletelyDifferentThing', { ok: false, reason: 'unknown-action' }],
  ['nosuchservicexyz:Foo', { ok: false, reason: 'unknown-service' }],
  ['logs', { ok: false, reason: 'malformed' }],
  ['logs:Put Log', { ok: false, reason: 'malformed' }],
];

for (const [pattern, expected] of checks) {
  test(`checkAction(${JSON.stringify(pattern)})`, () => assert.deepEqual(checkAction(pattern), expected));
}

test('describeAction: details, resource types with ARN templates, wildcard-only', () => {
  const jwt = describeAction('bedrock-agentcore:getworkloadaccesstokenforjwt');
  assert.ok(jwt);
  assert.equal(jwt.name, 'bedrock-agentcore:GetWorkloadAccessTokenForJWT');
  assert.equal(jwt.wildcardOnly, false);
  assert.deepEqual(jwt.resourceTypes.map((r) => [r.name, r.required]), [['workload-identity', true], ['workload-identity-directory', true]]);
  assert.match(jwt.resourceTypes[1].arn ?? '', /^arn:\$\{Partition\}:bedrock-agentcore:\$\{Region\}:\$\{Account\}:workload-identity-directory\//);
  assert.ok(jwt.conditionKeys.some((k) => k.startsWith('bedrock-agentcore:InboundJwtClaim/')));
  assert.ok(jwt.description && jwt.accessLevel);
  const dlg = describeAction('logs:DescribeLogGroups');
  assert.equal(dlg?.wildcardOnly, true);
  assert.equal(dlg?.accessLevel, 'List');
  const put = describeAction('cloudwatch:PutMetricData');
  assert.ok(put?.conditionKeys.includes('cloudwatch:namespace'));
  assert.equal(describeAction('logs:PutLogEvent'), undefined);
  assert.equal(describeAction('logs:Put*'), undefined);
  // a service outside the detailed set: name only
  const other = describeAction('ec2:RunInstances');
  assert.equal(other?.name, 'ec2:RunInstances');
});

test('expandActionPattern: exact spelling, case-insensitive glob', () => {
  const xs = expandActionPattern('xray:getsampling*');
  assert.deepEqual(xs.sort(), ['xray:GetSamplingRules', 'xray:GetSamplingStatisticSummaries', 'xray:GetSamplingTargets'].sort());
  assert.ok(expandActionPattern('logs:*').includes('logs:PutLogEvents'));
  assert.deepEqual(expandActionPattern('logs:PutLogEventz*'), []);
  assert.deepEqual(expandActionPattern('bedrock-agentcore:GetWorkloadAccessToken'), ['bedrock-agentcore:GetWorkloadAccessToken']);
});

test('iamDataVersion is the installed package version', () => {
  assert.match(iamDataVersion(), /^\d+\.\d+\.\d+/);
  assert.equal(iamDataVersion(), loadIamData().version);
});

test('editDistance', () => {
  assert.equal(editDistance('PutLogEvent', 'PutLogEvents'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ABC', 'abc'), 0);
});

/** The plain definitions: the whole table, then the first nearest candidate if within the limit. */
function plainDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
function plainClosest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = plainDistance(word, c);
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

test('a bounded distance is the distance when within the bound, and above the bound otherwise; closest is the plain definition', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', 'é', ':'), maxLength: 14 });
  fc.assert(fc.property(word, word, fc.nat({ max: 16 }), (a, b, max) => {
    const plain = plainDistance(a, b);
    assert.equal(editDistance(a, b), plain);
    const bounded = editDistance(a, b, max);
    if (plain <= max) assert.equal(bounded, plain);
    else assert.ok(bounded > max, `${bounded} > ${max}`);
  }), { numRuns: 2000 });
  fc.assert(fc.property(word, fc.array(word, { maxLength: 12 }), (w, cs) => {
    assert.equal(closest(w, cs), plainClosest(w, cs));
  }), { numRuns: 2000 });
  // Typing a long name into an action of a service: still the suggestion a typo gets.
  assert.equal(closest('BatchGetImagx', ['BatchCheckLayerAvailability', 'BatchGetImage', 'GetDownloadUrlForLayer']), 'BatchGetImage');
  assert.equal(closest('BatchGetImage' + 'abcdefghij'.repeat(5), ['BatchGetImage', 'GetAuthorizationToken']), undefined);
});

test('the build-time snapshot (scripts/iam-data.mjs) has the same shape and content as the package fallback', async () => {
  const script = '../../../scripts/iam-data.mjs';
  const mod = (await import(script)) as {
    DETAIL_SERVICES: string[];
    buildSnapshot: (root: string) => unknown;
  };
  assert.deepEqual(mod.DETAIL_SERVICES, DETAIL_SERVICES);
  const root = iamDataPackageRoot();
  assert.deepEqual(JSON.parse(JSON.stringify(mod.buildSnapshot(root))), JSON.parse(JSON.stringify(buildFromPackage(root))));
});

test('every detailed service exists in the data', () => {
  const d = loadIamData();
  for (const s of DETAIL_SERVICES) assert.ok(d.details[s], s);
});
