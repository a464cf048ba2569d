/**
 * Failing closed: an analysis that cannot finish is reported as a problem on a file, never as
 * "0 findings". `analysis-failed`: a root module's model, or a part's analysis, threw (a stack
 * overflow, a bug); `module-cycle`: a module that calls itself, directly or through others, which
 * Terraform refuses. The CLI exits 2 on either (cli/check.ts), SARIF says the run did not succeed
 * (cli/render.ts), and the editor shows them as diagnostics on the file they name.
 */
import type { FileProblem } from './workspace-model';

export const INCOMPLETE_RULES: ReadonlySet<FileProblem['rule']> = new Set<FileProblem['rule']>(['analysis-failed', 'module-cycle']);

/** The problems that mean the analysis did not finish. */
export function incompleteProblems(problems: readonly FileProblem[]): FileProblem[] {
  return problems.filter((p) => INCOMPLETE_RULES.has(p.rule));
}

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Why an analysis threw, in words (a stack overflow is named as what it means here). */
export function failureReason(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return `the configuration is nested too deeply to evaluate (${text})`;
  if (e instanceof RangeError && /allocation|array length|string length/i.test(e.message)) return `a value too large to evaluate (${text})`;
  return text;
}

/** A problem saying that the analysis of `what` could not finish, on `file` (the first file of that part or root module). */
export function analysisFailed(file: string, what: string, e: unknown): FileProblem {
  return {
    rule: 'analysis-failed',
    severity: 'error',
    file,
    range: ZERO,
    message: `The analysis of ${what} could not finish: ${failureReason(e)}. Its roles are not checked: this is not a clean result.`,
  };
}
