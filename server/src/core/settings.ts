/** Settings of the analysis; the same object for the language server, the CLI and the live audit. */
import type { Severity } from './model';

export interface AnalysisSettings {
  /** Defaults for JSON policy files (and anything the configuration leaves open). */
  defaults: { partition?: string; region?: string; account?: string };
  /** Glob patterns (relative to the workspace root, `/` separators) of files to leave out. */
  exclude: string[];
  /** Files larger than this are skipped with a message, never parsed. */
  maxFileBytes: number;
  /** Ids of optional requirements to check (e.g. `runtime.R10`), see core/catalog. */
  optionalRequirements: string[];
  /** Per-rule severity override or `off`. */
  rules: Record<string, Severity | 'off'>;
  /** What the editor's Fix all applies (core/fix-all.ts; the CLI's `--fix-include-information`). */
  fixAll?: { includeInformation?: boolean };
  /** The language of messages (core/messages): the editor's display language, the CLI's --lang or LANG. English when absent. */
  locale?: string;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  defaults: {},
  exclude: ['**/.terraform/**', '**/node_modules/**', '**/.git/**'],
  maxFileBytes: 2 * 1024 * 1024,
  optionalRequirements: [],
  rules: {},
};

export function withDefaults(partial: Partial<AnalysisSettings> | undefined): AnalysisSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...(partial ?? {}),
    defaults: { ...DEFAULT_SETTINGS.defaults, ...(partial?.defaults ?? {}) },
    rules: { ...DEFAULT_SETTINGS.rules, ...(partial?.rules ?? {}) },
  };
}
