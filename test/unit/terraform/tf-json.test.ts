/**
 * Terraform's JSON syntax (core/terraform/json-syntax.ts). The oracle is HashiCorp's own converter:
 * every annotated fixture and the seed case, with each `.tf` file turned into `.tf.json` by
 * @cdktf/hcl2json, give the same findings as the native syntax (rule, requirement, role, verdict,
 * actions; places differ). A `.tf.json` that is not a JSON object but names IAM resources is
 * reported, and the roles of its module are judged unknown until it can be read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';
import { repoRoot, seedInfra } from '../../helpers/cli';

const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };
const settings = withDefaults({});

async function findings(dir: string): Promise<{ findings: Finding[]; problems: string[] }> {
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  const model = ws.model();
  return { findings: analyze(model, settings, { getText: (f) => ws.getText(f) }).findings, problems: model.problems.map((p) => `${path.basename(p.file)} ${p.rule}: ${p.message}`) };
}

/** What must not depend on the syntax: what is found, for which role and requirement, and which actions. */
const judged = (fs: Finding[]) => fs.map((f) => `${f.role} ${f.requirement ?? ''} ${f.rule} ${f.verdict} ${f.severity} [${[...f.actions].sort().join(',')}] ${(f.conditionKeys ?? []).join(',')}`).sort();

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

// Suppressions are comments (JSON has none); tf-json mixes both syntaxes already; malformed files do not convert.
const SKIP = new Set(['suppression', 'tf-json', 'malformed']);
const fixtures = fs.readdirSync(path.join(repoRoot, 'test', 'fixtures'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !SKIP.has(e.name)).map((e) => path.join(repoRoot, 'test', 'fixtures', e.name));

test('every fixture and the seed case, converted to Terraform JSON by HashiCorp\'s hcl2json, gives the same findings', { timeout: 120_000 }, async () => {
  let compared = 0;
  for (const src of [seedInfra, ...fixtures]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-json-diff-'));
    try {
      fs.cpSync(src, dir, { recursive: true });
      for (const f of walk(dir).filter((f) => f.endsWith('.tf'))) {
        const json = await hcl2json.parse(f, fs.readFileSync(f, 'utf8'));
        fs.writeFileSync(`${f}.json`, JSON.stringify(json, null, 2));
        fs.rmSync(f);
      }
      const native = await findings(src);
      const converted = await findings(dir);
      assert.deepEqual(judged(converted.findings), judged(native.findings), `${path.basename(src)}: findings differ in Terraform JSON`);
      assert.deepEqual(converted.problems.filter((p) => / file-skipped| syntax-error/.test(p)), [], `${path.basename(src)}: the JSON is read`);
      if (native.findings.length) compared++;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  assert.ok(compared >= 10, `${compared} workspaces with findings compared`);
});

test('the findings of a .tf.json file are placed in it, and offer no quick fix (fixes write HCL)', async () => {
  const r = await findings(path.join(repoRoot, 'test', 'fixtures', 'tf-json'));
  const inJson = r.findings.filter((f) => f.file.endsWith('extra.tf.json'));
  // The Deny on logs:* takes R3 and R6 away at the policy string; R4 and R5 (required on "*" since the
  // December catalog) are placed at the statement that would grant them, in main.tf.
  assert.deepEqual(inJson.map((f) => f.requirement).sort(), ['runtime.R3', 'runtime.R6'], 'the Deny in extra.tf.json takes the log requirements away');
  for (const f of inJson) assert.deepEqual(f.fixes, [], `${f.requirement}: no fix`);
  assert.equal(inJson[0].range.start.line, 5, 'at the policy string');
});

test('a .tf.json that is not a JSON object but names IAM resources is reported, and its module\'s roles are unknown until it can be read', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-json-unread-'));
  try {
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'tf-json'), dir, { recursive: true });
    const extra = path.join(dir, 'extra.tf.json');
    const good = fs.readFileSync(extra, 'utf8');
    const ws = await Workspace.create({ root: dir, settings });
    await ws.loadFromDisk();
    ws.setFile(extra, `[${good}]`);
    const unread = ws.model();
    assert.match(unread.problems.find((p) => p.file === extra && p.rule === 'file-skipped')?.message ?? '', /not a Terraform JSON object/);
    const all = analyze(unread, settings, { getText: (f) => ws.getText(f) }).findings;
    // The trust's hard-coded account is unknown whatever the file holds (the configuration does not fix the account).
    assert.ok(all.some((f) => f.requirement === 'runtime.trust' && f.verdict === 'unknown'));
    const during = all.filter((f) => f.requirement !== 'runtime.trust');
    assert.ok(during.length > 0 && during.every((f) => f.verdict === 'unknown' && (f.dependsOn ?? []).some((d) => d.startsWith('extra.tf.json'))), 'unknown, depending on extra.tf.json');
    ws.setFile(extra, '["no IAM here"]');
    assert.equal(ws.model().problems.filter((p) => p.file === extra && p.rule === 'file-skipped').length, 0, 'a file that names no IAM resource cannot matter');
    ws.setFile(extra, good);
    const after = analyze(ws.model(), settings, { getText: (f) => ws.getText(f) }).findings;
    assert.ok(after.some((f) => f.verdict === 'missing' && f.requirement === 'runtime.R5'), 'read again: R5 denied');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
