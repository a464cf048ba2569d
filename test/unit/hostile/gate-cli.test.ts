/**
 * Issue #23 items 1 and 2 through the CLI (core/gate.ts): a hostile workspace's symlinks to
 * /proc/self/environ, to a file and a folder outside, to /, to /dev/zero and /dev/stdin, and a FIFO
 * inside. No content of anything outside reaches the text, JSON or SARIF output; what file() could
 * not read is unknown, saying why (never missing, never granted); the run ends, in bounded memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check, checkWithOpenStdin, hostileBase, leakingWorkspace, linkWorkspace, MARKERS, runtimeWith } from './gate-workspace';

const OUTSIDE_REASON = 'not read: its real path is outside the workspace folder';

interface JsonReport {
  findings: { rule: string; message: string; file: string }[];
  problems: { rule: string; file: string; message: string }[];
}

function assertNoMarker(what: string, out: string): void {
  for (const m of MARKERS) assert.ok(!out.includes(m), `${what} holds ${m}:\n${out.slice(0, 2000)}`);
}

test('symlinks to /proc/self/environ, to a file and to a folder outside: no content in text, JSON or SARIF; file() is unknown and says why; the folder is reported, not walked', { timeout: 180_000 }, () => {
  const { ws } = leakingWorkspace();

  const json = check(ws, ['--format', 'json', '--fail-on', 'none']);
  assert.equal(json.status, 0, json.stderr);
  assertNoMarker('JSON', json.stdout + json.stderr);
  const report = JSON.parse(json.stdout) as JsonReport;
  // Before the gate: the environment and the outside file were the role's actions, and the runtime's
  // logs/X-Ray/metrics requirements were "missing". They are unknown: those actions could grant them.
  assert.deepEqual(report.findings.filter((f) => f.rule === 'missing-permission').map((f) => f.message), []);
  const unknown = report.findings.filter((f) => f.rule === 'unknown-permission');
  assert.ok(unknown.length >= 5, `the runtime's requirements are unknown: ${JSON.stringify(report.findings.map((f) => f.rule))}`);
  for (const f of unknown.filter((x) => /logs:|xray:|cloudwatch:/.test(x.message))) {
    assert.ok(f.message.includes(`file("env"), ${OUTSIDE_REASON}`), f.message);
    assert.ok(f.message.includes(`file("sec"), ${OUTSIDE_REASON}`), f.message);
  }
  // The folder outside is named and not analysed (its role would be a second one).
  const linked = report.problems.filter((p) => p.file === 'linked');
  assert.equal(linked.length, 1, JSON.stringify(report.problems));
  assert.equal(linked[0].rule, 'file-skipped');
  assert.match(linked[0].message, /Folder not read: it is a symlink whose real path is outside the workspace folder/);
  assert.ok(!report.findings.some((f) => f.file.startsWith('linked')), 'nothing found in the folder outside');

  const text = check(ws, ['--fail-on', 'none']);
  assert.equal(text.status, 0, text.stderr);
  assertNoMarker('text', text.stdout + text.stderr);
  assert.ok(text.stdout.includes(`file("env"), ${OUTSIDE_REASON}`), text.stdout);
  assert.match(text.stdout, /linked:1:1 warning Folder not read/);

  const sarif = check(ws, ['--format', 'sarif', '--fail-on', 'none']);
  assert.equal(sarif.status, 0, sarif.stderr);
  assertNoMarker('SARIF', sarif.stdout + sarif.stderr);
  const log = JSON.parse(sarif.stdout) as { runs: { results: { message: { text: string } }[] }[] };
  assert.ok(log.runs[0].results.some((r) => r.message.text.includes(`file("sec"), ${OUTSIDE_REASON}`)), 'the reason in a SARIF result');
});

test('a symlinked .tf file that leads outside is reported and not read', { timeout: 120_000 }, () => {
  const { ws, outside } = hostileBase();
  fs.writeFileSync(path.join(ws, 'main.tf'), runtimeWith(['"logs:*"']));
  fs.symlinkSync(path.join(outside, 'folder', 'leak.tf'), path.join(ws, 'leak.tf'));
  const r = check(ws, ['--format', 'json', '--fail-on', 'none']);
  assertNoMarker('JSON', r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.problems.map((p) => [p.file, p.rule, p.message]), [['leak.tf', 'file-skipped', 'File not read: it is a symlink whose real path is outside the workspace folder']]);
});

test('a symlink to / is not walked: one file analysed, the link reported', { timeout: 120_000 }, () => {
  const { ws } = hostileBase();
  fs.writeFileSync(path.join(ws, 'main.tf'), runtimeWith(['"logs:*"']));
  fs.symlinkSync('/', path.join(ws, 'everything'));
  const r = check(ws, ['--format', 'json', '--fail-on', 'none', '--stats']);
  assert.equal(r.status, 0, `ended (${r.signal ?? ''}): ${r.stderr.slice(0, 500)}`);
  assert.match(r.stderr, /agentcore-iam: 1 file\(s\)/);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.problems.map((p) => [p.file, p.rule]), [['everything', 'file-skipped']]);
});

test('file() of a symlink to /dev/zero: refused before reading; the run ends at once in little memory', { timeout: 120_000 }, () => {
  const ws = linkWorkspace('z', '/dev/zero');
  const t0 = performance.now();
  const r = check(ws, ['--format', 'json', '--fail-on', 'none', '--stats']);
  const ms = performance.now() - t0;
  assert.equal(r.status, 0, `ended (${r.signal ?? ''}): ${r.stderr.slice(0, 500)}`);
  const rss = Number(/peak RSS (\d+) MB/.exec(r.stderr)?.[1]);
  // Before the gate: 8.6 GB in 60 s and still reading. Measured with it: about 70 MB, well under a second.
  assert.ok(rss > 0 && rss < 300, `peak RSS ${rss} MB`);
  assert.ok(ms < 30_000, `${Math.round(ms)} ms`);
  console.log(`# /dev/zero through file(): ${Math.round(ms)} ms, peak RSS ${rss} MB`);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.ok(report.findings.some((f) => f.message.includes(`file("z"), ${OUTSIDE_REASON}`)), JSON.stringify(report.findings.map((f) => f.message)));
});

test('file() of a symlink to /dev/stdin and of a FIFO in the workspace: the CLI ends with stdin left open', { timeout: 120_000 }, async () => {
  const ws = linkWorkspace('s', '/dev/stdin');
  fs.writeFileSync(path.join(ws, 'main.tf'), runtimeWith(['file("s")', 'file("p")']));
  execFileSync('mkfifo', [path.join(ws, 'p')]);
  const r = await checkWithOpenStdin(ws, ['--format', 'json', '--fail-on', 'none'], 60_000);
  assert.equal(r.timedOut, false, 'the CLI blocked reading stdin or the FIFO');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.findings.filter((f) => f.rule === 'missing-permission').map((f) => f.message), [], 'unknown, not missing');
  assert.ok(report.findings.some((f) => f.message.includes('file("p"), not read: it is not a regular file')), JSON.stringify(report.findings.map((f) => f.message)));
});
