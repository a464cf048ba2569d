/**
 * Hovers show workspace and message text as written (issue #25 item 2, issue #23 item 5): a
 * finding's message quoting `arn:aws:logs:us-east-1:<account>:log-group:...:*` keeps `<account>`
 * and every `*`, and a statement id written as a Markdown image, an HTML tag and a backtick renders
 * as text, not as an image, a tag or a code span. The hovers are rendered with markdown-it (a
 * CommonMark renderer, raw HTML and bare-URL links on) and compared as the text a reader sees.
 *
 * Real index and analysis (Project) on test/fixtures/jsonencode-typo, whose R6 finding reads
 * "Missing logs:PutLogEvents on arn:aws:logs:us-east-1:<account>:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type { MarkupContent } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { actionHover, hover } from '../../../server/src/lsp/handlers/hover';
import { fileToUri } from '../../../server/src/lsp/handlers/diagnostics';
import { recordingConnection } from '../../helpers/connection';

const FIXTURE = path.join(__dirname, '../../fixtures/jsonencode-typo/main.tf');
const SID = '![pwn](https://evil.example/p.png)<img src=x>`code';

function render(markdown: string): { html: string; text: string } {
  // markdown-it (under @vscode/vsce): the renderer of VS Code's Markdown preview, with raw HTML and bare-URL links on.
  const MarkdownIt = createRequire(__filename)('markdown-it');
  const html: string = new MarkdownIt({ html: true, linkify: true }).render(markdown);
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return { html, text };
}

test('hover: finding messages, statement ids and actions render as written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-hover-escape-'));
  try {
    const original = fs.readFileSync(FIXTURE, 'utf8');
    const text = original.replace(
      'Action   = ["xray:PutTraceSegments"',
      `Sid      = "${SID.replace(/"/g, '\\"')}"\n        Action   = ["xray:PutTraceSegments"`,
    );
    assert.notEqual(text, original);
    const file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, text);
    const { connection } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    await project.addFolder(dir).ready;
    await project.setText(file, text, true, 1);
    await project.idle();
    const at = (line: number, character: number) => {
      const h = hover({ textDocument: { uri: fileToUri(file) }, position: { line, character } }, project);
      return (h?.contents as MarkupContent | undefined)?.value ?? '';
    };

    // Every finding's hover shows its whole message, as the reader sees it.
    const findings = project.findingsIn(file);
    assert.ok(findings.some((f) => f.message.includes('<account>') && /log-group:\S*\*/.test(f.message)), 'a message with <account> and log-group:…*');
    for (const f of findings) {
      const { html, text: shown } = render(at(f.range.start.line, f.range.start.character));
      assert.ok(shown.includes(f.message), `the hover shows the message as written:\n${f.message}\n---\n${shown}\n---\n${html}`);
    }

    // The role hover names the statement by its Sid: text, not an image, a tag or a code span.
    const lines = text.split('\n');
    const roleLine = lines.findIndex((l) => l.startsWith('resource "aws_iam_role" "runtime"'));
    const role = render(at(roleLine, 10));
    assert.ok(role.text.includes(SID), role.html);
    assert.doesNotMatch(role.html, /<img|<code>code|href="https:\/\/evil/);
    assert.match(role.html, /<table>/, 'still a table');

    // The action under the cursor: `logs:*` is not emphasis.
    const action = render(actionHover('logs:Put*') ?? '');
    assert.ok(action.text.startsWith('logs:Put* matches'), action.html);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
