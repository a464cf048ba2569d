/** Test helpers: a fake AWS on 127.0.0.1 and an environment that sends nothing anywhere else. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeAws, type FakeAws, type FakeState } from './fake-aws/server';

export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIAFAKEAUDIT0000001',
  secretAccessKey: 'fakeSecretKey/DoNotLog+0123456789abcdef',
  sessionToken: 'fakeSessionToken-DoNotLog-0123456789',
};

const AWS_VARS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ENDPOINT_URL', 'AWS_EC2_METADATA_DISABLED', 'HOME', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];

/** Starts the fake and points every AWS SDK call of this process at it. */
export async function withFakeAws(state: FakeState): Promise<FakeAws & { home: string; restore(): Promise<void> }> {
  const saved = Object.fromEntries(AWS_VARS.map((k) => [k, process.env[k]]));
  const fake = await startFakeAws(state);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-audit-'));
  fs.mkdirSync(path.join(home, '.aws'));
  fs.writeFileSync(path.join(home, '.aws', 'config'), '');
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), '');
  for (const k of AWS_VARS) delete process.env[k];
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = path.join(home, '.aws', 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, '.aws', 'credentials');
  process.env.AWS_ENDPOINT_URL = fake.url;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  return Object.assign(fake, {
    home,
    async restore() {
      await fake.close();
      for (const k of AWS_VARS) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
      fs.rmSync(home, { recursive: true, force: true });
    },
  });
}
