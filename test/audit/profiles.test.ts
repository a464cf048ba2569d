/** The profile picker's source: ~/.aws/config and ~/.aws/credentials, SSO profiles included. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listProfiles } from '../../client/src/audit/profiles';

test('profiles from config and credentials files, with kinds and regions; sso-session sections are not profiles', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-profiles-'));
  const saved = { c: process.env.AWS_CONFIG_FILE, s: process.env.AWS_SHARED_CREDENTIALS_FILE };
  try {
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    fs.writeFileSync(process.env.AWS_CONFIG_FILE, [
      '[default]', 'region = us-east-1',
      '[profile dev-sso]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = ReadOnly', 'region = us-west-2',
      '[profile legacy-sso]', 'sso_start_url = https://x.awsapps.com/start', 'sso_region = us-east-1',
      '[profile audit]', 'role_arn = arn:aws:iam::111122223333:role/Audit', 'source_profile = default',
      '[sso-session corp]', 'sso_start_url = https://x.awsapps.com/start', 'sso_region = us-east-1', '',
    ].join('\n'));
    fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, ['[default]', 'aws_access_key_id = AKIAFAKE', 'aws_secret_access_key = fake', '[keys-only]', 'aws_access_key_id = AKIAFAKE2', 'aws_secret_access_key = fake2', ''].join('\n'));
    const ps = await listProfiles();
    assert.deepEqual(ps.map((p) => [p.name, p.kind, p.region]), [
      ['default', 'keys', 'us-east-1'],
      ['audit', 'role', undefined],
      ['dev-sso', 'sso', 'us-west-2'],
      ['keys-only', 'keys', undefined],
      ['legacy-sso', 'sso', undefined],
    ]);
    // Never the secrets themselves.
    assert.ok(!JSON.stringify(ps).includes('fake'));
  } finally {
    if (saved.c === undefined) delete process.env.AWS_CONFIG_FILE; else process.env.AWS_CONFIG_FILE = saved.c;
    if (saved.s === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE; else process.env.AWS_SHARED_CREDENTIALS_FILE = saved.s;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
