/**
 * Differential test for actions with no resource type (issue #22 item 4): a requirement on `*` for
 * such an action is the request on the resource `*` itself. Our verdict, when it is not unknown,
 * must equal @cloud-copilot/iam-simulate's (AGPL, test oracle only) through runSimulation, which
 * knows these actions from the same Service Authorization Reference data (runUnsafeSimulation does
 * not: it judges the request as on every resource). Random Allow/Deny statements with Resource or
 * NotResource items of every shape: `*`, `**`, ARNs, ARNs with wildcards, and shapes evaluators
 * disagree on (`?`, `*:*`, a short `arn:*`), which we judge unknown by design.
 *
 * Seed: DIFF_SEED (default 20261125); cases: DIFF_CASES / 5 (at least 400).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { evaluateRequirement, itemMatchesStar, noResourceType } from '../../server/src/core/iam/evaluate';
import { Gen, prng, toDocument, type JsonStatement } from './gen';

const SEED = Number(process.env.DIFF_SEED ?? 20261125);
const CASES = Math.max(400, Math.floor(Number(process.env.DIFF_CASES ?? 5000) / 5));

const ACTIONS = ['ecr:GetAuthorizationToken', 'xray:PutTraceSegments', 'xray:GetSamplingRules', 'logs:DescribeLogGroups', 'logs:PutResourcePolicy'];
const RESOURCES = [
  '*', '**', '*', 'arn:aws:ecr:us-east-1:111122223333:repository/pricing', 'arn:aws:ecr:*:*:*', 'arn:aws:logs:us-east-1:111122223333:log-group:*',
  'arn:aws:xray:us-east-1:111122223333:trace/*', 'arn:*:*:*:*:*', '?', '*:*', 'arn:*', '*?',
];
const OTHER_ACTIONS = ['ecr:*', 'xray:*', 'logs:Describe*', 'logs:*', '*', 'ecr:BatchGetImage', 's3:GetObject'];

function randomStatement(g: Gen, action: string): JsonStatement {
  const items = Array.from({ length: 1 + g.int(2) }, () => g.pick(RESOURCES));
  const res = items.length === 1 ? items[0] : items;
  const st: JsonStatement = { Effect: g.chance(0.65) ? 'Allow' : 'Deny', Action: g.chance(0.6) ? action : g.pick(OTHER_ACTIONS) };
  if (g.chance(0.2)) st.NotResource = res;
  else st.Resource = res;
  return st;
}

/** A statement with a resource shape evaluators disagree on for the request on "*" (`?`, `*:*`; a short `arn:*` under NotResource). */
function disputed(st: JsonStatement): boolean {
  const open = (x: string) => { const m = itemMatchesStar({ parts: [{ kind: 'lit', text: x }] }); return m.pos && !m.def; };
  return [st.Resource ?? []].flat().some(open) || [st.NotResource ?? []].flat().some((x) => open(x) || x === 'arn:*');
}

async function oracle(policy: unknown, action: string): Promise<string> {
  const r = (await runSimulation(
    {
      request: { principal: 'arn:aws:iam::111122223333:role/agent', action, resource: { resource: '*', accountId: '111122223333' }, contextVariables: {} },
      identityPolicies: [{ name: 'p', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  )) as { resultType: string; overallResult?: string };
  return r.resultType === 'error' ? 'error' : String(r.overallResult);
}

test('every action of the cases has no resource type in the bundled Service Authorization Reference', () => {
  for (const a of ACTIONS) assert.ok(noResourceType(a), a);
  assert.ok(!noResourceType('ecr:BatchGetImage'));
});

test(`differential: ${CASES} random policies on "*" for actions with no resource type agree with iam-simulate (seed ${SEED})`, async () => {
  const g = new Gen(prng(SEED + 4));
  const counts = { agree: 0, disagree: 0, allowed: 0, notAllowed: 0, unknownByDesign: 0, oracleError: 0 };
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const action = g.pick(ACTIONS);
    const policy = { Version: '2012-10-17', Statement: Array.from({ length: 1 + g.int(3) }, () => randomStatement(g, action)) };
    const expected = await oracle(policy, action);
    if (expected === 'error') {
      counts.oracleError++;
      continue;
    }
    const r = evaluateRequirement({ actions: [action], resources: [{ parts: [{ kind: 'lit', text: '*' }] }] }, [toDocument(policy)]);
    if (r.verdict === 'unknown') {
      // Only a shape IAM evaluators disagree on may leave it open.
      assert.ok(policy.Statement.some(disputed), `case ${i}: unknown without a disputed shape: ${JSON.stringify(policy)}`);
      counts.unknownByDesign++;
      continue;
    }
    if (expected === 'Allowed') counts.allowed++;
    else counts.notAllowed++;
    if ((r.verdict === 'granted') === (expected === 'Allowed')) counts.agree++;
    else {
      counts.disagree++;
      if (failures.length < 10) failures.push(`case ${i}: ${action} on *\n  ours=${r.verdict} (${r.explanation}) oracle=${expected}\n  ${JSON.stringify(policy)}`);
    }
  }
  console.log(`[differential/no-resource-type] seed ${SEED + 4}: ${counts.agree + counts.disagree} compared, ${counts.agree} agree, ${counts.disagree} disagree (oracle: ${counts.allowed} Allowed, ${counts.notAllowed} not); ${counts.unknownByDesign} unknown by design, ${counts.oracleError} oracle errors`);
  assert.equal(failures.length, 0, failures.join('\n'));
  assert.ok(counts.allowed > CASES / 20 && counts.notAllowed > CASES / 20, 'both outcomes represented');
  assert.ok(counts.agree > CASES / 2, 'most cases compared');
});
