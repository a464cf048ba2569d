/**
 * The language server follows module calls that leave the workspace folder (issue #21 item 5): the
 * workspace is a module's example (examples/basic, calling `../..`). A call typed in the editor is
 * followed at once (the module folder is read and analysed with the example, no re-index), the
 * module folder's files changed on disk are analysed again (the server watches the folder with a
 * relative pattern on its own URI, Project.onModuleRoots), and a call taken away drops the module
 * and clears its diagnostics. Real Project, index and analysis on a copy of test/fixtures/module-example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Disposable, FileSystemWatcher } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { ModuleRootWatch } from '../../../server/src/lsp/handlers/watcher';
import { recordingConnection } from '../../helpers/connection';

const fixture = path.join(__dirname, '..', '..', 'fixtures', 'module-example');

const NO_CALL = `provider "aws" {
  region = "us-east-1"
}
`;
const CALL = `${NO_CALL}
module "agent" {
  source = "../.."

  name        = "basic_agent"
  account_id  = "123456789012"
  code_bucket = "basic-agent-code"
}
`;

/** A copy of the fixture whose example holds `example` as its main.tf, a Project on examples/basic with that file open. */
async function open(example: string) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-outside-'));
  fs.cpSync(fixture, base, { recursive: true });
  const dir = path.join(base, 'examples', 'basic');
  const main = path.join(dir, 'main.tf');
  fs.writeFileSync(main, example);
  const { connection, sent } = recordingConnection();
  const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
  const told: string[][] = [];
  project.onModuleRoots = (roots) => told.push(roots);
  const folder = project.addFolder(dir);
  void project.setText(main, example, true, 1);
  await folder.ready;
  await new Promise((r) => setImmediate(r));
  await project.idle();
  const last = (f: string) => sent.filter((p) => p.uri === pathToFileURL(f).toString()).at(-1)?.diagnostics;
  const module = path.join(base, 'main.tf');
  return { base, main, module, project, told, last, lines: () => last(module)?.map((d) => `${d.range.start.line + 1} ${d.code}`) };
}

test('a module call outside the folder typed in an editor is followed at once; taken away, the module is dropped and its diagnostics cleared', async () => {
  const w = await open(NO_CALL);
  try {
    assert.equal(w.last(w.module), undefined, 'no call: the module is not read');
    assert.deepEqual(w.told, [], 'no module folder outside the workspace');
    // The call typed in the editor (not saved): the module is read and its finding published.
    await w.project.setText(w.main, CALL, false, 2);
    await w.project.idle();
    assert.deepEqual(w.lines(), ['7 unknown-permission', '27 missing-permission']);
    assert.match(String(w.last(w.module)?.find((d) => d.code === 'missing-permission')?.message), /xray:PutTraceSegments/);
    assert.deepEqual(w.told.at(-1), [w.base], 'the module folder is to be watched');
    // The call taken away in the editor.
    await w.project.setText(w.main, NO_CALL, false, 3);
    await w.project.idle();
    assert.deepEqual(w.last(w.module), [], 'no call any more: the module\'s diagnostics are cleared');
    assert.deepEqual(w.told.at(-1), [], 'nothing to watch outside the workspace');
  } finally {
    fs.rmSync(w.base, { recursive: true, force: true });
  }
});

test('a file of the module folder outside the workspace changed on disk is analysed again', async () => {
  const w = await open(CALL);
  try {
    assert.deepEqual(w.lines(), ['7 unknown-permission', '27 missing-permission'], 'the call on disk is followed by the first index');
    assert.deepEqual(w.told.at(-1), [w.base]);
    // The module's policy fixed on disk (what the relative watcher sends): analysed again, cleared.
    const text = fs.readFileSync(w.module, 'utf8');
    fs.writeFileSync(w.module, text.replace('Action   = ["logs:*"]', 'Action   = ["logs:*", "xray:*"]'));
    await w.project.reloadFromDisk(w.module);
    await w.project.idle();
    assert.deepEqual(w.lines(), ['7 unknown-permission'], 'the fix on disk is seen (the trust\'s account stays unknown)');
    // Broken again on disk.
    fs.writeFileSync(w.module, text);
    await w.project.reloadFromDisk(w.module);
    await w.project.idle();
    assert.deepEqual(w.lines(), ['7 unknown-permission', '27 missing-permission']);
    // A file created in the module folder (a role without AgentCore use: no finding), then deleted: read, forgotten.
    const extra = path.join(w.base, 'extra.tf');
    fs.writeFileSync(extra, 'resource "aws_iam_role" "x" {\n  name = "x"\n  assume_role_policy = "{}"\n}\n');
    await w.project.reloadFromDisk(extra);
    await w.project.idle();
    fs.rmSync(extra);
    await w.project.removed(extra);
    await w.project.idle();
    assert.deepEqual(w.lines(), ['7 unknown-permission', '27 missing-permission']);
  } finally {
    fs.rmSync(w.base, { recursive: true, force: true });
  }
});

test('a file of the module folder outside the workspace opened in the editor is analysed as the example calls it, its edits too, with its quick fixes', async () => {
  const w = await open(CALL);
  try {
    assert.deepEqual(w.lines(), ['7 unknown-permission', '27 missing-permission']);
    const text = fs.readFileSync(w.module, 'utf8');
    // Opened: still the module as the example calls it (not a folder of its own, where its inputs are unknown).
    await w.project.setText(w.module, text, true, 1);
    await w.project.idle();
    assert.deepEqual(w.lines(), ['7 unknown-permission', '27 missing-permission']);
    assert.equal(w.project.isCurrent(w.module), true);
    assert.deepEqual(w.project.findingsIn(w.module).map((f) => `${f.range.start.line + 1} ${f.rule}`), ['7 unknown-permission', '27 missing-permission'], 'the findings its code actions read');
    // Fixed in the editor, not saved: analysed from the editor's text.
    await w.project.setText(w.module, text.replace('Action   = ["logs:*"]', 'Action   = ["logs:*", "xray:*"]'), false, 2);
    await w.project.idle();
    assert.deepEqual(w.lines(), ['7 unknown-permission']);
    // Closed without saving: the disk's text again.
    await w.project.reloadFromDisk(w.module, true);
    await w.project.idle();
    assert.deepEqual(w.lines(), ['7 unknown-permission', '27 missing-permission']);
  } finally {
    fs.rmSync(w.base, { recursive: true, force: true });
  }
});

test('the module folders are watched with relative patterns on their own URI, the previous registration given back first', async () => {
  const log: string[] = [];
  let n = 0;
  const watch = new ModuleRootWatch(async (watchers: FileSystemWatcher[]) => {
    const id = ++n;
    log.push(`register ${id} ${JSON.stringify(watchers)}`);
    return { dispose: () => log.push(`dispose ${id}`) } as Disposable;
  });
  const root = path.join(os.tmpdir(), 'repo', 'modules', 'iam');
  const uri = pathToFileURL(root).toString();
  await watch.update([root]);
  await watch.update([]);
  assert.deepEqual(log, [
    `register 1 ${JSON.stringify([{ globPattern: { baseUri: uri, pattern: '*.tf' } }, { globPattern: { baseUri: uri, pattern: '*.tf.json' } }])}`,
    'dispose 1',
  ]);
});
