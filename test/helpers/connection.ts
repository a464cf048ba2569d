/** A language-server connection for the Project's tests: records what the server sends (no client). */
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { StatusParams } from '../../server/src/lsp/status';

export function recordingConnection() {
  const sent: PublishDiagnosticsParams[] = [];
  const statuses: StatusParams[] = [];
  const errors: string[] = [];
  const connection = {
    console: { log: () => {}, error: (m: string) => errors.push(m) },
    sendDiagnostics: (p: PublishDiagnosticsParams) => { sent.push(p); return Promise.resolve(); },
    sendNotification: (_m: string, p: StatusParams) => { statuses.push(p); return Promise.resolve(); },
  } as unknown as Connection;
  return { connection, sent, statuses, errors };
}
