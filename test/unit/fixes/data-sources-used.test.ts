/**
 * A fix adds the data sources it writes, and only those: a statement instantiated for the
 * component (the provider's region, the account of the settings, the runtime's own name) names no
 * data source, and was inserted with aws_partition, aws_region and aws_caller_identity blocks that
 * nothing read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { fixtureSettings } from '../../helpers/fixture';
import { dataEditsFor, hclRefs } from '../../../server/src/core/fixes/idiom';
import * as h from './helpers';

const FIXTURE = path.resolve(__dirname, '../../fixtures/gateway-runtime-target-counted');

test('the statement a fix inserts with the placement written as text adds no data source', async () => {
  const settings = fixtureSettings(FIXTURE);
  const ws = await Workspace.create({ root: FIXTURE, settings });
  await ws.loadFromDisk();
  const { findings } = analyze(ws.model(), settings, { getText: (f) => ws.getText(f), fixes: true });
  const counted = findings.find((f) => f.requirement === 'gateway.G14' && f.role === 'aws_iam_role.counted' && f.rule === 'missing-permission')!;
  const [insert] = counted.fixes;
  assert.equal(insert.title, 'Insert the official statement for bedrock-agentcore:InvokeAgentRuntime (gateway G14)');
  assert.equal(insert.edits.length, 1, JSON.stringify(insert.edits.map((e) => e.newText)));
  assert.match(insert.edits[0].newText, /"arn:aws:bedrock-agentcore:us-east-2:123456789012:runtime\/rag-\*"/);
  assert.ok(!insert.edits.some((e) => e.newText.includes('data "aws_')));
});

test('a statement that names one data source adds that one', () => {
  const F = '/ws/main.tf';
  const text = 'resource "aws_iam_role" "r" {\n  name = "r"\n}\n';
  const refs = hclRefs(h.ctxOf(new Map([[F, text]])), F, h.runtimeRole(F));
  assert.equal(refs.dataEdits.length, 1, 'the module lacks all three');
  assert.deepEqual(dataEditsFor(refs, '"arn:aws:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:x"').map((e) => e.newText), ['data "aws_caller_identity" "current" {}\n\n']);
  assert.deepEqual(dataEditsFor(refs, '"*"'), []);
  assert.deepEqual(dataEditsFor(refs, `${refs.partition} ${refs.region} ${refs.account}`), refs.dataEdits);
});
