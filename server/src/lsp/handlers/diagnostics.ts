/** Core findings and file problems -> LSP diagnostics; push publishing that never leaves stale ones. */
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic, type PublishDiagnosticsClientCapabilities } from 'vscode-languageserver/node';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Finding, Fix, Severity } from '../../core/model';
import type { FileProblem } from '../../core/workspace-model';
import { SUPPRESSION_UNUSED } from '../../core/suppress';
import { fixesPending } from '../../core/analyze';
import { groupByFile, type IndexAnalysis } from '../../core/workspace-index';
import { keep, keptOn, keptValue } from '../../core/kept';
import { messageBeside } from '../../core/analysis/placement';
import { messagesFor } from '../../core/messages';
import { getClientLocale } from './settings';

export const SOURCE = 'agentcore-iam';

/**
 * The contract with the quick fix (`diagnostic.data`; the rule is the diagnostic's `code`). Fixes
 * are computed when first asked for: `fixes` holds them when already computed (absent when there are
 * none); `fixesPending` says they are not computed yet, and the code-action handler computes them from
 * the server's finding with the same rule, place, requirement, actions and condition keys. Every
 * diagnostic of every keystroke carries it: nothing in it repeats another field.
 */
export interface DiagnosticData {
  requirement?: string;
  actions: string[];
  conditionKeys?: string[];
  fixes?: Fix[];
  fixesPending?: true;
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    default: return DiagnosticSeverity.Hint;
  }
}

const uris = new Map<string, string>();

export function fileToUri(file: string): string {
  let u = uris.get(file);
  if (u === undefined) {
    if (uris.size > 100_000) uris.clear();
    uris.set(file, (u = pathToFileURL(file).toString()));
  }
  return u;
}

export function uriToFile(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Under which a diagnostic sent without the sentence its related information shows keeps its whole message (core/kept.ts: no WeakMap on the keystroke path). */
const WHOLE = Symbol('whole message');

/** The diagnostic made of a finding or a file problem, kept on it (core/kept.ts). */
const DIAGNOSTIC = Symbol('diagnostic');

/** The diagnostic of a finding; the same object for the same finding (unchanged files are not republished). */
export function findingToDiagnostic(f: Finding): Diagnostic {
  return keptOn(f, DIAGNOSTIC, toDiagnostic);
}

function toDiagnostic(f: Finding): Diagnostic {
  const pending = fixesPending(f);
  const data: DiagnosticData = { requirement: f.requirement, actions: f.actions, conditionKeys: f.conditionKeys };
  if (pending) data.fixesPending = true;
  else if (f.fixes.length) data.fixes = f.fixes;
  const d: Diagnostic = {
    range: f.range,
    severity: toSeverity(f.severity),
    code: f.rule,
    source: SOURCE,
    message: f.message,
    data,
  };
  if (f.docs) d.codeDescription = { href: f.docs };
  if (f.related.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: fileToUri(r.loc.file), range: r.loc.range }, message: r.message }));
    // The role and its components are listed under the message: it does not name them again. A
    // client that is not sent related information gets the whole message (shape).
    const beside = messageBeside(f);
    if (beside !== f.message) {
      keep(d, WHOLE, f.message);
      d.message = beside;
    }
  }
  // Unnecessary fades the text: only text that can go (an unused suppression), never the legacy
  // finding's policy document, which the role needs (the finding says a statement is absent).
  if (f.rule === SUPPRESSION_UNUSED) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function problemToDiagnostic(p: FileProblem): Diagnostic {
  return keptOn(p, DIAGNOSTIC, problemDiagnostic);
}

function problemDiagnostic(p: FileProblem): Diagnostic {
  return {
    range: p.range,
    severity: toSeverity(p.severity),
    code: p.rule,
    source: SOURCE,
    message: messagesFor(getClientLocale()).front(p.message), // the front writes English: rendered in the client's language
    data: { actions: [] } satisfies DiagnosticData,
  };
}

/**
 * What a client said it reads of a diagnostic (its PublishDiagnosticsClientCapabilities): the
 * fields it did not name are not sent (`data` included: the code actions find a diagnostic's
 * finding without it). Undefined: everything (VS Code names every field).
 */
export interface DiagnosticSupport {
  relatedInformation: boolean;
  codeDescription: boolean;
  data: boolean;
  tags: readonly DiagnosticTag[];
}

export function diagnosticSupport(c: PublishDiagnosticsClientCapabilities | undefined): DiagnosticSupport | undefined {
  const s: DiagnosticSupport = { relatedInformation: c?.relatedInformation === true, codeDescription: c?.codeDescriptionSupport === true, data: c?.dataSupport === true, tags: c?.tagSupport?.valueSet ?? [] };
  return s.relatedInformation && s.codeDescription && s.data && s.tags.includes(DiagnosticTag.Unnecessary) ? undefined : s;
}

/** A diagnostic with only the fields `support` names (a copy, or `d` when it has nothing to leave out). */
function shape(d: Diagnostic, support: DiagnosticSupport): Diagnostic {
  const drop = (d.relatedInformation && !support.relatedInformation) || (d.codeDescription && !support.codeDescription) || (d.data !== undefined && !support.data) || d.tags?.some((t) => !support.tags.includes(t));
  if (!drop) return d;
  const out: Diagnostic = { ...d };
  if (!support.relatedInformation) {
    delete out.relatedInformation;
    out.message = keptValue<string>(d, WHOLE) ?? d.message;
  }
  if (!support.codeDescription) delete out.codeDescription;
  if (!support.data) delete out.data;
  if (out.tags) {
    const tags = out.tags.filter((t) => support.tags.includes(t));
    if (tags.length) out.tags = tags;
    else delete out.tags;
  }
  return out;
}

/**
 * The order in which one analysis' files are published: the edited files first (what the user is
 * looking at), then the others from the fewest diagnostics to the most, so that one large file (a
 * 3,000-line main.tf's 100 findings are 140 KB of JSON) does not hold up the small ones behind it
 * (a module's role whose output changed on disk waited for it: docs/benchmark.md). A file's own
 * messages keep their order; only whole files are reordered.
 */
export function publishOrder(files: Iterable<string>, byFile: ReadonlyMap<string, readonly unknown[]>, edited?: ReadonlySet<string>): string[] {
  const rank = (f: string) => (edited?.has(f) ? -1 : byFile.get(f)?.length ?? 0);
  return [...files].sort((a, b) => rank(a) - rank(b));
}

/**
 * Publishes per file; files that had diagnostics and have none now get an empty list.
 * `force`: files that are published even when their diagnostics did not change (an edited document:
 * a client expects diagnostics for every version it sent); `version`: the document version a file's
 * diagnostics were computed from (open documents), sent as `PublishDiagnosticsParams.version`.
 * Unchanged files are recognised by identity (the same Diagnostic objects) before any comparison.
 */
export class DiagnosticPublisher {
  private published = new Map<string, { diags: Diagnostic[]; json?: string }>(); // uri -> last published
  private support: DiagnosticSupport | undefined;
  /** Under which a diagnostic keeps its copy shaped for this client (core/kept.ts; one client per server). */
  private readonly shaped = Symbol('shaped');
  constructor(private readonly connection: Connection) {}

  /** What the client reads of a diagnostic (diagnosticSupport); set at initialize, before anything is published. */
  setSupport(support: DiagnosticSupport | undefined): void {
    this.support = support;
  }

  /** The diagnostics as this client reads them: the same objects for the same diagnostics (their bytes kept: lsp/wire.ts). */
  private forClient(diags: Diagnostic[]): Diagnostic[] {
    const support = this.support;
    if (!support) return diags;
    return diags.map((d) => keptOn(d, this.shaped, (x) => shape(x, support)));
  }

  /**
   * `owns`: files owned by the workspace being published (so other folders' files are untouched).
   * `changed`: only these files (and the forced ones) can differ from what this publisher last
   * published for the workspace (Grouped.changed); undefined: any file can.
   */
  publish(byFile: ReadonlyMap<string, Diagnostic[]>, owns: (file: string) => boolean, opts: { force?: Set<string>; version?: (file: string) => number | undefined; changed?: ReadonlySet<string> } = {}): void {
    const send = (uri: string, file: string, diags: Diagnostic[]) => {
      const version = opts.version?.(file);
      const diagnostics = this.forClient(diags);
      void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    };
    // The files to look at: the changed ones, or every file with diagnostics now or published before.
    const files = new Set(opts.changed ?? byFile.keys());
    if (!opts.changed) {
      const uris = new Set<string>();
      for (const f of files) uris.add(fileToUri(f));
      for (const uri of [...this.published.keys()]) {
        if (uris.has(uri)) continue;
        const file = uriToFile(uri);
        if (file === undefined) this.clear(uri);
        else files.add(file);
      }
    }
    for (const file of opts.force ?? []) files.add(file);
    for (const file of publishOrder(files, byFile, opts.force)) {
      const uri = fileToUri(file);
      const diags = byFile.get(file);
      const forced = !!opts.force?.has(file);
      if (!diags) {
        // No diagnostics now: an empty list where some were published, or for a forced (edited) file.
        if (owns(file) && (this.published.delete(uri) || forced)) send(uri, file, []);
        continue;
      }
      const last = this.published.get(uri);
      if (last && !forced) {
        if (last.diags === diags || (last.diags.length === diags.length && last.diags.every((d, i) => d === diags[i]))) continue;
        last.json ??= JSON.stringify(last.diags);
        const json = JSON.stringify(diags);
        if (last.json === json) { this.published.set(uri, { diags, json }); continue; }
        this.published.set(uri, { diags, json });
      } else this.published.set(uri, { diags });
      send(uri, file, diags);
    }
  }

  clear(uri: string): void {
    if (!this.published.has(uri)) return;
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  clearAll(owns: (file: string) => boolean): void {
    for (const uri of [...this.published.keys()]) {
      const file = uriToFile(uri);
      if (!file || owns(file)) this.clear(uri);
    }
  }
}

/**
 * Diagnostics by file (file problems first, then findings), and the findings by file (hovers and
 * code actions look them up by file). Kept by the language server from one analysis to the next.
 */
export interface Grouped {
  diagnostics: Map<string, Diagnostic[]>;
  findings: Map<string, Finding[]>;
  problems: Map<string, FileProblem[]>;
  /** The index analysis grouped last (IndexAnalysis.generation), and its problems: what the next one is compared with. */
  generation?: number;
  problemList?: FileProblem[];
  /** The files whose diagnostics may have changed in the last grouping; undefined: any file (grouped afresh). */
  changed?: ReadonlySet<string>;
}

/** What an index analysis says changed since the one before it. */
export type AnalysisDelta = Pick<IndexAnalysis, 'changed' | 'generation'>;

/**
 * The diagnostics of an analysis, reusing the previous grouping: a file whose problems and findings
 * are the same objects as last time keeps its Diagnostic[] (the publisher then skips it at once).
 * `delta`: when `previous` was grouped from the analysis just before this one, only the files it
 * names (and those with file problems, when they changed) are looked at, and `previous` is updated
 * in place: a keystroke costs the files it changed, not every file of the workspace. Otherwise (a
 * first analysis, a failed one in between, a caller without a delta) every file is grouped afresh.
 * `byFile`: the findings by file, each list sorted (the index's analysis).
 */
export function groupIncrementally(byFile: ReadonlyMap<string, Finding[]>, problems: FileProblem[], previous?: Grouped, delta?: AnalysisDelta): Grouped {
  if (previous && delta && previous.generation === delta.generation - 1) {
    const touched = new Set(delta.changed);
    const problemsBefore = previous.problems;
    if (problems !== previous.problemList) {
      previous.problems = groupByFile(problems);
      for (const f of problemsBefore.keys()) touched.add(f);
      for (const f of previous.problems.keys()) touched.add(f);
    }
    for (const file of touched) {
      const fs = byFile.get(file);
      const ps = previous.problems.get(file);
      const oldFindings = previous.findings.get(file);
      if (fs) previous.findings.set(file, fs);
      else previous.findings.delete(file);
      if (fs || ps) previous.diagnostics.set(file, diagnosticsOf(ps, fs, previous.diagnostics.get(file), oldFindings, problemsBefore.get(file)));
      else previous.diagnostics.delete(file);
    }
    previous.generation = delta.generation;
    previous.problemList = problems;
    previous.changed = touched;
    return previous;
  }
  const probs = groupByFile(problems);
  const diagnostics = new Map<string, Diagnostic[]>();
  const files = new Set<string>([...probs.keys(), ...byFile.keys()]);
  for (const file of files) {
    const fs = byFile.get(file);
    const ps = probs.get(file);
    diagnostics.set(file, diagnosticsOf(ps, fs, previous?.diagnostics.get(file), previous?.findings.get(file), previous?.problems.get(file)));
  }
  // A copy: `byFile` may be the index's own map, which the next analysis changes.
  return { diagnostics, findings: new Map(byFile), problems: probs, generation: delta?.generation, problemList: problems };
}

/** A file's diagnostics: `old` when it was made from the same problems and findings (`oldFs`, `oldPs`), else new ones. */
export function diagnosticsOf(ps: FileProblem[] | undefined, fs: Finding[] | undefined, old?: Diagnostic[], oldFs?: Finding[], oldPs?: FileProblem[]): Diagnostic[] {
  if (old && same(fs, oldFs) && same(ps, oldPs)) return old;
  const d: Diagnostic[] = [];
  for (const p of ps ?? []) d.push(problemToDiagnostic(p));
  for (const f of fs ?? []) d.push(findingToDiagnostic(f));
  return d;
}

function same<T>(a: T[] | undefined, b: T[] | undefined): boolean {
  return a === b || ((a?.length ?? 0) === (b?.length ?? 0) && (!a || a.every((x, i) => x === b![i])));
}
