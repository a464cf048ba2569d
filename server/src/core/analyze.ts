/**
 * Judges every role of a WorkspaceModel against the catalog: the findings every surface shows.
 * Implementation owned by the catalog/analysis work (issue #2).
 */
import type { Finding } from './model';
import type { AnalysisSettings } from './settings';
import type { WorkspaceModel } from './workspace-model';

export interface AnalysisResult {
  findings: Finding[];
}

export function analyze(model: WorkspaceModel, settings: AnalysisSettings): AnalysisResult {
  void model; void settings;
  throw new Error('analyze: not implemented yet');
}
