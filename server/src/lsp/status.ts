/** The custom status notification the client's status bar item shows. */
import type { Connection } from 'vscode-languageserver/node';

export const STATUS_NOTIFICATION = 'agentcoreIam/status';

export type StatusState = 'indexing' | 'ready' | 'error';

export interface StatusParams {
  state: StatusState;
  /** Files being indexed (indexing) or known (ready). */
  files?: number;
  /** AgentCore roles found (ready). */
  roles?: number;
  /** Findings published (ready). */
  findings?: number;
  /** Last error message (error). */
  message?: string;
}

export class Status {
  private last: StatusParams = { state: 'indexing' };
  constructor(private readonly connection: Connection) {}

  send(params: StatusParams): void {
    this.last = params;
    try {
      void this.connection.sendNotification(STATUS_NOTIFICATION, params);
    } catch {
      /* the client is gone */
    }
  }

  error(where: string, e: unknown): void {
    const message = `${where}: ${e instanceof Error ? e.message : String(e)}`;
    this.connection.console.error(`${message}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}`);
    this.send({ ...this.last, state: 'error', message });
  }
}
