/**
 * The role hover names the AWS managed policy, its bundled default version and date, for what it
 * grants (issue #22 item 6). Real pipeline on the aws-managed-content fixture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { roleVerdicts } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import { loadManagedData } from '../../../server/src/core/iam/managed';
import { roleHover } from '../../../server/src/lsp/handlers/hover';

const dir = path.resolve(__dirname, '..', '..', 'fixtures', 'aws-managed-content');

test('hover on a role: a requirement granted by an AWS managed policy names it with its version and date', async () => {
  const settings = withDefaults(undefined);
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  const role = ws.model().roles.find((r) => r.address === 'aws_iam_role.complete')!;
  const value = roleHover(role, roleVerdicts(role, settings, (f) => ws.getText(f)));
  const row = (id: string) => value.split('\n').find((l) => l.includes(`| ${id} `)) ?? '';
  const { version: logsV, date: logsD } = loadManagedData().info('CloudWatchLogsFullAccess')!;
  const { version: xrayV, date: xrayD } = loadManagedData().info('AWSXrayWriteOnlyAccess')!;
  assert.ok(row('runtime.R6').endsWith(`| granted | CloudWatchLogsFullAccess (AWS managed CloudWatchLogsFullAccess ${logsV}, ${logsD}) |`), row('runtime.R6'));
  assert.ok(row('runtime.R7').endsWith(`| granted | statement (AWS managed AWSXrayWriteOnlyAccess ${xrayV}, ${xrayD}) |`), row('runtime.R7'));
  assert.match(row('runtime.R8'), /\| granted \| statement \(main\.tf:\d+\) \|$/, 'an inline statement keeps its place');
});
