/**
 * The evaluator the analysis uses: core/iam by default, replaceable so that the analysis can be
 * tested on its own (AnalyzeOptions.evaluator). `evaluatePermission` is evaluateRequirement for the
 * roles' permission requirements, remembered by its inputs when a cache is given (analyze.ts
 * rememberEvaluations). Split from analyze.ts (issue #22 item 7).
 */
import * as iam from '../iam';

export interface Evaluator {
  evaluateRequirement: typeof iam.evaluateRequirement;
  evaluateTrust: typeof iam.evaluateTrust;
  checkAction: typeof iam.checkAction;
}

/** The evaluator of the analysis under way (module state, as before the split: one analysis at a time). */
export const engine: Evaluator & { evaluatePermission: Evaluator['evaluateRequirement'] } = {
  evaluateRequirement: iam.evaluateRequirement,
  evaluateTrust: iam.evaluateTrust,
  checkAction: iam.checkAction,
  evaluatePermission: iam.evaluateRequirement,
};

/** The evaluator the next analysis uses (analyze(), roleVerdicts()). */
export function useEvaluator(ev: Evaluator): void {
  engine.evaluateRequirement = ev.evaluateRequirement;
  engine.evaluateTrust = ev.evaluateTrust;
  engine.checkAction = ev.checkAction;
  engine.evaluatePermission = ev.evaluateRequirement;
}
