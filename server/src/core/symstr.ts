/** Helpers of symbolic strings (model.ts `SymStr`) that every layer reads: Terraform, IAM, fixes. */
import type { SymStr } from './model';

/** The text of a symbolic string whose parts are all literal; undefined when any part is not. */
export function literalText(s: SymStr): string | undefined {
  let text = '';
  for (const p of s.parts) {
    if (p.kind !== 'lit') return undefined;
    text += p.text;
  }
  return text;
}
