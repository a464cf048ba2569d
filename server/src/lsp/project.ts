/**
 * One core Workspace per workspace folder, kept current from open documents and watched files,
 * re-analysed (debounced) after every change, diagnostics published per file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { Workspace } from '../core/workspace';
import { analyze, createAnalysisCache, type AnalysisCache } from '../core/analyze';
import type { Finding } from '../core/model';
import type { AnalysisSettings } from '../core/settings';
import type { WorkspaceModel } from '../core/workspace-model';
import { DiagnosticPublisher, groupIncrementally, type Grouped } from './handlers/diagnostics';
import type { Status } from './status';

export interface Folder {
  root: string;
  workspace?: Awaited<ReturnType<ProjectDeps['createWorkspace']>>;
  ready: Promise<void>;
  model?: WorkspaceModel;
  findings: Finding[];
  /** Findings, problems and diagnostics by file (the last analysis'; after a failed one, its file problems only). */
  grouped?: Grouped;
  failed?: string;
  /** Resource-scoped settings of this folder (else the project's). */
  settings?: AnalysisSettings;
  /** What the analysis reuses from the previous one (roles whose inputs did not change). */
  cache?: AnalysisCache;
}

const ANALYSED = /\.(tf|json|tf\.json)$/i;

/** What the Project needs from the core; replaceable so that the handlers can be tested on their own. */
export interface ProjectDeps {
  createWorkspace: (root: string, settings: AnalysisSettings) => Promise<Pick<Workspace, 'loadFromDisk' | 'setFile' | 'removeFile' | 'getText' | 'files' | 'updateSettings' | 'model'> & Partial<Pick<Workspace, 'fileCount'>>>;
  analyze: typeof analyze;
}

const CORE: ProjectDeps = {
  createWorkspace: (root, settings) => Workspace.create({ root, settings }),
  analyze,
};

export class Project {
  readonly folders: Folder[] = [];
  private readonly publisher: DiagnosticPublisher;
  private timer: NodeJS.Timeout | undefined;
  private dirty = new Set<Folder>();
  private readonly open = new Set<string>();
  /** The version of each open document, as the client numbered it. */
  private readonly versions = new Map<string, number>();
  /** Documents changed since their last publish: published even when their diagnostics did not change. */
  private readonly touched = new Set<string>();
  /** Duration of the last analysis after edits only (typing, files changed on disk): quick ones run at once, slow ones are debounced (up to debounceMs). */
  private editAnalysisMs: number | undefined;
  /** What the pending analysis is for: only edits of open documents, or more (indexing, settings, disk). */
  private pendingEditsOnly = true;

  constructor(
    private readonly connection: Connection,
    private readonly status: Status,
    private settings: AnalysisSettings,
    private readonly debounceMs = 150,
    private readonly deps: ProjectDeps = CORE,
  ) {
    this.publisher = new DiagnosticPublisher(connection);
  }

  log(msg: string): void {
    this.connection.console.log(msg);
  }

  private readonly pendingSettings = new Map<string, AnalysisSettings>();

  /** Settings for a folder about to be added. */
  addFolderSettings(root: string, settings: AnalysisSettings | undefined): void {
    if (settings) this.pendingSettings.set(root, settings);
  }

  /** Creates and loads a Workspace per root. */
  addFolder(root: string, report?: (done: number, total: number, root: string) => void): Folder {
    const folder: Folder = { root, findings: [], ready: Promise.resolve(), settings: this.pendingSettings.get(root) };
    this.pendingSettings.delete(root);
    this.folders.push(folder);
    folder.ready = (async () => {
      try {
        const t0 = Date.now();
        folder.workspace = await this.deps.createWorkspace(root, folder.settings ?? this.settings);
        await folder.workspace.loadFromDisk();
        this.status.send({ state: 'indexing', files: this.fileCount() });
        this.log(`[${root}] loaded ${folder.workspace.files().length} files in ${Date.now() - t0} ms`);
        report?.(this.folders.indexOf(folder) + 1, this.folders.length, root);
      } catch (e) {
        folder.failed = e instanceof Error ? e.message : String(e);
        this.status.error(`loading ${root}`, e);
      }
    })();
    return folder;
  }

  removeFolder(root: string): void {
    const i = this.folders.findIndex((f) => f.root === root);
    if (i < 0) return;
    const [f] = this.folders.splice(i, 1);
    this.publisher.clearAll((file) => isUnder(file, f.root));
  }

  folderOf(file: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) if (isUnder(file, f.root) && (!best || f.root.length > best.root.length)) best = f;
    return best;
  }

  /** No change of the folder owning `file` waits for analysis: its findings are those of the texts as they are. */
  isCurrent(file: string): boolean {
    const folder = this.folderOf(file);
    return !!folder && !this.dirty.has(folder) && !folder.failed;
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  /** An open editor's text (authoritative while open); `version`: the document's version. */
  async setText(file: string, text: string, opened = false, version?: number): Promise<void> {
    if (!ANALYSED.test(file)) return;
    if (opened) this.open.add(file);
    if (version !== undefined) this.versions.set(file, version);
    this.touched.add(file);
    const folder = this.folderOf(file);
    if (!folder) return;
    await folder.ready;
    this.guard(folder, `setFile ${file}`, () => folder.workspace?.setFile(file, text, { open: this.open.has(file) }));
    this.schedule(folder, !opened);
  }

  /** Closed editor or watched change: back to the disk's text (or gone). */
  async reloadFromDisk(file: string, closed = false): Promise<void> {
    if (closed) {
      this.open.delete(file);
      this.versions.delete(file);
    }
    if (this.open.has(file) || !ANALYSED.test(file)) return;
    const folder = this.folderOf(file);
    if (!folder) return;
    await folder.ready;
    let text: string | undefined;
    try {
      const st = fs.statSync(file);
      text = st.isFile() ? fs.readFileSync(file, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    this.guard(folder, `reload ${file}`, () => {
      if (text === undefined) folder.workspace?.removeFile(file);
      else folder.workspace?.setFile(file, text);
    });
    this.schedule(folder, true);
  }

  async removed(file: string): Promise<void> {
    if (this.open.has(file)) return;
    const folder = this.folderOf(file);
    if (!folder) {
      return;
    }
    await folder.ready;
    // A deleted folder: forget every file under it.
    this.guard(folder, `remove ${file}`, () => {
      const ws = folder.workspace;
      if (!ws) return;
      for (const f of ws.files()) if (f === file || isUnder(f, file)) ws.removeFile(f);
    });
    this.schedule(folder, true);
  }

  /** Settings of one folder (resource scope), or of every folder when `root` is undefined. */
  updateSettings(settings: AnalysisSettings, root?: string): void {
    if (root === undefined) this.settings = settings;
    for (const f of this.folders) {
      if (root !== undefined && f.root !== root) continue;
      if (root !== undefined) f.settings = settings;
      void f.ready.then(() => {
        this.guard(f, 'updateSettings', () => f.workspace?.updateSettings(f.settings ?? this.settings));
        this.schedule(f);
      });
    }
  }

  scheduleAll(): void {
    for (const f of this.folders) void f.ready.then(() => this.schedule(f));
  }

  /**
   * Debounce: edits (of open documents, and files changed on disk) are analysed at once while
   * their analyses are quick (an edit's diagnostics come at once), else after up to debounceMs
   * (keystrokes and checkouts coalesce); opening, indexing and settings wait debounceMs.
   */
  private delay(): number {
    if (!this.pendingEditsOnly) return this.debounceMs;
    const last = this.editAnalysisMs;
    return last === undefined || last < 25 ? 0 : Math.min(this.debounceMs, Math.round(last));
  }

  private schedule(folder: Folder, edit = false): void {
    this.dirty.add(folder);
    if (!edit) this.pendingEditsOnly = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const folders = [...this.dirty];
      const editsOnly = this.pendingEditsOnly;
      this.dirty.clear();
      this.pendingEditsOnly = true;
      const t0 = performance.now();
      for (const f of folders) this.analyseNow(f);
      if (editsOnly) this.editAnalysisMs = performance.now() - t0;
      this.reportReady();
      for (const w of this.idleWaiters.splice(0)) w();
    }, this.delay());
  }

  /** Runs the analysis of one folder and publishes; never throws. */
  analyseNow(folder: Folder): void {
    const owns = (file: string) => this.folderOf(file) === folder;
    if (!folder.workspace) {
      this.publisher.clearAll(owns);
      return;
    }
    const ws = folder.workspace;
    try {
      const t0 = Date.now();
      const model = ws.model();
      folder.cache ??= createAnalysisCache();
      // Fixes are computed when asked for (code actions), from the texts as they are then: only
      // while the analysis is current (codeActions checks isCurrent), so these are the texts analysed.
      const getText = (file: string) => ws.getText(file);
      const result = this.deps.analyze(model, folder.settings ?? this.settings, { getText, cache: folder.cache });
      folder.model = model;
      folder.findings = result.findings;
      folder.grouped = groupIncrementally(result.findings, model.problems, folder.grouped, result.byFile);
      folder.failed = undefined;
      this.log(`[${folder.root}] ${model.roles.length} roles (${folder.cache.evaluated} evaluated), ${result.findings.length} findings, ${model.problems.length} file problems in ${Date.now() - t0} ms`);
    } catch (e) {
      // Never leave stale findings: an analysis that failed publishes no findings for this folder
      // (file problems such as syntax errors are still shown when the model could be built).
      folder.failed = e instanceof Error ? e.message : String(e);
      folder.findings = [];
      let problems: WorkspaceModel['problems'] = [];
      try {
        problems = ws.model().problems;
      } catch {
        /* the model itself failed */
      }
      folder.grouped = groupIncrementally([], problems);
      this.status.error(`analysis of ${folder.root}`, e);
    }
    const force = new Set<string>();
    for (const f of this.touched) if (owns(f)) { force.add(f); this.touched.delete(f); }
    try {
      this.publisher.publish(folder.grouped?.diagnostics ?? new Map(), owns, { force, version: (f) => this.versions.get(f) });
    } catch (e) {
      this.status.error('publishing diagnostics', e);
    }
  }

  private fileCount(): number {
    let n = 0;
    for (const f of this.folders) {
      try {
        n += f.workspace?.fileCount?.() ?? f.workspace?.files().length ?? 0;
      } catch {
        /* counted as 0 */
      }
    }
    return n;
  }

  private reportReady(): void {
    const failed = this.folders.find((f) => f.failed);
    if (failed) {
      this.status.send({ state: 'error', message: failed.failed });
      return;
    }
    const files = this.fileCount();
    let roles = 0;
    let findings = 0;
    for (const f of this.folders) {
      roles += f.model?.roles.length ?? 0;
      findings += f.findings.length;
    }
    this.status.send({ state: 'ready', files, roles, findings });
  }

  private readonly idleWaiters: (() => void)[] = [];

  /** Resolves once no analysis is pending (for tests and the reanalyse request). */
  idle(): Promise<void> {
    if (!this.timer && !this.dirty.size) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private guard(folder: Folder, what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.status.error(what, e);
      folder.failed = e instanceof Error ? e.message : String(e);
    }
  }

  /** The findings of the folder owning `file` whose file is `file`. */
  findingsIn(file: string): Finding[] {
    const byFile = this.folderOf(file)?.grouped?.findings;
    return byFile?.get(file) ?? byFile?.get(path.resolve(file)) ?? [];
  }
}

export function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
