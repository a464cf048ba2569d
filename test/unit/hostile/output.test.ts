/**
 * Hostile workspace strings in the CLI's outputs (issue #23 item 4): an action or a file name that
 * carries a line break and a GitHub Actions workflow command, terminal escapes (OSC 52 clipboard
 * write, erase line), a bidirectional override, or 5,000 characters. In text output each is shown
 * escaped, no line starts with `::`, and long strings are cut in messages; JSON and SARIF messages
 * are cut too.
 *
 * The workspace is test/fixtures/jsonencode-typo (a runtime whose policy has the typo
 * "logs:PutLogEvent") with the typo replaced by hostile actions, so every one of them is reported
 * by the unknown-action rule with its text in the message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheckCli } from '../../../server/src/cli/check';
import { CONTROL_RE, MESSAGE_MAX } from '../../../server/src/core/quote';

const FIXTURE = path.join(__dirname, '../../fixtures/jsonencode-typo/main.tf');

/** Actions as HCL string literals (HCL's own escapes make the characters). */
const INJECTED = 's3:Get\\n::error file=main.tf,line=1::INJECTED-ANNOTATION\\n::set-output name=x::y';
const OSC = 's3:\\u001b]52;c;SU5KRUNURUQ=\\u0007\\u001b[2KGet';
const BIDI = 's3:Get\\u202eObject';
const LONG = `s3:${'A'.repeat(5000)}`;

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-output-'));
  const text = fs.readFileSync(FIXTURE, 'utf8').replace('"logs:CreateLogStream", "logs:PutLogEvent"', ['logs:CreateLogStream', 'logs:PutLogEvent', INJECTED, OSC, BIDI, LONG].map((a) => `"${a}"`).join(', '));
  assert.notEqual(text, fs.readFileSync(FIXTURE, 'utf8'));
  fs.writeFileSync(path.join(dir, 'main.tf'), text);
  // File names are workspace data too: a syntax error in each puts its name at the start of a line.
  fs.writeFileSync(path.join(dir, '::error file=x::NAMED.tf'), 'resource "x" {\n');
  fs.writeFileSync(path.join(dir, 'b\n::warning::NEWLINE-NAME.tf'), 'resource "x" {\n');
  return dir;
}

async function run(dir: string, format: string): Promise<string> {
  let out = '';
  const code = await runCheckCli([dir, '--format', format, '--fail-on', 'none'], { stdout: (s) => { out += s; }, stderr: () => {} });
  assert.equal(code, 0);
  return out;
}

test('text output: workspace strings cannot start a line, carry escapes or run on', async () => {
  const dir = workspace();
  try {
    const out = await run(dir, 'text');
    const lines = out.split('\n');
    for (const line of lines) {
      assert.doesNotMatch(line, /^\s*::/, `a line starts a workflow command: ${JSON.stringify(line)}`);
      assert.doesNotMatch(line, /^\s*##(vso)?\[/);
      assert.equal(line.match(CONTROL_RE), null, `a control character reached the output: ${JSON.stringify(line)}`);
    }
    // Every hostile action was reported, shown with its escapes as text.
    assert.ok(out.includes('s3:Get\\n::error file=main.tf,line=1::INJECTED-ANNOTATION\\n::set-output name=x::y'), out);
    assert.ok(out.includes('s3:\\x1b]52;c;SU5KRUNURUQ=\\x07\\x1b[2KGet'), out);
    assert.ok(out.includes('s3:Get\\u202eObject'), out);
    // The long action is cut in its message, saying how long it was.
    assert.ok(out.includes('… (5003 characters)'), out);
    assert.ok(!out.includes('A'.repeat(1000)));
    // The file names, escaped, are still there (a syntax error each).
    assert.ok(out.includes('NAMED.tf'));
    assert.ok(out.includes('b\\n::warning::NEWLINE-NAME.tf'));
    // And the plain finding of the fixture is still reported as it was.
    assert.match(out, /unknown-action\].*|logs:PutLogEvent: it is not an action/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('JSON and SARIF: messages are JSON strings, cut to MESSAGE_MAX, without the long text', async () => {
  const dir = workspace();
  try {
    const json = JSON.parse(await run(dir, 'json')) as { findings: { message: string; actions: string[] }[] };
    const sarif = JSON.parse(await run(dir, 'sarif')) as { runs: { results: { message: { text: string } }[] }[] };
    const messages = [...json.findings.map((f) => f.message), ...sarif.runs[0].results.map((r) => r.message.text)];
    assert.ok(messages.some((m) => m.includes('INJECTED-ANNOTATION')));
    for (const m of messages) {
      assert.ok(m.length <= MESSAGE_MAX + 30, `a message of ${m.length} characters`);
      assert.ok(!m.includes('A'.repeat(1000)), 'the 5,000-character action in a message');
      assert.equal(m.match(CONTROL_RE), null, `a control character in a message: ${JSON.stringify(m)}`);
    }
    // The finding's data keeps the action as written (JSON escapes it): scripts can still match it.
    assert.ok(json.findings.some((f) => f.actions.includes(LONG)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
