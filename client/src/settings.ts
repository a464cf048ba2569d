/** The `agentcoreIam.*` analysis settings as the client reads them (the language server and the live audit convert them with toAnalysisSettings). */
import * as vscode from 'vscode';
import type { ClientSettings } from '../../server/src/lsp/handlers/settings';
import { settingsFrom } from './trusted-settings';

/** The settings for a scope; while the workspace is not trusted, `exclude` and `maxFileBytes` from the user's settings only (trusted-settings.ts). */
export function readSettings(scope?: vscode.Uri): ClientSettings {
  const c = vscode.workspace.getConfiguration('agentcoreIam', scope);
  return settingsFrom({ get: (k) => c.get(k), inspect: (k) => c.inspect(k) }, vscode.workspace.isTrusted);
}
