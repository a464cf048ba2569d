/** Per-audit context: abort signal, problems met, progress. */
import { AuditAbortError, AuditFatalError, CALL_PERMISSION, classify, scrubSecrets } from './errors';
import type { AuditProblem } from './types';
import { auditEn, type AuditMessages } from '../core/messages/audit';

/** One API call's time, retries and reading its answer included, unless the caller says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export class AuditContext {
  readonly problems: AuditProblem[] = [];
  /** The audit's own credentials: taken out of every error text (errors.ts scrubSecrets). */
  secrets: string[] = [];
  constructor(
    readonly signal: AbortSignal | undefined,
    readonly profile: string | undefined,
    private readonly progress?: (m: string) => void,
    readonly timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    /** The language of problems and progress (core/messages/audit.ts). */
    readonly say: AuditMessages = auditEn,
  ) {}

  checkAborted(): void {
    if (this.signal?.aborted) throw new AuditAbortError();
  }

  report(message: string): void {
    this.progress?.(message);
  }

  /**
   * Runs one API call. On failure, records the problem and returns `undefined` (the audit goes on
   * with what it could read), except for credential problems and cancellation, which end it.
   * `expected` lists error codes that are answers, not problems (e.g. NoSuchEntity for the SLR).
   */
  async call<T>(op: string, fn: (abortSignal?: AbortSignal) => Promise<T>, expected: string[] = []): Promise<T | { expected: string } | undefined> {
    this.checkAborted();
    // A deadline of its own (the SDK's requestTimeout restarts with every retry and stops at the
    // headers; an endpoint that trickles its body would pass it).
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const signal = this.signal ? AbortSignal.any([this.signal, deadline]) : deadline;
    try {
      return await fn(signal);
    } catch (e) {
      if (this.signal?.aborted) throw new AuditAbortError();
      const name = String((e as { name?: string })?.name ?? '');
      if (expected.includes(name)) return { expected: name };
      if (deadline.aborted || /^TimeoutError$/.test(name)) {
        const label = CALL_PERMISSION[op] ?? op;
        const s = this.timeoutMs / 1000;
        this.problems.push({ kind: 'network', call: label, message: this.say.timedOut(label, s) });
        return undefined;
      }
      const p = classify(e, op, this.profile, this.say);
      p.message = scrubSecrets(p.message, this.secrets);
      if (p.kind === 'no-credentials' || p.kind === 'sso-expired' || p.kind === 'cancelled') throw new AuditFatalError(p);
      this.problems.push(p);
      return undefined;
    }
  }
}

export function isExpected(v: unknown): v is { expected: string } {
  return typeof v === 'object' && v !== null && 'expected' in v && Object.keys(v).length === 1;
}
