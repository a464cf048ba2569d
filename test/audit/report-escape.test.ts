/**
 * The audit report shows workspace and AWS text as written (issue #23 item 5): a Terraform action
 * with a backtick and a Markdown image, a resource with an HTML tag, both in the drift list, cannot
 * leave their code spans; the Markdown is rendered with markdown-it (what VS Code's preview uses) and
 * compared as the text a reader sees. The text report shows the same strings with no control
 * character and no line starting a CI command.
 *
 * Real audit (real SDK, the fake AWS on 127.0.0.1) with a real workspace read from disk.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { auditRuntime } from '../../server/src/audit/audit';
import { renderMarkdown, renderText } from '../../server/src/audit/render';
import { Workspace } from '../../server/src/core/workspace';
import { CONTROL_RE } from '../../server/src/core/quote';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { SEED_ARN, SEED_ROLE, seedState } from './fake-aws/scenarios';

const ACTION = 's3:Get`![pwn](https://evil.example/p.png)`';
const RESOURCE = 'arn:aws:s3:::b/<img src=x onerror=alert(1)>|cell';
const NEWLINE_ACTION = 's3:Put\n::error::INJECTED';

const MAIN_TF = `
resource "aws_iam_role" "runtime" {
  name = "${SEED_ROLE}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "runtime" {
  role = aws_iam_role.runtime.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["${ACTION}", "${NEWLINE_ACTION.replace('\n', '\\n')}"], Resource = "${RESOURCE}" }]
  })
}
`;

function render(markdown: string): { html: string; text: string } {
  // markdown-it (under @vscode/vsce): the renderer of VS Code's Markdown preview, with raw HTML and bare-URL links on.
  const MarkdownIt = createRequire(__filename)('markdown-it');
  const html: string = new MarkdownIt({ html: true, linkify: true }).render(markdown);
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return { html, text };
}

test('drift entries with backticks, images and tags render as text; text output stays inert', { timeout: 30_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-report-escape-'));
  const fake = await withFakeAws(seedState());
  try {
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN_TF);
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, workspace: ws.model() });
    const entries = report.drift?.entries ?? [];
    assert.ok(entries.some((e) => e.action === ACTION && e.resource === RESOURCE), JSON.stringify(report.drift));

    const { html, text } = render(renderMarkdown(report));
    assert.doesNotMatch(html, /<img|href="https:\/\/evil/, 'an image, a link or a tag from the data');
    assert.ok(text.includes(`only in Terraform: Allow ${ACTION} on ${RESOURCE}`), text.split('\n').filter((l) => l.includes('only in Terraform')).join('\n'));
    assert.ok(text.includes('s3:Put\\n::error::INJECTED'), 'the line break shown escaped');

    const plain = renderText(report);
    for (const line of plain.split('\n')) {
      assert.doesNotMatch(line, /^\s*::/, line);
      assert.equal(line.match(CONTROL_RE), null, JSON.stringify(line));
    }
    assert.ok(plain.includes(`only in Terraform: Allow ${ACTION} on ${RESOURCE}`), plain.split('\n').filter((l) => l.includes('only in Terraform')).join('\n'));
  } finally {
    await fake.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
