/**
 * The whole pipeline on the seed case: analyse -> apply every fix (fix-all) -> analyse again.
 * Skipped until the Terraform front (Workspace) and the analysis (analyze) are implemented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, mergeFixes } from '../../../server/src/core/fixes/index';
import { analyze } from '../../../server/src/core/analyze';
import { Workspace } from '../../../server/src/core/workspace';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';
import { seedInfra } from '../../helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const SEED = seedInfra;

async function analyseDir(root: string): Promise<{ ws: Workspace; findings: Finding[] } | undefined> {
  let ws: Workspace;
  try {
    ws = await Workspace.create({ root });
    await ws.loadFromDisk();
    const model = ws.model();
    // The interim front reports .tf files as skipped until Terraform extraction lands.
    if (!model.roles.length && model.problems.some((p) => p.rule === 'file-skipped' && p.file.endsWith('.tf'))) return undefined;
    return { ws, findings: analyze(model, withDefaults({})).findings };
  } catch (e) {
    if (/not implemented/.test(String(e))) return undefined;
    throw e;
  }
}

test('pipeline: seed case, fix all, analyse again, fix all again', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-pipeline-'));
  try {
    cpSync(SEED, dir, { recursive: true });
    const root = dir;
    const first = await analyseDir(root);
    if (!first) { t.skip('Terraform extraction (Workspace) not implemented yet'); return; }
    const withFixes = first.findings.filter((f) => f.fixes.length);
    assert.ok(withFixes.length >= 4, `expected fixes for R5, R7, R9 and the trust condition, got ${withFixes.map((f) => f.requirement).join(', ')}`);

    const applyAll = (findings: Finding[]) => {
      const { byFile } = mergeFixes(findings);
      for (const [file, edits] of byFile) writeFileSync(file, applyEdits(readFileSync(file, 'utf8'), edits));
      return byFile.size;
    };
    // Fix-all until nothing is left (overlapping fixes are picked up by a further pass).
    let findings = first.findings;
    for (let pass = 0; pass < 3 && findings.some((f) => f.fixes.length); pass++) {
      applyAll(findings);
      findings = (await analyseDir(root))!.findings;
    }
    const main = join(root, 'modules/iam/main.tf');
    const after = readFileSync(main, 'utf8');
    await hcl2json.parse('main.tf', after);
    const high = findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.verdict !== 'granted');
    assert.deepEqual(high.map((f) => `${f.rule} ${f.requirement ?? ''} ${f.message}`), []);
    assert.deepEqual(findings.filter((f) => f.fixes.length).map((f) => f.requirement), []);
    assert.ok(after.includes('"xray:GetSamplingRules",\n      "xray:GetSamplingTargets"\n    ]'));
    assert.ok(after.includes('workload-identity/${local.agent_runtime_name}-*"'));
    assert.ok(after.includes('variable = "aws:SourceArn"'));
    // Applying again changes nothing.
    applyAll(findings);
    assert.equal(readFileSync(main, 'utf8'), after);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
