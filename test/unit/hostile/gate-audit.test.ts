/**
 * Issue #23 item 1 in `audit --workspace` (the live audit's drift against the Terraform, against
 * the fake AWS on 127.0.0.1): a statement of the seed case whose actions are file("sec"), `sec` a
 * symlink to a file outside the workspace, prints nothing of that file in the JSON or text report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAuditCli } from '../../../server/src/audit/cli';
import { FAKE_CREDENTIALS, withFakeAws } from '../../audit/helpers';
import { SEED_ARN, seedState } from '../../audit/fake-aws/scenarios';
import { seedInfra } from '../../helpers/cli';
import { FILE_MARKER, hostileBase } from './gate-workspace';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAuditCli(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

test('audit --workspace: a file() symlinked outside the workspace leaves no content in the drift, JSON or text', { timeout: 60_000 }, async () => {
  const { ws, outside } = hostileBase();
  fs.cpSync(seedInfra, ws, { recursive: true });
  const iam = path.join(ws, 'modules', 'iam', 'main.tf');
  const text = fs.readFileSync(iam, 'utf8');
  const at = text.indexOf('data "aws_iam_policy_document" "agent_runtime" {');
  assert.ok(at >= 0, 'the seed case\'s runtime policy document');
  const open = text.indexOf('{', at) + 1;
  fs.writeFileSync(iam, `${text.slice(0, open)}\n  statement {\n    sid       = "FromFile"\n    effect    = "Allow"\n    actions   = [file("\${path.module}/sec")]\n    resources = ["*"]\n  }\n${text.slice(open)}`);
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'modules', 'iam', 'sec'));

  const fake = await withFakeAws(seedState());
  try {
    process.env.AWS_ACCESS_KEY_ID = FAKE_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = FAKE_CREDENTIALS.secretAccessKey;
    process.env.AWS_SESSION_TOKEN = FAKE_CREDENTIALS.sessionToken;
    const json = await run(['audit', '--runtime-arn', SEED_ARN, '--format', 'json', '--workspace', ws]);
    assert.ok(!(json.stdout + json.stderr).includes(FILE_MARKER), `the JSON report holds the outside file:\n${json.stdout.slice(0, 3000)}`);
    const report = JSON.parse(json.stdout) as { drift?: { terraformRole?: string } };
    assert.equal(report.drift?.terraformRole, 'module.iam.aws_iam_role.agent_runtime', 'the drift was computed');
    const txt = await run(['audit', '--runtime-arn', SEED_ARN, '--workspace', ws]);
    assert.ok(!(txt.stdout + txt.stderr).includes(FILE_MARKER), `the text report holds the outside file:\n${txt.stdout.slice(0, 3000)}`);
  } finally {
    await fake.restore();
  }
});
