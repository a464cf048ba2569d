/** Core findings and file problems -> LSP diagnostics; push publishing that never leaves stale ones. */
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Finding, Fix, Severity } from '../../core/model';
import type { FileProblem } from '../../core/workspace-model';
import { fixesPending } from '../../core/analyze';
import { groupByFile } from '../../core/workspace-index';

export const SOURCE = 'agentcore-iam';

/**
 * The contract with the quick fix (`diagnostic.data`). Fixes are computed when first asked for:
 * `fixes` holds them when already computed; else it is empty and `fixesPending` is true, and the
 * code-action handler computes them from the server's finding with the same rule, place,
 * requirement, actions and condition keys.
 */
export interface DiagnosticData {
  rule: string;
  requirement?: string;
  actions: string[];
  conditionKeys?: string[];
  fixes: Fix[];
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

const converted = new WeakMap<Finding, Diagnostic>();

/** The diagnostic of a finding; the same object for the same finding (unchanged files are not republished). */
export function findingToDiagnostic(f: Finding): Diagnostic {
  let d = converted.get(f);
  if (!d) converted.set(f, (d = toDiagnostic(f)));
  return d;
}

function toDiagnostic(f: Finding): Diagnostic {
  const pending = fixesPending(f);
  const data: DiagnosticData = {
    rule: f.rule,
    requirement: f.requirement,
    actions: f.actions,
    conditionKeys: f.conditionKeys,
    fixes: pending ? [] : f.fixes,
  };
  if (pending) data.fixesPending = true;
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
  }
  if (f.verdict === 'not-required') d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

const convertedProblems = new WeakMap<FileProblem, Diagnostic>();

export function problemToDiagnostic(p: FileProblem): Diagnostic {
  let d = convertedProblems.get(p);
  if (!d) convertedProblems.set(p, (d = problemDiagnostic(p)));
  return d;
}

function problemDiagnostic(p: FileProblem): Diagnostic {
  return {
    range: p.range,
    severity: toSeverity(p.severity),
    code: p.rule,
    source: SOURCE,
    message: p.message,
    data: { rule: p.rule, actions: [], fixes: [] } satisfies DiagnosticData,
  };
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
  constructor(private readonly connection: Connection) {}

  /**
   * `owns`: files owned by the workspace being published (so other folders' files are untouched).
   * `changed`: only these files (and the forced ones) can differ from what this publisher last
   * published for the workspace (Grouped.changed); undefined: any file can.
   */
  publish(byFile: ReadonlyMap<string, Diagnostic[]>, owns: (file: string) => boolean, opts: { force?: Set<string>; version?: (file: string) => number | undefined; changed?: ReadonlySet<string> } = {}): void {
    const seen = new Set<string>();
    const send = (uri: string, file: string, diags: Diagnostic[]) => {
      const version = opts.version?.(file);
      void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics: diags } : { uri, version, diagnostics: diags });
    };
    const update = (file: string, diags: Diagnostic[]) => {
      const uri = fileToUri(file);
      seen.add(uri);
      const last = this.published.get(uri);
      const forced = !!opts.force?.has(file);
      if (last && !forced) {
        if (last.diags === diags || (last.diags.length === diags.length && last.diags.every((d, i) => d === diags[i]))) return;
        last.json ??= JSON.stringify(last.diags);
        const json = JSON.stringify(diags);
        if (last.json === json) { this.published.set(uri, { diags, json }); return; }
        this.published.set(uri, { diags, json });
      } else this.published.set(uri, { diags });
      send(uri, file, diags);
    };
    if (opts.changed) {
      for (const file of new Set([...opts.changed, ...(opts.force ?? [])])) {
        if (!owns(file)) continue;
        const diags = byFile.get(file);
        if (diags) { update(file, diags); continue; }
        const uri = fileToUri(file);
        // No diagnostics now: an empty list where some were published, or for a forced (edited) file.
        if (this.published.delete(uri) || opts.force?.has(file)) send(uri, file, []);
      }
      return;
    }
    for (const [file, diags] of byFile) update(file, diags);
    for (const uri of [...this.published.keys()]) {
      if (seen.has(uri)) continue;
      const file = uriToFile(uri);
      if (file && !owns(file)) continue;
      this.published.delete(uri);
      seen.add(uri);
      if (file) send(uri, file, []);
      else void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    // Forced files without diagnostics (and none before): an empty list for this version.
    for (const file of opts.force ?? []) {
      const uri = fileToUri(file);
      if (seen.has(uri) || !owns(file)) continue;
      send(uri, file, []);
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

/** What an index analysis says changed since the one before it (IndexAnalysis.changed and generation). */
export interface AnalysisDelta {
  changed: ReadonlySet<string>;
  generation: number;
}

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
  if (previous && delta && previous.generation !== undefined && previous.generation === delta.generation - 1) {
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
      const old = previous.diagnostics.get(file);
      if (old && same(fs, oldFindings) && same(ps, problemsBefore.get(file))) continue;
      if (fs || ps) previous.diagnostics.set(file, diagnosticsOf(ps, fs));
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
    const old = previous?.diagnostics.get(file);
    if (old && same(fs, previous!.findings.get(file)) && same(ps, previous!.problems.get(file))) {
      diagnostics.set(file, old);
      continue;
    }
    diagnostics.set(file, diagnosticsOf(ps, fs));
  }
  // A copy: `byFile` may be the index's own map, which the next analysis changes.
  return { diagnostics, findings: new Map(byFile), problems: probs, generation: delta?.generation, problemList: problems };
}

function diagnosticsOf(ps: FileProblem[] | undefined, fs: Finding[] | undefined): Diagnostic[] {
  const d: Diagnostic[] = [];
  for (const p of ps ?? []) d.push(problemToDiagnostic(p));
  for (const f of fs ?? []) d.push(findingToDiagnostic(f));
  return d;
}

function same<T>(a: T[] | undefined, b: T[] | undefined): boolean {
  return a === b || ((a?.length ?? 0) === (b?.length ?? 0) && (!a || a.every((x, i) => x === b![i])));
}
