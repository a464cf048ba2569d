/**
 * The workspace as the language server keeps it. Its files are split into parts that are analysed
 * on their own (cold/partition.ts). A part with a file open in an editor is *warm*: it keeps a
 * Workspace (the open files' syntax trees, its root modules' models, the analysis cache) and is
 * analysed again incrementally after each edit. Every other part is *cold*: only its findings and
 * file problems are kept, as plain data; a change to one of its files (on disk, or an editor
 * opening one) warms it, analyses it, and lets it cool again when no open file needs it.
 *
 * The first index (and a reload after a settings change) runs in the server's own thread, one part
 * at a time, returning to the event loop between parts. It once ran on a worker thread with a capped
 * heap above 768 KiB of text, so that its garbage died with the worker. Measured through the server
 * (2026-12-04, bench workspaces, runs interleaved), the worker no longer paid for itself: at 2,000
 * files the index was ready in 2.9–3.0 s instead of 3.3–3.7 s, the same peak memory (165–168 MB
 * against 164–179 MB), and the first keystrokes no longer ran code this thread had not yet compiled
 * (p95 typing a role name 7.7–8.9 ms instead of 10.3–11.7, in an action 9.1–12.7 instead of
 * 12.3–14.6); at 5,000 files 193 MB instead of 209–218 MB; at 10,000 files the same memory
 * (226–228 MB) and time.
 *
 * The findings are those of one Workspace over every file (tested): findings in a file can come
 * from several parts (a JSON policy read by file() from other folders); they are merged there.
 */
import * as path from 'node:path';
import { analyze, createAnalysisCache, dedupeAndSort, roleVerdicts, type AnalysisCache, type RequirementCheck } from './analyze';
import { analyseColdParts, planCold, planColdYielding, type ColdOptions } from './cold';
import { plain, type ColdPartResult } from './cold/analyse';
import { sameLocalCalls, scanLocalCalls, type Part as ColdPart } from './cold/partition';
import { excludeMatcher, readInside, readInsideWhy } from './disk';
import { moduleFiles, under } from './module-files';
import type { Finding, Role } from './model';
import type { AnalysisSettings } from './settings';
import { isTerraformFile } from './terraform/json-syntax';
import { isJsonTrustFinding, jsonTrustFiles } from './terraform/model';
import { createParser } from './terraform/parser';
import { editSpan, Workspace, type SetFileOptions } from './workspace';
import type { FileProblem } from './workspace-model';

export interface IndexOptions {
  root: string;
  settings: AnalysisSettings;
  /**
   * How the first index runs (cold/index.ts). Default: in this thread, returning to the event loop
   * between parts.
   */
  cold?: ColdOptions;
}

/** What the first index offers before it is done (WorkspaceIndex.loadFromDisk). */
export interface EarlyParts {
  /**
   * The documents open in editors now, with their editors' texts: their parts are analysed first
   * (in this thread's index), with those texts rather than the disk's.
   */
  open: () => ReadonlyMap<string, string>;
  /**
   * A part's findings (sorted, as the analysis returns them) and file problems as soon as it is
   * analysed; `edited`: its files whose text came from `open()`, with that text (the others were read from disk).
   */
  onPart: (part: Pick<ColdPartResult, 'files' | 'findings' | 'problems' | 'edited'>) => void;
}

export interface IndexAnalysis {
  /**
   * Findings by file, each list sorted; the list of a file whose findings did not change is the same
   * array. The index's own map, not a copy (a keystroke must not cost a copy of every file's entry):
   * read it before the index changes again.
   */
  byFile: ReadonlyMap<string, Finding[]>;
  /**
   * The files whose entry in `byFile` (its list, or whether it has one) may differ from the result of
   * the analysis numbered `generation - 1`: what a consumer that kept that result needs to look at.
   */
  changed: ReadonlySet<string>;
  /** This analysis' number: consecutive analyses of one index have consecutive numbers. */
  generation: number;
  /** How many findings in all. */
  findings: number;
  /** File problems (syntax errors, unreadable or skipped files) of every part. */
  problems: FileProblem[];
  roles: number;
  /** Parts analysed by this call; warm parts after it. */
  analysed: number;
  warm: number;
  /** Why a part's analysis failed (its findings are left out, never kept stale). */
  failed?: string;
}

interface Part {
  dirs: Set<string>;
  files: Set<string>;
  /** Warm: the part's Workspace and analysis cache. */
  ws?: Workspace;
  cache?: AnalysisCache;
  /** The last analysis: findings by file (sorted), file problems, roles, the files file()/templatefile() read. */
  byFile: Map<string, Finding[]>;
  findings: number;
  problems: FileProblem[];
  roles: number;
  reads: string[];
  failed?: string;
  /** JSON trust policy files its last analysis judged on their own (counted in `roles`; terraform/model.ts jsonTrustRoles). */
  jsonTrust?: string[];
}

const NO_FINDINGS = new Map<string, Finding[]>();

export class WorkspaceIndex {
  private settings: AnalysisSettings;
  private readonly parts = new Set<Part>();
  private readonly partOfDir = new Map<string, Part>();
  private readonly dirty = new Set<Part>();
  /** Module folders outside the root that the configuration calls (ColdPlan.moduleRoots). */
  private moduleRoots: string[] = [];
  /** Folders each `.tf` file may call as local modules (only files that call any). */
  private calls = new Map<string, string[]>();
  /** Texts of the files open in editors. */
  private readonly open = new Map<string, string>();
  /** The parts whose last analysis read a file through file()/templatefile(). */
  private readonly readers = new Map<string, Set<Part>>();
  /** The parts with findings in a file, and the file's merged findings. */
  private readonly contributors = new Map<string, Set<Part>>();
  private readonly merged = new Map<string, Finding[]>();
  /** Files whose merged findings changed since the last analyse() returned (its `changed`). */
  private changed = new Set<string>();
  private generation = 0;
  private listProblems: FileProblem[] = [];
  private allProblems: FileProblem[] | undefined;
  /** Set while the index is (re)built: changes wait and are applied after it. */
  private loading: (() => void)[] | undefined;
  private excluded: (file: string) => boolean;

  private constructor(readonly root: string, settings: AnalysisSettings, private readonly parser: unknown, private readonly cold: ColdOptions | undefined) {
    this.settings = settings;
    this.excluded = excludeMatcher(root, settings.exclude);
  }

  static async create(options: IndexOptions): Promise<WorkspaceIndex> {
    let parser: unknown;
    try { parser = await createParser(); } catch { parser = undefined; }
    return new WorkspaceIndex(path.resolve(options.root), options.settings, parser, options.cold);
  }

  /**
   * Lists, splits and analyses every file from disk (the cold index), replacing what the index held;
   * open files' parts are then warmed and analysed again by the next `analyse()`. `early`: the parts
   * of the files open in editors go first, and each part's findings are handed over as it is done.
   */
  async loadFromDisk(early?: EarlyParts): Promise<void> {
    const queued: (() => void)[] = [];
    this.loading = queued;
    try {
      const options: ColdOptions = { ...(this.cold ?? { workers: 0, yieldBetweenParts: true }) };
      // Listing and the module-call scan return to the event loop too when the parts do.
      const { listed, parts, calls, moduleRoots } = options.yieldBetweenParts ? await planColdYielding(this.root, this.settings) : planCold(this.root, this.settings);
      // Module folders outside the root that the configuration calls (core/module-files.ts): read with them as the gate's root.
      this.moduleRoots = moduleRoots;
      options.moduleRoots = moduleRoots;
      if (early) {
        const partOf = new Map<string, ColdPart>();
        for (const p of parts) for (const f of p.files) partOf.set(f, p);
        options.next = (rest) => {
          for (const f of early.open().keys()) {
            const i = rest.indexOf(partOf.get(f)!);
            if (i >= 0) return i;
          }
          return 0;
        };
        options.texts = early.open;
        options.onPart = early.onPart;
      }
      let results: Awaited<ReturnType<typeof analyseColdParts>>['results'] = [];
      try {
        ({ results } = await analyseColdParts(this.root, this.settings, parts, options));
      } catch {
        // The parts without a result are analysed one by one by analyse(), which reports a failing one.
      }
      for (const p of [...this.parts]) this.setResult(p, NO_FINDINGS, 0, [], 0, []);
      this.parts.clear();
      this.partOfDir.clear();
      this.dirty.clear();
      this.readers.clear();
      this.calls = calls;
      this.listProblems = listed.problems;
      this.allProblems = undefined;
      const byFirst = new Map(results.map((r) => [r.files[0] ?? '', r]));
      for (const p of parts) {
        const part = this.newPart(p.files);
        const r = byFirst.get(p.files[0] ?? '');
        if (r) { part.jsonTrust = r.jsonTrust; this.setResult(part, groupByFile(r.findings), r.findings.length, r.problems, r.roles, r.reads); }
        else this.dirty.add(part);
      }
    } finally {
      this.loading = undefined;
    }
    for (const [file, text] of this.open) this.setFile(file, text, { open: true });
    for (const op of queued) op();
  }

  /**
   * Sets (opens, edits, creates) a file's text: its part is warmed and analysed by the next
   * `analyse()`. A file the settings exclude (`.terraform/` written by `terraform init`, say) is
   * analysed only while open in an editor.
   */
  setFile(file: string, text: string, options: SetFileOptions = {}): void {
    const before = this.open.get(file);
    if (options.open) this.open.set(file, text);
    else this.open.delete(file);
    if (this.loading) { this.loading.push(() => this.setFile(file, text, options)); return; }
    // A module installed by `terraform init` (in .terraform, read through modules.json) stays while its part lists it.
    if (!options.open && this.excluded(file) && !this.partOfDir.get(path.dirname(file))?.files.has(file)) { this.removeFile(file); return; }
    // An edit of an open Terraform file: where it is, found once here for the module-call scan and
    // for the file's Workspace (its line starts and its reparse).
    if (options.open && before !== undefined && before !== text && file.endsWith('.tf') && !options.edit) options = { ...options, edit: { ...editSpan(before, text), before } };
    let part = this.partFor(file);
    let follow = false;
    if (isTerraformFile(file)) {
      const calls = this.localCallsOf(file, text, options);
      follow = this.outsideCallsDiffer(this.calls.get(file), calls);
      if (calls.length) this.calls.set(file, calls);
      else this.calls.delete(file);
      for (const d of calls) {
        const q = this.partOfDir.get(d);
        if (q && q !== part) part = this.merge(part, q);
      }
    }
    part.files.add(file);
    const fresh = !part.ws;
    const ws = this.warm(part);
    // A Workspace just made for the part has read the file already (from disk, or the open text).
    if (!fresh || ws.getText(file) !== text) ws.setFile(file, text, options);
    this.dirty.add(part);
    this.touchReaders(file);
    // A module call outside the root was added or taken away: the folders it reaches are read (or dropped).
    if (follow) this.followModules();
    // Quick fixes of an open file's findings are computed from the models of the parts that report them.
    if (options.open) for (const q of this.contributors.get(file) ?? []) if (!q.ws) { this.warm(q); this.dirty.add(q); }
  }

  /**
   * The module folders outside the root that the configuration calls now (core/module-files.ts),
   * each file in them read with its folder as the gate's root. The language server watches them.
   */
  outsideRoots(): readonly string[] {
    return this.moduleRoots;
  }

  /** The module folder outside the root whose own file `file` is (a file the index reads from there), if any. */
  moduleRootOf(file: string): string | undefined {
    const dir = path.dirname(file);
    return this.moduleRoots.find((d) => d === dir);
  }

  /** The last module-call scan of an open file's text (localCallsOf). */
  private scanned: { file: string; text: string; calls: string[] } | undefined;

  /**
   * The local module calls of a Terraform file's text (cold/partition.ts scanLocalCalls): for an
   * edit of an open file, those of the text before the edit when the edit cannot change them
   * (sameLocalCalls), else scanned.
   */
  private localCallsOf(file: string, text: string, options: SetFileOptions): string[] {
    const last = this.scanned;
    const edit = options.edit;
    const calls = last && edit && last.file === file && last.text === edit.before && sameLocalCalls(file, edit.before, text, edit.start, edit.endA, edit.endB) ? last.calls : scanLocalCalls(file, text);
    if (options.open) this.scanned = { file, text, calls };
    else if (last?.file === file) this.scanned = undefined;
    return calls;
  }

  /** Whether the calls of a file that leave the root differ between `before` and `after`. */
  private outsideCallsDiffer(before: readonly string[] | undefined, after: readonly string[]): boolean {
    if (before === after) return false;
    const out = (l: readonly string[] | undefined) => [...new Set((l ?? []).filter((d) => !under(this.root, d)))].sort().join('\n');
    return out(before) !== out(after);
  }

  /**
   * The module calls that leave the root changed: the folders they reach now are computed again
   * (from the editors' texts of the calling files), the files of a folder newly reached join the
   * part that calls it (analysed again, its Workspace made again with the new module roots), and the
   * files of a folder no call reaches any more are forgotten.
   */
  private followModules(): void {
    const inside = new Map<string, string[]>();
    for (const [f, c] of this.calls) if (under(this.root, f)) inside.set(f, c);
    const m = moduleFiles(this.root, this.settings.maxFileBytes, [], inside, (f) => this.open.get(f) ?? this.partOfDir.get(path.dirname(f))?.ws?.getText(f));
    this.moduleRoots = m.outsideRoots;
    this.listProblems = [...this.listProblems.filter((p) => under(this.root, p.file)), ...m.problems];
    this.allProblems = undefined;
    for (const [f, c] of m.calls) if (!under(this.root, f)) this.calls.set(f, c);
    const known = new Set(this.files());
    const reached = new Set(m.files.map((f) => f.file));
    for (const f of known) if (!under(this.root, f) && !reached.has(f)) { this.calls.delete(f); this.removeFile(f); }
    for (const f of reached) {
      if (known.has(f)) continue;
      const part = this.partFor(f);
      part.files.add(f);
      // A warm part reads an outside file with the module roots it was made with: made again.
      this.cool(part);
      this.dirty.add(part);
    }
  }

  /** Forgets a file (deleted on disk, or closed and unreadable). */
  removeFile(file: string): void {
    this.open.delete(file);
    if (this.scanned?.file === file) this.scanned = undefined;
    if (this.loading) { this.loading.push(() => this.removeFile(file)); return; }
    this.calls.delete(file);
    const part = this.partOfDir.get(path.dirname(file));
    if (part?.files.delete(file)) {
      part.ws?.removeFile(file);
      this.dirty.add(part);
    }
    this.touchReaders(file);
  }

  /** A file's current text: an open editor's, a warm part's, else the disk's (inside the root). */
  getText(file: string): string | undefined {
    return this.open.get(file) ?? this.partOfDir.get(path.dirname(file))?.ws?.getText(file) ?? readInside(this.root, file, this.settings.maxFileBytes);
  }

  /**
   * The roles declared on `line` of `file` (their block's first line; a module's role once per call
   * of the module), each with every requirement as the analysis judges it: from the warm part that
   * holds the file (an open file's), else none.
   */
  rolesAt(file: string, line: number): { role: Role; checks: RequirementCheck[] }[] {
    const ws = this.partOfDir.get(path.dirname(file))?.ws;
    if (!ws) return [];
    return ws.model().roles
      .filter((r) => r.loc?.file === file && r.loc.range.start.line === line)
      .map((role) => ({ role, checks: roleVerdicts(role, this.settings, (f) => this.getText(f)) }));
  }

  files(): string[] {
    const out: string[] = [];
    for (const p of this.parts) for (const f of p.files) out.push(f);
    return out.sort();
  }

  fileCount(): number {
    let n = 0;
    for (const p of this.parts) n += p.files.size;
    return n;
  }

  /** New settings: every file is listed and analysed again (excludes and size limits may have changed). */
  async updateSettings(settings: AnalysisSettings): Promise<void> {
    this.settings = settings;
    this.excluded = excludeMatcher(this.root, settings.exclude);
    await this.loadFromDisk();
  }

  /** File problems of the last analyses (what is published when an analysis fails). */
  problems(): FileProblem[] {
    if (!this.allProblems) {
      const out = [...this.listProblems];
      for (const p of this.parts) for (const x of p.problems) out.push(x);
      this.allProblems = out;
    }
    return this.allProblems;
  }

  /** Analyses the parts that changed (warm ones incrementally); cools those no open file needs. */
  analyse(): IndexAnalysis {
    let analysed = 0;
    for (const part of [...this.dirty]) {
      this.dirty.delete(part);
      analysed++;
      const ws = this.warm(part);
      let problems: FileProblem[] = [];
      try {
        const model = ws.model();
        problems = model.problems;
        const r = analyze(model, this.settings, { getText: (f) => this.getText(f), cache: part.cache, lineStarts: (f, t) => ws.lineStartsOf(f, t) });
        const byFile = r.byFile ?? groupByFile(r.findings);
        const reads = ws.reads();
        part.failed = undefined;
        const jsonTrust = jsonTrustFiles(model);
        part.jsonTrust = jsonTrust.length ? jsonTrust : undefined;
        if (this.needed(part, byFile)) this.setResult(part, byFile, r.findings.length, problems, model.roles.length, reads);
        else {
          this.cool(part);
          this.setResult(part, groupByFile(r.findings.map((f) => plain(f, false))), r.findings.length, problems, model.roles.length, reads);
        }
      } catch (e) {
        part.failed = e instanceof Error ? e.message : String(e);
        this.cool(part);
        this.setResult(part, NO_FINDINGS, 0, problems, 0, part.reads);
      }
    }
    let roles = 0;
    let findings = 0;
    let warm = 0;
    let failed: string | undefined;
    for (const p of this.parts) {
      roles += p.roles;
      // a JSON trust policy another part reads is that part's role's (ownFindings)
      for (const f of p.jsonTrust ?? []) {
        if (!this.readByOther(f, p)) continue;
        roles--;
        findings -= p.byFile.get(f)?.filter((x) => isJsonTrustFinding(this.root, x)).length ?? 0;
      }
      findings += p.findings;
      if (p.ws) warm++;
      failed ??= p.failed;
    }
    const changed = this.changed;
    this.changed = new Set();
    return { byFile: this.merged, changed, generation: ++this.generation, findings, problems: this.problems(), roles, analysed, warm, failed };
  }

  /** The part of a file's folder; a new folder gets a new part, joined to the parts that call it. */
  private partFor(file: string): Part {
    const dir = path.dirname(file);
    let part = this.partOfDir.get(dir);
    if (part) return part;
    part = this.newPart([]);
    part.dirs.add(dir);
    this.partOfDir.set(dir, part);
    for (const [caller, calls] of this.calls) {
      if (!calls.includes(dir)) continue;
      const q = this.partOfDir.get(path.dirname(caller));
      if (q && q !== part) part = this.merge(q, part);
    }
    return part;
  }

  private newPart(files: string[]): Part {
    const part: Part = { dirs: new Set(), files: new Set(files), byFile: NO_FINDINGS, findings: 0, problems: [], roles: 0, reads: [] };
    for (const f of files) {
      const d = path.dirname(f);
      part.dirs.add(d);
      this.partOfDir.set(d, part);
    }
    this.parts.add(part);
    return part;
  }

  /** `b` joins `a` (a module call between them): analysed again as one part. */
  private merge(a: Part, b: Part): Part {
    for (const d of b.dirs) { a.dirs.add(d); this.partOfDir.set(d, a); }
    for (const f of b.files) a.files.add(f);
    this.setResult(b, NO_FINDINGS, 0, [], 0, []);
    this.parts.delete(b);
    this.dirty.delete(b);
    // A warm part's Workspace does not hold the other's files: built again with all of them.
    this.cool(a);
    this.dirty.add(a);
    return a;
  }

  /** The part's Workspace: its files from disk, open files as their editors have them. */
  private warm(part: Part): Workspace {
    if (part.ws) return part.ws;
    const ws: Workspace = Workspace.withParser({ root: this.root, settings: this.settings, moduleRoots: this.moduleRoots, read: (f) => this.open.get(f) ?? this.partOfDir.get(path.dirname(f))?.ws?.getText(f) ?? readInsideWhy(ws.gateRootOf(f), f, this.settings.maxFileBytes) }, this.parser);
    ws.loadFiles([...part.files].filter((f) => !this.open.has(f)));
    for (const f of part.files) {
      const text = this.open.get(f);
      if (text !== undefined) ws.setFile(f, text, { open: true });
    }
    part.ws = ws;
    part.cache = createAnalysisCache();
    return ws;
  }

  private cool(part: Part): void {
    part.ws = undefined;
    part.cache = undefined;
  }

  /** A part stays warm while a file open in an editor is one of its files or holds one of its findings. */
  private needed(part: Part, byFile: Map<string, Finding[]>): boolean {
    for (const f of this.open.keys()) if (part.dirs.has(path.dirname(f)) || byFile.has(f)) return true;
    return false;
  }

  /** The parts that read a changed file through file()/templatefile() are analysed again. */
  private touchReaders(file: string): void {
    for (const q of this.readers.get(file) ?? []) {
      q.ws?.outsideChanged();
      this.dirty.add(q);
    }
  }

  private setResult(part: Part, byFile: Map<string, Finding[]>, findings: number, problems: FileProblem[], roles: number, reads: string[]): void {
    const before = part.byFile;
    part.byFile = byFile;
    part.findings = findings;
    if (part.problems.length || problems.length) this.allProblems = undefined;
    part.problems = problems;
    part.roles = roles;
    const readBefore = part.reads;
    for (const f of part.reads) this.readers.get(f)?.delete(part);
    part.reads = reads;
    for (const f of reads) {
      let s = this.readers.get(f);
      if (!s) this.readers.set(f, (s = new Set()));
      s.add(part);
    }
    for (const f of before.keys()) if (!byFile.has(f)) this.remerge(f, part, false);
    for (const f of byFile.keys()) this.remerge(f, part, true);
    // A file this part reads (a JSON trust policy another part judges on its own: ownFindings) is merged again.
    for (const f of new Set([...readBefore, ...reads])) if (this.contributors.has(f) && !byFile.has(f)) this.remerge(f, part, false);
  }

  /**
   * A part's findings in a file, without those of a JSON trust policy judged on its own when another
   * part reads the file through file() as a role's trust policy (terraform/model.ts isJsonTrustFinding).
   */
  private ownFindings(file: string, part: Part): Finding[] {
    const list = part.byFile.get(file)!;
    if (!this.readByOther(file, part)) return list;
    const kept = list.filter((f) => !isJsonTrustFinding(this.root, f));
    return kept.length === list.length ? list : kept;
  }

  /** Whether a part other than `part` reads the file through file() or templatefile(). */
  private readByOther(file: string, part: Part): boolean {
    const readers = this.readers.get(file);
    return !!readers?.size && !(readers.size === 1 && readers.has(part));
  }

  private remerge(file: string, part: Part, has: boolean): void {
    const before = this.merged.get(file);
    let from = this.contributors.get(file);
    if (has) {
      if (!from) this.contributors.set(file, (from = new Set()));
      from.add(part);
    } else from?.delete(part);
    let after: Finding[] | undefined;
    if (!from?.size) {
      this.contributors.delete(file);
      this.merged.delete(file);
    } else if (from.size === 1) {
      const [only] = from;
      this.merged.set(file, (after = this.ownFindings(file, only)));
    } else {
      const all: Finding[] = [];
      for (const p of from) for (const f of this.ownFindings(file, p)) all.push(f);
      this.merged.set(file, (after = dedupeAndSort(all)));
    }
    if (after !== before) this.changed.add(file);
  }
}

/** Findings (or file problems) by file, in the order given (sorted findings give sorted lists). */
export function groupByFile<T extends { file: string }>(findings: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const f of findings) {
    let l = out.get(f.file);
    if (!l) out.set(f.file, (l = []));
    l.push(f);
  }
  return out;
}
