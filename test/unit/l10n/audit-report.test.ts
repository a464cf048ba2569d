/**
 * The live audit in Japanese: a real audit (the real SDK against the fake AWS on 127.0.0.1) of the
 * seed runtime with a workspace, with AnalysisSettings.locale "ja": its progress and its findings'
 * messages are Japanese, and its Markdown report is Japanese around the same data (ARNs, actions,
 * names as written); the same report rendered in English is the English one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditRuntime } from '../../../server/src/audit/audit';
import { renderMarkdown, renderText } from '../../../server/src/audit/render';
import { classify, credentialsProblem } from '../../../server/src/audit/errors';
import { withDefaults } from '../../../server/src/core/settings';
import { Workspace } from '../../../server/src/core/workspace';
import { auditEn, auditJa } from '../../../server/src/core/messages/audit';
import { FAKE_CREDENTIALS, withFakeAws } from '../../audit/helpers';
import { SEED_ARN, seedState } from '../../audit/fake-aws/scenarios';
import { seedInfra } from '../../helpers/cli';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

test('the live audit with locale ja: Japanese progress, findings and report; the data as written', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-l10n-audit-'));
  fs.cpSync(seedInfra, dir, { recursive: true });
  const fake = await withFakeAws(seedState());
  try {
    const ws = await Workspace.create({ root: dir });
    await ws.loadFromDisk();
    const progress: string[] = [];
    const report = await auditRuntime({
      runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, workspace: ws.model(),
      settings: { ...withDefaults(undefined), locale: 'ja' }, onProgress: (m) => progress.push(m),
    });
    assert.deepEqual(progress.slice(0, 3), [auditJa.progressRuntime, auditJa.progressRole, auditJa.progressJudging]);
    // The audit's notes and what the observability facts mean, in Japanese (the seed runtime has both).
    const notes = [...report.notes, ...report.observability.notes].map((n) => n.message);
    assert.ok(notes.length > 0 && notes.every((n) => JAPANESE.test(n)), notes.join('\n'));
    const notGranted = report.verdicts.filter((v) => v.verdict !== 'granted');
    assert.ok(notGranted.length > 0 && notGranted.every((v) => JAPANESE.test(v.message)), notGranted.map((v) => v.message).join('\n'));

    const ja = renderMarkdown(report, 'ja');
    const en = renderMarkdown(report, 'en');
    assert.ok(ja.startsWith(`# ${auditJa.title}: `), ja.slice(0, 80));
    assert.ok(en.startsWith(`# ${auditEn.title}: `));
    for (const heading of [auditJa.requirements, auditJa.observability]) assert.ok(ja.includes(`## ${heading}`), heading);
    assert.ok(ja.includes(auditJa.requirementsHeader(report.verdicts.some((v) => v.simulation))));
    assert.ok(!/## (Requirements|Observability|Notes)\b/.test(ja), 'no English heading');
    // The runtime's ARN and the role's, as written, in both.
    for (const arn of [report.runtime?.arn, report.runtime?.roleArn].filter((x): x is string => !!x)) {
      assert.ok(ja.includes(arn) && en.includes(arn), arn);
    }
    assert.ok(en.includes('## Requirements') && en.includes('| Requirement | Verdict |'));
    // Without a locale, the process's default (English here).
    assert.equal(renderMarkdown(report), en);
    // The text report (the CLI's audit): the same lines' data, Japanese words.
    const jaText = renderText(report, 'ja');
    const enText = renderText(report, 'en');
    assert.ok(jaText.startsWith(`${auditJa.title}: ${report.runtime?.arn}`), jaText.split('\n')[0]);
    assert.ok(jaText.includes(`\n${auditJa.requirements}:\n`) && jaText.includes(`\n${auditJa.observability}:\n`), jaText);
    assert.ok(enText.includes('\nRequirements:\n') && !/\nRequirements:\n/.test(jaText));
    assert.equal(renderText(report), enText);
    assert.equal(jaText.split('\n').length, enText.split('\n').length, 'line for line');
  } finally {
    await fake.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('what an API call\'s failure means, in each language: the permission, the call and the profile as written', () => {
  const denied = { name: 'AccessDeniedException', message: 'no', $metadata: { httpStatusCode: 403 } };
  const ja = classify(denied, 'GetRolePolicy', undefined, auditJa);
  const en = classify(denied, 'GetRolePolicy', undefined, auditEn);
  assert.equal(ja.kind, en.kind);
  assert.match(ja.message, /^アクセス拒否: 監査に使っている認証情報に `iam:GetRolePolicy` がない。/);
  assert.match(en.message, /^Access denied: the audit's credentials lack `iam:GetRolePolicy`;/);
  assert.equal(classify(denied, 'GetRolePolicy').message, en.message, 'English by default');
  const noCreds = credentialsProblem(new Error('Profile dev could not be found'), 'dev', false, auditJa);
  assert.match(noCreds.message, /^プロファイル "dev" から AWS の認証情報を読み込めなかった（AWS の config \/ credentials ファイルに "dev" という名前のプロファイルがない）。/);
  assert.ok(noCreds.message.includes('`aws sso login --profile <name>`'));
  const net = classify({ name: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'GetAgentRuntime', undefined, auditJa);
  assert.match(net.message, /AWS に接続できなかった（ECONNREFUSED）。$/);
});
