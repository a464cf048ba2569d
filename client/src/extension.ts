/**
 * The VS Code client: starts dist/server.js over IPC, shows what it is doing in the status bar,
 * restarts it with back-off when it dies (not when it was stopped on purpose).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type ErrorHandler,
  type CloseHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerAuditCommand } from './audit/command';
import { readSettings } from './settings';
import { setClientLocale } from '../../server/src/lsp/handlers/settings';
import { serverNodeFlags } from './server-flags';

const STATUS_NOTIFICATION = 'agentcoreIam/status';

interface StatusParams {
  state: 'indexing' | 'ready' | 'error';
  files?: number;
  roles?: number;
  findings?: number;
  message?: string;
}

let client: LanguageClient | undefined;

/** What activation cost, measured by the extension itself (exported for tests and the benchmark). */
export interface Timings {
  /** `activate()` entered to the language server initialized. */
  serverReadyMs?: number;
  /** `activate()` entered to the first diagnostics published by the server. */
  firstDiagnosticsMs?: number;
}
const timings: Timings = {};
let activatedAt = 0;
let stopping = false;
let statusItem: vscode.StatusBarItem;
let output: vscode.LogOutputChannel;

/** Restarts with back-off: 5 crashes in 3 minutes stop the restarts (and say so). */
class BackoffErrorHandler implements ErrorHandler {
  private restarts: number[] = [];
  error(): { action: ErrorAction } {
    return { action: ErrorAction.Continue };
  }
  closed(): CloseHandlerResult {
    if (stopping) return { action: CloseAction.DoNotRestart, handled: true };
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 3 * 60_000);
    this.restarts.push(now);
    if (this.restarts.length > 5) {
      showStatus({ state: 'error', message: vscode.l10n.t('The server crashed 5 times in 3 minutes and will not be restarted.') });
      return { action: CloseAction.DoNotRestart, message: vscode.l10n.t('AgentCore IAM server crashed 5 times in the last 3 minutes; run "AgentCore: Restart Language Server" to try again.') };
    }
    const delay = Math.min(1000 * 2 ** (this.restarts.length - 1), 16_000);
    output.appendLine(`[client] ${vscode.l10n.t('The server exited unexpectedly; restarting in {0} ms', delay)}`);
    void new Promise((r) => setTimeout(r, delay)).then(() => {
      if (!stopping && client && client.state === State.Stopped) void client.start().catch((e) => output.appendLine(`[client] ${vscode.l10n.t('Restart failed: {0}', String(e))}`));
    });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

function showStatus(s: StatusParams): void {
  if (!statusItem) return;
  statusItem.command = 'agentcoreIam.showOutput';
  statusItem.backgroundColor = undefined;
  switch (s.state) {
    case 'indexing':
      statusItem.text = `$(sync~spin) ${s.files ? vscode.l10n.t('AgentCore IAM: indexing {0} files', s.files) : vscode.l10n.t('AgentCore IAM: indexing')}`;
      statusItem.tooltip = vscode.l10n.t('AgentCore IAM is reading the workspace');
      break;
    case 'ready':
      statusItem.text = `$(shield) ${s.roles === 1 ? vscode.l10n.t('AgentCore IAM: 1 role') : vscode.l10n.t('AgentCore IAM: {0} roles', s.roles ?? 0)}`;
      statusItem.tooltip = vscode.l10n.t('{0} AgentCore roles, {1} findings, {2} files', s.roles ?? 0, s.findings ?? 0, s.files ?? 0);
      break;
    case 'error':
      statusItem.text = '$(error) AgentCore IAM';
      statusItem.tooltip = vscode.l10n.t('Error: {0} (click for the log)', s.message ?? vscode.l10n.t('unknown'));
      statusItem.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      break;
  }
  statusItem.show();
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const flags = serverNodeFlags();
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: flags } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...flags, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'file', pattern: '**/*.tf.json' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    // Files changed on disk: the server registers its watchers with the client (server/src/lsp/server.ts WATCHED).
    initializationOptions: { settings: readSettings() },
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new BackoffErrorHandler(),
    middleware: {
      // The server's own requests for `agentcoreIam` settings get what readSettings takes: while
      // the workspace is not trusted, `exclude` and `maxFileBytes` from the user's settings only.
      workspace: {
        async configuration(params, token, next) {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((r: unknown, i: number) => {
            const item = params.items[i];
            if (item?.section !== 'agentcoreIam' || !r || typeof r !== 'object') return r;
            const s = readSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined);
            return { ...r, exclude: s.exclude, maxFileBytes: s.maxFileBytes };
          });
        },
      },
      handleDiagnostics(uri, diagnostics, next) {
        if (timings.firstDiagnosticsMs === undefined) {
          timings.firstDiagnosticsMs = Date.now() - activatedAt;
          output.info(`first diagnostics ${timings.firstDiagnosticsMs} ms after activation`);
        }
        next(uri, diagnostics);
      },
    },
  };
  const c = new LanguageClient('agentcoreIam', 'AgentCore IAM', serverOptions, clientOptions);
  c.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => showStatus(s));
  return c;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined; timings: Timings }> {
  activatedAt = Date.now();
  setClientLocale(vscode.env.language); // the live audit's findings, analysed in this process
  output = vscode.window.createOutputChannel('AgentCore IAM', { log: true });
  statusItem = vscode.window.createStatusBarItem('agentcoreIam.status', vscode.StatusBarAlignment.Left, 0);
  statusItem.name = 'AgentCore IAM';
  context.subscriptions.push(output, statusItem);
  showStatus({ state: 'indexing' });

  client = createClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('agentcoreIam.restartServer', async () => {
      if (!client) return;
      stopping = true;
      try {
        if (client.isRunning()) await client.stop();
      } catch (e) {
        output.appendLine(`[client] ${vscode.l10n.t('Stopping the server failed: {0}', String(e))}`);
      } finally {
        stopping = false;
      }
      showStatus({ state: 'indexing' });
      await client.start();
    }),
    vscode.commands.registerCommand('agentcoreIam.showOutput', () => output.show(true)),
  );
  registerAuditCommand(context, client);
  // Trust granted: the workspace's own `exclude` and `maxFileBytes` apply from now on (the server asks again).
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client?.isRunning()) void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
  );
  try {
    await client.start();
    timings.serverReadyMs = Date.now() - activatedAt;
    output.info(vscode.l10n.t('Language server ready {0} ms after activation', timings.serverReadyMs));
  } catch (e) {
    showStatus({ state: 'error', message: String(e) });
    output.appendLine(`[client] ${vscode.l10n.t('The server could not be started: {0}', String(e))}`);
  }
  return { client, timings };
}

export async function deactivate(): Promise<void> {
  stopping = true;
  if (client?.isRunning()) await client.stop();
}
