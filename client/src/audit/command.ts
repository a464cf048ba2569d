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
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { auditRuntime, AuditUsageError } from '../../../server/src/audit/audit';
import { parseRuntimeArn } from '../../../server/src/audit/arn';
import { AuditFatalError, classify } from '../../../server/src/audit/errors';
import { matchTerraformRole } from '../../../server/src/audit/drift';
import { renderMarkdown } from '../../../server/src/audit/render';
import { listRuntimes } from '../../../server/src/audit/runtime';
import type { AuditReport, AuditService } from '../../../server/src/audit/types';
import { Workspace } from '../../../server/src/core/workspace';
import type { WorkspaceModel } from '../../../server/src/core/workspace-model';
import { AGENTCORE_REGIONS, listProfiles } from './profiles';

export const AUDIT_COMMAND = 'agentcoreIam.auditLiveRuntime';
const DEFAULT_CHAIN = '$(key) Default credential chain';
const KEY_PROFILE = 'agentcoreIam.audit.profile';
const KEY_REGION = 'agentcoreIam.audit.region';

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
  const remembered = context.globalState.get<string>(KEY_PROFILE);
  const profiles = await listProfiles();
  const items: (vscode.QuickPickItem & { profile?: string; region?: string })[] = [
    { label: DEFAULT_CHAIN, description: 'environment variables, AWS_PROFILE, SSO, instance role' },
    ...profiles.map((p) => ({ label: p.name, description: [p.kind === 'sso' ? 'SSO' : p.kind, p.region].filter(Boolean).join(' · '), profile: p.name, region: p.region })),
  ];
  const active = items.find((i) => (remembered ? i.profile === remembered : i.label === DEFAULT_CHAIN));
  if (active) { items.splice(items.indexOf(active), 1); items.unshift({ ...active, description: `${active.description ?? ''} (last used)` }); }
  const picked = await vscode.window.showQuickPick(items, { title: 'AgentCore audit: AWS profile', placeHolder: 'Credentials to read the runtime with (read-only)' });
  if (!picked) return undefined;
  await context.globalState.update(KEY_PROFILE, picked.profile);
  return { profile: picked.profile, region: picked.region };
}

async function pickRegion(context: vscode.ExtensionContext, profileRegion: string | undefined): Promise<string | undefined> {
  const remembered = context.globalState.get<string>(KEY_REGION);
  const first = [remembered, profileRegion, process.env.AWS_REGION].filter((x): x is string => !!x);
  const regions = [...new Set([...first, ...AGENTCORE_REGIONS])];
  const items: vscode.QuickPickItem[] = regions.map((r) => ({ label: r, description: r === remembered ? 'last used' : r === profileRegion ? 'profile region' : undefined }));
  items.push({ label: '$(edit) Other region…' });
  const picked = await vscode.window.showQuickPick(items, { title: 'AgentCore audit: region' });
  if (!picked) return undefined;
  let region: string | undefined = picked.label;
  if (region.startsWith('$(edit)')) {
    region = await vscode.window.showInputBox({ title: 'Region', prompt: 'e.g. us-east-1', validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(v) ? undefined : 'Not a region name') });
    if (!region) return undefined;
  }
  await context.globalState.update(KEY_REGION, region);
  return region;
}

async function pickRuntime(profile: string | undefined, region: string): Promise<string | undefined> {
  const paste = '$(clippy) Paste a runtime ARN…';
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { arn?: string }>();
  qp.title = `AgentCore audit: runtime in ${region}`;
  qp.busy = true;
  qp.items = [{ label: paste }];
  qp.show();
  const ac = new AbortController();
  const endpoints = machineEndpoints();
  void (async () => {
    const client = new BedrockAgentCoreControlClient({
      region,
      credentials: fromNodeProviderChain(profile ? { profile } : {}),
      ...(endpoints?.['bedrock-agentcore-control'] ? { endpoint: endpoints['bedrock-agentcore-control'] } : {}),
    });
    try {
      const list = await listRuntimes(client, ac.signal);
      qp.items = [...list.map((r) => ({ label: r.name, description: `${r.id} · ${r.status ?? ''}`, detail: r.arn, arn: r.arn })), { label: paste }];
      if (list.length === 0) qp.placeholder = `No runtimes in ${region}: paste an ARN`;
    } catch (e) {
      if (!ac.signal.aborted) qp.placeholder = classify(e, 'ListAgentRuntimes', profile).message;
    } finally {
      qp.busy = false;
      client.destroy();
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
    title: 'Runtime ARN',
    prompt: 'arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID',
    validateInput: (v) => (parseRuntimeArn(v.trim()) ? undefined : 'Not an AgentCore runtime ARN'),
  }).then((v) => v?.trim());
}

async function workspaceModel(): Promise<WorkspaceModel | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  try {
    const ws = await Workspace.create({ root: folder.uri.fsPath });
    await ws.loadFromDisk();
    return ws.model();
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

/** Live findings on the Terraform that defines the role (when the workspace has it). */
export function publishLiveFindings(collection: vscode.DiagnosticCollection, report: AuditReport, ws: WorkspaceModel | undefined): number {
  collection.clear();
  if (!ws || !report.model) return 0;
  const m = matchTerraformRole(ws, report.model.address, report.model.provider);
  if (!m) return 0;
  const target = m.role.policies.find((p) => p.document.loc)?.document.loc ?? m.role.loc;
  if (!target) return 0;
  const byFile = new Map<string, vscode.Diagnostic[]>();
  const add = (file: string, d: vscode.Diagnostic) => { const l = byFile.get(file) ?? []; l.push(d); byFile.set(file, l); };
  const runtime = report.runtime?.name ?? report.runtime?.id ?? 'runtime';
  const roleLoc = m.role.loc;
  for (const v of report.verdicts) {
    if (v.verdict === 'granted' || SEVERITY[v.severity] === undefined) continue;
    const trust = !!v.conditionKeys?.length;
    const loc = trust ? (m.role.trust?.document.loc ?? target) : target;
    const d = new vscode.Diagnostic(toRange(loc.range), `Live (${runtime}): ${v.message}`, SEVERITY[v.severity]);
    d.source = 'agentcore-iam live';
    d.code = v.rule;
    if (roleLoc) d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(roleLoc.file), toRange(roleLoc.range)), `deployed as ${report.model.address}`)];
    add(loc.file, d);
  }
  for (const e of report.drift?.entries ?? []) {
    const d = new vscode.Diagnostic(toRange(target.range),
      e.direction === 'terraform-only'
        ? `Live (${runtime}): ${e.effect} ${e.action} on ${e.resource} is in Terraform but not in the deployed role (not applied yet?).`
        : `Live (${runtime}): the deployed role has ${e.effect} ${e.action} on ${e.resource}, which this Terraform does not define (changed outside Terraform?).`,
      vscode.DiagnosticSeverity.Information);
    d.source = 'agentcore-iam live';
    d.code = 'live-drift';
    add(target.file, d);
  }
  for (const [file, list] of byFile) collection.set(vscode.Uri.file(file), list);
  return [...byFile.values()].reduce((n, l) => n + l.length, 0);
}

async function showReport(markdown: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}

export function registerAuditCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  void client; // findings are published client-side (DiagnosticCollection 'agentcore-iam-live')
  const collection = vscode.languages.createDiagnosticCollection('agentcore-iam-live');
  context.subscriptions.push(collection);
  context.subscriptions.push(vscode.commands.registerCommand(AUDIT_COMMAND, async (arg?: { runtimeArn?: string; profile?: string; region?: string }) => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('AgentCore: Audit Live Runtime signs AWS requests and runs only in a trusted workspace.');
      return;
    }
    let profile = arg?.profile;
    let region = arg?.region;
    let runtimeArn = arg?.runtimeArn;
    if (!runtimeArn) {
      const p = await pickProfile(context);
      if (!p) return;
      profile = p.profile;
      region = await pickRegion(context, p.region);
      if (!region) return;
      runtimeArn = await pickRuntime(profile, region);
      if (!runtimeArn) return;
    }
    const ws = workspaceModel();
    try {
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'AgentCore audit', cancellable: true }, async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        progress.report({ message: 'reading the workspace' });
        const workspace = await ws;
        return auditRuntime({
          runtimeArn, region, profile, signal: ac.signal, workspace,
          endpoints: machineEndpoints(),
          simulate: vscode.workspace.getConfiguration('agentcoreIam.audit').get<boolean>('simulate', false),
          onProgress: (message) => progress.report({ message }),
        });
      });
      await showReport(renderMarkdown(report));
      const n = publishLiveFindings(collection, report, await ws);
      const missing = report.verdicts.filter((v) => v.verdict === 'missing').length;
      void vscode.window.showInformationMessage(`AgentCore audit: ${missing} missing requirement(s)${report.problems.length ? `, ${report.problems.length} part(s) not readable` : ''}${n ? `; ${n} live finding(s) in Problems` : ''}.`);
    } catch (e) {
      if (e instanceof AuditFatalError) {
        if (e.problem.kind === 'cancelled') return;
        if (e.problem.kind === 'sso-expired') {
          const cmd = `aws sso login --profile ${profile ?? process.env.AWS_PROFILE ?? 'default'}`;
          const choice = await vscode.window.showErrorMessage(e.message, 'Run in terminal');
          if (choice) { const t = vscode.window.createTerminal('AWS SSO login'); t.show(); t.sendText(cmd); }
          return;
        }
        void vscode.window.showErrorMessage(e.message);
        return;
      }
      if (e instanceof AuditUsageError) { void vscode.window.showErrorMessage(e.message); return; }
      if ((e as Error)?.name === 'AuditAbortError') return;
      void vscode.window.showErrorMessage(`AgentCore audit failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }));
}
