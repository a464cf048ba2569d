/**
 * The language server reads modules installed by `terraform init` through
 * .terraform/modules/modules.json (core/module-files.ts), and indexes the folder again when that
 * record changes (the watcher's `**\/*.json`: Project.reloadFromDisk -> reindex). Real project,
 * index and analysis on a copy of test/fixtures/module-installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { recordingConnection } from '../../helpers/connection';

const fixture = path.join(__dirname, '..', '..', 'fixtures', 'module-installed');

test('modules.json written by terraform init: the folder is indexed again and the installed module\'s findings are published', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-modules-json-'));
  try {
    fs.cpSync(fixture, dir, { recursive: true });
    const record = path.join(dir, '.terraform', 'modules', 'modules.json');
    const text = fs.readFileSync(record, 'utf8');
    fs.rmSync(record);
    const { connection, sent } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    const folder = project.addFolder(dir);
    const main = path.join(dir, 'main.tf');
    void project.setText(main, fs.readFileSync(main, 'utf8'), true, 1); // an open document: the project publishes every file then
    await folder.ready;
    await new Promise((r) => setImmediate(r));
    await project.idle();
    const last = (f: string) => sent.filter((p) => p.uri === pathToFileURL(f).toString()).at(-1);
    const installed = path.join(dir, '.terraform', 'modules', 'agentcore', 'modules', 'policy', 'main.tf');
    assert.ok((last(installed)?.diagnostics.length ?? 0) === 0, 'not installed: nothing read from .terraform');
    assert.ok(last(main)?.diagnostics.some((d) => /module\.agentcore is not read.*terraform init/.test(String(d.message))), JSON.stringify(last(main)?.diagnostics.map((d) => d.message)));

    fs.writeFileSync(record, text);
    await project.reloadFromDisk(record); // what the file watcher sends
    await new Promise((r) => setImmediate(r));
    await project.idle();
    const found = last(installed)?.diagnostics ?? [];
    assert.deepEqual(found.map((d) => `${d.range.start.line + 1} ${d.code}`), ['2 missing-permission']);
    assert.match(String(found[0].message), /cloudwatch:PutMetricData/);
    assert.ok(!last(main)?.diagnostics.some((d) => /is not read/.test(String(d.message))), 'the call is read now');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
