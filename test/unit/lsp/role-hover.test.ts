/**
 * Hovering the first line of an AgentCore role shows every requirement with its verdict, granted
 * ones too, and the statements that grant them. Real index and analysis on a copy of the seed case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { hover } from '../../../server/src/lsp/handlers/hover';
import { fileToUri } from '../../../server/src/lsp/handlers/diagnostics';
import { recordingConnection } from '../../helpers/connection';
import { seedInfra } from '../../helpers/cli';

test('hover on a role: every requirement with its verdict, and what grants the granted ones', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-role-hover-'));
  fs.cpSync(seedInfra, dir, { recursive: true });
  try {
    const file = path.join(dir, 'modules', 'iam', 'main.tf');
    const { connection } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    await project.addFolder(dir).ready;
    const text = fs.readFileSync(file, 'utf8');
    await project.setText(file, text, true, 1);
    await project.idle();
    const lines = text.split('\n');
    const roleLine = lines.findIndex((l) => l.startsWith('resource "aws_iam_role" "agent_runtime"'));
    const ecrLine = lines.findIndex((l) => l.includes('"ECRImageAccess"')) - 1; // the statement block
    const at = (line: number) => hover({ textDocument: { uri: fileToUri(file) }, position: { line, character: 10 } }, project);
    const h = at(roleLine);
    const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
    const row = (id: string) => value.split('\n').find((l) => l.includes(`| ${id} `)) ?? '';
    assert.match(value, /^\*\*module\.iam\.aws_iam_role\.agent_runtime\*\*: runtime role of aws_bedrockagentcore_agent_runtime\.my_agent/);
    assert.match(row('runtime.R1'), /^\| ✓ \| runtime\.R1 .*\| granted \| ECRImageAccess \(main\.tf:\d+\) \|$/);
    assert.ok(row('runtime.R1').includes(`(main.tf:${ecrLine + 1})`), `R1 granted by the statement at line ${ecrLine + 1}: ${row('runtime.R1')}`);
    assert.match(row('runtime.R5'), /^\| ✗ \| runtime\.R5 .*\| missing \| *\|$/);
    assert.match(row('runtime.R7'), /\| missing \|/);
    assert.match(row('runtime.trust'), /\| missing \(assumable; the condition on aws:SourceArn\) \|/, 'assumable, but without the aws:SourceArn condition');
    assert.equal(at(roleLine + 1), null, 'only on the role\'s first line');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
