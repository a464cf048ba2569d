/**
 * Which `agentcoreIam.*` values the extension takes, as a pure function (no `vscode` import: unit
 * tested). A cloned repository's `.vscode/settings.json` is workspace configuration: the settings
 * that change what is read (or, before their globs were matched without backtracking, how long it
 * takes) are taken only from the user's own settings or the default while the workspace is not
 * trusted. VS Code already ignores their workspace values in Restricted Mode (package.json
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`); this holds the client to it
 * whatever the editor does, for the server's own requests too (extension.ts middleware). And
 * `maxFileBytes` is held to a ceiling, trusted or not.
 */
import { MAX_FILE_BYTES, type ClientSettings } from '../../server/src/lsp/handlers/settings';

/** The settings an untrusted workspace cannot set (package.json restrictedConfigurations names them with the prefix). */
export const RESTRICTED = ['exclude', 'maxFileBytes'] as const;

/** The largest `maxFileBytes` taken from any settings (64 MiB): the server's own ceiling; a larger value is held to it. */
export const MAX_FILE_BYTES_CEILING = MAX_FILE_BYTES;

/** What WorkspaceConfiguration.inspect() tells of one key (the fields used here). */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface ConfigurationReader {
  get(key: string): unknown;
  inspect(key: string): Inspected | undefined;
}

/**
 * The client's settings from a configuration section. `trusted` false: the restricted keys from
 * the user's settings (globalValue) or the default only, never from the workspace or its folders.
 */
export function settingsFrom(c: ConfigurationReader, trusted: boolean): ClientSettings {
  const restricted = (key: (typeof RESTRICTED)[number]): unknown => {
    if (trusted) return c.get(key);
    const i = c.inspect(key);
    return i?.globalValue ?? i?.defaultValue;
  };
  const exclude = restricted('exclude');
  const maxFileBytes = restricted('maxFileBytes');
  return {
    rules: c.get('rules') as ClientSettings['rules'],
    optionalRequirements: c.get('optionalRequirements') as ClientSettings['optionalRequirements'],
    defaults: c.get('defaults') as ClientSettings['defaults'],
    exclude: exclude as ClientSettings['exclude'],
    maxFileBytes: typeof maxFileBytes === 'number' ? Math.min(maxFileBytes, MAX_FILE_BYTES_CEILING) : undefined,
  };
}
