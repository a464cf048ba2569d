/**
 * The files of the modules a workspace's configuration calls that the folder listing (core/disk.ts)
 * does not hold:
 * - local modules outside the analysed folder (`check examples/basic` whose main.tf calls `../..`,
 *   `check environments/dev` calling `../../modules/iam`), followed from call to call;
 * - modules installed by `terraform init`, named by `.terraform/modules/modules.json` beside a root
 *   module (the listing leaves `.terraform` out, and it is never walked: only the folders the record
 *   names are read, as terraform-ls reads them).
 * Only a module's own folder is read (its `.tf` and `.tf.json` files, not its subfolders), and only
 * folders a module call reaches.
 *
 * For core/gate.ts (every read of a workspace file): `outsideRoots` are the module roots outside the
 * analysed folder that its configuration legitimately uses: the folders reached by literal local
 * `source = "../…"` module calls, transitively, from the folder's Terraform files. A file of one of
 * them is read with that folder as the gate's root (its real path must lie inside the module
 * folder's real path), never with the analysed folder's; anything else outside stays refused
 * (Workspace's `moduleRoots`, gateRootOf).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZERO_RANGE, type ListedFile } from './disk';
import { isRefusal, readGatedBytes, readTextOrUndefined } from './gate';
import { scanLocalCallsIn } from './cold/partition';
import { isTerraformFile } from './terraform/json-syntax';
import { isLocalSource, MODULES_JSON, readModulesJson } from './terraform/modules';
import type { FileProblem } from './workspace-model';

/** Module folders read beyond the listing, at most (a hostile configuration calling thousands stays cheap). */
export const MAX_MODULE_DIRS = 256;

export interface ModuleFiles {
  /** Files of called module folders that the listing does not hold, and the modules.json records read. */
  files: ListedFile[];
  /** Local module calls of those files, and calls from a root module's file to the folders its modules.json names (they join its part). */
  calls: Map<string, string[]>;
  /** The module roots outside the analysed folder (lexical, absolute): see the file comment. */
  outsideRoots: string[];
  problems: FileProblem[];
}

/**
 * The local sources of the `module` blocks of a Terraform file, read line by line: a `module "x" {`
 * line opens a block, a `source = "./…"` or `"../…"` line in it is its source, a `}` at the start of a
 * line closes it (one-line calls too). Stricter than the partition's scan (cold/partition.ts), which
 * also takes a `source` of a resource or in a comment: a folder outside the analysed one is read
 * only when a module call names it. In Terraform's JSON syntax, the `source` of a `"module"` object.
 */
export function moduleCallsIn(file: string, text: string): string[] {
  const dir = path.dirname(file);
  const out: string[] = [];
  if (file.endsWith('.json')) {
    let json: unknown;
    try { json = JSON.parse(text); } catch { return out; }
    const mods = (json as { module?: unknown })?.module;
    const each = Array.isArray(mods) ? mods : [mods];
    for (const m of each) {
      if (!m || typeof m !== 'object') continue;
      for (const call of Object.values(m as Record<string, unknown>)) {
        for (const c of Array.isArray(call) ? call : [call]) {
          const src = (c as { source?: unknown })?.source;
          if (typeof src === 'string' && isLocalSource(src)) out.push(path.normalize(path.join(dir, src)));
        }
      }
    }
    return out;
  }
  let inModule = false;
  for (const line of text.split('\n')) {
    const open = /^\s*module\s+"[^"]*"\s*\{(.*)$/.exec(line);
    const rest = open ? open[1] : inModule ? line : undefined;
    if (open) inModule = true;
    if (rest !== undefined) {
      const m = /^\s*source\s*=\s*"(\.\.?\/[^"$]*)"/.exec(rest);
      if (m) out.push(path.normalize(path.join(dir, m[1])));
      if (/}\s*(#.*|\/\/.*)?$/.test(rest) && (open || /^}/.test(line))) inModule = false;
    }
  }
  return out;
}

/** Whether `file` lies in `dir` or below it, by path (no symlink resolved). */
export function under(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The `.tf` and `.tf.json` files of one folder (not its subfolders), regular files or links to them. */
function terraformFilesIn(dir: string, maxBytes: number, problems: FileProblem[]): ListedFile[] {
  let names: fs.Dirent[];
  try { names = fs.readdirSync(dir, { withFileTypes: true }); } catch { return []; }
  const out: ListedFile[] = [];
  for (const d of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!isTerraformFile(d.name) || !(d.isFile() || d.isSymbolicLink())) continue;
    const file = path.join(dir, d.name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    if (st.size > maxBytes) {
      problems.push({ rule: 'file-skipped', severity: 'warning', file, range: ZERO_RANGE, message: `File skipped: ${st.size} bytes exceeds maxFileBytes (${maxBytes})` });
      continue;
    }
    out.push({ file, size: st.size });
  }
  return out;
}

/**
 * The module files a listing of `root` calls for (see the file comment). `listed`: the listing's
 * files; `calls`: the local module calls of its Terraform files (file to folders); `textOf`: a
 * calling file's text when it is not the disk's (an editor's, in the language server).
 */
export function moduleFiles(root: string, maxBytes: number, listed: readonly ListedFile[], calls: ReadonlyMap<string, string[]>, textOf?: (file: string) => string | undefined): ModuleFiles {
  const out: ModuleFiles = { files: [], calls: new Map(), outsideRoots: [], problems: [] };
  const listedDirs = new Set<string>();
  for (const f of listed) if (isTerraformFile(f.file)) listedDirs.add(path.dirname(f.file));
  const done = new Set<string>(listedDirs);
  let budget = MAX_MODULE_DIRS;
  const queue: { dir: string; gateRoot: string | undefined }[] = [];
  /** A folder a call reaches: read when the listing does not hold it. */
  const reach = (dir: string): void => {
    if (done.has(dir)) return;
    done.add(dir);
    if (under(root, dir)) {
      // Inside the folder: the listing holds it unless it is excluded or has no Terraform file; installed modules are added below.
      return;
    }
    queue.push({ dir, gateRoot: dir });
    out.outsideRoots.push(dir);
  };
  const addCalls = (file: string, dirs: string[]): void => {
    if (!dirs.length) return;
    const have = out.calls.get(file) ?? [];
    out.calls.set(file, [...have, ...dirs]);
  };

  // Installed modules: a modules.json beside a folder's Terraform files (a root module where `terraform init` ran).
  for (const dir of [...listedDirs].sort()) {
    const record = path.join(dir, MODULES_JSON);
    if (!fs.existsSync(record)) continue;
    const text = readTextOrUndefined(root, record, maxBytes);
    if (text === undefined || isRefusal(text)) continue;
    const installed = readModulesJson(dir, text);
    const first = listed.find((f) => path.dirname(f.file) === dir && isTerraformFile(f.file))!.file;
    out.files.push({ file: record, size: Buffer.byteLength(text) });
    const dirs = [path.dirname(record)];
    for (const m of installed.values()) {
      if (done.has(m.dir)) { dirs.push(m.dir); continue; }
      if (budget-- <= 0) break;
      done.add(m.dir);
      queue.push({ dir: m.dir, gateRoot: root });
      dirs.push(m.dir);
    }
    addCalls(first, dirs);
  }
  // Folders outside the root: only those a module block names (the scan may also have seen a resource's source or a comment).
  for (const [file, cs] of calls) {
    if (cs.every((c) => under(root, c))) continue;
    let text = textOf?.(file);
    if (text === undefined) try { const t = readGatedBytes(root, file, maxBytes); if (!isRefusal(t)) text = t.toString('utf8'); } catch { /* unread */ }
    if (text === undefined) continue;
    const confirmed = new Set(moduleCallsIn(file, text));
    for (const c of cs) if (confirmed.has(c)) reach(c);
  }

  while (queue.length) {
    const { dir, gateRoot } = queue.shift()!;
    if (budget-- <= 0) {
      out.problems.push({ rule: 'unresolved-reference', severity: 'warning', file: dir, range: ZERO_RANGE, message: `More than ${MAX_MODULE_DIRS} module folders are called: this one and those after it are not read, so the roles they define are not checked.` });
      break;
    }
    for (const f of terraformFilesIn(dir, maxBytes, out.problems)) {
      out.files.push(f);
      let bytes: Buffer | undefined;
      try {
        const b = readGatedBytes(gateRoot, f.file, maxBytes);
        if (!isRefusal(b)) bytes = b;
      } catch { /* reported when the part reads it */ }
      if (!bytes) continue;
      const cs = scanLocalCallsIn(f.file, bytes);
      addCalls(f.file, cs);
      if (!cs.length) continue;
      const confirmed = new Set(moduleCallsIn(f.file, bytes.toString('utf8')));
      for (const c of cs) if (confirmed.has(c) || under(root, c)) reach(c);
    }
  }
  return out;
}

/**
 * The local module calls of the listed Terraform files (those that call any), read through the gate.
 * `keep`: the texts read, kept for the read that analyses them (ReadTexts).
 */
export function scanCalls(root: string, files: readonly ListedFile[], maxBytes: number, keep?: ReadTexts): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  for (const { file } of files) {
    if (!isTerraformFile(file)) continue;
    const c = scanCallsOf(root, file, maxBytes, keep);
    if (c.length) calls.set(file, c);
  }
  return calls;
}

/**
 * Texts of files read through the gate (with the analysed folder as its root) by the scan for module
 * calls, kept for the load that follows in the same run (Workspace.loadFiles `read`), so that a file
 * is read once. Bounded: past `room` bytes, files are read again instead. The load takes each text
 * out as it uses it.
 */
export interface ReadTexts {
  texts: Map<string, string>;
  /** Bytes of text the map may still take. */
  room: number;
}

/** How much text a run keeps between the scan for module calls and the load (ReadTexts.room). */
export const READ_TEXTS_BYTES = 64 * 1024 * 1024;

/** The local module calls of one Terraform file on disk (cold/partition.ts scan), read through the gate; none when it is refused or unreadable (reported when it is read). */
export function scanCallsOf(root: string, file: string, maxBytes: number, keep?: ReadTexts): string[] {
  try {
    const b = readGatedBytes(root, file, maxBytes);
    if (isRefusal(b)) return [];
    if (!keep || keep.room < b.length) return scanLocalCallsIn(file, b);
    const text = b.toString('utf8');
    keep.texts.set(file, text);
    keep.room -= b.length;
    return scanLocalCallsIn(file, text);
  } catch {
    return [];
  }
}
