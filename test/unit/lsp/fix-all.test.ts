/**
 * The editor's "Fix all" and `agentcore-iam check --fix` apply the same fixes: warnings and above by
 * default; information-level ones too (the legacy R9 grant, the disputed R4 one) only with the
 * setting `agentcoreIam.fixAll.includeInformation` / the flag `--fix-include-information`.
 * Before, Fix all applied every fix it had (information included) while --fix applied warnings and
 * above. Real index, analysis and CLI on two copies of the seed case, compared file by file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings, type ClientSettings } from '../../../server/src/lsp/handlers/settings';
import { FIX_ALL_KIND, codeActions } from '../../../server/src/lsp/handlers/codeActions';
import { fileToUri, uriToFile } from '../../../server/src/lsp/handlers/diagnostics';
import { runCheckCli } from '../../../server/src/cli/check';
import { recordingConnection } from '../../helpers/connection';
import { seedInfra } from '../../helpers/cli';

const MAIN = path.join('modules', 'iam', 'main.tf');

function copyOfSeed(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-fixall-'));
  fs.cpSync(seedInfra, dir, { recursive: true });
  return dir;
}

function texts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out.set(f, fs.readFileSync(p, 'utf8'));
  }
  return out;
}

/** The editor: "Fix all" (source.fixAll) on the open main.tf, its edits written to the files. */
async function fixAllInEditor(settings: ClientSettings): Promise<{ dir: string; action: CodeAction }> {
  const dir = copyOfSeed();
  const file = path.join(dir, MAIN);
  const { connection } = recordingConnection();
  const project = new Project(connection, new Status(connection), toAnalysisSettings(settings), 1);
  await project.addFolder(dir).ready;
  await project.setText(file, fs.readFileSync(file, 'utf8'), true, 1);
  await project.idle();
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const action = codeActions({ textDocument: { uri: fileToUri(file) }, range, context: { diagnostics: [], only: [FIX_ALL_KIND] } }, project).find((a) => a.kind === FIX_ALL_KIND);
  assert.ok(action?.edit?.changes, 'Fix all is offered on the seed case');
  for (const [uri, edits] of Object.entries(action.edit.changes)) {
    const f = uriToFile(uri)!;
    const before = fs.readFileSync(f, 'utf8');
    fs.writeFileSync(f, TextDocument.applyEdits(TextDocument.create(uri, 'terraform', 1, before), edits as TextEdit[]));
  }
  return { dir, action };
}

/** The CLI: `agentcore-iam check DIR --fix [flags]` in process. */
async function fixInCli(flags: string[]): Promise<{ dir: string; stderr: string }> {
  const dir = copyOfSeed();
  let stderr = '';
  await runCheckCli([dir, '--fix', ...flags], { stdout: () => {}, stderr: (s) => { stderr += s; } });
  return { dir, stderr };
}

async function compare(settings: ClientSettings, flags: string[]): Promise<{ fixed: string; title: string; cliSays: string }> {
  const editor = await fixAllInEditor(settings);
  const cli = await fixInCli(flags);
  try {
    const seed = texts(seedInfra);
    const a = texts(editor.dir);
    const b = texts(cli.dir);
    assert.notEqual(a.get(MAIN), seed.get(MAIN), 'Fix all changed main.tf');
    assert.deepEqual(a, b, 'the editor and the CLI leave the same files');
    return { fixed: a.get(MAIN)!, title: editor.action.title, cliSays: cli.stderr };
  } finally {
    fs.rmSync(editor.dir, { recursive: true, force: true });
    fs.rmSync(cli.dir, { recursive: true, force: true });
  }
}

test('by default Fix all and check --fix apply the same fixes: warnings and above, not the R9 and R4 grants', async () => {
  const { fixed, title, cliSays } = await compare({}, []);
  // The seed case: R5 and R7 (errors) and the trust condition (warning) are fixed...
  assert.match(fixed, /logs:DescribeLogGroups/);
  assert.match(fixed, /xray:GetSamplingRules/);
  assert.match(fixed, /aws:SourceArn/);
  // ...the information-level ones are not.
  assert.doesNotMatch(fixed, /GetWorkloadAccessToken/, 'the legacy R9 grant is not written');
  assert.doesNotMatch(fixed, /logs:PutResourcePolicy/, 'the disputed R4 grant is not written');
  assert.equal(title, 'Fix all AgentCore IAM findings in this file (3)');
  assert.match(cliSays, /applied 3 fix\(es\) to 1 file\(s\)/);
});

test('agentcoreIam.fixAll.includeInformation and --fix-include-information add the information-level fixes, alike', async () => {
  const { fixed, title, cliSays } = await compare({ fixAll: { includeInformation: true } }, ['--fix-include-information']);
  assert.match(fixed, /logs:DescribeLogGroups/);
  assert.match(fixed, /GetWorkloadAccessToken/, 'the legacy R9 grant is written');
  assert.match(fixed, /logs:PutResourcePolicy/, 'the disputed R4 grant is written');
  assert.equal(title, 'Fix all AgentCore IAM findings in this file (5)');
  assert.match(cliSays, /applied 5 fix\(es\) to 1 file\(s\)/);
});
