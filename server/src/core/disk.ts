/**
 * The files of a workspace on disk: every `.tf` and `.json` file under the root, minus the
 * excluded ones; files over maxFileBytes are reported, not listed. Symlinked folders are followed
 * once (a loop is walked once). Shared by Workspace.loadFromDisk and the cold analysis.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  return (file) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    return globs.some((m) => m(rel) || m(rel + '/'));
  };
}

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
  const walk = function* (dir: string): Generator<void> {
    let real: string;
    try { real = fs.realpathSync.native(dir); } catch { return; }
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
      if (d.isSymbolicLink()) {
        try { const st = fs.statSync(full); isDir = st.isDirectory(); isFile = st.isFile(); } catch { continue; }
      }
      if (isDir) yield* walk(full);
      else if (isFile && (d.name.endsWith('.tf') || d.name.endsWith('.json'))) {
        try {
          const size = fs.statSync(full).size;
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

export function unreadable(file: string, e: unknown): FileProblem {
  return { rule: 'file-unreadable', severity: 'warning', file, range: ZERO_RANGE, message: `File unreadable: ${String(e)}` };
}

/** A file's text from disk when it is inside root and not over maxBytes (what file()/templatefile() may read); else undefined. */
export function readInside(root: string, file: string, maxBytes: number): string | undefined {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  try {
    if (fs.statSync(file).size > maxBytes) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
