/** Quick fixes from `diagnostic.data.fixes` only (never the message); fix-all per file. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Fix, TextEdit } from '../../core/model';
import { mergeFixes } from '../../core/fixes';
import { SOURCE, fileToUri, uriToFile, type DiagnosticData } from './diagnostics';
import type { Project } from '../project';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

function dataOf(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as DiagnosticData | undefined;
  return data && Array.isArray(data.fixes) ? data : undefined;
}

export function toWorkspaceEdit(edits: TextEdit[]): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) (changes[fileToUri(e.file)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

export function codeActions(params: CodeActionParams, project: Project): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const out: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of params.context.diagnostics) {
      const data = dataOf(d);
      if (!data) continue;
      for (const fix of data.fixes) {
        if (!fix.edits?.length) continue;
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: !!fix.preferred,
          edit: toWorkspaceEdit(fix.edits),
        });
      }
    }
  }
  const file = uriToFile(params.textDocument.uri);
  if (!file) return out;
  // Fix-all of the file, from the server's current findings (same data as the diagnostics).
  const findings = project.findingsIn(file).filter((f) => f.fixes.some((x) => x.edits.length));
  if (!findings.length) return out;
  const merged = mergeFixes(findings);
  const edits = [...merged.byFile.values()].flat();
  if (!edits.length) return out;
  const fixAllTitle = `Fix all AgentCore IAM findings in this file (${merged.applied.length})`;
  if (wants(CodeActionKind.QuickFix) && params.context.diagnostics.some((d) => dataOf(d)) && findings.length > 1) {
    out.push({ title: fixAllTitle, kind: CodeActionKind.QuickFix, edit: toWorkspaceEdit(edits) });
  }
  if (only && only.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`) && k !== '')) {
    out.push({ title: fixAllTitle, kind: FIX_ALL_KIND, edit: toWorkspaceEdit(edits) });
  }
  return out;
}

export type { Fix };
