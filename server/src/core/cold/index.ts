/**
 * Cold analysis of a whole workspace from disk (the CLI's engine): the files are listed, split into parts that are analysed independently
 * (cold/partition.ts), and the parts are dealt to worker threads when the workspace is large
 * enough for the second core to pay for a worker's start. The findings are those of one
 * Workspace over every file (the same list, deduplicated and sorted the same way: tested).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { dedupeAndSort } from '../analyze';
import { listWorkspaceFiles } from '../disk';
import type { Finding } from '../model';
import type { AnalysisSettings } from '../settings';
import type { FileProblem } from '../workspace-model';
import { analyseParts, type ColdPartResult, type ColdRequest } from './analyse';
import { deal, partition, scanLocalCalls } from './partition';

export interface ColdOptions {
  /** Worker threads: 0 analyses in this thread; default: one per core (at most 4) for workspaces over `parallelBytes`. */
  workers?: number;
  /** Compute every finding's fixes. */
  fixes?: boolean;
  /** Below this many bytes of text the analysis stays in this thread (default 768 KiB). */
  parallelBytes?: number;
  /** The worker thread's script (default: next to this module); tests give one that fails. */
  workerScript?: string;
}

export interface ColdResult {
  findings: Finding[];
  problems: FileProblem[];
  roles: number;
  /** Every file analysed. */
  files: string[];
  /** How many threads analysed it (1: this one). */
  threads: number;
}

/** The worker script next to this module: the bundle's dist/cold-worker.js, or worker.ts when run from source. */
function workerScript(): string {
  return __filename.endsWith('.ts') ? path.join(__dirname, 'worker.ts') : path.join(__dirname, 'cold-worker.js');
}

function runWorker(script: string, req: ColdRequest, onPart: (r: ColdPartResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const w = new Worker(script, { workerData: req });
    w.on('message', (m: { kind: string; result?: ColdPartResult; message?: string }) => {
      if (m.kind === 'part' && m.result) onPart(m.result);
      else if (m.kind === 'done') { settled = true; resolve(); void w.terminate(); }
      else if (m.kind === 'error') { settled = true; reject(new Error(m.message)); void w.terminate(); }
    });
    w.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    w.on('exit', (code) => { if (!settled) { settled = true; reject(new Error(`cold-analysis worker exited with code ${code}`)); } });
  });
}

export async function coldAnalyze(dir: string, settings: AnalysisSettings, options: ColdOptions = {}): Promise<ColdResult> {
  const root = path.resolve(dir);
  const listed = listWorkspaceFiles(root, settings);
  const calls = (file: string) => {
    let text = '';
    try { text = fs.readFileSync(file, 'utf8'); } catch { /* reported when the part reads it */ }
    return scanLocalCalls(file, text);
  };
  const parts = partition(listed.files, calls);
  const bytes = parts.reduce((n, p) => n + p.bytes, 0);
  const wanted = options.workers ?? (bytes >= (options.parallelBytes ?? 768 * 1024) ? Math.min(4, os.availableParallelism?.() ?? os.cpus().length) : 0);
  const bins = deal(parts, Math.max(1, wanted));
  const results = new Map<string, ColdPartResult>();
  const got = (r: ColdPartResult) => void results.set(r.files[0] ?? '', r);
  const fixes = options.fixes ?? false;
  let threads = 1;
  if (wanted >= 2 && bins.length >= 2) {
    threads = bins.length;
    await Promise.all(bins.map(async (bin) => {
      const req: ColdRequest = { root, settings, parts: bin.map((p) => p.files), fixes };
      try {
        await runWorker(options.workerScript ?? workerScript(), req, got);
      } catch {
        // A worker that could not start or died: its parts not reported yet are analysed here.
        const rest = req.parts.filter((files) => !results.has(files[0] ?? ''));
        await analyseParts({ ...req, parts: rest }, got);
      }
    }));
  } else {
    await analyseParts({ root, settings, parts: parts.map((p) => p.files), fixes }, got);
  }
  // In the order of the parts (not of arrival): the same output for the same workspace.
  const ordered = parts.map((p) => results.get(p.files[0] ?? '')).filter((r): r is ColdPartResult => !!r);
  const problems: FileProblem[] = [...listed.problems];
  const all: Finding[] = [];
  let roles = 0;
  for (const r of ordered) {
    for (const p of r.problems) problems.push(p);
    for (const f of r.findings) all.push(f);
    roles += r.roles;
  }
  return { findings: dedupeAndSort(all), problems, roles, files: listed.files.map((f) => f.file), threads };
}
