/** The seed case: every fix the analysis offers, applied together, writes the catalog's official blocks in the user's idiom. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, computeFixes, mergeFixes } from '../../../server/src/core/fixes/index';
import type { Fix } from '../../../server/src/core/model';
import * as h from './helpers';
import { seedInfra } from '../../helpers/cli';
import { requirementById } from '../../../server/src/core/catalog';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<Record<string, unknown>> };

const SEED = seedInfra;
/** R5 as the catalog has it: "*" (catalog conflict C10), not the runtime-permissions page's log-group:*. */
const R5 = requirementById('runtime.R5') as typeof h.R5;

function fixesFor(file: string, text: string): Fix[][] {
  const docs = h.hclDocuments(file, text);
  const ctx = h.ctxOf(new Map([[file, text]]), [h.moduleOf('/m', [file], { agent_runtime_name: h.NAME })], docs);
  const role = h.runtimeRole(file);
  const doc = docs.find((d) => d.id.endsWith('.agent_runtime'))!;
  const trust = docs.find((d) => d.id.endsWith('assume_role'))!;
  const perm = (req: typeof h.R5, actions: string[]) =>
    computeFixes({ kind: 'permission', role, requirement: req, resources: req.resources.map((r) => h.instantiate(r)), result: h.missing(actions), document: doc }, ctx);
  return [
    perm(R5, ['logs:DescribeLogGroups']),
    perm(h.R7, ['xray:GetSamplingRules', 'xray:GetSamplingTargets']),
    perm(h.R9, h.R9.actions),
    computeFixes({ kind: 'trust-condition', role, requirement: h.TRUST, conditionKeys: ['aws:SourceArn'], statements: trust.statements, document: trust }, ctx),
  ];
}

/** Removes `added` (in order) from `after`; what is left must be `before`, byte for byte. */
function assertOnlyAdded(before: string, after: string, added: string[]) {
  let rest = after;
  for (const a of added) {
    const i = rest.indexOf(a);
    assert.ok(i >= 0, `expected to find:\n${a}`);
    rest = rest.slice(0, i) + rest.slice(i + a.length);
  }
  assert.equal(rest, before);
}

test('seed case: titles and preferred fixes', () => {
  const file = join(SEED, 'modules/iam/main.tf');
  const [r5, r7, r9, trust] = fixesFor(file, readFileSync(file, 'utf8'));
  assert.deepEqual(r5.map((f) => f.title), ['Insert the official statement for logs:DescribeLogGroups (runtime R5)']);
  assert.equal(r7[0].title, 'Add xray:GetSamplingRules, xray:GetSamplingTargets to statement "XRayAccess"');
  assert.equal(r7[0].preferred, true);
  assert.match(r9[0].title, /^Insert the official statement for bedrock-agentcore:GetWorkloadAccessToken, .* \(runtime R9\)$/);
  assert.equal(trust[0].title, 'Add the aws:SourceArn condition to the trust policy');
});

test('seed case: all fixes applied keep the user formatting and parse with HashiCorp HCL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-fixes-'));
  try {
    cpSync(SEED, dir, { recursive: true });
    const file = join(dir, 'modules/iam/main.tf');
    const before = readFileSync(file, 'utf8');
    const all = fixesFor(file, before);
    const { byFile, skipped } = mergeFixes(all.map((fixes) => ({ fixes }) as never));
    assert.equal(skipped.length, 0);
    assert.deepEqual([...byFile.keys()], [file]);
    const after = applyEdits(before, byFile.get(file)!);
    writeFileSync(file, after);

    const P = '${data.aws_partition.current.partition}';
    const R = '${data.aws_region.current.id}';
    const A = '${data.aws_caller_identity.current.account_id}';
    assertOnlyAdded(before, after, [
      `

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${P}:bedrock-agentcore:${R}:${A}:*"]
    }`,
      `

  statement {
    sid       = "LogsDescribeLogGroups"
    effect    = "Allow"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["*"]
  }`,
      `,
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets"`,
      `

  statement {
    sid    = "GetAgentAccessToken"
    effect = "Allow"
    actions = [
      "bedrock-agentcore:GetWorkloadAccessToken",
      "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
      "bedrock-agentcore:GetWorkloadAccessTokenForUserId"
    ]
    resources = [
      "arn:${P}:bedrock-agentcore:${R}:${A}:workload-identity-directory/default",
      "arn:${P}:bedrock-agentcore:${R}:${A}:workload-identity-directory/default/workload-identity/\${local.agent_runtime_name}-*"
    ]
  }`,
    ]);
    // The XRayAccess list in its own layout.
    assert.ok(after.includes(`    actions = [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets"
    ]`));
    // R5 goes right after CloudWatchLogs.
    assert.ok(after.indexOf('LogsDescribeLogGroups') > after.indexOf('"CloudWatchLogs"'));
    assert.ok(after.indexOf('LogsDescribeLogGroups') < after.indexOf('"XRayAccess"'));
    const parsed = await hcl2json.parse('main.tf', after);
    const docs = (parsed.data as Record<string, Record<string, { statement: { sid?: string; actions: string[]; resources?: string[]; condition?: { variable: string }[] }[] }[]>>).aws_iam_policy_document;
    const stmts = docs.agent_runtime[0].statement;
    assert.deepEqual(stmts.find((s) => s.sid === 'XRayAccess')!.actions, h.R7.actions);
    assert.deepEqual(stmts.find((s) => s.sid === 'GetAgentAccessToken')!.actions, h.R9.actions);
    assert.deepEqual(stmts.find((s) => s.sid === 'LogsDescribeLogGroups')!.resources, ['*']);
    assert.deepEqual(docs.agent_runtime_assume_role[0].statement[0].condition!.map((c) => c.variable), ['aws:SourceAccount', 'aws:SourceArn']);

    // Second pass over the fixed text (even if asked again): every official block is recognised as
    // written, so no fix is offered and applying again cannot change the text.
    const again = fixesFor(file, after);
    assert.deepEqual(again.map((f) => f.map((x) => x.title)), [[], [], [], []]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
