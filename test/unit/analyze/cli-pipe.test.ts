/**
 * `agentcore-iam check DIR | head -1`: the reader closes the pipe after one line; the CLI ends
 * quietly (no EPIPE stack on stderr), as Unix tools do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, ensureBuilt, seedInfra } from '../../helpers/cli';

test('a reader that closes the pipe early: no EPIPE error on stderr', () => {
  ensureBuilt();
  // Enough output to outlast the pipe's buffer: the seed case's findings, many times over.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-pipe-'));
  try {
    for (let i = 0; i < 60; i++) fs.cpSync(seedInfra, path.join(dir, `copy${i}`), { recursive: true });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cliPath}" check "${dir}" | head -c 10 >/dev/null`], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, 'head succeeded');
    assert.doesNotMatch(r.stderr, /EPIPE|Error/, r.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
