/**
 * The live audit's language from any tag: VS Code reports `ja`, a CLI's LANG gives `ja_JP.UTF-8`,
 * other clients `ja-JP`; auditMessagesFor took `ja` exactly, so the others got English. And the
 * audit's own deadline for a call (audit/context.ts) said its problem in English only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditRuntime } from '../../../server/src/audit/audit';
import { withDefaults } from '../../../server/src/core/settings';
import { auditEn, auditJa, auditMessagesFor } from '../../../server/src/core/messages/audit';
import { FAKE_CREDENTIALS, withFakeAws } from '../../audit/helpers';
import { SEED_ARN, seedState } from '../../audit/fake-aws/scenarios';

test('auditMessagesFor: every Japanese tag is Japanese, every other tag English', () => {
  for (const tag of ['ja', 'ja-JP', 'ja_JP', 'ja_JP.UTF-8', 'JA_jp.utf8', 'ja_JP@euro']) assert.equal(auditMessagesFor(tag), auditJa, tag);
  for (const tag of [undefined, '', 'en', 'en_US.UTF-8', 'C.UTF-8', 'C', 'fr', 'jav']) assert.equal(auditMessagesFor(tag), auditEn, String(tag));
});

test('a call AWS does not answer in time: the problem in the audit\'s language (settings locale ja_JP.UTF-8), English without one', { timeout: 60_000 }, async () => {
  const sockets = new Set<import('node:net').Socket>();
  const stalled = http.createServer(() => { /* accepts, never answers */ });
  stalled.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const fake = await withFakeAws(seedState());
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
  try {
    const said: Record<string, string | undefined> = {};
    for (const locale of ['ja_JP.UTF-8', undefined]) {
      const progress: string[] = [];
      const report = await auditRuntime({
        runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, maxAttempts: 1, requestTimeoutMs: 500,
        settings: { ...withDefaults(undefined), ...(locale ? { locale } : {}) }, onProgress: (m) => progress.push(m),
      });
      const p = report.problems.find((x) => x.call.endsWith('GetAgentRuntime'));
      assert.equal(p?.kind, 'network', JSON.stringify(report.problems));
      said[String(locale)] = p!.message;
      // The progress of the same run in the same language.
      assert.equal(progress[0], (locale ? auditJa : auditEn).progressRuntime);
    }
    const label = 'bedrock-agentcore:GetAgentRuntime';
    assert.equal(said['ja_JP.UTF-8'], `${label}: AWS が 0.5 秒以内に応答しなかった。監査のこの部分はスキップした。`);
    assert.equal(said['undefined'], `${label}: AWS did not answer within 0.5 s; that part of the audit was skipped.`);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => stalled.close(() => resolve()));
    await fake.restore();
  }
});
