/**
 * The language server dies (SIGKILL, as an out-of-memory kill would): the client restarts it with
 * back-off and the new server serves the workspace. Workspace: a copy of examples/seed-case.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, dataOf, lineOf, ours, uriOf, waitFor } from './helpers';

const MAIN = 'modules/iam/main.tf';

/** Our language server: the node process started with `--clientProcessId=<this extension host>`. */
function serverPid(): number | undefined {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmd.includes('dist/server.js') && cmd.includes(`--clientProcessId=${process.pid}`)) return Number(pid);
  }
  return undefined;
}

describe('server crash', function () {
  this.timeout(120_000);

  before(async function () {
    if (process.platform !== 'linux') this.skip(); // reads /proc
    await activateExtension();
  });

  it('a killed server is restarted and serves edits again', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf(MAIN));
    await waitFor('seed findings', () => ours(doc.uri).some((d) => dataOf(d)?.requirement === 'runtime.R7'));
    const first = await waitFor('the server process', serverPid);
    process.kill(first, 'SIGKILL');
    const second = await waitFor('a new server process', () => {
      const p = serverPid();
      return p !== undefined && p !== first ? p : undefined;
    });
    assert.notEqual(second, first);
    // The new server answers an edit: granting the sampling actions clears R7.
    const edit = new vscode.WorkspaceEdit();
    const line = lineOf(doc, /"xray:PutTelemetryRecords"/);
    edit.insert(doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('"')), '"xray:GetSamplingRules", "xray:GetSamplingTargets", ');
    try {
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('R7 cleared by the restarted server', () => !ours(doc.uri).some((d) => dataOf(d)?.requirement === 'runtime.R7') && ours(doc.uri).some((d) => dataOf(d)?.requirement === 'runtime.R5'));
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor('R7 back after the revert', () => ours(doc.uri).some((d) => dataOf(d)?.requirement === 'runtime.R7'));
  });

  it('reports how long activation took', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'agentcore-iam')!;
    const timings = (ext.exports as { timings: { serverReadyMs?: number; firstDiagnosticsMs?: number } }).timings;
    await waitFor('the first diagnostics', () => timings.firstDiagnosticsMs !== undefined, 110_000);
    assert.ok(typeof timings.serverReadyMs === 'number' && timings.serverReadyMs > 0, `serverReadyMs ${timings.serverReadyMs}`);
    assert.ok(typeof timings.firstDiagnosticsMs === 'number' && timings.firstDiagnosticsMs >= timings.serverReadyMs, `firstDiagnosticsMs ${timings.firstDiagnosticsMs}`);
    console.log(`activation: server ready ${timings.serverReadyMs} ms, first diagnostics ${timings.firstDiagnosticsMs} ms`);
  });
});
