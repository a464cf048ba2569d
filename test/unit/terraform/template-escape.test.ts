// Terraform's template escapes: `$${` is a literal `${` and `%%{` a literal `%{`, in quoted strings,
// heredocs, .tf.json strings and templatefile() texts. `"…/home/$${aws:username}/*"` is the string
// …/home/${aws:username}/*, which IAM reads with the policy variable aws:username; file() returns a
// file's text as it is, so a JSON policy file writes `${aws:username}` directly. Every form below must
// read the same string (the values are what `terraform console` prints for them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../../server/src/core/workspace';
import { withDefaults } from '../../../server/src/core/settings';
import { createParser } from '../../../server/src/core/terraform/parser';
import { convertFile, type Body, type Expr } from '../../../server/src/core/terraform/ast';
import { quickBlocks } from '../../../server/src/core/terraform/quick';
import { render } from '../../../server/src/core/iam/glob';
import type { Part, SymStr } from '../../../server/src/core/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<Record<string, Record<string, unknown>[]>> };

const PV: Part = { kind: 'policyVar', name: 'aws:username' };
const lit = (text: string): Part => ({ kind: 'lit', text });

/** Each local as written, and its value: literal text and the policy variable. */
const LOCALS: { name: string; hcl: string[]; parts: Part[] }[] = [
  { name: 'quoted', hcl: ['  quoted = "arn:aws:s3:::b/home/$${aws:username}/*"'], parts: [lit('arn:aws:s3:::b/home/'), PV, lit('/*')] },
  { name: 'alone', hcl: ['  alone = "$${aws:username}"'], parts: [PV] },
  // A heredoc's value ends with the line feed before its closing marker (terraform console shows
  // "…/*\n"); the analysis reads it without that last line feed (as before, left alone here).
  { name: 'heredoc', hcl: ['  heredoc = <<EOT', 'arn:aws:s3:::b/home/$${aws:username}/*', 'EOT'], parts: [lit('arn:aws:s3:::b/home/'), PV, lit('/*')] },
  { name: 'indented', hcl: ['  indented = <<-EOT', '    b/$${aws:username}%%{x}', '    EOT'], parts: [lit('b/'), PV, lit('%{x}')] },
  { name: 'directive', hcl: ['  directive = "100%%{x} %% $$ $"'], parts: [lit('100%{x} %% $$ $')] },
  // `$$` not before a brace is two dollars; then the escape: $$ and ${aws:username}.
  { name: 'dollars', hcl: ['  dollars = "$$$${aws:username}"'], parts: [lit('$$'), PV] },
  { name: 'mixed', hcl: ['  mixed = "${var.p}:$${aws:username}:${var.p}"'], parts: [lit('aws:'), PV, lit(':aws')] },
  // Written without the escape, `&{…}` is IAM's own spelling of a policy variable.
  { name: 'amp', hcl: ['  amp = "b/&{aws:username}"'], parts: [lit('b/'), PV] },
];
const TEXT = ['locals {', ...LOCALS.flatMap((l) => l.hcl), '}', 'variable "p" {', '  default = "aws"', '}', ''].join('\n');

test('template escapes: each local reads as Terraform reads it', async () => {
  const ws = await Workspace.create({ root: '/w', settings: withDefaults({}) });
  ws.setFile('/w/main.tf', TEXT);
  ws.setFile('/w/json.tf.json', JSON.stringify({ locals: { json: 'arn:aws:s3:::b/home/$${aws:username}/*', jsonplain: 'b/&{aws:username}' } }));
  const locals = ws.model().modules[0].locals;
  for (const l of LOCALS) assert.deepEqual(locals[l.name]?.parts, l.parts, l.name);
  // Terraform's JSON syntax: a string is a template too.
  assert.deepEqual(locals.json?.parts, [lit('arn:aws:s3:::b/home/'), PV, lit('/*')]);
  assert.deepEqual(locals.jsonplain?.parts, [lit('b/'), PV]);
});

test('template escapes: HashiCorp\'s parser takes the same texts as templates, escapes as written', async () => {
  // hcl2json returns a template's text (Terraform's JSON syntax, where `$${` is still the escape):
  // each literal-only local comes back as written, so none of them is an interpolation to HCL.
  const json = await hcl2json.parse('main.tf', TEXT);
  const got = json.locals[0];
  assert.equal(got.quoted, 'arn:aws:s3:::b/home/$${aws:username}/*');
  assert.equal(got.dollars, '$$$${aws:username}');
  assert.equal(got.directive, '100%%{x} %% $$ $');
  assert.equal(got.heredoc, 'arn:aws:s3:::b/home/$${aws:username}/*\n');
});

function literals(b: Body): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const lits = (e: Expr): string[] => (e.k === 'str' ? e.parts.map((p) => ('lit' in p ? p.lit : '${…}')) : []);
  for (const blk of b.blocks) for (const [k, a] of blk.body.attributes) out[k] = lits(a.expr);
  return out;
}

test('template escapes: the quick reader and tree-sitter read the same literal text', async () => {
  const parser = await createParser();
  const tree = parser.parse(TEXT);
  try {
    const ts = literals(convertFile(tree));
    const quick = quickBlocks(TEXT);
    assert.ok(quick, 'the quick reader reads the text');
    const q = literals({ attributes: new Map(), blocks: quick! } as unknown as Body);
    assert.deepEqual(q, ts);
    assert.deepEqual(ts.quoted, ['arn:aws:s3:::b/home/${aws:username}/*']);
    assert.deepEqual(ts.dollars, ['$$${aws:username}']);
  } finally {
    tree.delete();
  }
});

test('template escapes: jsonencode, file() and templatefile() policies read the policy variable', async () => {
  const ws = await Workspace.create({ root: '/w', settings: withDefaults({}) });
  const tf = [
    'resource "aws_iam_role" "r" {',
    '  assume_role_policy = "{}"',
    '}',
    'resource "aws_iam_role_policy" "encoded" {',
    '  role   = aws_iam_role.r.id',
    '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/$${aws:username}/*" }] })',
    '}',
    'resource "aws_iam_role_policy" "file" {',
    '  role   = aws_iam_role.r.id',
    '  policy = file("${path.module}/plain.json")',
    '}',
    'resource "aws_iam_role_policy" "template" {',
    '  role   = aws_iam_role.r.id',
    '  policy = templatefile("${path.module}/policy.tpl", { bucket = "b" })',
    '}',
    'resource "aws_bedrockagentcore_agent_runtime" "a" {',
    '  agent_runtime_name = "a"',
    '  role_arn           = aws_iam_role.r.arn',
    '}',
  ].join('\n');
  const doc = (resource: string) => `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${resource}"}]}`;
  ws.setFile('/w/main.tf', tf);
  ws.setFile('/w/plain.json', doc('arn:aws:s3:::b/${aws:username}/*'));
  const tpl = doc('arn:aws:s3:::${bucket}/$${aws:username}/*');
  ws.setFile('/w/policy.tpl', tpl);
  const role = ws.model().roles.find((r) => r.address === 'aws_iam_role.r');
  assert.ok(role);
  const resources = role.policies.map((p) => p.document.statements[0]?.resources);
  const strs = resources.map((l) => (l?.kind === 'items' ? l.items[0] : undefined)) as SymStr[];
  assert.deepEqual(strs.map((s) => render(s)), ['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:username}/*']);
  for (const s of strs) assert.deepEqual(s.parts, [lit('arn:aws:s3:::b/'), PV, lit('/*')]);
  // templatefile(): the string is placed where the file writes it (the escape read in place).
  const t = strs[2].loc!;
  const start = tpl.indexOf('"arn:');
  assert.deepEqual([t.file, t.range.start.character, t.range.end.character], ['/w/policy.tpl', start, tpl.indexOf('"}') + 1]);
});

test('template escapes: file() keeps a file\'s text, so `$${` in a JSON policy file is a dollar and the variable', async () => {
  const ws = await Workspace.create({ root: '/w', settings: withDefaults({}) });
  ws.setFile('/w/main.tf', [
    'resource "aws_iam_role" "r" {',
    '  assume_role_policy = "{}"',
    '}',
    'resource "aws_iam_role_policy" "file" {',
    '  role   = aws_iam_role.r.id',
    '  policy = file("${path.module}/escaped.json")',
    '}',
    'resource "aws_bedrockagentcore_agent_runtime" "a" {',
    '  agent_runtime_name = "a"',
    '  role_arn           = aws_iam_role.r.arn',
    '}',
  ].join('\n'));
  ws.setFile('/w/escaped.json', '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"b/$${aws:username}"}]}');
  const role = ws.model().roles.find((r) => r.address === 'aws_iam_role.r');
  const l = role?.policies[0]?.document.statements[0]?.resources;
  assert.deepEqual(l?.kind === 'items' ? l.items[0].parts : undefined, [lit('b/$'), PV]);
});
