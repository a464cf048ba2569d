/**
 * Fixes: the official block, written in the file's own idiom. Implementation owned by the fixes
 * work (issue #3). core/analyze.ts calls `computeFixes` for each finding that has a remedy and
 * stores the result in `Finding.fixes`; every surface applies `Fix.edits` as they are.
 */
import type {
  EvaluationResult,
  Fix,
  Location,
  PolicyDocument,
  Requirement,
  Role,
  Statement,
  SymStr,
  TextEdit,
} from '../model';
import type { AnalysisSettings } from '../settings';
import { replaceActionFixes } from './action';
import { correctResourceFixes, type CorrectResourceRequest } from './correct';
import { permissionFixes } from './permission';
import { applyTextEdits } from './text';
import { trustFixes } from './trust';
import type { WorkspaceModel } from '../workspace-model';

export interface FixContext {
  model: WorkspaceModel;
  settings: AnalysisSettings;
  /** Current text of a workspace file. */
  getText(file: string): string | undefined;
}

export type FixRequest =
  | {
      /** A permission requirement is missing: complete a statement or insert the official one. */
      kind: 'permission';
      role: Role;
      requirement: Extract<Requirement, { kind: 'permission' }>;
      /** The requirement's resources as instantiated for this role (same order as requirement.resources). */
      resources: SymStr[];
      result: EvaluationResult;
      /** The document the finding points at (where the statement should go), when there is one. */
      document?: PolicyDocument;
    }
  | {
      /** A trust-policy condition is missing on these statements. */
      kind: 'trust-condition';
      role: Role;
      requirement: Extract<Requirement, { kind: 'trust' }>;
      conditionKeys: string[];
      statements: Statement[];
      document: PolicyDocument;
    }
  | {
      /** An unknown action: replace it with the suggested spelling. */
      kind: 'replace-action';
      loc: Location;
      suggestion: string;
    }
  /** A statement with the right actions on the wrong resource: correct its resource (correct.ts). */
  | (CorrectResourceRequest & { /** When the statement cannot be corrected in place. */ otherwise?: FixRequest });

export function computeFixes(request: FixRequest, ctx: FixContext): Fix[] {
  try {
    if (request.kind === 'permission') return permissionFixes(request, ctx);
    if (request.kind === 'trust-condition') return trustFixes(request, ctx);
    if (request.kind === 'correct-resource') {
      const fixes = correctResourceFixes(request, ctx);
      return fixes.length || !request.otherwise ? fixes : computeFixes(request.otherwise, ctx);
    }
    return replaceActionFixes(request, ctx);
  } catch {
    // A fix must never break the analysis: no fix rather than an exception.
    return [];
  }
}

/** Applies non-overlapping edits to one text (edits at the same position are applied in order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return applyTextEdits(text, edits);
}

export { mergeFixes, textAtOf, type TextAt } from './merge';
