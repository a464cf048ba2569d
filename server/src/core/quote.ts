/**
 * Workspace text shown in an output: what a hostile repository could put in an action, a resource
 * name or a file name must reach a terminal, a CI log or a Markdown preview as text, never as a
 * command. Pure: used by the core's messages, the CLI's and the audit's renderers and the hovers.
 *
 * - Control characters are shown escaped: C0 (newline as `\n`, tab as `\t`, ESC as `\x1b`, ...),
 *   DEL and C1 (`\x7f`, `\x9b`), and the characters that reorder or split lines where they are
 *   shown: U+2028/U+2029, the bidirectional marks, embeddings, overrides and isolates, the BOM
 *   (`\u202e`). A line break in the workspace's text can then never start a line of the output.
 * - Long text is cut, saying so: the first characters, `…`, and the length.
 * - Markdown: text with every character Markdown could read as syntax escaped, and code spans that
 *   the content cannot close.
 */

/** What `escapeControls` shows escaped. */
export const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `s` with every control, line-separating and bidirectional character shown escaped (`\n`, `\x1b`, `\u202e`). */
export function escapeControls(s: string): string {
  return s.replace(CONTROL_RE, escapeOne);
}

/** At most this many characters of one workspace string in a message. */
export const QUOTE_MAX = 160;
/** At most this many characters of a whole message in a report. */
export const MESSAGE_MAX = 2000;

/** `s` cut to `max` characters (not inside a surrogate pair), with `…` and the full length when cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}… (${s.length} characters)`;
}

/** One workspace string as a message shows it: cut to `max` characters, control characters escaped. */
export function quote(s: string, max = QUOTE_MAX): string {
  return escapeControls(clip(s, max));
}

/**
 * A line of plain-text output that a CI runner will not take for a command: GitHub Actions reads a
 * line starting with `::` (after blanks) as a workflow command, Azure Pipelines one starting with
 * `##vso[` or `##[`. Such a line gets its first character escaped. Lines must already be free of
 * control characters (escapeControls).
 */
export function inertLine(line: string): string {
  const m = /^(\s*)(::|##vso\[|##\[)/.exec(line);
  if (!m) return line;
  return `${m[1]}${escapeOne(line[m[1].length])}${line.slice(m[1].length + 1)}`;
}

/** Text output: every line escaped (controls) and inert (no CI command). */
export function plainText(s: string, max = MESSAGE_MAX): string {
  return inertLine(escapeControls(clip(s, max)));
}

/**
 * Inline Markdown text that shows `s` as it is (not for the start of a block): controls escaped;
 * `\`, `` ` ``, `*`, `~`, `[`, `]`, `|` and `@` backslash-escaped (no emphasis, code span, strikethrough,
 * link or image can start, and a table cell cannot end), `_` too unless it stands between two
 * letters or digits (where it cannot emphasize, so `aws_iam_role` stays as it is), `<`, `>` and `&`
 * as entities (no HTML, no autolink, no entity), and `@`, the `:` of `://` and the `.` after
 * `www` escaped (GFM and linkify link bare URLs and e-mail addresses: workspace text is no link).
 */
export function markdownText(s: string, max = MESSAGE_MAX): string {
  return escapeControls(clip(s, max))
    .replace(/[\\`*~[\]|@]|_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_/gu, (c) => `\\${c}`)
    .replace(/:(?=\/\/)|(?<=\bwww)\./gi, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * A Markdown code span of `s` that `s` cannot close: fenced with one backtick more than the longest
 * run of backticks in it, padded with a space where it begins or ends with a backtick. Controls are
 * escaped (a line break would end a table row); `|` is escaped when it goes into a table cell (GFM
 * reads it as a cell boundary even inside a code span, and unescapes `\|` there).
 */
export function markdownCode(s: string, options: { max?: number; inTable?: boolean } = {}): string {
  let t = escapeControls(clip(s, options.max ?? MESSAGE_MAX));
  if (options.inTable) t = t.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of t.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/**
 * A message of ours in Markdown, which writes code between single backticks (`aws sso login`,
 * `runtime-logs`) around data: the parts between paired backticks become code spans (markdownCode),
 * the rest text (markdownText); with an odd number of backticks it is all text. Data in the message
 * can at most shift which parts are shown as code: every part is fenced or escaped.
 */
export function markdownMessage(s: string, options: { max?: number; inTable?: boolean } = {}): string {
  const t = clip(s, options.max ?? MESSAGE_MAX);
  const parts = t.split('`');
  if (parts.length % 2 === 0) return markdownText(t, Infinity);
  return parts
    .map((p, i) => (i % 2 === 0 ? markdownText(p, Infinity) : p === '' ? markdownText('``', Infinity) : markdownCode(p, { max: Infinity, inTable: options.inTable })))
    .join('');
}
