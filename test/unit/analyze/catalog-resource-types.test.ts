/**
 * A statement's resource that matches no resource type of its actions in the Service Authorization
 * Reference (issue #24 item 2, core/resource-types.ts): the docs' hyphenated credential-provider ARNs
 * (catalog conflict C2) and an apikeycredentialprovider ARN without its token-vault prefix. An Allow
 * grants nothing on it (warning), a Deny protects nothing (error), with "did you mean" the SAR form.
 * What the check cannot be sure of is left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';

const A = 'arn:aws:bedrock-agentcore:us-east-1:111122223333';

/** A role AgentCore may assume, with one inline policy of these statements (one per line, for line numbers). */
function roleWith(statements: string[]): string {
  return [
    'resource "aws_iam_role" "agent" {',
    '  name = "agent"',
    '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }] })',
    '}',
    'resource "aws_iam_role_policy" "agent" {',
    '  role = aws_iam_role.agent.id',
    '  policy = jsonencode({',
    '    Version = "2012-10-17"',
    '    Statement = [',
    ...statements.map((s) => `      ${s},`),
    '    ]',
    '  })',
    '}',
    '',
  ].join('\n');
}

async function findingsOf(text: string): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'resource-types-'));
  try {
    writeFileSync(join(dir, 'main.tf'), text);
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    return analyze(ws.model(), withDefaults({})).findings.filter((f) => f.rule === 'resource-type-mismatch');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FIRST = 9; // 0-based line of the first statement

test('the docs\' DenyAccessToSensitiveProvider with the hyphenated ARNs protects nothing: error, did you mean the SAR form', async () => {
  const fs = await findingsOf(roleWith([
    `{ Sid = "DenyAccessToSensitiveProvider", Effect = "Deny", Action = ["bedrock-agentcore:GetResourceOauth2Token", "bedrock-agentcore:GetResourceApiKey"], Resource = ["${A}:token-vault/default/oauth2-credential-provider/payroll", "${A}:token-vault/default/api-key/payroll-key"] }`,
  ]));
  assert.deepEqual(fs.map((f) => [f.severity, f.verdict, f.range.start.line]), [['error', 'invalid', FIRST], ['error', 'invalid', FIRST]]);
  assert.match(fs[0].message, /oauth2-credential-provider\/payroll.* matches no resource type of bedrock-agentcore:GetResourceOauth2Token, bedrock-agentcore:GetResourceApiKey in the Service Authorization Reference/);
  assert.match(fs[0].message, /this Deny protects nothing; did you mean .?token-vault\/default\/oauth2credentialprovider\/payroll/);
  assert.match(fs[1].message, /did you mean .?token-vault\/default\/apikeycredentialprovider\/payroll-key/);
  // The finding is at the resource string itself.
  assert.ok(fs[0].range.start.character > 100 && fs[1].range.start.character > fs[0].range.start.character);
});

test('an Allow on apikeycredentialprovider/* without its token-vault prefix grants nothing: warning, did you mean token-vault/<TokenVaultId>/…', async () => {
  const fs = await findingsOf(roleWith([
    `{ Effect = "Allow", Action = ["bedrock-agentcore:GetResourceApiKey"], Resource = ["${A}:apikeycredentialprovider/*"] }`,
  ]));
  assert.equal(fs.length, 1);
  assert.equal(fs[0].severity, 'warning');
  assert.match(fs[0].message, /this Allow grants nothing on it; did you mean .?token-vault\/<TokenVaultId>\/apikeycredentialprovider\/\*/);
});

test('not reported: the SAR forms, "*", a resource of another action of the statement, wildcard actions, wildcard-only actions, unknown values', async () => {
  const fs = await findingsOf(roleWith([
    `{ Effect = "Allow", Action = ["bedrock-agentcore:GetResourceOauth2Token"], Resource = ["${A}:token-vault/default/oauth2credentialprovider/payroll", "${A}:token-vault/default", "${A}:workload-identity-directory/default", "${A}:workload-identity-directory/default/workload-identity/agent-*"] }`,
    `{ Effect = "Allow", Action = ["bedrock-agentcore:GetResourceApiKey"], Resource = "*" }`,
    `{ Effect = "Allow", Action = ["s3:GetBucketLocation", "s3:PutObject"], Resource = ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"] }`,
    `{ Effect = "Deny", Action = ["bedrock-agentcore:*"], Resource = ["${A}:token-vault/default/api-key/x"] }`,
    `{ Effect = "Allow", Action = ["logs:DescribeLogGroups"], Resource = ["arn:aws:logs:us-east-1:111122223333:log-group:*"] }`,
    `{ Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = ["arn:aws:logs:us-east-1:111122223333:log-group:/aws/bedrock-agentcore/*"] }`,
    `{ Effect = "Allow", Action = ["bedrock-agentcore:GetResourceApiKey"], Resource = ["\${var.provider_arn}"] }`,
  ]));
  assert.deepEqual(fs.map((f) => f.message), []);
});

test('an object action on the bucket ARN alone grants nothing on it: did you mean bucket/*', async () => {
  const fs = await findingsOf(roleWith([`{ Effect = "Allow", Action = ["s3:PutObject"], Resource = ["arn:aws:s3:::bucket"] }`]));
  assert.equal(fs.length, 1);
  assert.match(fs[0].message, /did you mean .?bucket\/\*/);
});
