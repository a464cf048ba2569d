/** The `agentcoreIam.*` analysis settings as the client reads them (the language server and the live audit convert them with toAnalysisSettings). */
import * as vscode from 'vscode';
import type { ClientSettings } from '../../server/src/lsp/handlers/settings';

export function readSettings(scope?: vscode.Uri): ClientSettings {
  const c = vscode.workspace.getConfiguration('agentcoreIam', scope);
  return {
    rules: c.get('rules'),
    optionalRequirements: c.get('optionalRequirements'),
    defaults: c.get('defaults'),
    exclude: c.get('exclude'),
    maxFileBytes: c.get('maxFileBytes'),
  };
}
