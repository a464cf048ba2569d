/**
 * The audit's credentials problem (no credentials, an unknown profile) in the audit's settings'
 * language: VS Code shows it as an error notification, and its settings carry the display
 * language (client: toAnalysisSettings), not the process's default (the CLI's --lang or LANG).
 * Nothing is sent: the credentials are resolved before any call.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRuntime } from '../../../server/src/audit/audit';
import { AuditFatalError } from '../../../server/src/audit/errors';
import { auditEn, auditJa } from '../../../server/src/core/messages/audit';
import { withDefaults } from '../../../server/src/core/settings';
import { withFakeAws } from '../../audit/helpers';
import { SEED_ARN, seedState } from '../../audit/fake-aws/scenarios';

async function credentialsProblem(locale: string | undefined): Promise<string> {
  const fake = await withFakeAws(seedState());
  try {
    let message = '';
    await assert.rejects(auditRuntime({ runtimeArn: SEED_ARN, profile: 'nosuch', maxAttempts: 1, settings: withDefaults(locale ? { locale } : undefined) }), (e: unknown) => {
      assert.ok(e instanceof AuditFatalError, String(e));
      assert.equal(e.problem.kind, 'no-credentials');
      message = e.message;
      return true;
    });
    assert.equal(fake.calls.length, 0, 'nothing sent');
    return message;
  } finally {
    await fake.restore();
  }
}

test('no credentials for an unknown profile: said in the settings\' language (ja), English without one', { timeout: 60_000 }, async () => {
  assert.equal(await credentialsProblem('ja'), auditJa.noCredentials('nosuch', true));
  assert.equal(await credentialsProblem(undefined), auditEn.noCredentials('nosuch', true));
});
