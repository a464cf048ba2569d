/**
 * Terraform's JSON syntax (`*.tf.json`, what CDK for Terraform and other generators write), read
 * into the same syntax tree as native Terraform (ast.ts), so that the model and the analysis treat
 * both alike (https://developer.hashicorp.com/terraform/language/syntax/json):
 *
 * - `resource` / `data`: type, then name, then the body (an object, or an array of objects);
 *   `module`, `variable`, `output`, `provider`: name, then body; `locals`, `terraform`: a body.
 * - In a body, a property is a nested block when its name is one of NESTED_BLOCKS (JSON cannot
 *   say; Terraform decides by the provider's schema, and these are the blocks the analysis reads);
 *   any other property is an attribute, and the analysis reads object attributes as blocks where
 *   that can matter (features.ts). `dynamic` is `{ "statement": { "for_each": …, "content": {…} } }`.
 * - Every string is a template: `"${aws_iam_role.x.arn}"` is the reference, `"arn:${var.p}:…"` a
 *   template, parsed by the HCL grammar (as a heredoc's body, which keeps quotes and backslashes
 *   as they are). Its parts are placed at the whole JSON string (JSON escapes make finer places
 *   uncertain). `"//"` properties are comments.
 *
 * Quick fixes are not offered in these files (they would write HCL); findings are.
 */
import * as path from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { offsetMapper } from '../json/policy';
import type { FileProblem } from '../workspace-model';
import { convertFile, type Block, type Body, type Expr, type Span, type TplPart } from './ast';

export const TF_JSON_SUFFIX = '.tf.json';

/** Whether a file is Terraform, in native or JSON syntax. */
export function isTerraformFile(file: string): boolean {
  return file.endsWith('.tf') || file.endsWith(TF_JSON_SUFFIX);
}

/** Nested blocks the model reads by block (the rest are attributes; see the module comment). */
const NESTED_BLOCKS = new Set([
  'statement', 'principals', 'not_principals', 'condition', 'dynamic', 'content',
  'inline_policy', 'agent_runtime_artifact', 'container_configuration', 'code_configuration', 'code', 's3',
  'required_providers', 'lifecycle', 'network_configuration', 'protocol_configuration',
]);

/** Top-level keys whose value is `{ NAME: body }` (module, variable, …) or `{ TYPE: { NAME: body } }` (resource, data). */
const NAMED = new Set(['module', 'variable', 'output', 'provider']);
const TYPED = new Set(['resource', 'data']);

export interface TerraformJson {
  blocks: Block[];
  problems: FileProblem[];
  /** The text is not a JSON object at all: nothing of it could be read. */
  unreadable: boolean;
}

/**
 * A `.tf.json` file's blocks. `parse` parses HCL text with tree-sitter (for the templates in strings;
 * the tree is deleted after use).
 */
export function readTerraformJson(file: string, text: string, parse: (hcl: string) => any): TerraformJson {
  const errors: ParseError[] = [];
  const root = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, errors, { allowTrailingComma: true, disallowComments: false });
  const at = offsetMapper(text);
  const problems: FileProblem[] = errors.slice(0, 20).map((e) => ({
    rule: 'syntax-error', severity: 'error', file,
    range: { start: at(e.offset), end: at(e.offset + Math.max(1, e.length)) },
    message: `JSON: ${printParseErrorCode(e.error)}`,
  }));
  if (!root || root.type !== 'object') return { blocks: [], problems, unreadable: true };
  const conv = new Converter(parse);
  const blocks: Block[] = [];
  for (const [key, value, prop] of properties(root)) {
    if (TYPED.has(key)) {
      for (const [type, names] of properties(value)) {
        for (const [name, body, named] of properties(names)) blocks.push(...conv.blocks(key, [type, name], body, named));
      }
    } else if (NAMED.has(key)) {
      for (const [name, body, named] of properties(value)) blocks.push(...conv.blocks(key, [name], body, named));
    } else if (key === 'locals' || key === 'terraform') {
      blocks.push(...conv.blocks(key, [], value, prop));
    }
  }
  return { blocks, problems, unreadable: false };
}

/** An object node's properties (comments left out), as [key, value node, property node]. */
function properties(n: Node | undefined): [string, Node, Node][] {
  const out: [string, Node, Node][] = [];
  if (n?.type !== 'object') return out;
  for (const p of n.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v || typeof k.value !== 'string' || k.value === '//') continue;
    out.push([k.value, v, p]);
  }
  return out;
}

const spanOf = (n: Node): Span => ({ start: n.offset, end: n.offset + n.length });

/**
 * Templates already parsed, by their text (their places are set again where they are used).
 * Typing in a 3,676-line `.tf.json` took 40 ms per keystroke (p50) parsing every template again.
 */
const TEMPLATES = new Map<string, Expr>();
const TEMPLATE_CACHE = 20_000;

class Converter {
  constructor(private readonly parse: (hcl: string) => any) {}

  /** The blocks a property holds: one for an object, one per object of an array. Header: the property's key. */
  blocks(type: string, labels: string[], value: Node, prop: Node): Block[] {
    const key = prop.children?.[0];
    const headerSpan = key ? spanOf(key) : spanOf(prop);
    const bodies = value.type === 'array' ? (value.children ?? []).filter((c) => c.type === 'object') : value.type === 'object' ? [value] : [];
    return bodies.map((b) => ({ type, labels, body: this.body(b), span: bodies.length > 1 ? spanOf(b) : spanOf(prop), headerSpan }));
  }

  body(n: Node): Body {
    const body: Body = { attributes: new Map(), blocks: [] };
    for (const [key, value, prop] of properties(n)) {
      if (key === 'dynamic') {
        for (const [name, inner, named] of properties(value)) body.blocks.push(...this.blocks('dynamic', [name], inner, named));
      } else if (NESTED_BLOCKS.has(key) && (value.type === 'object' || value.type === 'array')) {
        body.blocks.push(...this.blocks(key, [], value, prop));
      } else {
        body.attributes.set(key, { name: key, expr: this.expr(value), span: spanOf(prop) });
      }
    }
    return body;
  }

  expr(n: Node): Expr {
    const span = spanOf(n);
    switch (n.type) {
      case 'string': return this.template(String(n.value), span);
      case 'number': return { k: 'num', value: Number(n.value), span };
      case 'boolean': return { k: 'bool', value: !!n.value, span };
      case 'null': return { k: 'null', span };
      case 'array': return { k: 'tuple', items: (n.children ?? []).map((c) => this.expr(c)), span };
      case 'object': return {
        k: 'object', span,
        entries: (n.children ?? []).flatMap((p) => {
          const [k, v] = p.children ?? [];
          return k && v && typeof k.value === 'string' && k.value !== '//' ? [{ key: { k: 'str', parts: [{ lit: k.value, span: spanOf(k) }], span: spanOf(k) } as Expr, value: this.expr(v), span: spanOf(p) }] : [];
        }),
      };
      default: return { k: 'other', text: '', span };
    }
  }

  /** A JSON string as the template it is: literal text, or parsed as HCL (see the module comment). */
  template(value: string, span: Span): Expr {
    if (!value.includes('${') && !value.includes('%{')) return { k: 'str', parts: [{ lit: value, span }], span };
    // The same string parses the same: an edit of a file parses only the strings it changed.
    const known = TEMPLATES.get(value);
    if (known) return placed(known, span);
    const e = this.parseTemplate(value, span);
    if (TEMPLATES.size >= TEMPLATE_CACHE) TEMPLATES.clear();
    TEMPLATES.set(value, e);
    return e;
  }

  private parseTemplate(value: string, span: Span): Expr {
    let marker = 'EOT';
    while (value.includes(marker)) marker += '_';
    let tree: any;
    try {
      tree = this.parse(`x = <<${marker}\n${value}\n${marker}\n`);
      const e = convertFile(tree).attributes.get('x')?.expr;
      if (!e || e.k !== 'str') return { k: 'other', text: value, span };
      // The heredoc's own line feed before the closing marker is not part of the JSON string.
      const parts = e.parts.map((p) => ({ ...p }));
      const last = parts[parts.length - 1];
      if (last && 'lit' in last) {
        last.lit = last.lit.replace(/\n$/, '');
        if (!last.lit) parts.pop();
      }
      // A template that is one interpolation and nothing else is that expression's value, unconverted
      // (Terraform's rule): "${aws_iam_role.x.id}" is the reference, "${jsonencode({…})}" the call.
      if (parts.length === 1 && 'interp' in parts[0]) return placed(parts[0].interp, span);
      return placed({ k: 'str', parts, span: e.span }, span);
    } catch {
      return { k: 'other', text: value, span };
    } finally {
      try { tree?.delete?.(); } catch { /* freed */ }
    }
  }
}

/** The expression with every place set to `span` (the JSON string it came from). */
function placed(e: Expr, span: Span): Expr {
  switch (e.k) {
    case 'str': return { k: 'str', parts: e.parts.map((p): TplPart => ('lit' in p ? { lit: p.lit, span } : { interp: placed(p.interp, span), span })), span };
    case 'tuple': return { k: 'tuple', items: e.items.map((x) => placed(x, span)), span };
    case 'object': return { k: 'object', entries: e.entries.map((x) => ({ key: placed(x.key, span), value: placed(x.value, span), span })), span };
    case 'call': return { k: 'call', name: e.name, args: e.args.map((x) => placed(x, span)), span };
    default: return { ...e, span };
  }
}

/** A JSON key naming an IAM or AgentCore resource type (hashicorp/aws and hashicorp/awscc). */
const RELEVANT_KEY = /"(?:aws|awscc)_(?:iam|bedrockagentcore)_[A-Za-z0-9_]+"\s*:/;

/**
 * The problem of a `.tf.json` file that is not a JSON object (nothing of it is read) although it
 * names IAM or AgentCore resources; undefined when it names none (then it cannot matter).
 */
export function unreadTerraformJson(file: string, text: string): FileProblem | undefined {
  if (!RELEVANT_KEY.test(text)) return undefined;
  return {
    rule: 'file-skipped', severity: 'warning', file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `${path.basename(file)} is not a Terraform JSON object, so nothing in it is analysed, and the roles of its module are judged without it (what they lack is reported as unknown, not missing).`,
  };
}

/** What a role's verdicts depend on while an unreadable `.tf.json` file sits in its root module's folders. */
export function unreadTerraformJsonDependency(root: string, file: string): string {
  return `${path.relative(root, file) || path.basename(file)} (not readable as Terraform JSON)`;
}
