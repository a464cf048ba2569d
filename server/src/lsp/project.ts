/**
 * One WorkspaceIndex per workspace folder (core/workspace-index.ts), kept current from open documents and watched files,
 * re-analysed (debounced) after every change, diagnostics published per file.
 */
import * as path from 'node:path';
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver/node';
import { groupByFile, WorkspaceIndex } from '../core/workspace-index';
import { readInside } from '../core/disk';
import { MODULES_JSON } from '../core/terraform/modules';
import { isRefusal, readTextOrUndefined } from '../core/gate';
import type { Finding } from '../core/model';
import type { AnalysisSettings } from '../core/settings';
import type { FileProblem } from '../core/workspace-model';
import { DiagnosticPublisher, diagnosticsOf, groupIncrementally, type DiagnosticSupport, type Grouped } from './handlers/diagnostics';
import type { Status } from './status';
import { serverMessagesFor, type ServerMessages, type ServerStep } from '../core/messages/server';
import { getClientLocale } from './handlers/settings';

export interface Folder {
  root: string;
  index?: FolderIndex;
  /** Resolves when the folder is indexed (and again after each reload: settings changes). */
  ready: Promise<void>;
  roles: number;
  findings: number;
  /** Findings, problems and diagnostics by file (the last analysis'; after a failed one, its file problems only). */
  grouped?: Grouped;
  /** Why the folder's last load, reading or analysis failed, as the status bar says it (Status.error: in the client's language). */
  failed?: string;
  /** Resource-scoped settings of this folder (else the project's). */
  settings?: AnalysisSettings;
  /**
   * Added for a Terraform file opened outside every workspace folder (a single file, an editor
   * without a root): the file's folder, read two folders deep (LOOSE_EXCLUDE), dropped when its last
   * open document closes.
   */
  loose?: true;
}

/**
 * How deep a loose folder is read: its files, and those up to two folders below (`modules/iam/`),
 * never a whole home folder. Written as an exclude relative to the folder's root (a path is also
 * matched with a `/` appended, as a folder: `modules/iam/main.tf/` has three).
 */
const LOOSE_EXCLUDE = '*/*/*/*/**';

const ANALYSED = /\.(tf|json|tf\.json)$/i;

/** What the Project needs of a folder's index (core/workspace-index.ts). */
export type FolderIndex = Pick<WorkspaceIndex, 'loadFromDisk' | 'setFile' | 'removeFile' | 'getText' | 'files' | 'fileCount' | 'analyse' | 'problems'> & Partial<Pick<WorkspaceIndex, 'rolesAt' | 'outsideRoots' | 'moduleRootOf'>> & {
  updateSettings(settings: AnalysisSettings): void | Promise<void>;
};

/** What the Project needs from the core; replaceable so that the handlers can be tested on their own. */
export interface ProjectDeps {
  createIndex: (root: string, settings: AnalysisSettings) => Promise<FolderIndex>;
}

const CORE: ProjectDeps = {
  createIndex: (root, settings) => WorkspaceIndex.create({ root, settings }),
};

/** Edits analysing this slowly (ms) are debounced: about the interval between keystrokes of fast typing. */
const SLOW_EDIT_MS = 100;

export class Project {
  readonly folders: Folder[] = [];
  private readonly publisher: DiagnosticPublisher;
  /** The pending analysis: cancels it. */
  private timer: (() => void) | undefined;
  private dirty = new Set<Folder>();
  /** Open documents and the texts their editors hold (what an early result is compared with: publishEarly). */
  private readonly open = new Map<string, string>();
  /** The version of each open document, as the client numbered it. */
  private readonly versions = new Map<string, number>();
  /** Documents changed since their last publish: published even when their diagnostics did not change. */
  private readonly touched = new Set<string>();
  /** Durations of the last three analyses after edits only (typing, files changed on disk): see delay(). */
  private readonly editAnalysisMs: number[] = [];
  /** What the pending analysis is for: only edits of open documents, or more (indexing, settings, disk). */
  private pendingEditsOnly = true;
  /**
   * Told the module folders outside every workspace folder that the folders' configurations call
   * (WorkspaceIndex.outsideRoots) whenever they change: the server watches their files on disk.
   */
  onModuleRoots: ((roots: string[]) => void) | undefined;
  private moduleRootsKey = '';

  constructor(
    private readonly connection: Connection,
    private readonly status: Status,
    private settings: AnalysisSettings,
    private readonly debounceMs = 150,
    private readonly deps: ProjectDeps = CORE,
  ) {
    this.publisher = new DiagnosticPublisher(connection);
  }

  /** What the client reads of a diagnostic (handlers/diagnostics.ts, diagnosticSupport). */
  setDiagnosticSupport(support: DiagnosticSupport | undefined): void {
    this.publisher.setSupport(support);
  }

  log(msg: string): void {
    this.connection.console.log(msg);
  }

  /** The server's words in the client's language (core/messages/server.ts), for the output channel. */
  say(): ServerMessages {
    return serverMessagesFor(getClientLocale());
  }

  private readonly pendingSettings = new Map<string, AnalysisSettings>();
  /**
   * Whether a file opened outside every folder gets a loose folder (Folder.loose). The server turns
   * it off until it has added the workspace's folders: a document opened before then is inside one
   * of them, most likely, and is set again once they are known.
   */
  looseFolders = true;

  /** Settings for a folder about to be added. */
  addFolderSettings(root: string, settings: AnalysisSettings | undefined): void {
    if (settings) this.pendingSettings.set(root, settings);
  }

  /** A folder's analysis settings: its own, else the project's; a loose folder's read only LOOSE_EXCLUDE deep. */
  private settingsOf(folder: Folder): AnalysisSettings {
    const s = folder.settings ?? this.settings;
    return folder.loose ? { ...s, exclude: [...s.exclude, LOOSE_EXCLUDE] } : s;
  }

  /** Creates and loads an index per root. `loose`: see Folder.loose. */
  addFolder(root: string, report?: (done: number, total: number, root: string) => void, loose?: true): Folder {
    // A loose folder inside the new one gives way to it.
    for (const f of [...this.folders]) if (f.loose && isUnder(f.root, root)) this.removeFolder(f.root);
    const folder: Folder = { root, roles: 0, findings: 0, ready: Promise.resolve(), settings: this.pendingSettings.get(root), ...(loose ? { loose } : {}) };
    this.pendingSettings.delete(root);
    this.folders.push(folder);
    folder.ready = (async () => {
      try {
        const t0 = Date.now();
        const index = await this.deps.createIndex(root, this.settingsOf(folder));
        await index.loadFromDisk({ open: () => this.open, onPart: (part) => this.publishEarly(folder, part) });
        folder.index = index;
        this.status.send({ state: 'indexing', files: this.fileCount() });
        this.log(this.say().logIndexed(root, index.fileCount(), Date.now() - t0));
        report?.(this.folders.indexOf(folder) + 1, this.folders.length, root);
      } catch (e) {
        folder.failed = this.status.error(`loading ${root}`, e);
      }
    })();
    return folder;
  }

  /**
   * During the first index, the diagnostics of the open files of a part just analysed, for each
   * file whose editor still holds the text analysed: the editor's own (the index takes the open
   * documents' texts, unsaved edits included), or for a document opened after its part began, the
   * disk's. At worst incomplete (another part may add findings to the file, from a JSON policy it
   * reads), never stale: the analysis that follows the index publishes every file again.
   */
  private publishEarly(folder: Folder, part: { files: string[]; findings: Finding[]; problems: FileProblem[]; edited?: ReadonlyMap<string, string> }): void {
    const owns = (file: string) => this.folderOf(file) === folder;
    const maxBytes = this.settingsOf(folder).maxFileBytes;
    const analysed = (f: string) => part.edited?.get(f) ?? readInside(folder.root, f, maxBytes);
    const files = part.files.filter((f) => this.open.has(f) && owns(f) && this.open.get(f) === analysed(f));
    if (!files.length) return;
    const findings = groupByFile(part.findings);
    const problems = groupByFile(part.problems);
    const diagnostics = new Map<string, Diagnostic[]>();
    for (const f of files) diagnostics.set(f, diagnosticsOf(problems.get(f), findings.get(f)));
    const shown = new Set(files);
    this.publisher.publish(diagnostics, owns, { force: shown, changed: shown, version: (f) => this.versions.get(f) });
  }

  removeFolder(root: string): void {
    const i = this.folders.findIndex((f) => f.root === root);
    if (i < 0) return;
    const [f] = this.folders.splice(i, 1);
    this.dirty.delete(f);
    this.publisher.clearAll((file) => isUnder(file, f.root) || (!this.folderOf(file) && !!f.index?.moduleRootOf?.(file) && this.publishes(f, file)));
  }

  /** The settings that apply to a file: its folder's, else the project's. */
  settingsFor(file: string): AnalysisSettings {
    const folder = this.ownerOf(file);
    return folder ? this.settingsOf(folder) : this.settings;
  }

  /** The folder whose configuration calls the module folder outside it that holds `file` (WorkspaceIndex.moduleRootOf). */
  private moduleFolderOf(file: string): Folder | undefined {
    return this.folders.find((f) => f.index?.moduleRootOf?.(file));
  }

  /**
   * The folder that analyses `file`: the folder it is in, else the one whose configuration calls the
   * module folder outside it that holds it (an example's `../..`: analysed as the example calls it,
   * also while it is open in an editor, not as a folder of its own).
   */
  private ownerOf(file: string): Folder | undefined {
    return this.folderOf(file) ?? this.moduleFolderOf(file);
  }

  /**
   * Whether `folder`'s analysis publishes (and clears) `file`'s diagnostics: a file of the folder, or
   * one outside every folder that no other folder reads as a module (its own module's findings).
   */
  private publishes(folder: Folder, file: string): boolean {
    const owner = this.folderOf(file);
    if (owner) return owner === folder;
    return !this.folders.some((f) => f !== folder && f.index?.moduleRootOf?.(file));
  }

  /** The module folders outside the workspace folders their configurations call changed: onModuleRoots is told. */
  private noticeModuleRoots(): void {
    if (!this.onModuleRoots) return;
    const roots = new Set<string>();
    for (const f of this.folders) for (const r of f.index?.outsideRoots?.() ?? []) if (!this.folderOf(r)) roots.add(r);
    const sorted = [...roots].sort();
    const key = sorted.join('\n');
    if (key === this.moduleRootsKey) return;
    this.moduleRootsKey = key;
    this.onModuleRoots(sorted);
  }

  folderOf(file: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) if (isUnder(file, f.root) && (!best || f.root.length > best.root.length)) best = f;
    return best;
  }

  /**
   * The folder owning `file` has been indexed and analysed, and no change of it waits for analysis:
   * its findings are those of the texts as they are.
   */
  isCurrent(file: string): boolean {
    const folder = this.ownerOf(file);
    return !!folder && !!folder.index && !!folder.grouped && !this.dirty.has(folder) && !folder.failed;
  }

  /**
   * Resolves once the analysis of `file`'s folder is current (see isCurrent), or after `maxMs`, or
   * when `cancelled()`, or when nothing under way would make it current: quick fixes asked for
   * during the first index, or just after an edit, come from the analysis of the texts as they are
   * rather than from none.
   */
  async whenCurrent(file: string, token: CancellationToken, maxMs = CURRENT_WAIT_MS): Promise<void> {
    const until = Date.now() + maxMs;
    // A cancellation ends the wait at once (the request's answer is not wanted any more).
    let wake: (() => void) | undefined;
    const cancelled = new Promise<void>((r) => { wake = r; });
    const sub = token.onCancellationRequested(() => wake?.());
    try {
      while (!this.isCurrent(file) && !token.isCancellationRequested && Date.now() < until) {
        const folder = this.ownerOf(file);
        // Under way: the first index, or an analysis scheduled for this folder.
        if (!folder || folder.failed || (folder.index && !this.dirty.has(folder))) return;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.idle(), cancelled, new Promise((r) => { timer = setTimeout(r, Math.min(CURRENT_POLL_MS, until - Date.now())); })]);
        clearTimeout(timer);
      }
    } finally {
      sub.dispose();
    }
  }

  /** The roles declared on `line` of `file`, with every requirement's verdict (WorkspaceIndex.rolesAt); only while the analysis is current. */
  rolesAt(file: string, line: number): ReturnType<WorkspaceIndex['rolesAt']> {
    if (!this.isCurrent(file)) return [];
    return this.ownerOf(file)?.index?.rolesAt?.(file, line) ?? [];
  }

  /** A file's text as analysed: its editor's, else the index's. */
  textOf(file: string): string | undefined {
    return this.open.get(file) ?? this.ownerOf(file)?.index?.getText(file);
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  /** An open editor's text (authoritative while open); `version`: the document's version. */
  async setText(file: string, text: string, opened = false, version?: number): Promise<void> {
    if (!ANALYSED.test(file)) return;
    if (opened || this.open.has(file)) this.open.set(file, text);
    if (version !== undefined) this.versions.set(file, version);
    this.touched.add(file);
    let folder = this.ownerOf(file);
    if (!folder && opened && this.looseFolders && file.endsWith('.tf')) {
      // A Terraform file outside every workspace folder: its own folder is analysed.
      folder = this.addFolder(path.dirname(file), undefined, true);
      this.log(this.say().logLooseFolder(folder.root, file));
    }
    if (!folder) return;
    const owner = folder;
    await owner.ready;
    this.guard(owner, `setFile ${file}`, () => owner.index?.setFile(file, text, { open: this.open.has(file) }));
    this.schedule(owner, !opened);
  }

  /** Closed editor or watched change: back to the disk's text (or gone). */
  async reloadFromDisk(file: string, closed = false): Promise<void> {
    if (closed) {
      this.open.delete(file);
      this.versions.delete(file);
      const folder = this.folderOf(file);
      if (folder?.loose && ![...this.open.keys()].some((f) => this.folderOf(f) === folder)) {
        this.log(this.say().logLooseFolderClosed(folder.root));
        this.removeFolder(folder.root);
        return;
      }
    }
    if (this.open.has(file) || !ANALYSED.test(file)) return;
    if (file.endsWith(MODULES_JSON)) return this.reindex(file);
    const folder = this.ownerOf(file);
    if (!folder) return;
    await folder.ready;
    // A file of a module folder outside the workspace folder is read with that module folder as the gate's root.
    const read = readTextOrUndefined(folder.index?.moduleRootOf?.(file) ?? folder.root, file, this.settingsOf(folder).maxFileBytes);
    const text = isRefusal(read) ? undefined : read;
    this.guard(folder, `reload ${file}`, () => {
      if (text === undefined) folder.index?.removeFile(file);
      else folder.index?.setFile(file, text);
    });
    this.schedule(folder, true);
  }

  /**
   * `terraform init` wrote (or removed) a record of installed modules (.terraform/modules/modules.json):
   * the folder is indexed again, so that the modules it names are read (core/module-files.ts).
   */
  private async reindex(file: string): Promise<void> {
    const folder = this.folderOf(file);
    if (!folder) return;
    folder.ready = folder.ready.then(async () => {
      try {
        await folder.index?.loadFromDisk();
      } catch (e) {
        this.status.error('reindex', e);
      }
      this.schedule(folder);
    });
    await folder.ready;
  }

  async removed(file: string): Promise<void> {
    if (this.open.has(file)) return;
    if (file.endsWith(MODULES_JSON)) return this.reindex(file);
    const folder = this.ownerOf(file);
    if (!folder) {
      return;
    }
    await folder.ready;
    // A deleted folder: forget every file under it.
    this.guard(folder, `remove ${file}`, () => {
      const index = folder.index;
      if (!index) return;
      for (const f of index.files()) if (f === file || isUnder(f, file)) index.removeFile(f);
    });
    this.schedule(folder, true);
  }

  /** Settings of one folder (resource scope), or of every folder when `root` is undefined. */
  updateSettings(settings: AnalysisSettings, root?: string): void {
    if (root === undefined) this.settings = settings;
    for (const f of this.folders) {
      if (root !== undefined && f.root !== root) continue;
      if (root !== undefined) f.settings = settings;
      // The folder is indexed again (excludes and size limits may have changed); edits meanwhile wait for it.
      f.ready = f.ready.then(async () => {
        try {
          await f.index?.updateSettings(this.settingsOf(f));
        } catch (e) {
          f.failed = this.status.error('updateSettings', e);
        }
        this.schedule(f);
      });
    }
  }

  scheduleAll(): void {
    for (const f of this.folders) void f.ready.then(() => this.schedule(f));
  }

  /**
   * Debounce: edits (of open documents, and files changed on disk) are analysed at once, after the
   * messages already received (keystrokes that queued up during an analysis are analysed together);
   * when edits keep analysing slowly (the quickest of the last three took SLOW_EDIT_MS or more),
   * after up to debounceMs, so that typing does not run one slow analysis per keystroke. A single
   * slow analysis (a garbage collection) does not delay the next keystroke's diagnostics.
   * Opening, indexing and settings wait debounceMs.
   */
  private delay(): number {
    if (!this.pendingEditsOnly) return this.debounceMs;
    const recent = this.editAnalysisMs;
    const quickest = recent.length < 3 ? 0 : Math.min(...recent);
    return quickest < SLOW_EDIT_MS ? 0 : Math.min(this.debounceMs, Math.round(quickest));
  }

  private schedule(folder: Folder, edit = false): void {
    this.dirty.add(folder);
    if (!edit) this.pendingEditsOnly = false;
    this.timer?.();
    this.timer = later(() => {
      this.timer = undefined;
      const folders = [...this.dirty];
      const editsOnly = this.pendingEditsOnly;
      this.dirty.clear();
      this.pendingEditsOnly = true;
      const t0 = performance.now();
      for (const f of folders) this.analyseNow(f, editsOnly);
      this.noticeModuleRoots();
      if (editsOnly) {
        this.editAnalysisMs.push(performance.now() - t0);
        if (this.editAnalysisMs.length > 3) this.editAnalysisMs.shift();
      }
      this.reportReady();
      for (const w of this.idleWaiters.splice(0)) w();
    }, this.delay());
  }

  /**
   * Runs the analysis of one folder and publishes; never throws. `typing`: the analysis is for edits
   * only, and is logged only when it is slow (a line per keystroke would bury the output channel,
   * and writing it is part of every keystroke's latency).
   */
  analyseNow(folder: Folder, typing = false): void {
    const owns = (file: string) => this.publishes(folder, file);
    const index = folder.index;
    if (!index) {
      this.publisher.clearAll(owns);
      folder.grouped = undefined;
      return;
    }
    try {
      const t0 = Date.now();
      // Fixes are computed when asked for (code actions), from the texts as they are then: only
      // while the analysis is current (codeActions checks isCurrent), so these are the texts analysed.
      const result = index.analyse();
      folder.roles = result.roles;
      folder.findings = result.findings;
      folder.grouped = groupIncrementally(result.byFile, result.problems, folder.grouped, result);
      // A part whose analysis failed has no findings (never stale ones); the others keep theirs.
      folder.failed = result.failed ? this.status.error(`analysis of ${folder.root}`, new Error(result.failed)) : undefined;
      const ms = Date.now() - t0;
      if (!typing || ms >= SLOW_EDIT_MS) this.log(this.say().logAnalysed(folder.root, { roles: result.roles, findings: result.findings, problems: result.problems.length, parts: result.analysed, warm: result.warm, ms }));
    } catch (e) {
      // Never leave stale findings: an analysis that failed publishes no findings for this folder
      // (file problems such as syntax errors are still shown).
      folder.findings = 0;
      let problems: FileProblem[] = [];
      try {
        problems = index.problems();
      } catch {
        /* none known */
      }
      folder.grouped = groupIncrementally(new Map(), problems);
      folder.failed = this.status.error(`analysis of ${folder.root}`, e);
    }
    const force = new Set<string>();
    for (const f of this.touched) if (owns(f)) { force.add(f); this.touched.delete(f); }
    try {
      this.publisher.publish(folder.grouped?.diagnostics ?? new Map(), owns, { force, version: (f) => this.versions.get(f), changed: folder.grouped?.changed });
    } catch (e) {
      // What was published is not known now: the next analysis groups and publishes every file.
      folder.grouped = undefined;
      this.status.error('publishing diagnostics', e);
    }
  }

  private fileCount(): number {
    let n = 0;
    for (const f of this.folders) {
      try {
        n += f.index?.fileCount() ?? 0;
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
      roles += f.roles;
      findings += f.findings;
    }
    this.status.send({ state: 'ready', files, roles, findings });
  }

  private readonly idleWaiters: (() => void)[] = [];

  /** Resolves once no indexing or analysis is pending (for tests and the reanalyse request). */
  async idle(): Promise<void> {
    await Promise.all(this.folders.map((f) => f.ready));
    if (!this.timer && !this.dirty.size) return;
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private guard(folder: Folder, what: ServerStep, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      folder.failed = this.status.error(what, e);
    }
  }

  /** The findings of the folder owning `file` whose file is `file`. */
  findingsIn(file: string): Finding[] {
    const byFile = this.ownerOf(file)?.grouped?.findings;
    return byFile?.get(file) ?? byFile?.get(path.resolve(file)) ?? [];
  }
}

export function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** How long a request that needs the current analysis (code actions) waits for it at most: about a 10,000-file workspace's first index. */
const CURRENT_WAIT_MS = 20_000;
/** whenCurrent looks again at least this often (a folder that failed meanwhile). */
const CURRENT_POLL_MS = 250;

/**
 * Runs `fn` after `ms` milliseconds; when `ms` is 0, once the messages already received have been
 * handled (vscode-jsonrpc handles one message per `setImmediate`: a second turn lets those queued
 * before this one go first) and without `setTimeout(fn, 0)`'s 1 ms. Returns the cancel.
 */
function later(fn: () => void, ms: number): () => void {
  if (ms <= 0) {
    let t = setImmediate(() => { t = setImmediate(fn); });
    return () => clearImmediate(t);
  }
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
}
