/**
 * core/quote.ts on its own: whatever a string holds, markdownText and markdownCode render (with
 * markdown-it, raw HTML and bare-URL links on) to exactly that string with its control characters
 * escaped, and inertLine leaves no CI command at a line's start. Seeded random strings over the
 * characters Markdown, HTML and CI runners read, plus the cases that broke the renderers before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { clip, CONTROL_RE, escapeControls, inertLine, markdownCode, markdownMessage, markdownText, quote } from '../../../server/src/core/quote';

const MarkdownIt = createRequire(__filename)('markdown-it');
const mdi = new MarkdownIt({ html: true, linkify: true });
// As VS Code's Markdown preview: links from bare http(s)/www addresses and e-mails, not from any word with a dot.
mdi.linkify.set({ fuzzyLink: false });

function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** What a reader sees of inline Markdown: the text of the rendered HTML, and whether it holds any element but <code>. */
function shown(markdown: string): { text: string; elements: string[] } {
  const html: string = mdi.renderInline(markdown);
  const elements = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]).filter((t) => t !== 'code');
  return { text: decode(html.replace(/<\/?code>/g, '')), elements };
}

const ALPHABET = ['a', 'b', '_', '*', '`', '``', '~', '[', ']', '(', ')', '!', '<', '>', '&', '#', '|', '\\', ' ', '  ', ':', '/', 'http://x.y', 'https://e.io/p.png',
  'www.e.io', 'a@b.co', '&amp;', '&#60;', '<img src=x>', '![i](u)', '[l](u)', '\n', '\t', '\u001b', '\u202e', '\u2028', '\u0085', '-', '+', '=', '.', '1.', '"', "'"];

function* strings(seed: number, n: number): Generator<string> {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n; i++) {
    const len = 1 + Math.floor(next() * 12);
    let s = '';
    for (let j = 0; j < len; j++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
    yield s;
  }
}

const CASES = ['log-group:*', 'a@b.co', 'arn:aws:logs:us-east-1:<account>:log-group:*', 's3:Get`![pwn](https://evil.example/p.png)`', '`', '``a``', ' ` ', 'aws_iam_role.x', '_x_', '*x*', '~~x~~', '\\`x`'];

test('markdownText renders to the string itself (controls escaped), with no element', () => {
  for (const s of [...CASES, ...strings(1, 3000)]) {
    const r = shown(markdownText(s));
    assert.deepEqual(r.elements, [], `elements from ${JSON.stringify(s)}: ${mdi.renderInline(markdownText(s))}`);
    assert.equal(r.text, escapeControls(s), `${JSON.stringify(s)} -> ${JSON.stringify(markdownText(s))}`);
  }
  assert.equal(markdownText('aws_iam_role.runtime'), 'aws_iam_role.runtime', 'identifiers stay readable in the source');
});

test('markdownCode is one code span of the string itself, whatever backticks it holds', () => {
  // A span of spaces only is left out: renderers differ on it (markdown-it strips one space each side).
  for (const s of [...CASES, ...strings(2, 3000)].filter((x) => x.trim() !== '')) {
    const html: string = mdi.renderInline(markdownCode(s));
    assert.match(html, /^<code>[^]*<\/code>$/, `${JSON.stringify(s)} -> ${html}`);
    assert.equal((html.match(/<code>/g) ?? []).length, 1, html);
    assert.equal(decode(html.slice(6, -7)), escapeControls(s), `${JSON.stringify(s)} -> ${JSON.stringify(markdownCode(s))}`);
  }
});

test('markdownMessage: code between paired backticks, text elsewhere, nothing else', () => {
  assert.equal(mdi.renderInline(markdownMessage('no `runtime-logs` stream in <group>')), 'no <code>runtime-logs</code> stream in &lt;group&gt;');
  for (const s of [...CASES, 'a `b` c `d', ...strings(4, 3000)]) {
    const parts = s.split('`');
    const paired = parts.length % 2 === 1;
    // A code span of spaces only is left out: renderers differ on it.
    if (paired && parts.some((p, i) => i % 2 === 1 && p !== '' && p.trim() === '')) continue;
    const r = shown(markdownMessage(s));
    assert.deepEqual(r.elements, [], `elements from ${JSON.stringify(s)}: ${mdi.renderInline(markdownMessage(s))}`);
    const want = paired ? parts.map((p, i) => (i % 2 === 1 && p === '' ? '``' : p)).join('') : s;
    assert.equal(r.text, escapeControls(want), `${JSON.stringify(s)} -> ${JSON.stringify(markdownMessage(s))}`);
  }
});

test('escapeControls, clip, quote and inertLine', () => {
  assert.equal(escapeControls('a\nb\r\tc\u001b[2K\u007f\u009b\u2028\u202e\ufeff'), 'a\\nb\\r\\tc\\x1b[2K\\x7f\\x9b\\u2028\\u202e\\ufeff');
  assert.equal(escapeControls('plain ascii, ü, 日本語'), 'plain ascii, ü, 日本語');
  assert.equal(clip('abcdef', 3), 'abc… (6 characters)');
  assert.equal(clip('ab😀cd', 3), 'ab… (6 characters)', 'not inside a surrogate pair');
  assert.equal(quote(`x\n${'y'.repeat(500)}`).length < 200, true);
  assert.equal(quote('s3:Get\n::error::x'), 's3:Get\\n::error::x');
  for (const [line, want] of [['::error::x', '\\x3a:error::x'], ['  ::warning::x', '  \\x3a:warning::x'], ['##vso[task.setvariable]x', '\\x23#vso[task.setvariable]x'], ['##[error]x', '\\x23#[error]x'], ['a ::error::x', 'a ::error::x']]) {
    assert.equal(inertLine(line), want);
  }
  for (const s of strings(3, 2000)) {
    const out = inertLine(escapeControls(s));
    assert.equal(out.match(CONTROL_RE), null);
    assert.doesNotMatch(out, /^\s*(::|##vso\[|##\[)/);
  }
});
