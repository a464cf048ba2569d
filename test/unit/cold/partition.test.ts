// The parts of a workspace that are analysed on their own (server/src/core/cold/partition.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCold } from '../../../server/src/core/cold';
import fc from 'fast-check';
import { deal, partition, scanLocalCalls, scanLocalCallsIn } from '../../../server/src/core/cold/partition';
import { withDefaults } from '../../../server/src/core/settings';

const sorted = (parts: { files: string[] }[]) => parts.map((p) => [...p.files].sort()).sort((a, b) => a[0].localeCompare(b[0]));

test('scan: every local module source, normalised; registry and git sources are not local', () => {
  const text = [
    'module "iam" {',
    '  source = "./modules/iam"',
    '}',
    'module "up" { source="../common/net" }',
    'module "reg" {',
    '  source  = "terraform-aws-modules/iam/aws"',
    '}',
    'module "git" { source = "git::https://example.com/x.git" }',
  ].join('\n');
  assert.deepEqual(scanLocalCalls('/w/env/prod/main.tf', text), ['/w/env/prod/modules/iam', '/w/env/common/net']);
});

test('scan over-approximates: a source attribute of a resource, or in a comment, joins folders (never splits them)', () => {
  const text = 'resource "aws_s3_object" "o" {\n  source = "./files/a.zip"\n}\n# source = "../other"\n';
  assert.deepEqual(scanLocalCalls('/w/main.tf', text), ['/w/files/a.zip', '/other']);
});

test('scan of bytes: the same calls as the scan of the decoded text, for any mix of call-like pieces', () => {
  const piece = fc.constantFrom('source', 'source = ', ' = "', '"./', '"../', 'm"', '\n', 'é', 'source_arn = "./x"', '# ', 'module "a" { source = "./a" }', 'x');
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((x) => x.join('')), (text) => {
    assert.deepEqual(scanLocalCallsIn('/w/env/main.tf', Buffer.from(text, 'utf8')), scanLocalCalls('/w/env/main.tf', text));
  }), { numRuns: 500 });
});

test('partition: a root with the modules it calls (transitively) is one part; unrelated roots are apart', () => {
  const files = [
    { file: '/w/a/main.tf', size: 10 },
    { file: '/w/a/modules/iam/main.tf', size: 10 },
    { file: '/w/a/modules/iam/outputs.tf', size: 10 },
    { file: '/w/a/modules/iam/inner/main.tf', size: 10 },
    { file: '/w/b/main.tf', size: 10 },
    { file: '/w/policies/p.json', size: 10 },
  ];
  const calls: Record<string, string[]> = {
    '/w/a/main.tf': ['/w/a/modules/iam'],
    '/w/a/modules/iam/main.tf': ['/w/a/modules/iam/inner'],
    '/w/b/main.tf': ['/w/absent'],
  };
  const parts = partition(files, (f) => calls[f] ?? []);
  assert.deepEqual(sorted(parts), [
    ['/w/a/main.tf', '/w/a/modules/iam/inner/main.tf', '/w/a/modules/iam/main.tf', '/w/a/modules/iam/outputs.tf'],
    ['/w/b/main.tf'],
    ['/w/policies/p.json'],
  ]);
  assert.equal(parts.reduce((n, p) => n + p.files.length, 0), files.length, 'every file in exactly one part');
});

test('partition: two roots calling one module are one part (the module is analysed once, with both callers)', () => {
  const files = ['/w/x/main.tf', '/w/y/main.tf', '/w/m/main.tf', '/w/z/main.tf'].map((file) => ({ file, size: 1 }));
  const parts = partition(files, (f) => (f === '/w/x/main.tf' || f === '/w/y/main.tf' ? ['/w/m'] : []));
  assert.deepEqual(sorted(parts), [['/w/m/main.tf', '/w/x/main.tf', '/w/y/main.tf'], ['/w/z/main.tf']]);
});

test('deal: parts stay whole, largest first to the least loaded worker', () => {
  const p = (bytes: number) => ({ files: [`/f${bytes}`], bytes });
  const bins = deal([p(5), p(9), p(4), p(3), p(1)], 2);
  assert.deepEqual(bins.map((b) => b.map((x) => x.bytes)), [[9, 3], [5, 4, 1]]);
  assert.deepEqual(deal([p(1)], 4).length, 1, 'no empty worker');
});

test('planCold: the calls of every file on disk, whatever else the file holds (bytes without `source` and `"./` or `"../` are not decoded)', () => {
  const root = mkdtempSync(join(tmpdir(), 'plan-cold-'));
  try {
    mkdirSync(join(root, 'env', 'modules', 'iam'), { recursive: true });
    mkdirSync(join(root, 'common'));
    writeFileSync(join(root, 'env', 'main.tf'), '\ufeffmodule "iam" {\r\n  source = "./modules/iam"\r\n}\r\n# rôle – ünïcode\r\n');
    writeFileSync(join(root, 'env', 'up.tf'), 'module "net" { source="../common" }\n');
    writeFileSync(join(root, 'env', 'modules', 'iam', 'main.tf'), 'resource "aws_iam_role" "r" { name = "./not-a-call" }\n');
    writeFileSync(join(root, 'common', 'main.tf'), 'resource "aws_lambda_permission" "p" { source_arn = "arn" }\n');
    const { calls, parts } = planCold(root, withDefaults(undefined));
    assert.deepEqual([...calls].sort(), [
      [join(root, 'env', 'main.tf'), [join(root, 'env', 'modules', 'iam')]],
      [join(root, 'env', 'up.tf'), [join(root, 'common')]],
    ]);
    assert.equal(parts.length, 1, 'the root, its module and the folder it calls are one part');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
