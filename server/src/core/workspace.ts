/**
 * The set of Terraform and JSON files of a workspace, kept parsed, and the model built from them.
 * Implementation owned by the Terraform/JSON front work (issue #2).
 *
 * Never throws on bad input: syntax errors, unreadable or oversized files become FileProblems.
 */
import * as path from 'node:path';
import type { AnalysisSettings } from './settings';
import { withDefaults } from './settings';
import { listWorkspaceFiles, readInsideWhy, unreadable, ZERO_RANGE as ZERO } from './disk';
import { isRefusal, readGatedText, type GatedText } from './gate';
import type { FileProblem, WorkspaceModel } from './workspace-model';
import { moduleFiles, READ_TEXTS_BYTES, scanCalls, under, type ReadTexts } from './module-files';
import { MODULES_JSON, readModulesJson, type InstalledModule } from './terraform/modules';
import type { PolicyDocument } from './model';
import { analysisFailed } from './incomplete';
import { moduleCycleProblems } from './terraform/module-cycles';
import { looksLikePolicy, offsetMapper, offsetMapperAfterEdit, readJsonPolicy } from './json/policy';
import { lineStarts, type LineStarts } from './fixes/text';
import { createParser, parseText, syntaxProblems } from './terraform/parser';
import { bodyDeferred, deferredBlock, lazyBlock, shiftBlockLazily, type Block } from './terraform/ast';
import { quickBlockAt, quickBlocks } from './terraform/quick';
import { readTerraformJson, TF_JSON_SUFFIX, unreadTerraformJson, unreadTerraformJsonDependency } from './terraform/json-syntax';
import { buildRootModel, groupByDir, localCalls, mergeModels, modelParts, planRoots, compareBuildInputs, newBlockMemo, type BlockMemo, type DocMemo, type ParsedTfFile, type RootPlan } from './terraform/model';

export interface WorkspaceOptions {
  /** Absolute path of the workspace root (the root Terraform module, or a folder of them). */
  root: string;
  settings?: Partial<AnalysisSettings>;
  /**
   * The text of a file outside this workspace's files that file()/templatefile() read (default: the
   * disk, inside the root only). The workspace index gives the texts of open editors and of other parts.
   */
  read?: (file: string) => GatedText;
  /**
   * Load tree-sitter only if a file needs it (one the quick reader leaves to it): `parsePending()`
   * then parses those files, and must be awaited before `model()`. The cold analysis' choice: most
   * workspaces need no tree-sitter at all, and loading it is a tenth of a small one's analysis.
   */
  deferParser?: boolean;
  /**
   * Module folders outside the root that its configuration calls (core/module-files.ts
   * outsideRoots): a file in one of them is read with that folder as the gate's root (gateRootOf).
   */
  moduleRoots?: string[];
}

interface FileEntry {
  text: string;
  documents: PolicyDocument[];
  problems: FileProblem[];
  tf?: ParsedTfFile;
  /** tree-sitter's tree, kept only while the file is open in an editor (for incremental reparse). */
  tree?: any;
  /** Converted top-level blocks by their source text (reused, shifted, by the next reparse of an open file). */
  blocks?: Map<string, { start: number; block: Block }>;
  /** A `.tf.json` file that names IAM or AgentCore resources but could not be read (json-syntax.ts). */
  unread?: true;
  /** Where each line of `text` starts (fixes/text.ts lineStarts), once asked for (lineStartsOf). */
  lines?: LineStarts;
}

/** A root module's model and what it was built from (the cache is valid while these are the same). */
interface RootCache {
  files: ParsedTfFile[];
  /** Texts file()/templatefile() read while building, to be found the same. */
  reads: Map<string, GatedText>;
  model: WorkspaceModel;
  /** Policy documents of this build, reusable by the next build of the root (recorded from the first rebuild on, or for roots with an open file: the cold index does not pay for it). */
  docs: DocMemo;
  /** Blocks of this build, reusable by the next build of the root (terraform/model.ts BlockMemo; recorded as docs are). */
  blocks?: BlockMemo;
  /** The unread `.tf.json` files in the root's folders that its roles were judged without (json-syntax.ts). */
  unread: string[];
}

export interface SetFileOptions {
  /** The file is open in an editor: keep its syntax tree for incremental reparsing. */
  open?: boolean;
  /**
   * Where the text differs from `before` (editSpan(before, text), found by the caller already):
   * used when `before` is the file's text as last set, else found again.
   */
  edit?: TextSpan & { before: string };
}


/** The problem of a Terraform file (native or JSON) when tree-sitter could not be loaded. */
function noParser(file: string): FileProblem {
  return { rule: 'file-skipped', severity: 'warning', file, range: ZERO, message: 'The Terraform parser could not be loaded: this file is not analysed.' };
}

export class Workspace {
  private settings: AnalysisSettings;
  private entries = new Map<string, FileEntry>();
  private diskProblems: FileProblem[] = [];
  private cached: WorkspaceModel | undefined;
  private roots = new Map<string, RootCache>();
  /** The root modules as last planned. */
  private plans: RootPlan[] | undefined;
  /** Module calls in a cycle (terraform/module-cycles.ts), found when the roots are planned. */
  private cycles: FileProblem[] = [];
  /** Documents of JSON policy files and problems of every file, in file order (undefined: to collect). */
  private collected: { documents: PolicyDocument[]; problems: FileProblem[] } | undefined;
  /** Problems met while building this model (a file whose syntax could not be read again). */
  private reparseProblems: FileProblem[] = [];
  /** Where each file sits in the plans (path -> [plan, index]). */
  private planIndex = new Map<string, [number, number][]>();
  /** Files whose parse changed since the last plan without changing which modules they call. */
  private reparsed = new Map<string, ParsedTfFile>();
  /** `.tf.json` files that name IAM or AgentCore resources but could not be read as Terraform JSON (json-syntax.ts). */
  private readonly unreadTfJson = new Set<string>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private parser: any;
  /** deferParser: tree-sitter not loaded yet; the files waiting for it (parsePending). */
  private parserDeferred = false;
  private readonly pendingParse = new Set<string>();

  private readonly readOutside: ((file: string) => GatedText) | undefined;

  private constructor(readonly root: string, settings?: Partial<AnalysisSettings>, read?: (file: string) => GatedText) {
    this.settings = withDefaults(settings);
    this.readOutside = read;
  }

  /** Loads the parsers (tree-sitter wasm); does not read files. */
  static async create(options: WorkspaceOptions): Promise<Workspace> {
    if (options.deferParser) {
      const w = Workspace.withParser(options, undefined);
      w.parserDeferred = true;
      return w;
    }
    let parser: unknown;
    try { parser = await createParser(); } catch { parser = undefined; }
    return Workspace.withParser(options, parser);
  }

  /** A workspace that uses a parser already loaded (createParser; undefined: none could be loaded). */
  static withParser(options: WorkspaceOptions, parser: unknown): Workspace {
    const w = new Workspace(path.resolve(options.root), options.settings, options.read);
    if (options.moduleRoots?.length) w.moduleRoots = options.moduleRoots.map((d) => path.resolve(d));
    w.parser = parser;
    return w;
  }

  /** Module folders outside the root that its configuration calls (WorkspaceOptions.moduleRoots). */
  private moduleRoots: string[] = [];

  /**
   * The folder a file's reads are held to (core/gate.ts): the root, or for a file outside it, the
   * module folder outside the root that holds it (core/module-files.ts); the root otherwise, which
   * refuses it.
   */
  gateRootOf(file: string): string {
    if (!this.moduleRoots.length || under(this.root, file)) return this.root;
    return this.moduleRoots.find((d) => under(d, file)) ?? this.root;
  }

  /** The modules `terraform init` installed for the root module in `dir` (its modules.json, when the workspace holds it). */
  private installedOf(dir: string): Map<string, InstalledModule> | undefined {
    const text = this.entries.get(path.join(dir, MODULES_JSON))?.text;
    return text === undefined ? undefined : readModulesJson(dir, text);
  }

  /** Edits of open files read without parsing the file again (editInOneBlock): for tests and logs. */
  editsInBlock = 0;

  /** A Terraform file's top-level blocks as read (for tests and tools); undefined for other files. */
  blocksOf(file: string): readonly Block[] | undefined {
    return this.entries.get(file)?.tf?.blocks;
  }

  /** A file outside this workspace that file()/templatefile() may read (`read`) changed: the next model checks its roots' reads. */
  outsideChanged(): void {
    this.cached = undefined;
  }

  /** Every file that file()/templatefile() read in the last model (its roots' builds). */
  reads(): string[] {
    const out = new Set<string>();
    for (const c of this.roots.values()) for (const f of c.reads.keys()) out.add(f);
    return [...out];
  }

  /** Reads every `.tf` and `.json` file under the root (minus excludes and oversized files). */
  async loadFromDisk(): Promise<void> {
    const { files, problems } = listWorkspaceFiles(this.root, this.settings);
    // With the modules the configuration calls outside the root or installed by `terraform init` (core/module-files.ts).
    // The scan's reads are kept for the load (each file read once).
    const read: ReadTexts = { texts: new Map(), room: READ_TEXTS_BYTES };
    const modules = moduleFiles(this.root, this.settings.maxFileBytes, files, scanCalls(this.root, files, this.settings.maxFileBytes, read));
    this.moduleRoots = modules.outsideRoots;
    this.loadFiles([...files, ...modules.files].map((f) => f.file), [...problems, ...modules.problems], undefined, read.texts);
  }

  /**
   * Reads these files from disk (a part of the workspace, as the cold analysis splits it), with
   * `problems` met while listing them; replaces the problems of an earlier load. `texts`: files
   * whose text is taken from there instead (documents open in editors). `read`: texts this run read
   * from disk through the gate with the root as its root (module-files.ts ReadTexts, the scan for
   * module calls), taken out of the map instead of reading the file again.
   */
  loadFiles(files: string[], problems: FileProblem[] = [], texts?: ReadonlyMap<string, string>, read?: Map<string, string>): void {
    this.diskProblems = [...problems];
    for (const file of files) {
      try {
        const kept = read?.get(file);
        if (kept !== undefined) read!.delete(file);
        // Through the gate (core/gate.ts): inside the root, a regular file, at most maxFileBytes.
        const text = texts?.get(file) ?? (kept !== undefined && this.gateRootOf(file) === this.root ? kept : readGatedText(this.gateRootOf(file), file, this.settings.maxFileBytes));
        if (isRefusal(text)) this.diskProblems.push({ rule: 'file-skipped', severity: 'warning', file, range: ZERO, message: `File not read: ${text.refused}` });
        else this.setFile(file, text);
      } catch (e) {
        this.diskProblems.push(unreadable(file, e));
      }
    }
    this.cached = undefined;
    this.plans = undefined;
    this.collected = undefined;
  }

  /**
   * Sets (opens, edits, creates) a file's text. The syntax tree is kept only for files open in an
   * editor (`options.open`): a tree per file of a large workspace costs more memory than reparsing.
   */
  setFile(file: string, text: string, options: SetFileOptions = {}): void {
    const entry: FileEntry = { text, documents: [], problems: [] };
    const prev = this.entries.get(file);
    this.pendingParse.delete(file);
    try {
      if (file.endsWith('.tf')) {
        // A file not open in an editor keeps no tree: the quick reader reads it when it is sure of
        // the text, and tree-sitter otherwise (syntax errors, rare constructs).
        const quick = options.open ? undefined : quickBlocks(text);
        if (quick) {
          entry.tf = { src: { file, text, toPos: offsetMapper(text) }, blocks: quick };
        } else if (this.parser) {
          const parser = this.parser;
          // The edit since the text of the tree kept for this file, found once for the line starts
          // (made from the previous text's) and both readings below.
          const span = prev?.tree && prev.text !== text ? (options.edit?.before === prev.text ? options.edit : editSpan(prev.text, text)) : undefined;
          const toPos = span ? offsetMapperAfterEdit(prev!.text, text, span.start, span.endA, span.endB) : offsetMapper(text);
          const change = span ? changeOf(prev!, toPos, span) : undefined;
          const inBlock = options.open && change ? editInOneBlock(prev!, text, change, (snippet) => parseText(parser, snippet)) : undefined;
          const tree = inBlock ? undefined : this.parseIncremental(prev, text, change);
          if (inBlock) {
            this.editsInBlock++;
            entry.tf = { src: { file, text, toPos }, blocks: inBlock.blocks };
            entry.tree = inBlock.tree;
            entry.blocks = inBlock.reuse;
          } else if (tree) {
            entry.problems.push(...syntaxProblems(file, tree));
            const reuse = options.open ? (entry.blocks = new Map()) : undefined;
            entry.tf = { src: { file, text, toPos }, blocks: convertTopLevel(tree, text, prev?.blocks, reuse, (snippet) => parseText(parser, snippet)) };
            if (options.open) entry.tree = tree;
            else tree.delete?.();
          }
        } else if (this.parserDeferred) {
          this.pendingParse.add(file);
        } else {
          entry.problems.push(noParser(file));
        }
      } else if (file.endsWith(TF_JSON_SUFFIX)) {
        if (!this.parser && this.parserDeferred) {
          this.pendingParse.add(file);
        } else if (this.parser) {
          const parser = this.parser;
          const r = readTerraformJson(file, text, (hcl) => parseText(parser, hcl));
          entry.problems.push(...r.problems);
          if (!r.unreadable) entry.tf = { src: { file, text, toPos: offsetMapper(text) }, blocks: r.blocks };
          else {
            const skipped = unreadTerraformJson(file, text);
            if (skipped) { entry.problems.push(skipped); entry.unread = true; }
          }
        } else {
          entry.problems.push(noParser(file));
          if (unreadTerraformJson(file, text)) entry.unread = true;
        }
      } else if (file.endsWith('.json') && looksLikePolicy(text)) {
        const r = readJsonPolicy(file, text, { form: 'json-file' });
        entry.documents.push(r.document);
        entry.problems.push(...r.problems);
      }
    } catch (e) {
      entry.problems.push({ rule: 'syntax-error', severity: 'error', file, range: ZERO, message: String(e) });
    }
    if (prev?.tree && prev.tree !== entry.tree) { try { prev.tree.delete?.(); } catch { /* already freed */ } }
    if (!prev || prev.documents.length || prev.problems.length || entry.documents.length || entry.problems.length) this.collected = undefined;
    this.entries.set(file, entry);
    this.cached = undefined;
    if (entry.unread) this.unreadTfJson.add(file);
    else this.unreadTfJson.delete(file);
    // The plan of root modules stays when the file calls the same modules as before.
    if (prev && prev.tf && entry.tf && sameList(localCalls(prev.tf), localCalls(entry.tf))) this.reparsed.set(file, entry.tf);
    else if (prev?.tf || entry.tf || !prev || file.endsWith(MODULES_JSON)) this.plans = undefined;
  }

  /**
   * deferParser: loads tree-sitter if a file set since needs it, and parses those files (a parser
   * that cannot be loaded leaves them skipped, with a problem, as without deferParser).
   */
  async parsePending(): Promise<void> {
    if (!this.pendingParse.size) return;
    try { this.parser = await createParser(); } catch { this.parser = undefined; }
    this.parserDeferred = false;
    const files = [...this.pendingParse];
    this.pendingParse.clear();
    for (const f of files) {
      const text = this.entries.get(f)?.text;
      if (text !== undefined) this.setFile(f, text);
    }
  }

  /** A view of every file's text as it is now (later edits do not change what it returns). */
  textSnapshot(): (file: string) => string | undefined {
    const snap = new Map(this.entries);
    return (file) => snap.get(file)?.text;
  }

  /** Forgets a file (deleted on disk, or closed and unreadable). */
  removeFile(file: string): void {
    try { this.entries.get(file)?.tree?.delete?.(); } catch { /* already freed */ }
    this.collected = undefined;
    this.entries.delete(file);
    this.pendingParse.delete(file);
    this.unreadTfJson.delete(file);
    this.cached = undefined;
    this.plans = undefined;
  }

  /** Current text of a file known to the workspace. */
  getText(file: string): string | undefined {
    return this.entries.get(file)?.text;
  }

  /**
   * Where each line of a file's text starts (fixes/text.ts lineStarts), when `text` is the file's
   * text now: found once per text and kept with it (the analysis reads lines of the same files at
   * every analysis: analysis/findings.ts Lines); undefined otherwise.
   */
  lineStartsOf(file: string, text: string): LineStarts | undefined {
    const e = this.entries.get(file);
    if (!e || e.text !== text) return undefined;
    return (e.lines ??= lineStarts(text));
  }

  files(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** How many files the workspace knows (without listing them). */
  fileCount(): number {
    return this.entries.size;
  }

  updateSettings(settings: Partial<AnalysisSettings>): void {
    this.settings = withDefaults(settings);
    this.cached = undefined;
    this.plans = undefined;
    this.roots.clear();
  }

  /**
   * The model of the workspace. Each root module's part is rebuilt only when one of its files (or
   * a file it reads through file()/templatefile()) changed: an edit re-evaluates its own
   * configuration, not the workspace.
   */
  model(): WorkspaceModel {
    if (this.pendingParse.size) throw new Error('Workspace.model(): files wait for the parser (await parsePending() first)');
    if (this.cached) return this.cached;
    // JSON policy files and file problems: collected again only when a file that has (or had) some changed.
    if (!this.collected) {
      const documents: PolicyDocument[] = [];
      const problems: FileProblem[] = [];
      for (const e of this.entries.values()) {
        for (const d of e.documents) documents.push(d);
        for (const p of e.problems) problems.push(p);
      }
      this.collected = { documents, problems };
    }
    const documents = this.collected.documents;
    const problems: FileProblem[] = [...this.diskProblems, ...this.collected.problems];
    let built: WorkspaceModel;
    try {
      built = mergeModels(this.buildRoots(), documents, this.root, { ...this.settings.defaults });
    } catch (e) {
      this.roots.clear();
      built = { roles: [], components: [], documents, modules: [], problems: [] };
      problems.push(analysisFailed(this.firstFile() ?? this.root, 'the Terraform configuration', e));
    }
    for (const p of this.cycles) problems.push(p);
    for (const p of built.problems) problems.push(p);
    for (const p of this.reparseProblems.splice(0)) problems.push(p);
    // `built` is a fresh model (mergeModels', which modelParts knows, or the one above): its problems are set in place.
    built.problems = problems;
    this.cached = built;
    return built;
  }

  /** The first Terraform file of the workspace (where a problem of the whole configuration is shown). */
  private firstFile(): string | undefined {
    for (const e of this.entries.values()) if (e.tf) return e.tf.src.file;
    return undefined;
  }

  /** Every root module's model, built again where its files changed. */
  private buildRoots(): WorkspaceModel[] {
    const next = new Map<string, RootCache>();
    const parts = this.plan().map((plan): WorkspaceModel => {
      let c: RootCache;
      try {
        c = this.rootModel(plan);
      } catch (e) {
        // Fail closed: this root's roles are not checked, and a problem on its first file says so (core/incomplete.ts).
        const file = plan.files[0]?.src.file ?? plan.dir;
        return { roles: [], components: [], documents: [], modules: [], problems: [analysisFailed(file, `the module in ${path.relative(this.root, plan.dir) || '.'}`, e)] };
      }
      next.set(plan.dir, c);
      return c.model;
    });
    this.roots = next;
    return parts;
  }

  /** The root modules: planned again when files came, went or call other modules; else the last plan with the reparsed files. */
  private plan(): RootPlan[] {
    if (!this.plans) {
      const tf: ParsedTfFile[] = [];
      for (const e of this.entries.values()) if (e.tf) tf.push(e.tf);
      const byDir = groupByDir(tf);
      this.cycles = moduleCycleProblems(byDir);
      this.plans = planRoots(byDir, (dir) => this.installedOf(dir));
      this.planIndex.clear();
      this.plans.forEach((p, i) => p.files.forEach((f, j) => {
        const at = this.planIndex.get(f.src.file) ?? [];
        at.push([i, j]);
        this.planIndex.set(f.src.file, at);
      }));
    } else if (this.reparsed.size) {
      const copied = new Set<number>();
      for (const [file, parsed] of this.reparsed) {
        for (const [i, j] of this.planIndex.get(file) ?? []) {
          if (!copied.has(i)) {
            copied.add(i);
            this.plans[i] = { ...this.plans[i], files: [...this.plans[i].files] }; // its installed modules too
          }
          this.plans[i].files[j] = parsed;
        }
      }
    }
    // A new map, not clear(): V8 links a cleared Map's old table to its new one and leaves its
    // entries in it, so clearing a long-lived map on every keystroke chained every version of the
    // edited file (its text, line starts and blocks) to an old table that only a full collection
    // frees. Minor collections copied them all: 101 KB promoted per keystroke and 10 ms per minor
    // pause in a 3,000-line file, against 5 KB and 1.5 ms (`--trace-gc-nvp`, 2026-12-04).
    this.reparsed = new Map();
    return this.plans;
  }

  private rootModel(plan: RootPlan): RootCache {
    const old = this.roots.get(plan.dir);
    const unread = this.unreadIn(plan);
    if (old && old.files.length === plan.files.length && old.files.every((f, i) => f === plan.files[i]) && [...old.reads].every(([f, t]) => this.readForTerraform(f) === t) && sameList(old.unread, unread)) return old;
    const reads = new Map<string, GatedText>();
    const read = (f: string) => {
      const t = this.readForTerraform(f);
      reads.set(f, t);
      return t;
    };
    const docs: DocMemo = new Map();
    const hot = plan.files.some((f) => this.entries.get(f.src.file)?.tree);
    // Documents are recorded for reuse from a root's first rebuild on, or at once for a root with a file open in an editor.
    const record = !!old || hot;
    const failures = this.reparseProblems.length;
    const blocks = record ? newBlockMemo(this.settings) : undefined;
    const same = old && hot ? compareBuildInputs(old.files, plan.files) : undefined;
    const referencesUnchanged = !!same?.references;
    const model = buildRootModel(plan, this.settings, read, (f, t) => (looksLikePolicy(t) ? readJsonPolicy(f, t, { form: 'json-file' }).document : undefined), record ? { previous: old?.docs, next: docs, referencesUnchanged, blocks: { previous: old?.blocks, next: blocks! }, documentsUnchanged: !!same?.documents, othersUnchanged: !!same?.others, changedDocuments: same?.changedDocuments } : undefined);
    // A file of the root could not be read again: this model is not kept (the next build tries again).
    if (unread.length) {
      const deps = unread.map((f) => unreadTerraformJsonDependency(this.root, f));
      model.roles = model.roles.map((r) => ({ ...r, opaque: [...r.opaque, ...deps] }));
    }
    if (this.reparseProblems.length > failures) return { files: [], reads, model, docs, unread };
    // A root without an open file keeps its model, not its syntax: the blocks of its files are
    // read again (parsed) if the root is ever rebuilt. Most of a large workspace's memory otherwise.
    if (!hot) for (const f of plan.files) this.dropBlocks(f);
    return { files: plan.files, reads, model, docs, blocks, unread };
  }

  /** The unread `.tf.json` files in a root module's folders (its own and those of the local modules it calls). */
  private unreadIn(plan: RootPlan): string[] {
    if (!this.unreadTfJson.size) return [];
    const dirs = new Set(plan.files.map((f) => path.dirname(f.src.file)));
    return [...this.unreadTfJson].filter((f) => dirs.has(path.dirname(f))).sort();
  }

  /** Replaces a parsed file's blocks by a getter that parses its text again when they are next read. */
  private dropBlocks(tf: ParsedTfFile): void {
    const d = Object.getOwnPropertyDescriptor(tf, 'blocks');
    // Terraform JSON keeps its blocks (rare files; parsing them again would need the JSON reader).
    if (!d || typeof d.get === 'function' || !this.parser || tf.src.file.endsWith(TF_JSON_SUFFIX)) return;
    const parser = this.parser;
    Object.defineProperty(tf, 'blocks', {
      enumerable: true,
      configurable: true,
      get: (): Block[] => {
        let blocks: Block[] | undefined = quickBlocks(tf.src.text);
        let tree: any;
        try {
          if (!blocks) {
            tree = parseText(parser, tf.src.text);
            blocks = convertTopLevel(tree, tf.src.text, undefined, undefined, (snippet) => parseText(parser, snippet));
          }
        } catch (e) {
          // Never silently empty: the file's roles would vanish from the analysis without a word.
          // Reported with this model; the getter stays (tried again) and the root is not kept (rebuilt next time).
          this.reparseProblems.push({ rule: 'file-unreadable', severity: 'error', file: tf.src.file, range: ZERO, message: `The file could not be parsed again, so its roles and policies are not analysed: ${String(e)}` });
          return [];
        } finally {
          try { tree?.delete?.(); } catch { /* freed */ }
        }
        Object.defineProperty(tf, 'blocks', { value: blocks, writable: true, enumerable: true, configurable: true });
        return blocks;
      },
    });
  }

  /** file()/templatefile(): a workspace file's current text (open editors win), else `read` or the disk, inside the root only. */
  private readForTerraform(file: string): GatedText {
    const known = this.entries.get(file)?.text;
    if (known !== undefined) return known;
    return this.readOutside ? this.readOutside(file) : readInsideWhy(this.gateRootOf(file), file, this.settings.maxFileBytes);
  }

  /** Reparses incrementally when the previous tree is known (`change`: the edit since its text, changeOf). */
  private parseIncremental(prev: FileEntry | undefined, text: string, change: TextChange | undefined): any {
    const old = prev?.tree;
    if (!old || prev.text === undefined) return parseText(this.parser, text);
    if (!change) return parseText(this.parser, text, old);
    try {
      old.edit(change.edit);
      return parseText(this.parser, text, old);
    } catch {
      return parseText(this.parser, text);
    }
  }
}

/** An edit of a file's text: the changed middle (`start`..`endA` before, `start`..`endB` now), and as tree-sitter's Tree.edit takes it. */
interface TextChange {
  start: number;
  endA: number;
  endB: number;
  edit: { startIndex: number; oldEndIndex: number; newEndIndex: number; startPosition: TsPoint; oldEndPosition: TsPoint; newEndPosition: TsPoint };
}

interface TsPoint {
  row: number;
  column: number;
}

/** Where two texts differ: `a`'s characters `start`..`endA` are `b`'s `start`..`endB` (the longest common prefix, then suffix). */
export interface TextSpan {
  start: number;
  endA: number;
  endB: number;
}

/** Where `b` differs from `a` (TextSpan). */
export function editSpan(a: string, b: string): TextSpan {
  const start = commonPrefix(a, b);
  const tail = commonSuffix(a, b, start);
  return { start, endA: a.length - tail, endB: b.length - tail };
}

/** The edit `span` of `prev`'s text as a TextChange (`toPos`: the new text's offsets to positions). */
function changeOf(prev: FileEntry, toPos: (offset: number) => { line: number; character: number }, span: TextSpan): TextChange {
  const { start, endA, endB } = span;
  const pa = prev.tf?.src.toPos ?? offsetMapper(prev.text);
  const pt = (p: { line: number; character: number }): TsPoint => ({ row: p.line, column: p.character });
  return { start, endA, endB, edit: { startIndex: start, oldEndIndex: endA, newEndIndex: endB, startPosition: pt(pa(start)), oldEndPosition: pt(pa(endA)), newEndPosition: pt(toPos(endB)) } };
}

/**
 * An edit of an open file that stays inside one top-level block, in a file tree-sitter found no
 * error in, when the quick reader reads the block's new text as one block ending where the block
 * now ends: the file's blocks are the others as they were (those after it shifted) and that one
 * block read anew, and tree-sitter's tree is told of the edit but not parsed again (its next parse,
 * when an edit is not of this kind, covers every edit since: tree-sitter's edit() before parse()).
 *
 * Why this is the reparse's result: a file's top level is a sequence of blocks; the text before
 * the block and after it is unchanged, and the block's new text is a whole block, without a syntax
 * error, that ends where the unchanged text begins (the quick reader is sure of a block only then:
 * test/unit/terraform/quick.test.ts holds it to tree-sitter), so tree-sitter reads the same blocks
 * around it. Typing in a policy, the tree-sitter parse and the walk over every block were a third
 * of a keystroke. Undefined when the edit is not of this kind (the caller parses).
 * test/unit/terraform/edit-in-block.test.ts compares it with a reparse, edit by edit.
 */
function editInOneBlock(prev: FileEntry, text: string, change: TextChange, parse: (snippet: string) => any): { blocks: Block[]; tree: any; reuse: Map<string, { start: number; block: Block }> } | undefined {
  const { tree, blocks: reuse, tf } = prev;
  if (!tree || !reuse || !tf || prev.problems.length) return undefined;
  const blocks = tf.blocks;
  // A safety net: the map keeps one entry per block (below), and a parse makes it anew.
  if (reuse.size > 2 * blocks.length + 64) return undefined;
  const { start, endA, endB } = change;
  const delta = endB - endA;
  // The block the edit is inside: after its first character, before its end.
  let lo = 0;
  let hi = blocks.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid];
    if (b.span.end <= start) lo = mid + 1;
    else if (b.span.start >= start) hi = mid - 1;
    else { at = mid; break; }
  }
  if (at < 0) return undefined;
  const old = blocks[at];
  if (!(old.span.start < start && endA < old.span.end)) return undefined;
  const block = quickBlockAt(text, old.span.start, old.span.end + delta);
  if (!block) return undefined;
  const out = blocks.slice(0, at);
  out.push(block);
  for (let i = at + 1; i < blocks.length; i++) out.push(shiftBlock(blocks[i], delta, text, parse));
  try {
    tree.edit(change.edit);
  } catch {
    return undefined;
  }
  // The block as it was is not kept for a later parse: typing would keep every keystroke's block.
  const was = prev.text.slice(old.span.start, old.span.end);
  if (reuse.get(was)?.block === old) reuse.delete(was);
  reuse.set(text.slice(block.span.start, block.span.end), { start: block.span.start, block });
  return { blocks: out, tree, reuse };
}

/**
 * The top-level blocks of a parsed file. A block whose source text is the same as in the previous
 * version of the file (an open editor's) is reused, its offsets shifted, instead of being converted
 * again from the wasm tree: an edit converts the blocks it touched.
 */
function convertTopLevel(tree: any, text: string, previous: Map<string, { start: number; block: Block }> | undefined, keep: Map<string, { start: number; block: Block }> | undefined, parse: (snippet: string) => any): Block[] {
  const root = tree?.rootNode;
  if (!root) return [];
  const out: Block[] = [];
  // Walked with a cursor: a node object is made only for a block converted now, not for every
  // block of the file on every keystroke (most are reused).
  const cursor = root.walk();
  try {
    const anyError: boolean = root.hasError;
    if (!cursor.gotoFirstChild()) return out;
    while (cursor.nodeType !== 'body') if (!cursor.gotoNextSibling()) return out;
    if (!cursor.gotoFirstChild()) return out;
    do {
      if (!cursor.nodeIsNamed || cursor.nodeType !== 'block') continue;
      const start = cursor.startIndex as number;
      const end = cursor.endIndex as number;
      const key = previous || keep ? text.slice(start, end) : '';
      // A block with a syntax error is converted afresh (error recovery may depend on what surrounds it).
      const clean = (previous || keep) && !(anyError && cursor.currentNode.hasError);
      const hit = clean ? previous?.get(key) : undefined;
      let block: Block | undefined;
      if (hit) block = hit.start === start ? hit.block : shiftBlock(hit.block, start - hit.start, text, parse);
      // A block the edit changed: read by the quick reader when it is sure of it (no syntax error
      // in it), else converted from its nodes.
      else block = (clean || !anyError ? quickBlockAt(text, start, end) : undefined) ?? lazyBlock(cursor.currentNode, text, parse);
      if (!block) continue;
      out.push(block);
      if (clean) keep?.set(key, { start, block });
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return out;
}

/** A reused block at its new offset (a body not read yet stays deferred, read from the new text). */
function shiftBlock(b: Block, d: number, text: string, parse: (snippet: string) => any): Block {
  if (!bodyDeferred(b)) return shiftBlockLazily(b, d);
  return deferredBlock(b.type, b.labels, { start: b.span.start + d, end: b.span.end + d }, { start: b.headerSpan.start + d, end: b.headerSpan.end + d }, text, parse);
}

/**
 * Compared a chunk at a time (native string comparison), in chunks of 2,048 characters, then of 256
 * and of 32 within the chunk that differs, then character by character (at most 31 characters,
 * instead of up to 2,047 one at a time).
 */
const CHUNKS = [2048, 256, 32];

/** The length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const min = Math.min(a.length, b.length);
  let i = 0;
  for (const c of CHUNKS) while (i + c <= min && a.slice(i, i + c) === b.slice(i, i + c)) i += c;
  while (i < min && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the longest common suffix of `a` and `b` that leaves their first `keep` characters alone. */
export function commonSuffix(a: string, b: string, keep: number): number {
  const max = Math.min(a.length, b.length) - keep;
  let n = 0;
  for (const c of CHUNKS) while (n + c <= max && a.slice(a.length - n - c, a.length - n) === b.slice(b.length - n - c, b.length - n)) n += c;
  while (n < max && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
