/**
 * In-source suppressions, each with its reason:
 *
 *     # agentcore-iam:ignore runtime.R7 -- this runtime does not trace; X-Ray is off in this account
 *     resource "aws_iam_role_policy" "runtime" {
 *
 * A comment (`#` or `//`) naming a finding's requirement (`runtime.R7`) or rule
 * (`missing-permission`), several separated by commas, then `--` and why. It applies to the findings
 * it names on the line below it (or on its own line, after code), and to those anywhere in the
 * top-level block below it (a `resource`, `data`, `module` ... block starting at column 0, as
 * `terraform fmt` writes it): the place for a finding inside a heredoc, where a comment cannot go.
 * Other comment lines may stand between it and what it suppresses, and several suppressions one
 * above the other.
 *
 * A suppression without a reason suppresses nothing and is reported (`suppression-invalid`); one
 * that suppresses nothing is reported too (`suppression-unused`, with a fix that removes it), so
 * that none outlives its reason unnoticed. In Terraform's JSON syntax a comment is a `"//"`
 * property: `"//": "agentcore-iam:ignore runtime.R7 -- why"` applies to the findings inside the
 * object that holds it. JSON policy files have no comments: their findings are not suppressible. Comments are found lexically, line by line (the marker inside a string or a
 * heredoc would count too; it has no business there). The marker must open its comment: a comment
 * that mentions `# agentcore-iam:ignore` further on is prose, not a suppression.
 */
import type { Finding, Fix, Position, Range } from './model';
import { severityFor } from './rules';
import { messagesFor } from './messages';
import type { AnalysisSettings } from './settings';
import { findNodeAtOffset, getNodePath, modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { lineStarts, offsetAt, positionAt, type LineStarts } from './fixes/text';
import { offsetMapper } from './json/policy';
import { TF_JSON_SUFFIX } from './terraform/json-syntax';

export const SUPPRESSION_MARKER = 'agentcore-iam:ignore';
export const SUPPRESSION_INVALID = 'suppression-invalid';
export const SUPPRESSION_UNUSED = 'suppression-unused';

const COMMENT = /(#|\/\/)[ \t]*agentcore-iam:ignore\b([^\r\n]*)/g;
/** A line that holds only a comment. */
const COMMENT_LINE = /^[ \t]*(#|\/\/)/;
/** A top-level block's first line (column 0). */
const HEADER = /^(resource|data|module|locals|variable|output|provider|terraform|moved|import|check|removed)\b/;

export interface Suppression {
  file: string;
  /** 0-based line of the comment. */
  line: number;
  /** The comment is alone on its line (else it follows code, and applies to that line). */
  own: boolean;
  /** Requirement ids and rule ids it names. */
  ids: string[];
  /** Why, as written after `--` ('' when missing). */
  reason: string;
  /** The comment, from `#` or `//` to the end of the line (in Terraform JSON: the `"//"` property). */
  range: Range;
  /** Terraform JSON: the lines of the object that holds the `"//"` property, which it applies to. */
  scope?: { start: number; end: number };
  /** Terraform JSON: the path of the `"//"` property (what removes it). */
  path?: JSONPath;
}

/** A finding left out of the report by a suppression, with the reason given. */
export interface SuppressedFinding {
  finding: Finding;
  reason: string;
  /** Where the suppression is written. */
  file: string;
  line: number;
}

/**
 * For a line of a `.tf` file, the first line of the top-level block that holds it, if any. The
 * headers are found once (only a line starting with a lowercase letter is looked at).
 */
function blockHeaders(text: string, starts: LineStarts): (line: number) => number | undefined {
  const headers: number[] = [];
  for (let n = 0; n < starts.length; n++) {
    const c = text.charCodeAt(starts[n]);
    if (c >= 97 && c <= 122 && HEADER.test(text.slice(starts[n], starts[n] + 10))) headers.push(n);
  }
  return (line) => {
    let lo = 0;
    let hi = headers.length - 1;
    let found: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (headers[mid] <= line) { found = headers[mid]; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };
}

/** The parts of a suppression's text after the marker: the ids, and the reason after `--`. */
function idsAndReason(body: string): { ids: string[]; reason: string } {
  const sep = body.indexOf('--');
  const idsText = sep < 0 ? body : body.slice(0, sep);
  return { ids: idsText.split(/[\s,]+/).filter((x) => x.length > 0), reason: sep < 0 ? '' : body.slice(sep + 2).trim() };
}

/**
 * Terraform JSON's comments are `"//"` properties: `"//": "agentcore-iam:ignore runtime.R7 -- why"`
 * in a block's object applies to the findings inside that object.
 */
function jsonSuppressions(file: string, text: string): Suppression[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return [];
  const at = offsetMapper(text);
  const out: Suppression[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'object') {
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k?.value !== '//' || v?.type !== 'string') continue;
        const m = /^\s*agentcore-iam:ignore\b(.*)$/s.exec(String(v.value));
        if (!m) continue;
        const start = at(p.offset);
        out.push({ file, line: start.line, own: false, ...idsAndReason(m[1]), range: { start, end: at(p.offset + p.length) }, scope: { start: at(n.offset).line, end: at(n.offset + n.length).line }, path: getNodePath(k) });
      }
    }
    for (const c of n.children ?? []) visit(c);
  };
  visit(root);
  return out;
}

/** The suppressions written in a Terraform file's text (native or JSON syntax). */
export function suppressionsIn(file: string, text: string): Suppression[] {
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  if (file.endsWith(TF_JSON_SUFFIX)) return jsonSuppressions(file, text);
  if (!file.endsWith('.tf')) return [];
  const starts = lineStarts(text);
  const out: Suppression[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const at = m.index;
    const line = positionAt(text, at, starts).line;
    const lineStart = starts[line];
    const before = text.slice(lineStart, at);
    const own = before.trim() === '';
    // The comment must open with the marker: a comment that mentions one further on is prose.
    if (!own && /#|\/\//.test(before)) continue;
    const end = at + m[0].length;
    out.push({ file, line, own, ...idsAndReason(m[2]), range: { start: { line, character: at - lineStart }, end: { line, character: end - lineStart } } });
  }
  return out;
}

/**
 * One file's findings with its suppressions applied: the findings kept, those suppressed, and the
 * suppressions' own findings (invalid or unused). `findings` are the file's (any order).
 */
export function applySuppressions(file: string, text: string, findings: readonly Finding[], settings: AnalysisSettings): { kept: Finding[]; suppressed: SuppressedFinding[]; problems: Finding[] } {
  const sups = suppressionsIn(file, text);
  if (!sups.length) return { kept: [...findings], suppressed: [], problems: [] };
  const starts = lineStarts(text);
  const lineText = (n: number) => (n >= 0 && n < starts.length ? text.slice(starts[n], n + 1 < starts.length ? starts[n + 1] : text.length) : '');
  const own = new Map<number, Suppression>();
  const after = new Map<number, Suppression>();
  const scoped: Suppression[] = [];
  for (const s of sups) {
    if (s.scope) scoped.push(s);
    else (s.own ? own : after).set(s.line, s);
  }
  const headerOf = blockHeaders(text, starts);
  /** The suppressions that apply to `line`: after code on it, and among the comment lines right above it. */
  const at = (line: number): Suppression[] => {
    const out: Suppression[] = [];
    const a = after.get(line);
    if (a) out.push(a);
    for (let n = line - 1; n >= 0 && COMMENT_LINE.test(lineText(n)); n--) {
      const s = own.get(n);
      if (s) out.push(s);
    }
    return out;
  };
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const line = f.range.start.line;
    const header = headerOf(line);
    const candidates = scoped.length
      ? scoped.filter((s) => s.scope!.start <= line && line <= s.scope!.end)
      : header === undefined || header === line ? at(line) : [...at(line), ...at(header)];
    const naming = candidates.filter((s) => s.ids.includes(f.rule) || (f.requirement !== undefined && s.ids.includes(f.requirement)));
    const by = naming.find((s) => s.reason);
    for (const s of naming) used.add(s);
    if (by) suppressed.push({ finding: f, reason: by.reason, file, line: by.line });
    else kept.push(f);
  }
  const problems: Finding[] = [];
  const m = messagesFor(settings.locale);
  const problem = (rule: string, s: Suppression, message: string, fixes: Fix[] = []) => {
    const severity = severityFor(rule, settings);
    if (severity) problems.push({ rule, severity, verdict: 'invalid', file, range: s.range, actions: [], message, related: [], fixes });
  };
  for (const s of sups) {
    if (!s.ids.length) problem(SUPPRESSION_INVALID, s, m.suppressionNamesNothing(SUPPRESSION_MARKER));
    else if (!s.reason) problem(SUPPRESSION_INVALID, s, m.suppressionWithoutReason(s.ids));
    else if (!used.has(s) && s.scope) {
      // jsonc-parser's own edit removes the property with its comma, and keeps the JSON valid.
      const pos = offsetMapper(text);
      const edits = s.path ? modify(text, s.path, undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } }) : [];
      const fixes: Fix[] = edits.length ? [{ title: m.fixRemoveUnusedSuppression(), edits: edits.map((e) => ({ file, range: { start: pos(e.offset), end: pos(e.offset + e.length) }, newText: e.content })) }] : [];
      problem(SUPPRESSION_UNUSED, s, m.suppressionUnusedInObject(s.ids), fixes);
    }
    else if (!used.has(s)) {
      const lineEnd = s.line + 1 < starts.length ? { line: s.line + 1, character: 0 } : { line: s.line, character: lineText(s.line).length };
      const before = lineText(s.line).slice(0, s.range.start.character);
      const range: Range = s.own ? { start: { line: s.line, character: 0 }, end: lineEnd } : { start: { line: s.line, character: before.trimEnd().length }, end: s.range.end };
      problem(SUPPRESSION_UNUSED, s, m.suppressionUnused(s.ids), [{ title: m.fixRemoveUnusedSuppression(), edits: [{ file, range, newText: '' }] }]);
    }
  }
  return { kept, suppressed, problems };
}

/**
 * Where a suppression of `id` goes for a finding at `at`, as an edit, with the reason left to write
 * after `--` (until then it is reported, and suppresses nothing). In a `.tf` file: a comment above
 * the top-level block that holds the finding (safe even when it is inside a heredoc). In Terraform
 * JSON: a `"//"` property first in the object that holds it (the object a property key opens, when
 * the finding is at the key).
 */
export function suppressionEdit(file: string, text: string, at: Position, id: string): { range: Range; newText: string } | undefined {
  if (file.endsWith(TF_JSON_SUFFIX)) return jsonSuppressionEdit(text, at, id);
  if (!file.endsWith('.tf')) return undefined;
  const n = blockHeaders(text, lineStarts(text))(at.line);
  return n === undefined ? undefined : { range: { start: { line: n, character: 0 }, end: { line: n, character: 0 } }, newText: `# ${SUPPRESSION_MARKER} ${id} -- \n` };
}

function jsonSuppressionEdit(text: string, at: Position, id: string): { range: Range; newText: string } | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return undefined;
  let n = findNodeAtOffset(root, offsetAt(text, at), true);
  // At a property's key whose value is an object: that object.
  if (n?.parent?.type === 'property' && n.parent.children?.[0] === n && n.parent.children?.[1]?.type === 'object') n = n.parent.children[1];
  while (n && n.type !== 'object') n = n.parent;
  const first = n?.children?.[0];
  if (!n || !first) return undefined;
  const pos = offsetMapper(text);
  const open = pos(n.offset + 1);
  const firstAt = pos(first.offset);
  const entry = `"//": "${SUPPRESSION_MARKER} ${id} -- ",`;
  const lineStart = text.lastIndexOf('\n', first.offset - 1) + 1;
  const newText = firstAt.line === open.line ? ` ${entry}` : `\n${text.slice(lineStart, first.offset)}${entry}`;
  return { range: { start: open, end: open }, newText };
}
