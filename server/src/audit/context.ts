/** Per-audit context: abort signal, problems met, progress. */
import { AuditAbortError, AuditFatalError, classify } from './errors';
import type { AuditProblem } from './types';

export class AuditContext {
  readonly problems: AuditProblem[] = [];
  constructor(
    readonly signal: AbortSignal | undefined,
    readonly profile: string | undefined,
    private readonly progress?: (m: string) => void,
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
    try {
      return await fn(this.signal);
    } catch (e) {
      if (this.signal?.aborted) throw new AuditAbortError();
      const name = String((e as { name?: string })?.name ?? '');
      if (expected.includes(name)) return { expected: name };
      const p = classify(e, op, this.profile);
      if (p.kind === 'no-credentials' || p.kind === 'sso-expired' || p.kind === 'cancelled') throw new AuditFatalError(p);
      this.problems.push(p);
      return undefined;
    }
  }
}

export function isExpected(v: unknown): v is { expected: string } {
  return typeof v === 'object' && v !== null && 'expected' in v && Object.keys(v).length === 1;
}
