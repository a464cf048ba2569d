/**
 * The finding hover's "depends on" list in the client's language: on test/fixtures/attachment-resources
 * a finding depends on "inline policy runtime, which aws_iam_role_policies_exclusive.pruned deletes
 * (its policy_names do not list it)", the Terraform front's own words. With the client in Japanese
 * the hover says it in Japanese, with the policy and the resource as written; in English as before.
 * Real index and analysis (Project), as test/unit/lsp/hover-escape.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver/node';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { setClientLocale, toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { hover } from '../../../server/src/lsp/handlers/hover';
import { fileToUri } from '../../../server/src/lsp/handlers/diagnostics';
import { recordingConnection } from '../../helpers/connection';
import { englishLeft } from './english';

const FIXTURE = path.join(__dirname, '../../fixtures/attachment-resources');
const DELETED = 'inline policy runtime, which aws_iam_role_policies_exclusive.pruned deletes (its policy_names do not list it)';

async function dependsOnHover(locale: string | undefined): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-hover-front-'));
  try {
    fs.cpSync(FIXTURE, dir, { recursive: true });
    setClientLocale(locale);
    const { connection } = recordingConnection();
    const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 1);
    await project.addFolder(dir).ready;
    const file = path.join(dir, 'main.tf');
    await project.setText(file, fs.readFileSync(file, 'utf8'), true, 1);
    await project.idle();
    {
      for (const f of project.findingsIn(file)) {
        if (!f.dependsOn?.includes(DELETED)) continue;
        const h = hover({ textDocument: { uri: fileToUri(file) }, position: f.range.start }, project);
        return (h?.contents as MarkupContent | undefined)?.value ?? '';
      }
    }
    throw new Error('no finding depends on the deleted inline policy');
  } finally {
    setClientLocale(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("the hover's depends-on list in the client's language, names as written", async () => {
  const en = await dependsOnHover(undefined);
  assert.ok(en.includes(DELETED), en);
  const ja = await dependsOnHover('ja');
  assert.ok(ja.includes('インラインポリシー runtime（aws_iam_role_policies_exclusive.pruned が削除する。policy_names に含まれていない）'), ja);
  assert.ok(!ja.includes(DELETED));
  const line = ja.split('\n').find((l) => l.startsWith('依存先: '));
  assert.ok(line, ja);
  assert.deepEqual(englishLeft(line), [], line);
});
