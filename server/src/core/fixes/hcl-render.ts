/** Renders HCL blocks and objects the way `terraform fmt` lays them out. */

export type HclLine =
  | { kind: 'attr'; name: string; value: string } // single-line attribute
  | { kind: 'list'; name: string; items: string[]; inline?: boolean } // list attribute (inline when short, or always)
  | { kind: 'block'; header: string; body: HclLine[] }
  | { kind: 'blank' };

const INLINE_MAX = 80;

/** Renders body lines at `indent`, aligning `=` of consecutive single-line attributes. */
export function renderBody(lines: HclLine[], indent: string, unit: string, sep = '='): string[] {
  // Expand lists into single-line or multi-line attributes first.
  type Out = { single: true; name: string; value: string } | { single: false; text: string[] };
  const outs: Out[] = [];
  for (const l of lines) {
    if (l.kind === 'attr') outs.push({ single: true, name: l.name, value: l.value });
    else if (l.kind === 'list') {
      const inline = `[${l.items.join(', ')}]`;
      if (l.inline || l.items.length === 1 && indent.length + l.name.length + 3 + inline.length <= INLINE_MAX) {
        outs.push({ single: true, name: l.name, value: inline });
      } else {
        outs.push({
          single: false,
          text: [`${indent}${l.name}${sep === ':' ? ':' : ' ='} [`, ...l.items.map((it, i) => `${indent}${unit}${it}${i < l.items.length - 1 ? ',' : ''}`), `${indent}]`],
        });
      }
    } else if (l.kind === 'blank') outs.push({ single: false, text: [''] });
    else outs.push({ single: false, text: [`${indent}${l.header} {`, ...renderBody(l.body, indent + unit, unit, sep), `${indent}}`] });
  }
  const result: string[] = [];
  let i = 0;
  while (i < outs.length) {
    const o = outs[i];
    if (!o.single) { result.push(...o.text); i++; continue; }
    let j = i;
    while (j < outs.length && outs[j].single) j++;
    const group = outs.slice(i, j) as Extract<Out, { single: true }>[];
    const w = Math.max(...group.map((g) => g.name.length));
    // `=` is aligned like terraform fmt; JSON-style `key: value` is written as JSON writes it.
    for (const g of group) result.push(sep === ':' ? `${indent}${g.name}: ${g.value}` : `${indent}${g.name.padEnd(w)} ${sep} ${g.value}`);
    i = j;
  }
  return result;
}

export function hclString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}

export interface StatementSpec {
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  /** Rendered HCL values. */
  resources: string[];
  conditions: { test: string; variable: string; values: string[] }[];
}

export function conditionBlock(c: { test: string; variable: string; values: string[] }): HclLine {
  return {
    kind: 'block',
    header: 'condition',
    body: [
      { kind: 'attr', name: 'test', value: hclString(c.test) },
      { kind: 'attr', name: 'variable', value: hclString(c.variable) },
      { kind: 'list', name: 'values', items: c.values, inline: true },
    ],
  };
}

/** A `statement { ... }` block of an aws_iam_policy_document. */
export function renderStatementBlock(s: StatementSpec, indent: string, unit: string): string[] {
  const body: HclLine[] = [];
  if (s.sid) body.push({ kind: 'attr', name: 'sid', value: hclString(s.sid) });
  body.push({ kind: 'attr', name: 'effect', value: hclString(s.effect) });
  body.push({ kind: 'list', name: 'actions', items: s.actions.map(hclString) });
  body.push({ kind: 'list', name: 'resources', items: s.resources });
  for (const c of s.conditions) body.push({ kind: 'blank' }, conditionBlock(c));
  return renderBody([{ kind: 'block', header: 'statement', body }], indent, unit);
}
