/** tree-sitter (web-tree-sitter 0.27) with the Terraform grammar; works unbundled (require.resolve) and bundled (dist/wasm). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileProblem } from '../workspace-model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const TS = require('web-tree-sitter') as { Parser: any; Language: any };

function wasmPath(name: string, pkg: string): string {
  const bundled = path.join(__dirname, 'wasm', name);
  if (fs.existsSync(bundled)) return bundled;
  return require.resolve(`${pkg}/${name}`);
}

let ready: Promise<any> | undefined;

/** Returns a tree-sitter Parser with the Terraform language set. */
export function createParser(): Promise<any> {
  ready ??= (async () => {
    const core = wasmPath('web-tree-sitter.wasm', 'web-tree-sitter');
    await TS.Parser.init({ locateFile: () => core });
    const lang = await TS.Language.load(wasmPath('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl'));
    return lang;
  })();
  return ready.then((lang) => { const p = new TS.Parser(); p.setLanguage(lang); return p; });
}

/**
 * Parses `text` with tree-sitter, incrementally from `old` (already edited) when given.
 * The text is handed over through a function of ours, the same one web-tree-sitter 0.27 makes of a
 * string (`index => text.slice(index)`). Handed the string itself, every version of a file being
 * edited outlived V8's minor collections until the next full one, and each keystroke's minor
 * collection copied them all: typing into a 3,000-line file promoted 57 KB per keystroke and paused
 * 27–31 ms per minor collection; through our own function, 3 KB and 1.3–1.7 ms (`--trace-gc-nvp`,
 * parse alone, 2026-12-04). Same trees, same text callback for the nodes' `text`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseText(parser: any, text: string, old?: any): any {
  return parser.parse((index: number) => text.slice(index), old);
}

/** ERROR and MISSING nodes as syntax-error problems. */
export function syntaxProblems(file: string, tree: any): FileProblem[] {
  const out: FileProblem[] = [];
  const visit = (n: any): void => {
    if (out.length > 50) return;
    if (n.type === 'ERROR' || n.isMissing) {
      out.push({ rule: 'syntax-error', severity: 'error', file,
        range: { start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: n.endPosition.row, character: n.endPosition.column } },
        message: n.isMissing ? `Syntax error: missing ${n.type}` : 'Syntax error' });
      if (n.type === 'ERROR') return;
    }
    if (!n.hasError && !n.isMissing) return;
    for (const c of n.children) visit(c);
  };
  visit(tree.rootNode);
  return out;
}
