/** `agentcore-iam audit` through runAuditCli, against the fake AWS. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { runAuditCli } from '../../server/src/audit/cli';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import * as path from 'node:path';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { HEALTHY_ARN, SEED_ARN, healthyState, seedState } from './fake-aws/scenarios';

const TIMEOUT = { timeout: 30_000 };

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAuditCli(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

function useEnvCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = FAKE_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = FAKE_CREDENTIALS.secretAccessKey;
  process.env.AWS_SESSION_TOKEN = FAKE_CREDENTIALS.sessionToken;
}

test('usage errors exit 2', TIMEOUT, async () => {
  assert.equal((await run(['audit'])).code, 2);
  assert.equal((await run(['audit', '--runtime-arn', SEED_ARN, '--format', 'yaml'])).code, 2);
  assert.equal((await run(['audit', '--bogus'])).code, 2);
  const bad = await run(['audit', '--runtime-arn', 'arn:aws:s3:::bucket']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Not an AgentCore runtime ARN/);
});

test('seed case: json output, exit 1 (findings); no secrets', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    useEnvCredentials();
    const r = await run(['audit', '--runtime-arn', SEED_ARN, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.equal(report.runtime.arn, SEED_ARN);
    for (const out of [r.stdout, r.stderr]) {
      assert.ok(!out.includes(FAKE_CREDENTIALS.secretAccessKey));
      assert.ok(!out.includes(FAKE_CREDENTIALS.sessionToken));
      assert.ok(!out.includes(FAKE_CREDENTIALS.accessKeyId));
    }
    assert.equal(r.code, 1, 'findings at error: exit 1');
    const md = await run(['audit', '--runtime-arn', SEED_ARN, '--format', 'markdown']);
    assert.match(md.stdout, /^# AgentCore live audit/);
    const txt = await run(['audit', '--runtime-arn', SEED_ARN]);
    assert.match(txt.stdout, /otel-rt-logs/);
  } finally {
    await fake.restore();
  }
});

test('healthy runtime exits 0 once the analysis runs', TIMEOUT, async () => {
  const fake = await withFakeAws(healthyState());
  try {
    useEnvCredentials();
    const r = await run(['audit', '--runtime-arn', HEALTHY_ARN, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.equal(r.code, 0, r.stdout);
  } finally {
    await fake.restore();
  }
});

test('AccessDenied: exit 2, the permission named in the output', TIMEOUT, async () => {
  const state = seedState();
  state.deny.add('ListAttachedRolePolicies');
  const fake = await withFakeAws(state);
  try {
    useEnvCredentials();
    const r = await run(['audit', '--runtime-arn', SEED_ARN]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /iam:ListAttachedRolePolicies/);
  } finally {
    await fake.restore();
  }
});

test('no credentials: exit 2 with how to configure them', TIMEOUT, async () => {
  const fake = await withFakeAws(seedState());
  try {
    const r = await run(['audit', '--runtime-arn', SEED_ARN]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No AWS credentials.*aws configure/s);
    assert.equal(fake.calls.length, 0);
  } finally {
    await fake.restore();
  }
});

test('--workspace: drift against the seed-case Terraform, in json and text', TIMEOUT, async () => {
  const state = seedState();
  const role = Object.values(state.roles).find((r) => r.arn.endsWith('-role'))!;
  const [name] = Object.keys(role.inline);
  const doc = role.inline[name] as { Statement: { Sid?: string }[] };
  role.inline[name] = { ...doc, Statement: doc.Statement.filter((s) => s.Sid !== 'ECRTokenAccess') };
  const fake = await withFakeAws(state);
  try {
    useEnvCredentials();
    const ws = path.resolve(__dirname, '../../examples/seed-case');
    const r = await run(['audit', '--runtime-arn', SEED_ARN, '--format', 'json', '--workspace', ws]);
    const report = JSON.parse(r.stdout);
    assert.equal(report.drift.terraformRole, 'module.iam.aws_iam_role.agent_runtime');
    assert.deepEqual(report.drift.entries, [{ direction: 'terraform-only', effect: 'Allow', action: 'ecr:GetAuthorizationToken', resource: '*' }]);
    const txt = await run(['audit', '--runtime-arn', SEED_ARN, '--workspace', ws]);
    assert.match(txt.stdout, /Drift from module\.iam\.aws_iam_role\.agent_runtime:\n {2}only in Terraform: Allow ecr:GetAuthorizationToken on \*/);
    // In Japanese (cli/main.ts sets the default settings' locale from --lang or LANG): no raw keys.
    DEFAULT_SETTINGS.locale = 'ja';
    try {
      const ja = await run(['audit', '--runtime-arn', SEED_ARN, '--workspace', ws]);
      assert.match(ja.stdout, /module\.iam\.aws_iam_role\.agent_runtime との差分:\n {2}Terraform のみ: \* に対する Allow ecr:GetAuthorizationToken/);
      assert.ok(!ja.stdout.includes('terraform-only'), ja.stdout);
      const md = await run(['audit', '--runtime-arn', SEED_ARN, '--workspace', ws, '--format', 'markdown']);
      assert.match(md.stdout, /## Terraform との差分（`module\.iam\.aws_iam_role\.agent_runtime`、名前 で照合）/);
    } finally {
      delete DEFAULT_SETTINGS.locale;
    }
  } finally {
    await fake.restore();
  }
});
