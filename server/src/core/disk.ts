/**
 * The files of a workspace on disk: every `.tf` and `.json` file under the root, minus the
 * excluded ones; files over maxFileBytes are reported, not listed. Symlinked folders and files
 * are followed when their real path lies inside the root (a loop is walked once); one that leads
 * outside is reported and neither walked nor read (core/gate.ts). Shared by
 * Workspace.loadFromDisk and the cold analysis.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRefusal, OUTSIDE, readTextOrUndefined, realInside, realRoot, type Refusal } from './gate';
import type { AnalysisSettings } from './settings';
import { compilePathGlob } from './path-glob';
import { runSteps } from './steps';
import type { FileProblem } from './workspace-model';

export const ZERO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface ListedFile {
  file: string;
  size: number;
}

/**
 * A test of the settings' `exclude` globs (relative to root); an invalid pattern excludes nothing.
 * Matched without backtracking (core/path-glob.ts): a workspace's settings can set them.
 */
export function excludeMatcher(root: string, exclude: string[]): (file: string) => boolean {
  const globs: ((path: string) => boolean)[] = [];
  for (const g of exclude) {
    const m = typeof g === 'string' ? compilePathGlob(g) : undefined;
    if (m) globs.push(m);
  }
  if (!globs.length) return () => false;
  const base = root.endsWith(path.sep) ? root : root + path.sep;
  return (file) => {
    // A path the listing joined under the root: what follows the root is the relative path (no
    // `.`, `..` or empty segment for path.relative to resolve); anything else through path.relative.
    const rest = path.sep === '/' && file.startsWith(base) ? file.slice(base.length) : undefined;
    const rel = rest !== undefined && rest !== '' && !ODD_SEGMENT.test(rest) ? rest : path.relative(root, file).split(path.sep).join('/');
    return globs.some((m) => m(rel) || m(rel + '/'));
  };
}

/** A `.` or `..` segment, an empty one (a leading, doubled or trailing separator): a path that path.relative would change. */
const ODD_SEGMENT = /(^|\/)\.\.?(\/|$)|\/\/|\/$|^\//;

/** Directory entries looked at between two pauses of listing() (a few milliseconds' work). */
export const LIST_STEP = 128;

/** The analysed files under root, in walk order, and the files left out with a reason. */
export function listWorkspaceFiles(root: string, settings: Pick<AnalysisSettings, 'exclude' | 'maxFileBytes'>): { files: ListedFile[]; problems: FileProblem[] } {
  return runSteps(listing(root, settings));
}

/** listWorkspaceFiles as steps (core/steps.ts): pauses after every LIST_STEP directory entries. */
export function* listing(root: string, settings: Pick<AnalysisSettings, 'exclude' | 'maxFileBytes'>): Generator<void, { files: ListedFile[]; problems: FileProblem[] }> {
  const excluded = excludeMatcher(root, settings.exclude);
  const files: ListedFile[] = [];
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  let entries = 0;
  const rootReal = realRoot(root);
  const walk = function* (dir: string): Generator<void> {
    let real: string;
    try { real = fs.realpathSync.native(dir); } catch { return; }
    if (!realInside(rootReal, real)) return;
    if (seen.has(real)) return;
    seen.add(real);
    let names: fs.Dirent[];
    try { names = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const d of names) {
      if (++entries % LIST_STEP === 0) yield;
      const full = path.join(dir, d.name);
      if (excluded(full)) continue;
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      // A symlink's target is stat'ed to know what it is: its size is kept, not read again below.
      let size: number | undefined;
      if (d.isSymbolicLink()) {
        let real: string;
        try { real = fs.realpathSync.native(full); } catch { continue; }
        let st: fs.Stats | undefined;
        try { st = fs.statSync(real, { throwIfNoEntry: false }); } catch { continue; } // unreadable: left out, as before
        if (!st) continue;
        isDir = st.isDirectory();
        isFile = st.isFile();
        size = st.size;
        if ((isDir || (isFile && analysedName(d.name))) && !realInside(rootReal, real)) {
          problems.push({ rule: 'file-skipped', severity: 'warning', file: full, range: ZERO_RANGE, message: `${isDir ? 'Folder' : 'File'} not read: it is a symlink whose real path is outside the workspace folder` });
          continue;
        }
      }
      if (isDir) yield* walk(full);
      else if (isFile && analysedName(d.name)) {
        try {
          size ??= fs.statSync(full).size;
          if (size > settings.maxFileBytes) {
            problems.push({ rule: 'file-skipped', severity: 'warning', file: full, range: ZERO_RANGE, message: `File skipped: ${size} bytes exceeds maxFileBytes (${settings.maxFileBytes})` });
            continue;
          }
          files.push({ file: full, size });
        } catch (e) {
          problems.push(unreadable(full, e));
        }
      }
    }
  };
  yield* walk(root);
  return { files, problems };
}

const analysedName = (name: string) => name.endsWith('.tf') || name.endsWith('.json');

export function unreadable(file: string, e: unknown): FileProblem {
  return { rule: 'file-unreadable', severity: 'warning', file, range: ZERO_RANGE, message: `File unreadable: ${String(e)}` };
}

/**
 * A file's text from disk through the gate (core/gate.ts: real path inside root, a regular file,
 * at most maxBytes), what file()/templatefile() may read; else undefined.
 */
export function readInside(root: string, file: string, maxBytes: number): string | undefined {
  const t = readInsideWhy(root, file, maxBytes);
  return isRefusal(t) ? undefined : t;
}

/** readInside, with the gate's refusal (why the file is not read) instead of undefined when it refused. */
export function readInsideWhy(root: string, file: string, maxBytes: number): string | Refusal | undefined {
  const rel = path.relative(root, file);
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return OUTSIDE;
  return readTextOrUndefined(root, file, maxBytes, false);
}
