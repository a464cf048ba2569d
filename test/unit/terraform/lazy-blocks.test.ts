/** A block whose body is converted on first access (parsed again on its own) equals one converted at once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createParser } from '../../../server/src/core/terraform/parser';
import { bodyDeferred, convertBlockNode, eagerBody, lazyBlock, shiftBlockLazily, shiftBlockSpans, type Body } from '../../../server/src/core/terraform/ast';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM generator of the benchmark
import { generate } from '../../../bench/generate.mjs';

const EXTRA = [
  'resource "aws_s3_bucket" "b" {\r\n  bucket = "x-${var.a}"\r\n  tags = { A = "1", B = local.b }\r\n}\r\n',
  '\uFEFFresource "aws_lambda_function" "f" {\n  environment {\n    variables = { X = "y" }\n  }\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "${aws_s3_bucket.b.arn}"}]}\nEOF\n}\n',
  'resource "aws_security_group" "sg" {\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port = ingress.value # ünïcödé\n    }\n  }\n}\n',
  'resource "aws_vpc" "v" {\n  cidr_block = cidrsubnet("10.0.0.0/8", 8, count.index)\n  x = [for a in var.b : upper(a) if a != ""]\n}\n',
];

test('deferred bodies equal bodies converted at once (generated workspace and odd inputs)', async () => {
  const parser = await createParser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-lazy-'));
  try {
    generate({ files: 30, dir, seed: 5 });
    const texts: string[] = [...EXTRA];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.tf')) texts.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(dir);
    let deferred = 0;
    let blocks = 0;
    for (const text of texts) {
      const tree = parser.parse(text);
      const body = tree.rootNode.namedChildren.find((x: { type: string }) => x.type === 'body');
      for (const c of body?.namedChildren ?? []) {
        if (c.type !== 'block') continue;
        blocks++;
        const eager = convertBlockNode(c)!;
        const lazy = lazyBlock(c, text, (s) => parser.parse(s))!;
        assert.equal(lazy.type, eager.type);
        assert.deepEqual(lazy.labels, eager.labels);
        assert.deepEqual(lazy.span, eager.span);
        assert.deepEqual(lazy.headerSpan, eager.headerSpan);
        if (bodyDeferred(lazy)) {
          deferred++;
          assert.ok(!eagerBody(lazy.type, lazy.labels));
        }
        assert.deepEqual(lazy.body, eager.body, `${eager.type} ${eager.labels.join('.')}`);
        assert.ok(!bodyDeferred(lazy), 'converted once, then a plain value');
      }
      tree.delete();
    }
    assert.ok(deferred > 20 && deferred < blocks, `${deferred} of ${blocks} blocks deferred`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A body as plain data: attributes' expressions read (shifted lazily or not), nested blocks' bodies too. */
function plainBody(b: Body): unknown {
  return {
    attributes: [...b.attributes].map(([k, a]) => [k, { name: a.name, expr: a.expr, span: a.span }]),
    blocks: b.blocks.map((x) => ({ type: x.type, labels: x.labels, span: x.span, headerSpan: x.headerSpan, body: plainBody(x.body) })),
  };
}

test('a block shifted again and again before its body is read equals one shifted at once', async () => {
  const parser = await createParser();
  const text = 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["${aws_s3_bucket.b.arn}/*", local.x]\n  }\n}\n';
  const tree = parser.parse(text);
  const node = tree.rootNode.namedChildren.find((x: { type: string }) => x.type === 'body').namedChildren[0];
  const block = convertBlockNode(node)!;
  tree.delete();
  const once = shiftBlockSpans(block, 12);
  const thrice = shiftBlockLazily(shiftBlockLazily(shiftBlockLazily(block, 5), 10), -3);
  assert.deepEqual(thrice.span, once.span);
  assert.deepEqual(thrice.headerSpan, once.headerSpan);
  assert.ok(!bodyDeferred(thrice), 'not a deferred parse');
  assert.deepEqual(plainBody(thrice.body), plainBody(once.body));
  assert.equal(thrice.body, thrice.body, 'shifted once, then a plain value');
  // Read, then shifted again: from the body read (its expressions read or not).
  assert.deepEqual(plainBody(shiftBlockLazily(thrice, 1).body), plainBody(shiftBlockSpans(block, 13).body));
  const read = shiftBlockLazily(block, 4);
  void read.body.blocks[0].body.attributes.get('actions')!.expr;
  assert.deepEqual(plainBody(shiftBlockLazily(read, 8).body), plainBody(once.body));
  // Shifted back to where it was converted: the same body, no copy.
  assert.equal(shiftBlockLazily(shiftBlockLazily(block, 7), -7).body, block.body);
});
