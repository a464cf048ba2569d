/** Helpers of symbolic strings (model.ts `SymStr`) that every layer reads: Terraform, IAM, fixes. */
import type { Part, SymStr } from './model';

/** The text of a symbolic string whose parts are all literal; undefined when any part is not. */
export function literalText(s: SymStr): string | undefined {
  let text = '';
  for (const p of s.parts) {
    if (p.kind !== 'lit') return undefined;
    text += p.text;
  }
  return text;
}

/** Parts with adjacent literal texts joined into one part, as the fronts write them (empty literals kept). */
export function joinLiterals(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') out[out.length - 1] = { kind: 'lit', text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

/** The text of a symbolic string for people: `<region>`, `<name>` for symbols, `${expr}` for what is not known. */
export function renderSym(s: SymStr): string {
  return s.parts
    .map((p) => {
      switch (p.kind) {
        case 'lit':
          return p.text;
        case 'sym':
          return p.sym.kind === 'named' ? `<${p.sym.name}>` : `<${p.sym.kind}>`;
        case 'unknown':
          return `\${${p.expr}}`;
        case 'policyVar':
          return `\${${p.name}}`;
      }
    })
    .join('');
}
