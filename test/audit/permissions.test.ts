/**
 * PERMISSIONS.md (the least-privilege policy of the audit, quoted in the README) against what the
 * audit actually calls: every call is allowed by it, and it allows nothing the audit never calls.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { auditRuntime } from '../../server/src/audit/audit';
import { listRuntimes } from '../../server/src/audit/runtime';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { HEALTHY_ARN, REGION, SEED_ARN, healthyState, seedState } from './fake-aws/scenarios';
import type { FakeState } from './fake-aws/server';

const DOC = fs.readFileSync(path.resolve(__dirname, '../../server/src/audit/PERMISSIONS.md'), 'utf8');
const PREFIX: Record<string, string> = { 'bedrock-agentcore': 'bedrock-agentcore', iam: 'iam', logs: 'logs', xray: 'xray' };

function policyActions(): { required: Set<string>; optional: Set<string> } {
  const block = /```json\n([\s\S]*?)```/.exec(DOC);
  assert.ok(block, 'a JSON policy block');
  const policy = JSON.parse(block[1]) as { Statement: { Action: string | string[] }[] };
  const required = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
  const optional = new Set([...DOC.slice(block.index + block[0].length).matchAll(/"Action": "([a-z-]+:[A-Za-z]+)"/g)].map((m) => m[1]));
  return { required, optional };
}

async function callsOf(state: FakeState, run: () => Promise<unknown>): Promise<string[]> {
  const fake = await withFakeAws(state);
  try {
    await run();
    return fake.calls.map((c) => `${PREFIX[c.service] ?? c.service}:${c.op}`);
  } finally {
    await fake.restore();
  }
}

test('the least-privilege policy allows every call of the audit, and only those', { timeout: 60_000 }, async () => {
  const { required, optional } = policyActions();
  assert.deepEqual([...optional], ['iam:SimulatePrincipalPolicy']);
  const plain = [
    ...await callsOf(seedState(), () => auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS })),
    ...await callsOf(healthyState(), () => auditRuntime({ runtimeArn: HEALTHY_ARN, credentials: FAKE_CREDENTIALS })),
    ...await callsOf(seedState(), async () => {
      const c = new BedrockAgentCoreControlClient({ region: REGION, credentials: FAKE_CREDENTIALS });
      try { await listRuntimes(c); } finally { c.destroy(); }
    }),
  ];
  const simulated = await callsOf(seedState(), () => auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, simulate: true }));
  for (const a of plain) assert.ok(required.has(a), `${a} is called but not in PERMISSIONS.md`);
  for (const a of simulated) assert.ok(required.has(a) || optional.has(a), `${a} (--simulate) is not in PERMISSIONS.md`);
  assert.deepEqual([...required].filter((a) => !plain.includes(a)), [], 'no action in the policy that the audit never calls');
  assert.ok(simulated.includes('iam:SimulatePrincipalPolicy'));
  assert.ok(!plain.includes('iam:SimulatePrincipalPolicy'));
});
