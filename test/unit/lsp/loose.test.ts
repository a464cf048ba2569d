/**
 * A Terraform file opened outside every workspace folder: its folder is analysed (Folder.loose) until
 * its last open document there closes, and gives way to a workspace folder added over it.
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
import { seedInfra } from '../../helpers/cli';

test('a loose folder gives way to a workspace folder added over it, which keeps the open document\'s text', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-loose-'));
  const dir = path.join(parent, 'infra');
  fs.cpSync(seedInfra, dir, { recursive: true });
  try {
    const { connection, sent } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    const main = path.join(dir, 'main.tf');
    await project.setText(main, fs.readFileSync(main, 'utf8'), true, 1);
    await project.idle();
    assert.deepEqual(project.folders.map((f) => [f.root, !!f.loose]), [[dir, true]]);
    const moduleUri = pathToFileURL(path.join(dir, 'modules', 'iam', 'main.tf')).toString();
    assert.ok(sent.some((p) => p.uri === moduleUri && p.diagnostics.length > 0), 'the loose folder is analysed');

    project.addFolder(parent);
    assert.deepEqual(project.folders.map((f) => [f.root, !!f.loose]), [[parent, false]], 'the loose folder is gone');
    project.scheduleAll();
    await project.idle();
    const last = sent.filter((p) => p.uri === moduleUri).at(-1)!;
    assert.ok(last.diagnostics.length > 0, 'the workspace folder reports the same role');
    // Closing the document does not drop a workspace folder.
    await project.reloadFromDisk(main, true);
    assert.equal(project.folders.length, 1);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
