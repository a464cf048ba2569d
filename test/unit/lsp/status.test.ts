import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Status } from '../../../server/src/lsp/status';
import { recordingConnection } from '../../helpers/connection';

test('a status is sent once while it stays the same (every keystroke reports one)', () => {
  const { connection, statuses } = recordingConnection();
  const status = new Status(connection);
  status.send({ state: 'ready', files: 3, roles: 1, findings: 2 });
  status.send({ state: 'ready', files: 3, roles: 1, findings: 2 });
  assert.equal(statuses.length, 1);
  status.send({ state: 'ready', files: 3, roles: 1, findings: 1 });
  status.send({ state: 'indexing', files: 3 });
  status.send({ state: 'ready', files: 3, roles: 1, findings: 1 });
  assert.deepEqual(statuses.map((s) => `${s.state} ${s.findings ?? '-'}`), ['ready 2', 'ready 1', 'indexing -', 'ready 1']);
});

test('an error is sent again when its message changes, and the status after it', () => {
  const { connection, statuses } = recordingConnection();
  const status = new Status(connection);
  status.send({ state: 'ready', files: 1, roles: 0, findings: 0 });
  status.error('analysis of /w', new Error('one'));
  status.error('analysis of /w', new Error('one'));
  status.error('analysis of /w', new Error('two'));
  status.send({ state: 'ready', files: 1, roles: 0, findings: 0 });
  assert.deepEqual(statuses.map((s) => s.message ?? s.state), ['ready', 'analysis of /w: one', 'analysis of /w: two', 'ready']);
});
