/**
 * Where a module call's files are: a local source (`./…`, `../…`) is the folder it names, anywhere,
 * also outside the analysed folder (`check examples/basic` of a module whose example calls `../..`);
 * any other source (registry, git, S3, …) is what `terraform init` installed, read as terraform-ls
 * reads it, through `.terraform/modules/modules.json` in the root module's folder: entries
 * `{ Key, Source, Dir }`, Key the module call names from the root joined by dots (`agentcore`,
 * `agentcore.iam`), Dir relative to the root module's folder. The installed files are never found by
 * walking `.terraform` (the listing leaves it out): only the folders modules.json names are read.
 */
import * as path from 'node:path';

/** Where `terraform init` writes its record of installed modules, relative to the root module's folder. */
export const MODULES_JSON = path.join('.terraform', 'modules', 'modules.json');

/** Whether a module source is a local path (Terraform: it starts with `./` or `../`). */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

export interface InstalledModule {
  /** Folder of its files (absolute, normalised). */
  dir: string;
  /** The source the call names (`registry.terraform.io/aws-ia/agentcore/aws`, `git::https://…`). */
  source: string;
}

/**
 * The modules a modules.json text records, by key (absolute folders, resolved against `rootDir`,
 * the folder that holds `.terraform`). The root itself (Key "") is left out; a text that is not such
 * a record gives an empty map. Folders outside rootDir are left out unless they are local sources
 * (a local source is read from its own folder anyway).
 */
export function readModulesJson(rootDir: string, text: string): Map<string, InstalledModule> {
  const out = new Map<string, InstalledModule>();
  let json: unknown;
  try { json = JSON.parse(text); } catch { return out; }
  const list = (json as { Modules?: unknown })?.Modules;
  if (!Array.isArray(list)) return out;
  for (const m of list.slice(0, 10_000)) {
    const key = (m as { Key?: unknown })?.Key;
    const dir = (m as { Dir?: unknown })?.Dir;
    const source = (m as { Source?: unknown })?.Source;
    if (typeof key !== 'string' || key === '' || typeof dir !== 'string' || dir === '') continue;
    const abs = path.normalize(path.resolve(rootDir, dir));
    const rel = path.relative(rootDir, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    out.set(key, { dir: abs, source: typeof source === 'string' ? source : '' });
  }
  return out;
}

/**
 * The key of a module call in modules.json: the call names from the root, without instance keys
 * (`module.app["a"].module.iam` calling `role` gives `app.iam.role`).
 */
export function moduleKey(callerAddress: string, name: string): string {
  const names: string[] = [];
  for (const m of callerAddress.matchAll(/(?:^|\.)module\.([A-Za-z0-9_-]+)/g)) names.push(m[1]);
  names.push(name);
  return names.join('.');
}

/**
 * The folder a module call reads, or why it reads none. `key`: the call's key in modules.json
 * (moduleKey), or how to make it. `installed`: the root's modules.json record (undefined when the
 * root has none).
 */
export function moduleDir(callerDir: string, source: string | undefined, key: string | (() => string), installed: Map<string, InstalledModule> | undefined): { dir: string } | { notRead: string } {
  if (source === undefined) return { notRead: 'its source is not a literal string, which Terraform requires' };
  if (isLocalSource(source)) return { dir: path.normalize(path.join(callerDir, source)) };
  // The call's key (moduleKey), made only for a call that is not local.
  const m = installed?.get(typeof key === 'string' ? key : key());
  if (m) return { dir: m.dir };
  return {
    notRead: installed
      ? `it is not in .terraform/modules/modules.json: run \`terraform init\` again to install it and let the roles it defines or names be checked`
      : `a module from ${JSON.stringify(source).slice(0, 200)} is read once \`terraform init\` has installed it (.terraform/modules/modules.json): run it to let the roles it defines or names be checked`,
  };
}
