/** Helpers for the extension-host suites: wait for conditions (never a fixed sleep). */
import * as path from 'node:path';
import * as vscode from 'vscode';

export const SOURCE = 'agentcore-iam';

/**
 * Until the diagnostics change (what most waits are for), or 100 ms at most for a condition no event
 * announces (a hover's answer, the extension's timings).
 */
function nextChange(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(t); sub.dispose(); resolve(); };
    const sub = vscode.languages.onDidChangeDiagnostics(done);
    const t = setTimeout(done, 100);
  });
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  while (Date.now() - t0 < timeoutMs) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await nextChange();
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder open');
  return f.uri.fsPath;
}

export function uriOf(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

export function dataOf(d: vscode.Diagnostic): { requirement?: string; actions: string[]; conditionKeys?: string[]; fixes?: unknown[]; fixesPending?: true } | undefined {
  return (d as vscode.Diagnostic & { data?: never }).data;
}

/** The line (0-based) of the first line matching `re` at or after `from`. */
export function lineOf(doc: vscode.TextDocument, re: RegExp, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matches ${re} in ${doc.uri.fsPath}`);
}

/** [start, end] lines of the block opened on `startLine` (brace matching). */
export function blockLines(doc: vscode.TextDocument, startLine: number): [number, number] {
  let depth = 0;
  for (let i = startLine; i < doc.lineCount; i++) {
    for (const ch of doc.lineAt(i).text) {
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) return [startLine, i];
    }
  }
  return [startLine, doc.lineCount - 1];
}

export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'agentcore-iam');
  if (!ext) throw new Error('extension agentcore-iam not installed in the test host');
  await ext.activate();
}
