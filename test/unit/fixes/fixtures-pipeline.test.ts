/**
 * Every annotated fixture through the whole pipeline: analyse -> fix all -> analyse again, until
 * nothing changes. Every fix-all pass must keep every .tf parsing (HashiCorp's parser) and every
 * .json valid, and the passes must converge (a fix whose finding is gone is not offered again).
 * Skipped until the Terraform front (Workspace) is implemented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, mergeFixes, textAtOf } from '../../../server/src/core/fixes/index';
import { analyze } from '../../../server/src/core/analyze';
import { Workspace } from '../../../server/src/core/workspace';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const FIXTURES = join(__dirname, '../../fixtures');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

async function valid(file: string, text: string): Promise<boolean> {
  if (file.endsWith('.json')) { try { JSON.parse(text); return true; } catch { return false; } }
  if (file.endsWith('.tf')) return hcl2json.parse('x.tf', text).then(() => true, () => false);
  return true;
}

async function analyseDir(root: string): Promise<Finding[] | undefined> {
  try {
    const settingsFile = join(root, 'fixture.settings');
    const settings = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
    const ws = await Workspace.create({ root, settings });
    await ws.loadFromDisk();
    const model = ws.model();
    // The interim front reports .tf files as skipped until Terraform extraction lands: nothing to test yet.
    if (!model.roles.length && model.problems.some((p) => p.rule === 'file-skipped' && p.file.endsWith('.tf'))) return undefined;
    return analyze(model, withDefaults(settings), { getText: (f) => readFileSync(f, 'utf8') }).findings;
  } catch (e) {
    if (/not implemented/.test(String(e))) return undefined;
    throw e;
  }
}

const dirs = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((d) => !d.startsWith('.')) : [];

for (const name of dirs) {
  test(`fixture ${name}: fix all converges and every file still parses`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), `fix-${name}-`));
    try {
      cpSync(join(FIXTURES, name), dir, { recursive: true });
      const wasValid = new Map<string, boolean>();
      for (const f of files(dir)) wasValid.set(f, await valid(f, readFileSync(f, 'utf8')));
      let findings = await analyseDir(dir);
      if (!findings) { t.skip('Terraform extraction (Workspace) not implemented yet'); return; }
      let converged = false;
      for (let pass = 0; pass < 4; pass++) {
        // As the editor's Fix all and check --fix merge them (appends after one range combined).
        const { byFile } = mergeFixes(findings!, textAtOf((f) => readFileSync(f, 'utf8')));
        let changed = false;
        for (const [file, edits] of byFile) {
          const before = readFileSync(file, 'utf8');
          const after = applyEdits(before, edits);
          if (after !== before) { changed = true; writeFileSync(file, after); }
          if (wasValid.get(file)) assert.ok(await valid(file, after), `${file} still parses after pass ${pass + 1}:\n${after}`);
        }
        if (!changed) { converged = true; break; }
        findings = await analyseDir(dir);
      }
      assert.ok(converged, `fix-all did not converge: still offered ${findings!.filter((f) => f.fixes.length).map((f) => `${f.rule} ${f.requirement ?? ''} ${f.fixes[0].title}`).join('; ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
