/** `agentcoreIam.*` settings -> the core's AnalysisSettings. */
import type { AnalysisSettings } from '../../core/settings';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { Severity } from '../../core/model';
import { toLocale, type Locale } from '../../core/messages';

export interface ClientSettings {
  rules?: Record<string, string>;
  optionalRequirements?: string[];
  defaults?: { partition?: string; region?: string; account?: string };
  exclude?: string[];
  maxFileBytes?: number;
  fixAll?: { includeInformation?: boolean };
}

/**
 * The largest maxFileBytes the server takes, from any client (64 MiB): a workspace's settings
 * reach it through clients that know nothing of workspace trust (client/src/trusted-settings.ts
 * holds VS Code's to the same ceiling).
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** The client's display language (LSP `initialize` `locale`, VS Code's `vscode.env.language`): every AnalysisSettings carries it. */
let clientLocale: Locale | undefined;
export function setClientLocale(tag: string | undefined): void {
  clientLocale = tag ? toLocale(tag) : undefined;
}
/** The client's language, for what is rendered outside an AnalysisSettings (file problems' diagnostics). */
export function getClientLocale(): Locale | undefined {
  return clientLocale;
}

export function toAnalysisSettings(raw: ClientSettings | null | undefined): AnalysisSettings {
  const s = raw ?? {};
  const rules: Record<string, Severity | 'off'> = {};
  for (const [k, v] of Object.entries(s.rules ?? {})) {
    const val = typeof v === 'string' ? v.toLowerCase() : '';
    if (SEVERITIES.has(val)) rules[k] = (val === 'info' ? 'information' : val) as Severity | 'off';
  }
  const defaults: AnalysisSettings['defaults'] = {};
  for (const k of ['partition', 'region', 'account'] as const) {
    const v = s.defaults?.[k];
    if (typeof v === 'string' && v.trim()) defaults[k] = v.trim();
  }
  return {
    defaults,
    exclude: [...DEFAULT_SETTINGS.exclude, ...(Array.isArray(s.exclude) ? s.exclude.filter((x) => typeof x === 'string') : [])],
    maxFileBytes: typeof s.maxFileBytes === 'number' && s.maxFileBytes > 0 ? Math.min(s.maxFileBytes, MAX_FILE_BYTES) : DEFAULT_SETTINGS.maxFileBytes,
    optionalRequirements: Array.isArray(s.optionalRequirements) ? s.optionalRequirements.filter((x) => typeof x === 'string') : [],
    rules,
    ...(s.fixAll?.includeInformation === true ? { fixAll: { includeInformation: true } } : {}),
    ...(clientLocale && clientLocale !== 'en' ? { locale: clientLocale } : {}),
  };
}
