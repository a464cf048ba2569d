/**
 * The set of Terraform and JSON files of a workspace, kept parsed, and the model built from them.
 * Implementation owned by the Terraform/JSON front work (issue #2).
 *
 * Never throws on bad input: syntax errors, unreadable or oversized files become FileProblems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisSettings } from './settings';
import { withDefaults } from './settings';
import type { FileProblem, WorkspaceModel } from './workspace-model';
import type { PolicyDocument } from './model';
import { looksLikePolicy, offsetMapper, readJsonPolicy } from './json/policy';
import { createParser, syntaxProblems } from './terraform/parser';
import { convertFile } from './terraform/ast';
import { buildModel, type ParsedTfFile } from './terraform/model';

export interface WorkspaceOptions {
  /** Absolute path of the workspace root (the root Terraform module, or a folder of them). */
  root: string;
  settings?: Partial<AnalysisSettings>;
}

interface FileEntry { text: string; documents: PolicyDocument[]; problems: FileProblem[]; tf?: ParsedTfFile; tree?: any }

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') { i++; if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*'; }
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

export class Workspace {
  private settings: AnalysisSettings;
  private entries = new Map<string, FileEntry>();
  private diskProblems: FileProblem[] = [];
  private cached: WorkspaceModel | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private parser: any;

  private constructor(readonly root: string, settings?: Partial<AnalysisSettings>) {
    this.settings = withDefaults(settings);
  }

  /** Loads the parsers (tree-sitter wasm); does not read files. */
  static async create(options: WorkspaceOptions): Promise<Workspace> {
    const w = new Workspace(path.resolve(options.root), options.settings);
    try { w.parser = await createParser(); } catch { w.parser = undefined; }
    return w;
  }

  private excluded(file: string): boolean {
    const rel = path.relative(this.root, file).split(path.sep).join('/');
    return this.settings.exclude.some((g) => { try { return globToRegExp(g).test(rel) || globToRegExp(g).test(rel + '/'); } catch { return false; } });
  }

  /** Reads every `.tf`, `.tf.json` and `.json` file under the root (minus excludes and oversized files). */
  async loadFromDisk(): Promise<void> {
    this.diskProblems = [];
    const seen = new Set<string>();
    const walk = (dir: string): void => {
      let real: string;
      try { real = fs.realpathSync(dir); } catch { return; }
      if (seen.has(real)) return;
      seen.add(real);
      let names: fs.Dirent[];
      try { names = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
      for (const d of names) {
        const full = path.join(dir, d.name);
        if (this.excluded(full)) continue;
        let isDir = d.isDirectory(); let isFile = d.isFile();
        if (d.isSymbolicLink()) { try { const st = fs.statSync(full); isDir = st.isDirectory(); isFile = st.isFile(); } catch { continue; } }
        if (isDir) walk(full);
        else if (isFile && (d.name.endsWith('.tf') || d.name.endsWith('.json'))) {
          try {
            const size = fs.statSync(full).size;
            if (size > this.settings.maxFileBytes) {
              this.diskProblems.push({ rule: 'file-skipped', severity: 'warning', file: full, range: ZERO, message: `File skipped: ${size} bytes exceeds maxFileBytes (${this.settings.maxFileBytes})` });
              continue;
            }
            this.setFile(full, fs.readFileSync(full, 'utf8'));
          } catch (e) {
            this.diskProblems.push({ rule: 'file-unreadable', severity: 'warning', file: full, range: ZERO, message: `File unreadable: ${String(e)}` });
          }
        }
      }
    };
    walk(this.root);
    this.cached = undefined;
  }

  /** Sets (opens, edits, creates) a file's text. */
  setFile(file: string, text: string): void {
    const entry: FileEntry = { text, documents: [], problems: [] };
    try {
      if (file.endsWith('.tf')) {
        if (this.parser) {
          const prev = this.entries.get(file);
          const tree = this.parseIncremental(prev, text);
          if (tree) {
            entry.tree = tree;
            entry.problems.push(...syntaxProblems(file, tree));
            const toPos = offsetMapper(text);
            entry.tf = { src: { file, text, toPos }, blocks: convertFile(tree).blocks };
          }
        } else {
          entry.problems.push({ rule: 'file-skipped', severity: 'warning', file, range: ZERO, message: 'The Terraform parser could not be loaded: this file is not analysed.' });
        }
      } else if (file.endsWith('.json') && !file.endsWith('.tf.json') && looksLikePolicy(text)) {
        const r = readJsonPolicy(file, text, { form: 'json-file' });
        entry.documents.push(r.document);
        entry.problems.push(...r.problems);
      }
    } catch (e) {
      entry.problems.push({ rule: 'syntax-error', severity: 'error', file, range: ZERO, message: String(e) });
    }
    this.entries.set(file, entry);
    this.cached = undefined;
  }

  /** Forgets a file (deleted on disk, or closed and unreadable). */
  removeFile(file: string): void {
    try { this.entries.get(file)?.tree?.delete?.(); } catch { /* already freed */ }
    this.entries.delete(file);
    this.cached = undefined;
  }

  /** Current text of a file known to the workspace. */
  getText(file: string): string | undefined {
    return this.entries.get(file)?.text;
  }

  files(): string[] {
    return [...this.entries.keys()].sort();
  }

  updateSettings(settings: Partial<AnalysisSettings>): void {
    this.settings = withDefaults(settings);
    this.cached = undefined;
  }

  model(): WorkspaceModel {
    if (this.cached) return this.cached;
    const documents: PolicyDocument[] = [];
    const problems: FileProblem[] = [...this.diskProblems];
    const tf = new Map<string, ParsedTfFile>();
    for (const [f, e] of this.entries) {
      documents.push(...e.documents);
      problems.push(...e.problems);
      if (e.tf) tf.set(f, e.tf);
    }
    let built: WorkspaceModel;
    try {
      built = buildModel(tf, documents, this.settings, (f) => this.readForTerraform(f), (f, t) => (looksLikePolicy(t) ? readJsonPolicy(f, t, { form: 'json-file' }).document : undefined));
    } catch (e) {
      built = { roles: [], components: [], documents, modules: [], problems: [] };
      problems.push({ rule: 'file-unreadable', severity: 'error', file: this.root, range: ZERO, message: `Analysis of the Terraform configuration failed: ${String(e)}` });
    }
    this.cached = { ...built, problems: [...problems, ...built.problems] };
    return this.cached;
  }

  /** file()/templatefile(): a workspace file's current text (open editors win), else the disk, inside the root only. */
  private readForTerraform(file: string): string | undefined {
    const known = this.entries.get(file)?.text;
    if (known !== undefined) return known;
    const rel = path.relative(this.root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    try {
      if (fs.statSync(file).size > this.settings.maxFileBytes) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Reparses incrementally when the previous tree is known: the edit is the changed middle. */
  private parseIncremental(prev: FileEntry | undefined, text: string): any {
    const old = prev?.tree;
    if (!old || prev.text === undefined) return this.parser.parse(text);
    const a = prev.text;
    let start = 0;
    const min = Math.min(a.length, text.length);
    while (start < min && a.charCodeAt(start) === text.charCodeAt(start)) start++;
    let endA = a.length;
    let endB = text.length;
    while (endA > start && endB > start && a.charCodeAt(endA - 1) === text.charCodeAt(endB - 1)) { endA--; endB--; }
    const pa = offsetMapper(a);
    const pb = offsetMapper(text);
    const pt = (p: { line: number; character: number }) => ({ row: p.line, column: p.character });
    try {
      old.edit({ startIndex: start, oldEndIndex: endA, newEndIndex: endB, startPosition: pt(pa(start)), oldEndPosition: pt(pa(endA)), newEndPosition: pt(pb(endB)) });
      const tree = this.parser.parse(text, old);
      old.delete?.();
      return tree;
    } catch {
      return this.parser.parse(text);
    }
  }
}
