/** Every permission requirement and trust condition of the catalog, written by the fixes in every form, still parses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, computeFixes } from '../../../server/src/core/fixes/index';
import { REQUIREMENTS } from '../../../server/src/core/catalog/index';
import type { PermissionRequirement, TrustRequirement } from '../../../server/src/core/model';
import * as h from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const F = '/ws/main.tf';
const HCL = `data "aws_iam_policy_document" "d" {
  statement {
    sid       = "Other"
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}
`;
const JSONENCODE = `resource "aws_iam_role_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:ListAllMyBuckets"]
        Resource = "*"
      }
    ]
  })
}
`;
const JSON_FILE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Principal: { Service: 'bedrock-agentcore.amazonaws.com' } }] }, null, 2);

const permissions = REQUIREMENTS.filter((r): r is PermissionRequirement => r.kind === 'permission');
const trusts = REQUIREMENTS.filter((r): r is TrustRequirement => r.kind === 'trust');

test('catalog: every permission requirement inserts a parsing statement in every form', async () => {
  assert.ok(permissions.length >= 10);
  for (const req of permissions) {
    const role = h.runtimeRole(F, { parts: [{ kind: 'lit', text: 'my_agent' }] });
    const request = (doc: ReturnType<typeof h.hclDocuments>[number]) => ({ kind: 'permission' as const, role, requirement: req, resources: req.resources.map((r) => h.instantiate(r)), result: h.missing(req.actions), document: doc });
    // aws_iam_policy_document
    const docs = h.hclDocuments(F, HCL);
    const [fix] = computeFixes(request(docs[0]), h.ctxOf(new Map([[F, HCL]]), [], docs));
    assert.ok(fix, req.id);
    const after = applyEdits(HCL, fix.edits);
    await hcl2json.parse('main.tf', after).catch((e) => assert.fail(`${req.id}: ${e}\n${after}`));
    assert.equal(h.hclDocuments(F, after)[0].statements.length, 2, req.id);
    // jsonencode
    const jdoc = h.jsonencodeDocument(F, JSONENCODE);
    const [jfix] = computeFixes(request(jdoc), h.ctxOf(new Map([[F, JSONENCODE]]), [], [jdoc]));
    const jafter = applyEdits(JSONENCODE, jfix.edits);
    await hcl2json.parse('main.tf', jafter).catch((e) => assert.fail(`${req.id}: ${e}\n${jafter}`));
    // .json file
    const P = '/ws/p.json';
    const pdoc = h.jsonDocument(P, JSON_FILE, 'json-file');
    const [pfix] = computeFixes({ ...request(pdoc), role: h.runtimeRole(P, { parts: [{ kind: 'lit', text: 'my_agent' }] }) }, h.ctxOf(new Map([[P, JSON_FILE]]), [], [pdoc]));
    const parsed = JSON.parse(applyEdits(JSON_FILE, pfix.edits));
    assert.deepEqual(parsed.Statement[1].Action, req.actions, req.id);
    assert.ok(!JSON.stringify(parsed).includes('${'), `${req.id}: no template left in a .json file`);
  }
});

test('catalog: every trust condition is written in every form', async () => {
  for (const req of trusts) {
    const keys = req.conditions.map((c) => c.key);
    const role = h.runtimeRole(F, { parts: [{ kind: 'lit', text: 'my_gw' }] });
    const docs = h.hclDocuments(F, HCL);
    const trust = docs[1];
    const [fix] = computeFixes({ kind: 'trust-condition', role, requirement: req, conditionKeys: keys, statements: trust.statements, document: trust }, h.ctxOf(new Map([[F, HCL]]), [], docs));
    const after = applyEdits(HCL, fix.edits);
    await hcl2json.parse('main.tf', after).catch((e) => assert.fail(`${req.id}: ${e}\n${after}`));
    for (const k of keys) assert.ok(after.includes(`variable = "${k}"`), `${req.id} ${k}`);
    const P = '/ws/t.json';
    const pdoc = h.jsonDocument(P, JSON_FILE, 'json-file');
    const [pfix] = computeFixes({ kind: 'trust-condition', role, requirement: req, conditionKeys: keys, statements: pdoc.statements, document: pdoc }, h.ctxOf(new Map([[P, JSON_FILE]]), [], [pdoc]));
    const cond = JSON.parse(applyEdits(JSON_FILE, pfix.edits)).Statement[0].Condition;
    for (const c of req.conditions) assert.ok(cond[c.operator][c.key], `${req.id} ${c.key}`);
  }
});
