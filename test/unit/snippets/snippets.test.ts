import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { checkAction } from '../../../server/src/core/iam';

const require = createRequire(__filename);
const { parse } = require('@cdktf/hcl2json') as { parse: (file: string, text: string) => Promise<Record<string, unknown>> };
const root = join(__dirname, '..', '..', '..');
type Snippets = Record<string, { prefix: string; body: string[]; description: string }>;
const load = (f: string): Snippets => JSON.parse(readFileSync(join(root, 'snippets', f), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Expands a snippet body as VS Code would with every placeholder left at its default. */
export function expand(body: string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  return text.replace(/\$\d+/g, '').replace(/\\\$/g, '$');
}

function actionsOf(text: string): string[] {
  return [...text.matchAll(/"([a-z0-9-]+:[A-Za-z0-9*]+)"/g)].map((m) => m[1]).filter((a) => !/^(aws|arn|cloudwatch:namespace)/.test(a) && !a.startsWith('aws:'));
}

test('every snippet file is contributed and exists', () => {
  const paths = (manifest.contributes.snippets as { path: string }[]).map((s) => s.path);
  for (const p of paths) assert.doesNotThrow(() => readFileSync(join(root, p)), p);
  assert.ok(paths.some((p) => p.includes('terraform')) && paths.some((p) => p.includes('json')));
});

test('every Terraform snippet parses with HashiCorp\'s parser', async () => {
  const tf = load('terraform.code-snippets');
  assert.ok(Object.keys(tf).length > 10);
  for (const [name, s] of Object.entries(tf)) {
    const text = expand(s.body);
    const wrapped = name.endsWith('(statement)')
      ? `data "aws_iam_policy_document" "x" {\n${text}\n}\n`
      : name.endsWith('(jsonencode)')
        ? `locals {\n  p = jsonencode({ Version = "2012-10-17", Statement = [\n${text}\n] })\n}\n`
        : text;
    const parsed = await parse(`${s.prefix}.tf`, wrapped).catch((e: unknown) => assert.fail(`${name}: ${String(e)}\n${wrapped}`));
    assert.ok(parsed && typeof parsed === 'object', name);
  }
});

test('the runtime module snippet declares the role, its policy and the data sources', async () => {
  const tf = load('terraform.code-snippets');
  const mod = Object.values(tf).find((s) => s.prefix === 'agentcore-runtime-role');
  assert.ok(mod);
  const parsed = (await parse('m.tf', expand(mod.body))) as { data: Record<string, unknown>; resource: Record<string, unknown> };
  for (const d of ['aws_partition', 'aws_region', 'aws_caller_identity', 'aws_iam_policy_document']) assert.ok(d in parsed.data, d);
  for (const r of ['aws_iam_role', 'aws_iam_role_policy']) assert.ok(r in parsed.resource, r);
});

test('every JSON snippet is valid JSON', () => {
  const json = load('json.code-snippets');
  assert.ok(Object.keys(json).length > 10);
  for (const [name, s] of Object.entries(json)) {
    const st = JSON.parse(expand(s.body)) as { Effect: string; Action: string[] };
    assert.equal(st.Effect, 'Allow', name);
    assert.ok(Array.isArray(st.Action) && st.Action.length, name);
  }
});

test('every action in the snippets exists', (t) => {
  const all = new Set<string>();
  for (const f of ['terraform.code-snippets', 'json.code-snippets']) for (const s of Object.values(load(f))) for (const a of actionsOf(expand(s.body))) all.add(a);
  assert.ok(all.size > 20);
  try {
    checkAction('sts:AssumeRole');
  } catch (e) {
    if (/not implemented/.test(String(e))) return t.skip('checkAction not implemented yet');
    throw e;
  }
  for (const a of all) assert.deepEqual(checkAction(a), { ok: true }, a);
});

// VS Code reads `$name` and `${name}` as snippet variables; an unknown one becomes a placeholder and
// the extension is reported at load ("very likely confuse snippet-variables and snippet-placeholders",
// seen in the end-to-end run). Terraform's `${...}` must reach the editor escaped as `\${...}`.
test('no snippet uses an unescaped `$` that VS Code would read as a variable', () => {
  for (const f of ['terraform.code-snippets', 'json.code-snippets']) {
    for (const [name, s] of Object.entries(load(f))) {
      const body = s.body.join('\n');
      const bogus = body.match(/(?<!\\)\$(?:\{[A-Za-z_]|[A-Za-z_])[^\s"]*/g);
      assert.equal(bogus, null, `${f} / ${name}: ${bogus?.join(', ')}`);
    }
  }
});
