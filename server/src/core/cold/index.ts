/**
 * Cold analysis of a whole workspace from disk (the CLI's engine): the files are listed, split into parts that are analysed independently
 * (cold/partition.ts), and the parts are dealt to worker threads when the workspace is large
 * enough for the second core to pay for a worker's start. The findings are those of one
 * Workspace over every file (the same list, deduplicated and sorted the same way: tested).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { dedupeAndSort } from '../analyze';
import { LIST_STEP, listing, type ListedFile } from '../disk';
import type { Finding } from '../model';
import type { AnalysisSettings } from '../settings';
import { nextTurn, runSteps, runStepsYielding } from '../steps';
import type { SuppressedFinding } from '../suppress';
import type { FileProblem } from '../workspace-model';
import { analyseParts, type ColdPartResult, type ColdRequest } from './analyse';
import { isTerraformFile } from '../terraform/json-syntax';
import { deal, partition, type Part } from './partition';
import { moduleFiles, READ_TEXTS_BYTES, scanCallsOf, type ReadTexts } from '../module-files';
import { isJsonTrustFinding } from '../terraform/model';

export interface ColdOptions {
  /** Worker threads: 0 analyses in this thread; default: one per core (at most 4) for workspaces over `parallelBytes` (THREADS_BYTES). */
  workers?: number;
  /** Compute every finding's fixes. */
  fixes?: boolean;
  /** The machine's cores, as defaultWorkers counts them (tests; default: os.availableParallelism()). */
  cores?: number;
  /** Below this many bytes of text the analysis stays in this thread (default THREADS_BYTES, 4 MiB). */
  parallelBytes?: number;
  /** The worker thread's script (default: next to this module); tests give one that fails. */
  workerScript?: string;
  /**
   * Heap cap of each worker (MB of old generation). V8 collects a capped heap early instead of
   * letting garbage grow it; a part too large for the cap ends its worker, and the parts it had not
   * reported are analysed in this thread. Default: none.
   */
  workerHeapMb?: number;
  /**
   * In this thread, return to the event loop between parts, so that a language server keeps
   * receiving messages while its first index runs; a part whose analysis throws is left without a
   * result (the caller analyses it again and reports it) and the others go on. Default: false (the
   * CLI runs straight through).
   */
  yieldBetweenParts?: boolean;
  /** With yieldBetweenParts: which part goes next, as an index into the parts not analysed yet (default: the first). */
  next?: (rest: Part[]) => number;
  /**
   * With yieldBetweenParts: texts to analyse instead of the disk's (documents open in editors), asked
   * for as each part starts; a part's result names the files it took from there (`edited`).
   */
  texts?: () => ReadonlyMap<string, string>;
  /** Module folders outside the root that the configuration calls (ColdPlan.moduleRoots): their files are read with them as the gate's root. */
  moduleRoots?: string[];
  /** Each part's result as soon as it is known (in any thread), before the whole analysis returns. */
  onPart?: (r: ColdPartResult) => void;
  /**
   * Texts the plan read (ColdPlan.read), for the parts analysed straight through in this thread,
   * which take them instead of reading the files again (not sent to workers, not used when yielding).
   */
  read?: Map<string, string>;
}

export interface ColdResult {
  findings: Finding[];
  problems: FileProblem[];
  roles: number;
  /** Every file analysed. */
  files: string[];
  /** How many threads analysed it (1: this one). */
  threads: number;
  /** Findings left out by in-source suppressions, with their reasons. */
  suppressed: SuppressedFinding[];
}

/** The worker script next to this module: the bundle's dist/cold-worker.js, or worker.ts when run from source. */
function workerScript(): string {
  return __filename.endsWith('.ts') ? path.join(__dirname, 'worker.ts') : path.join(__dirname, 'cold-worker.js');
}

function runWorker(script: string, req: ColdRequest, onPart: (r: ColdPartResult) => void, heapMb: number | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const w = new Worker(script, { workerData: req, resourceLimits: heapMb ? { maxOldGenerationSizeMb: heapMb } : undefined });
    w.on('message', (m: { kind: string; result?: ColdPartResult; message?: string }) => {
      if (m.kind === 'part' && m.result) onPart(m.result);
      else if (m.kind === 'done') { settled = true; void w.terminate().then(() => resolve(), () => resolve()); }
      else if (m.kind === 'error') { settled = true; reject(new Error(m.message)); void w.terminate(); }
    });
    w.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    w.on('exit', (code) => { if (!settled) { settled = true; reject(new Error(`cold-analysis worker exited with code ${code}`)); } });
  });
}

export interface ColdPlan {
  listed: { files: ListedFile[]; problems: FileProblem[] };
  parts: Part[];
  /** The local module calls of the `.tf` files that call any. */
  calls: Map<string, string[]>;
  /** Module folders outside the root that the configuration calls (core/module-files.ts): their files are in `listed` and read with them as the gate's root. */
  moduleRoots: string[];
  /** With planCold's `keepTexts`: the texts of the Terraform files its scan read (through the gate, the root as its root). */
  read?: Map<string, string>;
}

/**
 * The files of a workspace on disk, split into parts, with the local module calls of its `.tf` files
 * (those that call any). `keepTexts`: whether to keep the texts the scan reads (ColdPlan.read,
 * bounded: READ_TEXTS_BYTES), asked with the listed files' bytes, for a run that reads the parts
 * straight after in this thread (each file read once).
 */
export function planCold(root: string, settings: AnalysisSettings, keepTexts?: (bytes: number) => boolean): ColdPlan {
  return runSteps(planning(root, settings, keepTexts));
}

/** planCold returning to the event loop every few milliseconds (a language server's first index). */
export function planColdYielding(root: string, settings: AnalysisSettings): Promise<ColdPlan> {
  return runStepsYielding(planning(root, settings));
}

/** planCold as steps (core/steps.ts): the listing's, then a pause after every LIST_STEP files scanned for calls. */
function* planning(root: string, settings: AnalysisSettings, keepTexts?: (bytes: number) => boolean): Generator<void, ColdPlan> {
  const listed = yield* listing(root, settings);
  const calls = new Map<string, string[]>();
  const keep: ReadTexts | undefined = keepTexts?.(listed.files.reduce((n, f) => n + f.size, 0)) ? { texts: new Map(), room: READ_TEXTS_BYTES } : undefined;
  let scanned = 0;
  for (const { file } of listed.files) {
    if (!isTerraformFile(file)) continue;
    if (++scanned % LIST_STEP === 0) yield;
    const c = scanCallsOf(root, file, settings.maxFileBytes, keep);
    if (c.length) calls.set(file, c);
  }
  // The modules it calls outside the root, and those `terraform init` installed (core/module-files.ts).
  const modules = moduleFiles(root, settings.maxFileBytes, listed.files, calls);
  for (const [f, c] of modules.calls) calls.set(f, [...(calls.get(f) ?? []), ...c]);
  const all = modules.files.length || modules.problems.length ? { files: [...listed.files, ...modules.files], problems: [...listed.problems, ...modules.problems] } : listed;
  const plan: ColdPlan = { listed: all, parts: partition(all.files, (file) => calls.get(file) ?? []), calls, moduleRoots: modules.outsideRoots };
  if (keep) plan.read = keep.texts;
  return plan;
}

/**
 * Below this many bytes of text the CLI analyses in one thread. Measured on two cores (2026-12-04,
 * bench workspaces): at 2.5 MB (2,000 files) two threads gained nothing (2,611–2,952 ms against
 * 2,575–2,925 ms in one, three sets of runs) and took 244–255 MB instead of 163–172 MB; at 6.2 MB
 * (5,000 files) 1.12× (4,993–5,099 ms against 5,533–5,731 ms); at 12.4 MB (10,000 files) 1.2×.
 * Since the quick reader halved each thread's work (2026-12-05), two threads on two cores gain
 * nothing even at 10,000 files (3,974 ms against 3,998 ms in one, medians of three runs; later the
 * same day, interleaved, 4,079–5,559 ms against 4,349–5,739 ms) and take 80–100 MB more: see MIN_CORES.
 */
export const THREADS_BYTES = 4 * 1024 * 1024;

/**
 * Worker threads only on machines with at least this many cores. On two, two workers were measured
 * no faster than one thread and 80–100 MB larger (THREADS_BYTES); on more, where they were not
 * measured, one per core (at most 4) for large workspaces, as before. `--threads N` chooses.
 */
export const MIN_CORES = 3;

/** Worker threads by default: one per core (at most 4) when the parts hold over `parallelBytes` (THREADS_BYTES) and the machine has MIN_CORES cores, else none. */
function defaultWorkers(parts: Part[], options: ColdOptions): number {
  const bytes = parts.reduce((n, p) => n + p.bytes, 0);
  const cores = options.cores ?? os.availableParallelism?.() ?? os.cpus().length;
  return bytes >= (options.parallelBytes ?? THREADS_BYTES) && cores >= MIN_CORES ? Math.min(4, cores) : 0;
}

/**
 * Each part analysed on its own (results in the order of `parts`): in this thread (workers 0), or
 * dealt to `options.workers` worker threads (default: defaultWorkers).
 */
export async function analyseColdParts(root: string, settings: AnalysisSettings, parts: Part[], options: ColdOptions = {}): Promise<{ results: ColdPartResult[]; threads: number }> {
  const wanted = options.workers ?? defaultWorkers(parts, options);
  const results = new Map<string, ColdPartResult>();
  const got = (r: ColdPartResult) => {
    results.set(r.files[0] ?? '', r);
    options.onPart?.(r);
  };
  const fixes = options.fixes ?? false;
  let threads = 1;
  if (wanted >= 1 && parts.length) {
    const bins = deal(parts, wanted);
    threads = bins.length;
    await Promise.all(bins.map(async (bin) => {
      const req: ColdRequest = { root, settings, parts: bin.map((p) => p.files), fixes, moduleRoots: options.moduleRoots };
      try {
        await runWorker(options.workerScript ?? workerScript(), req, got, options.workerHeapMb);
      } catch {
        // A worker that could not start or died: its parts not reported yet are analysed here.
        const rest = req.parts.filter((files) => !results.has(files[0] ?? ''));
        await analyseParts({ ...req, parts: rest }, got);
      }
    }));
  } else if (options.yieldBetweenParts) {
    const rest = [...parts];
    while (rest.length) {
      const i = options.next?.(rest) ?? 0;
      const [p] = rest.splice(i >= 0 && i < rest.length ? i : 0, 1);
      try {
        await analyseParts({ root, settings, parts: [p.files], fixes, texts: options.texts?.(), moduleRoots: options.moduleRoots }, got, nextTurn);
      } catch {
        // No result for this part: the caller analyses it again on its own and reports the failure.
      }
      await nextTurn();
    }
  } else {
    await analyseParts({ root, settings, parts: parts.map((p) => p.files), fixes, moduleRoots: options.moduleRoots, read: options.read }, got);
  }
  // In the order of the parts (not of arrival): the same output for the same workspace.
  return { results: parts.map((p) => results.get(p.files[0] ?? '')).filter((r): r is ColdPartResult => !!r), threads };
}

export async function coldAnalyze(dir: string, settings: AnalysisSettings, options: ColdOptions = {}): Promise<ColdResult> {
  const root = path.resolve(dir);
  // The scan's texts are kept for the parts (each file read once) when they are analysed in this thread.
  const inThread = (bytes: number) => (options.workers !== undefined ? options.workers < 2 : defaultWorkers([{ files: [], bytes }], options) < 2) && !options.yieldBetweenParts;
  const { listed, parts, moduleRoots, read } = planCold(root, settings, inThread);
  // One worker alone would only add its start to this thread's work: the CLI uses two or more, or none.
  const wanted = Math.min(options.workers ?? defaultWorkers(parts, options), parts.length);
  const workers = wanted >= 2 ? wanted : 0;
  const { results, threads } = await analyseColdParts(root, settings, parts, { ...options, moduleRoots, workers, read: workers ? undefined : read });
  const problems: FileProblem[] = [...listed.problems];
  const all: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  let roles = 0;
  // A JSON trust policy that another part reads through file() is judged there, as that role's (terraform/model.ts isJsonTrustFinding).
  const reads = new Set(results.flatMap((r) => r.reads));
  for (const r of results) {
    for (const p of r.problems) problems.push(p);
    for (const f of r.findings) if (!(reads.has(f.file) && !r.reads.includes(f.file) && isJsonTrustFinding(root, f))) all.push(f);
    for (const f of r.jsonTrust ?? []) if (reads.has(f)) roles--;
    for (const s of r.suppressed ?? []) suppressed.push(s);
    roles += r.roles;
  }
  return { findings: dedupeAndSort(all), problems, roles, files: listed.files.map((f) => f.file), threads, suppressed };
}
