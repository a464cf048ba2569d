/**
 * "AgentCore: Audit Live Runtime": pick a profile, a region, a runtime (or paste an ARN); run the
 * live audit with a cancellable progress notification; show the Markdown report; put findings on
 * the workspace's Terraform definition of the role in a client-side DiagnosticCollection
 * `agentcore-iam-live` (with relatedInformation).
 *
 * Security: runs only in a trusted workspace; endpoints come only from the SDK's standard
 * environment variables and the machine-scoped setting `agentcoreIam.audit.endpoints` (read with
 * `inspect().globalValue`, never a workspace value).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseRuntimeArn } from '../../../server/src/audit/arn';
import { AuditFatalError, AuditUsageError, classify, scrubSecrets } from '../../../server/src/audit/errors';
import { renderMarkdown } from '../../../server/src/audit/render';
import { toLocale } from '../../../server/src/core/messages';
import { auditMessagesFor } from '../../../server/src/core/messages/audit';
import type { AuditReport, AuditService } from '../../../server/src/audit/types';
import { liveDiagnostics, loadAuditWorkspace, type AuditWorkspace } from '../../../server/src/audit/workspace-findings';
import type { Fix } from '../../../server/src/core/model';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { readSettings } from '../settings';
import { AGENTCORE_REGIONS, listProfiles } from './profiles';

/** The AWS SDK and the audit that uses it: loaded when the command first runs, not at activation. */
const aws = () => import('./aws.js');

export const AUDIT_COMMAND = 'agentcoreIam.auditLiveRuntime';
/** Removes the live findings from Problems (registered, not in the palette). */
export const CLEAR_COMMAND = 'agentcoreIam.clearLiveFindings';
/** Quick-pick labels: localized when the command runs (vscode.l10n is ready by then). */
const defaultChain = () => `$(key) ${vscode.l10n.t('Default credential chain')}`;
const KEY_PROFILE = 'agentcoreIam.audit.profile';
const KEY_REGION = 'agentcoreIam.audit.region';

/**
 * The last profile and region, remembered in the machine-scoped user settings
 * `agentcoreIam.audit.profile` / `.region` (a workspace cannot set them), with the extension's
 * global state as a fallback when settings cannot be written.
 */
function remembered(context: vscode.ExtensionContext, key: string): string | undefined {
  const name = key.slice('agentcoreIam.audit.'.length);
  const v = vscode.workspace.getConfiguration('agentcoreIam.audit').inspect<string>(name)?.globalValue;
  return typeof v === 'string' && v ? v : context.globalState.get<string>(key);
}

async function remember(context: vscode.ExtensionContext, key: string, value: string | undefined): Promise<void> {
  await context.globalState.update(key, value);
  const name = key.slice('agentcoreIam.audit.'.length);
  try {
    await vscode.workspace.getConfiguration('agentcoreIam.audit').update(name, value, vscode.ConfigurationTarget.Global);
  } catch {
    /* settings not writable (e.g. read-only settings file): the global state has it */
  }
}

/** Machine-scoped endpoint overrides only (a workspace must not redirect signed requests). */
export function machineEndpoints(): Partial<Record<AuditService, string>> | undefined {
  const inspected = vscode.workspace.getConfiguration('agentcoreIam.audit').inspect<Record<string, string>>('endpoints');
  const value = inspected?.globalValue;
  if (!value || typeof value !== 'object') return undefined;
  const out: Partial<Record<AuditService, string>> = {};
  for (const k of ['bedrock-agentcore-control', 'iam', 'logs', 'xray'] as AuditService[]) {
    const v = value[k];
    if (typeof v === 'string' && /^https?:\/\//.test(v)) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

async function pickProfile(context: vscode.ExtensionContext): Promise<{ profile?: string; region?: string } | undefined> {
  const last = remembered(context, KEY_PROFILE);
  const profiles = await listProfiles();
  const items: (vscode.QuickPickItem & { profile?: string; region?: string })[] = [
    { label: defaultChain(), description: vscode.l10n.t('environment variables, AWS_PROFILE, SSO, instance role') },
    ...profiles.map((p) => ({ label: p.name, description: [p.kind === 'sso' ? 'SSO' : p.kind, p.region].filter(Boolean).join(' · '), profile: p.name, region: p.region })),
  ];
  const active = items.find((i) => (last ? i.profile === last : i.label === defaultChain()));
  if (active) { items.splice(items.indexOf(active), 1); items.unshift({ ...active, description: `${active.description ?? ''} ${vscode.l10n.t('(last used)')}` }); }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('AgentCore audit: AWS profile'), placeHolder: vscode.l10n.t('Credentials to read the runtime with (read-only)') });
  if (!picked) return undefined;
  await remember(context, KEY_PROFILE, picked.profile);
  return { profile: picked.profile, region: picked.region };
}

async function pickRegion(context: vscode.ExtensionContext, profileRegion: string | undefined): Promise<string | undefined> {
  const last = remembered(context, KEY_REGION);
  const first = [last, profileRegion, process.env.AWS_REGION].filter((x): x is string => !!x);
  const regions = [...new Set([...first, ...AGENTCORE_REGIONS])];
  const items: vscode.QuickPickItem[] = regions.map((r) => ({ label: r, description: r === last ? vscode.l10n.t('last used') : r === profileRegion ? vscode.l10n.t('profile region') : undefined }));
  items.push({ label: `$(edit) ${vscode.l10n.t('Other region…')}` });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('AgentCore audit: region') });
  if (!picked) return undefined;
  let region: string | undefined = picked.label;
  if (region.startsWith('$(edit)')) {
    region = await vscode.window.showInputBox({ title: vscode.l10n.t('Region'), prompt: vscode.l10n.t('e.g. {0}', 'us-east-1'), validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(v) ? undefined : vscode.l10n.t('Not a region name')) });
    if (!region) return undefined;
  }
  await remember(context, KEY_REGION, region);
  return region;
}

async function pickRuntime(profile: string | undefined, region: string): Promise<string | undefined> {
  const paste = `$(clippy) ${vscode.l10n.t('Paste a runtime ARN…')}`;
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { arn?: string }>();
  qp.title = vscode.l10n.t('AgentCore audit: runtime in {0}', region);
  qp.busy = true;
  qp.items = [{ label: paste }];
  qp.show();
  const ac = new AbortController();
  const endpoints = machineEndpoints();
  void (async () => {
    try {
      const list = await (await aws()).runtimesIn(profile, region, endpoints?.['bedrock-agentcore-control'], ac.signal);
      qp.items = [...list.map((r) => ({ label: r.name, description: `${r.id} · ${r.status ?? ''}`, detail: r.arn, arn: r.arn })), { label: paste }];
      if (list.length === 0) qp.placeholder = vscode.l10n.t('No runtimes in {0}: paste an ARN', region);
    } catch (e) {
      if (!ac.signal.aborted) qp.placeholder = classify(e, 'ListAgentRuntimes', profile, auditMessagesFor(toLocale(vscode.env.language))).message;
    } finally {
      qp.busy = false;
    }
  })();
  const picked = await new Promise<(vscode.QuickPickItem & { arn?: string }) | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  ac.abort();
  qp.dispose();
  if (!picked) return undefined;
  if (picked.arn) return picked.arn;
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Runtime ARN'),
    prompt: 'arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID',
    validateInput: (v) => (parseRuntimeArn(v.trim()) ? undefined : vscode.l10n.t('Not an AgentCore runtime ARN')),
  }).then((v) => v?.trim());
}

/** The first folder's Terraform/JSON read by the core Workspace, unsaved editors included. */
async function auditWorkspace(): Promise<AuditWorkspace | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const root = folder.uri.fsPath;
  const overlays: [string, string][] = vscode.workspace.textDocuments
    .filter((d) => d.uri.scheme === 'file' && d.isDirty && /\.(tf|json)$/.test(d.uri.fsPath) && !path.relative(root, d.uri.fsPath).startsWith('..'))
    .map((d) => [d.uri.fsPath, d.getText()]);
  try {
    return await loadAuditWorkspace(root, toAnalysisSettings(readSettings(folder.uri)), overlays);
  } catch {
    return undefined; // the audit report still shows everything; only Problems entries are lost
  }
}

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export const LIVE_SOURCE = 'agentcore-iam live';

/** Quick fixes of the live diagnostics: the Terraform fixes, offered while the files are as analysed. */
export class LiveFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private entries: { file: string; diagnostic: vscode.Diagnostic; fixes: Fix[] }[] = [];
  private texts = new Map<string, string | undefined>();

  set(entries: { file: string; diagnostic: vscode.Diagnostic; fixes: Fix[] }[], getText: (f: string) => string | undefined): void {
    this.entries = entries;
    this.texts = new Map();
    for (const e of entries) for (const f of e.fixes) for (const ed of f.edits) if (!this.texts.has(ed.file)) this.texts.set(ed.file, getText(ed.file));
  }

  private unchanged(file: string): boolean {
    const then = this.texts.get(file);
    if (then === undefined) return false;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    try {
      return (open ? open.getText() : fs.readFileSync(file, 'utf8')) === then;
    } catch {
      return false;
    }
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== LIVE_SOURCE) continue;
      const e = this.entries.find((x) => x.file === document.uri.fsPath && x.diagnostic.message === d.message && x.diagnostic.range.isEqual(d.range));
      if (!e) continue;
      for (const fix of e.fixes) {
        if (!fix.edits.every((ed) => this.unchanged(ed.file))) continue; // edited since the audit: ranges may be stale
        // The editor's own diagnostic at this place offers the same fix: say which one this is.
        const a = new vscode.CodeAction(vscode.l10n.t('{0} (live finding)', fix.title), vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.isPreferred = !!fix.preferred;
        a.edit = new vscode.WorkspaceEdit();
        for (const ed of fix.edits) a.edit.replace(vscode.Uri.file(ed.file), toRange(ed.range), ed.newText);
        out.push(a);
      }
    }
    return out;
  }
}

/** Live findings on the Terraform that defines the role (when the workspace has it). */
export function publishLiveFindings(collection: vscode.DiagnosticCollection, report: AuditReport | undefined, ws: Pick<AuditWorkspace, 'model' | 'findings'> & Partial<Pick<AuditWorkspace, 'getText'>> | undefined, fixes?: LiveFixes): number {
  collection.clear();
  if (!ws || !report) { fixes?.set([], () => undefined); return 0; }
  const live = liveDiagnostics(report, ws);
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const entries: { file: string; diagnostic: vscode.Diagnostic; fixes: Fix[] }[] = [];
  for (const x of live) {
    const d = new vscode.Diagnostic(toRange(x.range), x.message, SEVERITY[x.severity]);
    d.source = LIVE_SOURCE;
    d.code = x.code;
    if (x.related.length) d.relatedInformation = x.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.loc.file), toRange(r.loc.range)), r.message));
    const l = byFile.get(x.file) ?? [];
    l.push(d);
    byFile.set(x.file, l);
    entries.push({ file: x.file, diagnostic: d, fixes: x.fixes });
  }
  for (const [file, list] of byFile) collection.set(vscode.Uri.file(file), list);
  fixes?.set(entries, ws.getText ?? (() => undefined));
  return live.length;
}

export const REPORT_SCHEME = 'agentcore-iam-audit';

/** Reports as read-only virtual Markdown documents (no untitled buffer asking to be saved). */
class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  add(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name.replace(/[^\w.-]+/g, '_')}-audit.md` });
    this.texts.set(uri.toString(), markdown);
    this.emitter.fire(uri);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

async function showReport(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: false }); // no Markdown preview in this editor
  }
}

/** What the command returns (for scripts and tests driving it with arguments). */
export interface AuditCommandResult {
  report: AuditReport;
  /** The report document (Markdown, scheme `agentcore-iam-audit`). */
  reportUri: string;
  /** Live diagnostics put on the workspace's Terraform. */
  liveDiagnostics: number;
}

export function registerAuditCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  void client; // findings are published client-side (DiagnosticCollection 'agentcore-iam-live')
  const collection = vscode.languages.createDiagnosticCollection('agentcore-iam-live');
  const fixes = new LiveFixes();
  const reports = new ReportDocuments();
  context.subscriptions.push(
    collection,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    vscode.languages.registerCodeActionsProvider(
      [{ scheme: 'file', language: 'terraform' }, { scheme: 'file', pattern: '**/*.tf' }, { scheme: 'file', language: 'json' }, { scheme: 'file', language: 'jsonc' }],
      fixes, { providedCodeActionKinds: LiveFixes.kinds }),
  );
  context.subscriptions.push(vscode.commands.registerCommand(CLEAR_COMMAND, () => publishLiveFindings(collection, undefined, undefined, fixes)));
  context.subscriptions.push(vscode.commands.registerCommand(AUDIT_COMMAND, async (arg?: { runtimeArn?: string; profile?: string; region?: string }): Promise<AuditCommandResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(vscode.l10n.t('AgentCore: Audit Live Runtime signs AWS requests and runs only in a trusted workspace.'));
      return undefined;
    }
    let profile = arg?.profile;
    let region = arg?.region;
    let runtimeArn = arg?.runtimeArn;
    if (!runtimeArn) {
      const p = await pickProfile(context);
      if (!p) return undefined;
      profile = p.profile;
      region = await pickRegion(context, p.region);
      if (!region) return undefined;
      runtimeArn = await pickRuntime(profile, region);
      if (!runtimeArn) return undefined;
    }
    const ws = auditWorkspace();
    try {
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AgentCore audit'), cancellable: true }, async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        progress.report({ message: vscode.l10n.t('reading the workspace') });
        const workspace = (await ws)?.model;
        return (await aws()).auditRuntime({
          runtimeArn, region, profile, signal: ac.signal, workspace,
          endpoints: machineEndpoints(),
          settings: toAnalysisSettings(readSettings(vscode.workspace.workspaceFolders?.[0]?.uri)),
          simulate: vscode.workspace.getConfiguration('agentcoreIam.audit').inspect<boolean>('simulate')?.globalValue ?? false,
          onProgress: (message) => progress.report({ message }),
        });
      });
      const reportUri = reports.add(report.runtime?.name ?? report.runtime?.id ?? 'runtime', renderMarkdown(report, toLocale(vscode.env.language)));
      await showReport(reportUri);
      const n = publishLiveFindings(collection, report, await ws, fixes);
      const missing = report.verdicts.filter((v) => v.verdict === 'missing').length;
      void vscode.window.showInformationMessage([
        vscode.l10n.t('AgentCore audit: {0} missing requirement(s)', missing),
        report.problems.length ? vscode.l10n.t(', {0} part(s) not readable', report.problems.length) : '',
        n ? vscode.l10n.t('; {0} live finding(s) in Problems', n) : '',
        vscode.l10n.t('.'),
      ].join(''));
      return { report, reportUri: reportUri.toString(), liveDiagnostics: n };
    } catch (e) {
      if (e instanceof AuditFatalError) {
        if (e.problem.kind === 'cancelled') return undefined;
        if (e.problem.kind === 'sso-expired') {
          const cmd = `aws sso login --profile ${profile ?? process.env.AWS_PROFILE ?? 'default'}`;
          const choice = await vscode.window.showErrorMessage(e.message, vscode.l10n.t('Run in terminal'));
          if (choice) { const t = vscode.window.createTerminal(vscode.l10n.t('AWS SSO login')); t.show(); t.sendText(cmd); }
          return undefined;
        }
        void vscode.window.showErrorMessage(e.message);
        return undefined;
      }
      if (e instanceof AuditUsageError) { void vscode.window.showErrorMessage(e.message); return undefined; }
      if ((e as Error)?.name === 'AuditAbortError') return undefined;
      void vscode.window.showErrorMessage(vscode.l10n.t('AgentCore audit failed: {0}', scrubSecrets(String((e as Error)?.message ?? e))));
      return undefined;
    }
  }));
}
