/** Core findings and file problems -> LSP diagnostics; push publishing that never leaves stale ones. */
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Finding, Fix, Severity } from '../../core/model';
import type { FileProblem } from '../../core/workspace-model';

export const SOURCE = 'agentcore-iam';

/** The contract with the quick fix (`diagnostic.data`). */
export interface DiagnosticData {
  rule: string;
  requirement?: string;
  actions: string[];
  conditionKeys?: string[];
  fixes: Fix[];
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    default: return DiagnosticSeverity.Hint;
  }
}

export function fileToUri(file: string): string {
  return pathToFileURL(file).toString();
}

export function uriToFile(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function findingToDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = {
    rule: f.rule,
    requirement: f.requirement,
    actions: f.actions,
    conditionKeys: f.conditionKeys,
    fixes: f.fixes,
  };
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

export function problemToDiagnostic(p: FileProblem): Diagnostic {
  return {
    range: p.range,
    severity: toSeverity(p.severity),
    code: p.rule,
    source: SOURCE,
    message: p.message,
    data: { rule: p.rule, actions: [], fixes: [] } satisfies DiagnosticData,
  };
}

/** Publishes per file; files that had diagnostics and have none now get an empty list. */
export class DiagnosticPublisher {
  private published = new Map<string, string>(); // uri -> JSON of last diagnostics
  constructor(private readonly connection: Connection) {}

  /** `scope`: files owned by the workspace being published (so other folders' files are untouched). */
  publish(byFile: Map<string, Diagnostic[]>, owns: (file: string) => boolean): number {
    let count = 0;
    const seen = new Set<string>();
    for (const [file, diags] of byFile) {
      const uri = fileToUri(file);
      seen.add(uri);
      count += diags.length;
      const json = JSON.stringify(diags);
      if (this.published.get(uri) === json) continue;
      this.published.set(uri, json);
      void this.connection.sendDiagnostics({ uri, diagnostics: diags });
    }
    for (const uri of [...this.published.keys()]) {
      if (seen.has(uri)) continue;
      const file = uriToFile(uri);
      if (file && !owns(file)) continue;
      this.clear(uri);
    }
    return count;
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

export function groupByFile(findings: Finding[], problems: FileProblem[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  const add = (file: string, d: Diagnostic) => {
    const list = byFile.get(file) ?? [];
    list.push(d);
    byFile.set(file, list);
  };
  for (const p of problems) add(p.file, problemToDiagnostic(p));
  for (const f of findings) add(f.file, findingToDiagnostic(f));
  return byFile;
}
