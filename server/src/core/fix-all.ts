/**
 * Which findings a fix-all applies: the editor's "Fix all" (source.fixAll and the quick fix of the
 * same name) and `agentcore-iam check --fix` alike. By default warnings and above; information-level
 * fixes (the legacy R9 grant, the disputed R4 one, a grant whose need is unknown) only when asked for:
 * setting `agentcoreIam.fixAll.includeInformation`, flag `--fix-include-information`. Hints (removing
 * an unused suppression) are left to their own quick fix.
 */
import type { Finding } from './model';
import { SEVERITY_RANK } from './rules';

export interface FixAllOptions {
  /** Also apply the fixes of information-level findings. */
  includeInformation?: boolean;
}

/** A finding whose preferred fix a fix-all applies (it has a fix with edits, at the severity asked for). */
export function inFixAll(f: Finding, options: FixAllOptions = {}): boolean {
  const limit = options.includeInformation ? SEVERITY_RANK.information : SEVERITY_RANK.warning;
  return SEVERITY_RANK[f.severity] <= limit && f.fixes.some((x) => x.edits.length > 0);
}
