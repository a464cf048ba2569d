/**
 * What the audit cannot be asked (not a runtime ARN, no runtime, no region) is said in the audit's
 * settings' language, as its other problems are: the CLI's --lang / LANG, VS Code's display language.
 * Nothing is sent to AWS for a request it refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditRuntime, AuditUsageError } from '../../../server/src/audit/audit';
import { auditEn, auditJa } from '../../../server/src/core/messages/audit';
import { withDefaults } from '../../../server/src/core/settings';

async function usageError(options: Parameters<typeof auditRuntime>[0]): Promise<string> {
  let message = '';
  await assert.rejects(auditRuntime(options), (e: unknown) => {
    assert.ok(e instanceof AuditUsageError, String(e));
    message = e.message;
    return true;
  });
  return message;
}

test('usage errors of the audit: in Japanese under a Japanese locale, English without one', async () => {
  // No region from the environment or an AWS config file (the runtime id alone names no region).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-usage-'));
  const saved = { region: process.env.AWS_REGION, defaultRegion: process.env.AWS_DEFAULT_REGION, config: process.env.AWS_CONFIG_FILE, profile: process.env.AWS_PROFILE };
  delete process.env.AWS_REGION;
  delete process.env.AWS_DEFAULT_REGION;
  delete process.env.AWS_PROFILE;
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  fs.writeFileSync(process.env.AWS_CONFIG_FILE, '[default]\n');
  try {
    for (const [locale, say] of [['ja', auditJa], [undefined, auditEn]] as const) {
      const settings = withDefaults(locale ? { locale } : undefined);
      assert.equal(await usageError({ runtimeArn: 'arn:aws:s3:::bucket', settings }), say.usageNotRuntimeArn('arn:aws:s3:::bucket'));
      assert.equal(await usageError({ settings }), say.usageNoRuntime);
      assert.equal(await usageError({ runtimeId: 'rt-1234567890', settings }), say.usageNoRegion);
    }
    assert.match(auditJa.usageNoRegion, /リージョン/);
  } finally {
    for (const [k, v] of [['AWS_REGION', saved.region], ['AWS_DEFAULT_REGION', saved.defaultRegion], ['AWS_CONFIG_FILE', saved.config], ['AWS_PROFILE', saved.profile]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
