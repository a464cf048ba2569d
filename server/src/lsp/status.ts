/** The custom status notification the client's status bar item shows. */
import type { Connection } from 'vscode-languageserver/node';
import { serverMessagesFor, type ServerStep } from '../core/messages/server';
import { getClientLocale } from './handlers/settings';

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
  /** Last error message (error), in the client's language (core/messages/server.ts statusError). */
  message?: string;
}

export class Status {
  private last: StatusParams = { state: 'indexing' };
  private sent = false;
  /** `locale`: the client's language when an error is reported (the `initialize` locale; asked each time, as it comes after the Status is made). */
  constructor(private readonly connection: Connection, private readonly locale: () => string | undefined = getClientLocale) {}

  /** Sends the status, unless it is the one sent last (every keystroke's analysis reports it). */
  send(params: StatusParams): void {
    const l = this.last;
    if (this.sent && l.state === params.state && l.files === params.files && l.roles === params.roles && l.findings === params.findings && l.message === params.message) return;
    this.last = params;
    this.sent = true;
    try {
      void this.connection.sendNotification(STATUS_NOTIFICATION, params);
    } catch {
      /* the client is gone */
    }
  }

  /**
   * An error met at `where`: the status bar says it in the client's language, and the log (the output
   * channel the status bar opens) says the same sentence, then the stack. Returns the sentence.
   */
  error(where: ServerStep, e: unknown): string {
    const message = serverMessagesFor(this.locale()).statusError(where, e instanceof Error ? e.message : String(e));
    this.connection.console.error(`${message}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}`);
    this.send({ ...this.last, state: 'error', message });
    return message;
  }
}
