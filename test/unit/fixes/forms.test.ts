/** Before/after for every fix kind and idiom: policy documents, jsonencode, heredoc JSON, .json files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, computeFixes } from '../../../server/src/core/fixes/index';
import type { Fix, PolicyDocument, Role } from '../../../server/src/core/model';
import type { ModuleInfo } from '../../../server/src/core/workspace-model';
import { withDefaults } from '../../../server/src/core/settings';
import { heredocBody } from '../../../server/src/core/fixes/hcl-scan';
import * as h from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<Record<string, unknown>> };

const F = '/ws/modules/iam/main.tf';

function applyAll(text: string, fix: Fix, file = F): string {
  return applyEdits(text, fix.edits.filter((e) => e.file === file));
}

/** Text outside the edited spans is byte-identical: removing each insertion gives the original back. */
function assertInsertionsOnly(before: string, fix: Fix, file = F) {
  for (const e of fix.edits) assert.deepEqual(e.range.start, e.range.end, 'insertion only');
  const after = applyAll(before, fix, file);
  let rest = after;
  for (const e of fix.edits.filter((x) => x.file === file)) {
    const i = rest.indexOf(e.newText);
    assert.ok(i >= 0);
    rest = rest.slice(0, i) + rest.slice(i + e.newText.length);
  }
  assert.equal(rest, before);
}

function permission(role: Role, doc: PolicyDocument, req: typeof h.R5, actions: string[]) {
  return { kind: 'permission' as const, role, requirement: req, resources: req.resources.map((r) => h.instantiate(r)), result: h.missing(actions), document: doc };
}

const BARE = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.18"
    }
  }
}

data "aws_iam_policy_document" "agent" {
  statement {
    sid       = "Logs"
    effect    = "Allow"
    actions   = ["logs:CreateLogGroup"]
    resources = ["*"]
  }
}
`;

test('policy document: missing data sources are added; region attribute follows the provider version', async () => {
  const docs = h.hclDocuments(F, BARE);
  const mod: ModuleInfo = { ...h.moduleOf('/ws/modules/iam', [F]), idiom: { awsProviderVersion: '>= 6.18' } };
  const ctx = h.ctxOf(new Map([[F, BARE]]), [mod], docs);
  const [fix] = computeFixes(permission(h.runtimeRole(F), docs[0], h.R5, ['logs:DescribeLogGroups']), ctx);
  assert.equal(fix.title, 'Insert the official statement for logs:DescribeLogGroups (runtime R5) and the data sources it uses');
  const after = applyAll(BARE, fix);
  assert.equal(
    after,
    BARE.replace(
      'terraform {',
      'data "aws_partition" "current" {}\ndata "aws_region" "current" {}\ndata "aws_caller_identity" "current" {}\n\nterraform {',
    ).replace(
      '    resources = ["*"]\n  }\n',
      `    resources = ["*"]
  }

  statement {
    sid     = "LogsDescribeLogGroups"
    effect  = "Allow"
    actions = ["logs:DescribeLogGroups"]
    resources = [
      "arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.region}:\${data.aws_caller_identity.current.account_id}:log-group:*"
    ]
  }
`,
    ),
  );
  assertInsertionsOnly(BARE, fix);
  await hcl2json.parse('main.tf', after);
  // Before hashicorp/aws 6 the attribute is `name`.
  const ctx5 = h.ctxOf(new Map([[F, BARE]]), [{ ...mod, idiom: { awsProviderVersion: '~> 5.80' } }], docs);
  const [fix5] = computeFixes(permission(h.runtimeRole(F), docs[0], h.R5, ['logs:DescribeLogGroups']), ctx5);
  assert.match(applyAll(BARE, fix5), /data\.aws_region\.current\.name\}/);
});

test('policy document: data sources go to the module data-source file, with the module own names', () => {
  const DS = '/ws/modules/iam/data.tf';
  const dsText = 'data "aws_partition" "this" {}\n';
  const main = BARE.replace('"*"]\n  }', '"arn:${data.aws_partition.this.partition}:logs:*:*:*"]\n  }');
  const docs = h.hclDocuments(F, main);
  const mod: ModuleInfo = { ...h.moduleOf('/ws/modules/iam', [F, DS]), idiom: { dataSourceFile: DS, awsProviderVersion: '>= 6' } };
  const ctx = h.ctxOf(new Map([[F, main], [DS, dsText]]), [mod], docs);
  const [fix] = computeFixes(permission(h.runtimeRole(F), docs[0], h.R5, ['logs:DescribeLogGroups']), ctx);
  const ds = fix.edits.filter((e) => e.file === DS);
  assert.equal(applyEdits(dsText, ds), 'data "aws_partition" "this" {}\ndata "aws_region" "current" {}\ndata "aws_caller_identity" "current" {}\n');
  assert.match(applyAll(main, fix), /"arn:\$\{data\.aws_partition\.this\.partition\}:logs:\$\{data\.aws_region\.current\.region\}:/);
});

test('policy document: CRLF files keep CRLF; completing an inline list keeps it inline', async () => {
  const crlf = BARE.replace(/\n/g, '\r\n');
  const docs = h.hclDocuments(F, crlf);
  const ctx = h.ctxOf(new Map([[F, crlf]]), [h.moduleOf('/ws', [F])], docs);
  const req = { ...h.R5, id: 'runtime.R3', actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'], resources: ['*'] };
  const [add, insert] = computeFixes(permission(h.runtimeRole(F), docs[0], req, ['logs:DescribeLogStreams']), ctx);
  assert.equal(add.title, 'Add logs:DescribeLogStreams to statement "Logs"');
  const after = applyAll(crlf, add);
  assert.ok(after.includes('    actions   = ["logs:CreateLogGroup", "logs:DescribeLogStreams"]\r\n'));
  const inserted = applyAll(crlf, insert);
  assert.equal(inserted.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  await hcl2json.parse('main.tf', inserted);
});

test('policy document: a statement with another scope or a condition is not completed', () => {
  const text = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["logs:CreateLogGroup"]
    resources = ["arn:aws:logs:*:*:log-group:/aws/bedrock-agentcore/*"]
  }
}
`;
  const docs = h.hclDocuments(F, text);
  const ctx = h.ctxOf(new Map([[F, text]]), [], docs);
  const fixes = computeFixes(permission(h.runtimeRole(F), docs[0], h.R5, ['logs:DescribeLogGroups']), ctx);
  assert.equal(fixes.length, 1);
  assert.match(fixes[0].title, /^Insert the official statement/);
  const after = applyAll(text, fixes[0]);
  // No sid: this document does not use them. Conditions are written for R8.
  assert.ok(after.includes('  statement {\n    effect  = "Allow"\n    actions = ["logs:DescribeLogGroups"]\n'));
  const docs8 = h.hclDocuments(F, text);
  const [f8] = computeFixes(permission(h.runtimeRole(F), docs8[0], h.R8, ['cloudwatch:PutMetricData']), h.ctxOf(new Map([[F, text]]), [], docs8));
  assert.ok(applyAll(text, f8).includes(`    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["bedrock-agentcore"]
    }
  }`));
});

function jsonCase(indent: string) {
  const J = '/ws/policies/runtime.json';
  const text = JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Sid: 'XRay', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }, { Sid: 'Logs', Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/bedrock-agentcore/runtimes/*' }] },
    null,
    indent,
  ) + '\n';
  return { J, text };
}

for (const [label, indent] of [['2-space', '  '], ['4-space', '    '], ['tab', '\t']] as const) {
  test(`.json file (${label}): insert with literal values from settings, complete a list, in the file's indentation`, () => {
    const { J, text } = jsonCase(indent);
    const doc = h.jsonDocument(J, text, 'json-file');
    const settings = withDefaults({ defaults: { partition: 'aws', region: 'us-east-1', account: '111122223333' } });
    const ctx = h.ctxOf(new Map([[J, text]]), [], [doc], settings);
    const [ins] = computeFixes(permission(h.runtimeRole(J), doc, h.R5, ['logs:DescribeLogGroups']), ctx);
    assert.equal(ins.title, 'Insert the official statement for logs:DescribeLogGroups (runtime R5)');
    const after = applyAll(text, ins, J);
    const parsed = JSON.parse(after);
    assert.deepEqual(parsed.Statement[2], { Sid: 'LogsDescribeLogGroups', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:*' });
    assert.ok(after.includes(`\n${indent}${indent}{\n${indent}${indent}${indent}"Sid": "LogsDescribeLogGroups",`), after);
    assert.ok(after.startsWith(text.slice(0, text.lastIndexOf('}\n', text.lastIndexOf(']')))));

    const req7 = permission(h.runtimeRole(J), doc, h.R7, ['xray:GetSamplingRules', 'xray:GetSamplingTargets']);
    const [add] = computeFixes({ ...req7, resources: [{ parts: [{ kind: 'lit', text: '*' }] }] }, ctx);
    assert.equal(add.title, 'Add xray:GetSamplingRules, xray:GetSamplingTargets to statement "XRay"');
    const a2 = applyAll(text, add, J);
    assert.deepEqual(JSON.parse(a2).Statement[0].Action, h.R7.actions);
    assert.ok(a2.includes(`${indent}${indent}${indent}${indent}"xray:GetSamplingTargets"\n`));
  });
}

test('.json file without settings: placeholders the user is asked to fill', () => {
  const { J, text } = jsonCase('  ');
  const doc = h.jsonDocument(J, text, 'json-file');
  const ctx = h.ctxOf(new Map([[J, text]]), [], [doc]);
  const [ins] = computeFixes(permission(h.runtimeRole(J, { parts: [{ kind: 'lit', text: 'my_agent' }] }), doc, h.R9, h.R9.actions), ctx);
  assert.equal(ins.title, 'Insert the official statement for ' + h.R9.actions.join(', ') + ' (runtime R9) (fill in <PARTITION>, <REGION>, <ACCOUNT_ID>)');
  const st = JSON.parse(applyAll(text, ins, J)).Statement[2];
  assert.deepEqual(st.Resource, [
    'arn:<PARTITION>:bedrock-agentcore:<REGION>:<ACCOUNT_ID>:workload-identity-directory/default',
    'arn:<PARTITION>:bedrock-agentcore:<REGION>:<ACCOUNT_ID>:workload-identity-directory/default/workload-identity/my_agent-*',
  ]);
});

const HEREDOC = `data "aws_caller_identity" "me" {}
data "aws_partition" "p" {}
data "aws_region" "r" {}

resource "aws_iam_role" "agent" {
  name = "agent"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": { "Service": "bedrock-agentcore.amazonaws.com" },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  EOF
}

resource "aws_iam_role_policy" "agent" {
  role   = aws_iam_role.agent.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["logs:CreateLogGroup"],
      "Resource": "arn:\${data.aws_partition.p.partition}:logs:\${data.aws_region.r.name}:\${data.aws_caller_identity.me.account_id}:log-group:/aws/bedrock-agentcore/runtimes/*"
    }
  ]
}
EOF
}
`;

function heredocDoc(text: string, nth: number): PolicyDocument {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf('<<', at + 1);
  const b = heredocBody(text, at)!;
  return h.jsonDocument(F, text, 'heredoc-json', b.start, b.end, at);
}

test('heredoc JSON: statement and trust condition written with the module interpolations', async () => {
  const ctx = (docs: PolicyDocument[]) => h.ctxOf(new Map([[F, HEREDOC]]), [h.moduleOf('/ws', [F])], docs);
  const pol = heredocDoc(HEREDOC, 1);
  const [ins] = computeFixes(permission(h.runtimeRole(F), pol, h.R5, ['logs:DescribeLogGroups']), ctx([pol]));
  const after = applyAll(HEREDOC, ins);
  const body = heredocBody(after, after.indexOf('<<EOF'))!;
  const parsed = JSON.parse(after.slice(body.start, body.end));
  assert.deepEqual(parsed.Statement[1], {
    Effect: 'Allow',
    Action: ['logs:DescribeLogGroups'],
    Resource: 'arn:${data.aws_partition.p.partition}:logs:${data.aws_region.r.name}:${data.aws_caller_identity.me.account_id}:log-group:*',
  });
  assert.equal(after.slice(0, after.indexOf('<<EOF')), HEREDOC.slice(0, HEREDOC.indexOf('<<EOF')));
  await hcl2json.parse('main.tf', after);

  const trust = heredocDoc(HEREDOC, 0);
  const [tf] = computeFixes({ kind: 'trust-condition', role: h.runtimeRole(F), requirement: h.TRUST, conditionKeys: ['aws:SourceAccount', 'aws:SourceArn'], statements: trust.statements, document: trust }, ctx([trust]));
  assert.equal(tf.title, 'Add the aws:SourceAccount, aws:SourceArn condition to the trust policy');
  const t2 = applyAll(HEREDOC, tf);
  const tb = heredocBody(t2, t2.indexOf('<<-EOF'))!;
  assert.deepEqual(JSON.parse(t2.slice(tb.start, tb.end)).Statement[0].Condition, {
    StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.me.account_id}' },
    ArnLike: { 'aws:SourceArn': 'arn:${data.aws_partition.p.partition}:bedrock-agentcore:${data.aws_region.r.name}:${data.aws_caller_identity.me.account_id}:*' },
  });
  assert.ok(t2.includes('\n          "Condition": {\n'), t2);
  assert.equal(t2.slice(t2.indexOf('resource "aws_iam_role_policy"')), HEREDOC.slice(HEREDOC.indexOf('resource "aws_iam_role_policy"')));
  await hcl2json.parse('main.tf', t2);
});

const JSONENCODE = `data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_iam_role_policy" "agent" {
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "XRay"
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
        Resource = "*"
      },
      {
        Sid    = "Logs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogGroup",
        ]
        Resource = "arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/*"
      }
    ]
  })
}
`;

test('jsonencode: insert, complete and trust condition as HCL objects in the neighbours style', async () => {
  const doc = h.jsonencodeDocument(F, JSONENCODE);
  const ctx = h.ctxOf(new Map([[F, JSONENCODE]]), [h.moduleOf('/ws', [F])], [doc]);
  const [ins] = computeFixes(permission(h.runtimeRole(F), doc, h.R5, ['logs:DescribeLogGroups']), ctx);
  const after = applyAll(JSONENCODE, ins);
  assert.ok(after.includes(`      },
      {
        Sid      = "LogsDescribeLogGroups"
        Effect   = "Allow"
        Action   = ["logs:DescribeLogGroups"]
        Resource = "arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:log-group:*"
      }
    ]`), after);
  assertInsertionsOnly(JSONENCODE, ins);
  await hcl2json.parse('main.tf', after);

  const req7 = { ...permission(h.runtimeRole(F), doc, h.R7, ['xray:GetSamplingRules', 'xray:GetSamplingTargets']), resources: [{ parts: [{ kind: 'lit' as const, text: '*' }] }] };
  const [add] = computeFixes(req7, ctx);
  assert.equal(add.title, 'Add xray:GetSamplingRules, xray:GetSamplingTargets to statement "XRay"');
  assert.ok(applyAll(JSONENCODE, add).includes('Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]'));

  // A multi-line list with a trailing comma keeps its trailing commas.
  const req3 = { ...h.R5, id: 'runtime.R3', actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'], resources: ['arn:${partition}:logs:${region}:${account}:log-group:/aws/bedrock-agentcore/*'] };
  const [add3] = computeFixes(permission(h.runtimeRole(F), doc, req3, ['logs:DescribeLogStreams']), ctx);
  assert.ok(applyAll(JSONENCODE, add3).includes('          "logs:CreateLogGroup",\n          "logs:DescribeLogStreams",\n        ]'));

  const trustText = `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = {
          "aws:SourceAccount" = data.aws_caller_identity.current.account_id
        }
      }
    }]
  })
}
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
`;
  const tdoc = h.jsonencodeDocument(F, trustText);
  const tctx = h.ctxOf(new Map([[F, trustText]]), [h.moduleOf('/ws', [F])], [tdoc]);
  const [tf] = computeFixes({ kind: 'trust-condition', role: h.runtimeRole(F), requirement: h.TRUST, conditionKeys: ['aws:SourceArn'], statements: tdoc.statements, document: tdoc }, tctx);
  const t2 = applyAll(trustText, tf);
  assert.ok(t2.includes(`        StringEquals = {
          "aws:SourceAccount" = data.aws_caller_identity.current.account_id
        }
        ArnLike = {
          "aws:SourceArn" = "arn:\${data.aws_partition.current.partition}:bedrock-agentcore:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:*"
        }
      }`), t2);
  await hcl2json.parse('main.tf', t2);
});

test('unknown action: replaced with the suggestion, quotes kept; nothing when already right', () => {
  const text = 'actions = ["xray:GetSamplingRule"]\n';
  const loc = { file: F, range: { start: { line: 0, character: 11 }, end: { line: 0, character: 33 } } };
  const ctx = h.ctxOf(new Map([[F, text]]));
  const [fix] = computeFixes({ kind: 'replace-action', loc, suggestion: 'xray:GetSamplingRules' }, ctx);
  assert.equal(fix.title, 'Replace xray:GetSamplingRule with xray:GetSamplingRules');
  const after = applyAll(text, fix);
  assert.equal(after, 'actions = ["xray:GetSamplingRules"]\n');
  const loc2 = { file: F, range: { start: { line: 0, character: 11 }, end: { line: 0, character: 34 } } };
  assert.deepEqual(computeFixes({ kind: 'replace-action', loc: loc2, suggestion: 'xray:GetSamplingRules' }, h.ctxOf(new Map([[F, after]]))), []);
});

test('jsonencode in JSON style (quoted keys, colons, trailing commas): written the same way', async () => {
  const text = `resource "aws_iam_role_policy" "p" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Effect": "Allow",
        "Action": ["cloudwatch:ListMetrics"],
        "Resource": "*",
      },
    ],
  })
}

resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    "Statement": [
      {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": { "Service": "bedrock-agentcore.amazonaws.com" },
      }
    ]
  })
}
`;
  const doc = h.jsonencodeDocument(F, text);
  const ctx = h.ctxOf(new Map([[F, text]]), [], [doc]);
  const [ins] = computeFixes(permission(h.runtimeRole(F), doc, h.R8, ['cloudwatch:PutMetricData']), ctx);
  const after = applyAll(text, ins);
  assert.ok(after.includes(`        "Resource": "*",
      },
      {
        "Effect": "Allow",
        "Action": ["cloudwatch:PutMetricData"],
        "Resource": "*",
        "Condition": {
          "StringEquals": {
            "cloudwatch:namespace": "bedrock-agentcore"
          }
        }
      },
    ],`), after);
  // The statement names no partition, region or account ("*"): no data source is added for it.
  assert.ok(!after.includes('data "aws_'), after);
  await hcl2json.parse('main.tf', after);

  const t2 = text.slice(text.indexOf('resource "aws_iam_role" "r"'));
  const tdoc = h.jsonencodeDocument(F, t2);
  const [tf] = computeFixes({ kind: 'trust-condition', role: h.runtimeRole(F), requirement: h.TRUST, conditionKeys: ['aws:SourceAccount', 'aws:SourceArn'], statements: tdoc.statements, document: tdoc }, h.ctxOf(new Map([[F, t2]]), [], [tdoc]));
  const b = applyAll(t2, tf);
  assert.ok(b.includes(`        "Principal": { "Service": "bedrock-agentcore.amazonaws.com" },
        "Condition": {
          "StringEquals": {
            "aws:SourceAccount": data.aws_caller_identity.current.account_id
          },
          "ArnLike": {
            "aws:SourceArn": "arn:\${data.aws_partition.current.partition}:bedrock-agentcore:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:*"
          }
        },
      }`), b);
  await hcl2json.parse('main.tf', b);
});

test('policy document: a name the module cannot express becomes a placeholder named in the title', async () => {
  const text = 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\n';
  const docs = h.hclDocuments(F, text);
  const ctx = h.ctxOf(new Map([[F, text]]), [], docs);
  const role = h.runtimeRole(F, { parts: [{ kind: 'unknown', expr: 'module.x.name' }] });
  const [fix] = computeFixes(permission(role, docs[0], h.R9, h.R9.actions), ctx);
  assert.match(fix.title, /\(fill in <NAME>\)$/);
  const after = applyAll(text, fix);
  assert.ok(after.includes('workload-identity/<NAME>-*"'));
  await hcl2json.parse('main.tf', after);
});

test('jsonencode trust: a condition operator among one-line siblings is written on one line, aligned', async () => {
  const text = `resource "aws_iam_role" "runtime" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "bedrock-agentcore.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        }
      }
    ]
  })
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
`;
  const tdoc = h.jsonencodeDocument(F, text);
  const ctx = h.ctxOf(new Map([[F, text]]), [], [tdoc]);
  const [tf] = computeFixes({ kind: 'trust-condition', role: h.runtimeRole(F), requirement: h.TRUST, conditionKeys: ['aws:SourceArn'], statements: tdoc.statements, document: tdoc }, ctx);
  const after = applyAll(text, tf);
  assert.equal(
    after,
    text.replace(
      'account_id }\n',
      'account_id }\n          ArnLike      = { "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:bedrock-agentcore:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:*" }\n',
    ),
  );
  await hcl2json.parse('main.tf', after);
  // Once there, it is not offered again.
  const again = h.jsonencodeDocument(F, after);
  assert.deepEqual(computeFixes({ kind: 'trust-condition', role: h.runtimeRole(F), requirement: h.TRUST, conditionKeys: ['aws:SourceArn'], statements: again.statements, document: again }, h.ctxOf(new Map([[F, after]]), [], [again])), []);
});

test('no fix when an explicit Deny is why the permission is missing (an Allow cannot override it)', () => {
  const docs = h.hclDocuments(F, BARE);
  const ctx = h.ctxOf(new Map([[F, BARE]]), [], docs);
  const req = permission(h.runtimeRole(F), docs[0], h.R5, ['logs:DescribeLogGroups']);
  assert.equal(computeFixes(req, ctx).length, 1);
  const deny = { effect: 'Deny' as const, conditions: [] };
  assert.deepEqual(computeFixes({ ...req, result: { ...req.result, denying: [deny] } }, ctx), []);
});
