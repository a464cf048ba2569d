/**
 * Quick fixes from `diagnostic.data` only (never the message); fix-all per file. A client that
 * does not send `data` back (no `dataSupport`) gets those of the current finding the diagnostic shows.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Fix, TextEdit } from '../../core/model';
import type { AnalysisSettings } from '../../core/settings';
import { mergeFixes, textAtOf } from '../../core/fixes';
import { sameRange } from '../../core/fixes/text';
import { messageBeside } from '../../core/analysis/placement';
import { inFixAll } from '../../core/fix-all';
import { messagesFor } from '../../core/messages';
import { SUPPRESSION_INVALID, SUPPRESSION_UNUSED, suppressionEdit } from '../../core/suppress';
import { SOURCE, fileToUri, uriToFile, type DiagnosticData } from './diagnostics';
import type { Project } from '../project';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

function dataOf(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as DiagnosticData | undefined;
  return data && Array.isArray(data.actions) ? data : undefined;
}

const sameList = (a: string[] | undefined, b: string[] | undefined) => (a ?? []).join('\n') === (b ?? []).join('\n');

/**
 * The data of one of our diagnostics that came back without it (a client without `dataSupport`): that
 * of the current finding with the same rule, place and message, when the analysis is current.
 */
function recovered(d: Diagnostic, findings: () => Finding[], current: boolean): DiagnosticData | undefined {
  if (d.source !== SOURCE || d.data !== undefined || !current) return undefined;
  const f = findings().find((x) => x.rule === d.code && sameRange(x.range, d.range) && (x.message === d.message || messageBeside(x) === d.message));
  return f && { requirement: f.requirement, actions: f.actions, conditionKeys: f.conditionKeys, fixes: f.fixes };
}

/**
 * A diagnostic's fixes: those it carries, else (fixes not computed when it was published: pending,
 * or published from the first index, which keeps no model) those of the server's current finding
 * with the same rule, place, requirement, actions and condition keys. A diagnostic that no longer
 * matches a current finding (the file changed since) gets none.
 */
function fixesOf(d: Diagnostic, data: DiagnosticData, findings: () => Finding[], current: boolean): Fix[] {
  if (data.fixes?.length || !current) return data.fixes ?? [];
  const f = findings().find((x) => x.rule === d.code && x.requirement === data.requirement && sameRange(x.range, d.range)
    && sameList(x.actions, data.actions) && sameList(x.conditionKeys, data.conditionKeys));
  return f?.fixes ?? [];
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
  const file = uriToFile(params.textDocument.uri);
  let inFile: Finding[] | undefined;
  const current = () => (inFile ??= file ? project.findingsIn(file) : []);
  // The file's settings (its folder's), looked up once and only when an action needs them.
  let fileSettings: AnalysisSettings | undefined;
  const settings = () => (fileSettings ??= project.settingsFor(file!));
  // Fixes not computed yet are computed only from an analysis of the texts as they are (none while an edit waits for analysis).
  const upToDate = !!file && project.isCurrent(file);
  // Our diagnostics among those asked about, with their data (sent back, or recovered once here).
  const ours = wants(CodeActionKind.QuickFix)
    ? params.context.diagnostics.flatMap((d) => { const data = dataOf(d) ?? recovered(d, current, upToDate); return data ? [{ d, data }] : []; })
    : [];
  const text = file && upToDate && ours.length ? project.textOf(file) : undefined;
  for (const { d, data } of ours) {
    for (const fix of fixesOf(d, data, current, upToDate)) {
      if (!fix.edits?.length) continue;
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: !!fix.preferred,
        edit: toWorkspaceEdit(fix.edits),
      });
    }
    // Not wanted here: a suppression above the block, whose reason the user writes (core/suppress.ts);
    // only while the diagnostic's line is that of the text as it is.
    const id = data.requirement ?? String(d.code);
    const suppressible = text !== undefined && d.code !== SUPPRESSION_INVALID && d.code !== SUPPRESSION_UNUSED;
    const edit = suppressible ? suppressionEdit(file!, text, d.range.start, id) : undefined;
    if (edit) {
      out.push({
        title: messagesFor(settings().locale).fixIgnore(id),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [params.textDocument.uri]: [edit] } },
      });
    }
  }
  if (!file) return out;
  // Fix-all of the file, from the server's current findings (same data as the diagnostics); only
  // when it can be offered (fixes are computed on demand: not for every cursor move).
  const asQuickFix = ours.length > 0;
  const asSource = !!only && only.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`) && k !== '');
  if ((!asQuickFix && !asSource) || !upToDate) return out;
  // The same findings as `check --fix`: warnings and above, information too when the setting asks (core/fix-all.ts).
  const fixAll = settings().fixAll;
  const findings = current().filter((f) => inFixAll(f, fixAll));
  if (!findings.length) return out;
  const merged = mergeFixes(findings, textAtOf((f) => project.textOf(f)));
  const edits = [...merged.byFile.values()].flat();
  if (!edits.length) return out;
  const fixAllTitle = messagesFor(settings().locale).fixAll(merged.applied.length);
  if (asQuickFix && findings.length > 1) {
    out.push({ title: fixAllTitle, kind: CodeActionKind.QuickFix, edit: toWorkspaceEdit(edits) });
  }
  if (asSource) {
    out.push({ title: fixAllTitle, kind: FIX_ALL_KIND, edit: toWorkspaceEdit(edits) });
  }
  return out;
}

export type { Fix };
