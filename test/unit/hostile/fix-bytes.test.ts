/**
 * Issue #23 items 3 and 10: `check --fix` writes only inside DIR (not through a symlinked folder or
 * file that leads outside), and changes only the bytes of the ranges it edits: a file with Latin-1
 * bytes elsewhere keeps them byte for byte (before, the whole file was written back as UTF-8 with
 * U+FFFD in their place). core/byte-edits.ts: the decoding with byte offsets, and edits refused
 * over invalid bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEditsToBytes, decodeWithOffsets } from '../../../server/src/core/byte-edits';
import type { TextEdit } from '../../../server/src/core/model';
import { check, hostileBase, runtimeWith } from './gate-workspace';

/** A runtime whose role grants s3:GetObject only: --fix adds the logs, X-Ray and metrics statements and the trust condition. */
const FIXABLE = runtimeWith(['"s3:GetObject"']);

test('--fix leaves the Latin-1 bytes of a file as they were, and edits as it does in a UTF-8 twin', { timeout: 120_000 }, () => {
  // The same file twice: Latin-1 bytes (invalid UTF-8) in comments, and ASCII stand-ins of them.
  const latin1 = ['\xe9', '\xef', '\xff\xfe'];
  const standIn = ['QQ1', 'QQ2', 'QQ3'];
  const layout = (s: string[]) => `# caf${s[0]} na${s[1]}ve\n${FIXABLE}# end ${s[2]}\n`;
  const { ws } = hostileBase();
  const { ws: twin } = hostileBase();
  const file = path.join(ws, 'main.tf');
  fs.writeFileSync(file, Buffer.from(layout(latin1), 'latin1'));
  fs.writeFileSync(path.join(twin, 'main.tf'), layout(standIn));

  const r = check(ws, ['--fix', '--fail-on', 'none']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /applied \d+ fix\(es\) to 1 file\(s\)/);
  check(twin, ['--fix', '--fail-on', 'none']);
  const twinAfter = fs.readFileSync(path.join(twin, 'main.tf'), 'latin1');
  assert.notEqual(twinAfter, layout(standIn), 'the twin was fixed');
  let expected = twinAfter;
  for (let i = 0; i < standIn.length; i++) expected = expected.replace(standIn[i], latin1[i]);
  const after = fs.readFileSync(file);
  assert.ok(!after.includes(Buffer.from('\ufffd', 'utf8')), 'no U+FFFD written');
  assert.deepEqual(after, Buffer.from(expected, 'latin1'), 'the fixed file is the twin\'s fix with its own Latin-1 bytes');
});

test('--fix does not write through a symlinked folder or file that leads outside DIR', { timeout: 120_000 }, () => {
  const { ws, outside } = hostileBase();
  fs.mkdirSync(path.join(outside, 'mod'));
  const outsideFiles = [path.join(outside, 'mod', 'main.tf'), path.join(outside, 'other.tf')];
  fs.writeFileSync(outsideFiles[0], FIXABLE);
  fs.writeFileSync(outsideFiles[1], runtimeWith(['"s3:PutObject"'], 'other'));
  const before = outsideFiles.map((f) => fs.readFileSync(f));
  fs.symlinkSync(path.join(outside, 'mod'), path.join(ws, 'mod'));
  fs.symlinkSync(outsideFiles[1], path.join(ws, 'other.tf'));
  fs.writeFileSync(path.join(ws, 'main.tf'), 'locals {}\n');

  const r = check(ws, ['--fix', '--fail-on', 'none']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /no fix to apply/);
  outsideFiles.forEach((f, i) => assert.deepEqual(fs.readFileSync(f), before[i], `${f} unchanged`));
});

test('--fix does not write a file hard-linked to one outside, says so, and counts only the fixes it wrote', { timeout: 120_000 }, () => {
  const { ws, outside } = hostileBase();
  const shared = path.join(outside, 'shared.tf');
  fs.writeFileSync(shared, runtimeWith(['"s3:PutObject"'], 'other'));
  const before = fs.readFileSync(shared);
  fs.linkSync(shared, path.join(ws, 'other.tf'));
  fs.writeFileSync(path.join(ws, 'main.tf'), FIXABLE);
  const { ws: alone } = hostileBase();
  fs.writeFileSync(path.join(alone, 'main.tf'), FIXABLE);

  const r = check(ws, ['--fix', '--fail-on', 'none']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(fs.readFileSync(shared), before, 'the outside file is unchanged');
  assert.match(r.stderr, /fix not applied to other\.tf: it has other hard links, so writing it would change a file elsewhere/);
  const applied = /applied (\d+) fix\(es\) to 1 file\(s\)/.exec(r.stderr);
  const aloneApplied = /applied (\d+) fix\(es\) to 1 file\(s\)/.exec(check(alone, ['--fix', '--fail-on', 'none']).stderr);
  assert.ok(applied && aloneApplied, r.stderr);
  assert.equal(applied[1], aloneApplied[1], 'the fixes of main.tf only');
  assert.deepEqual(fs.readFileSync(path.join(ws, 'main.tf')), fs.readFileSync(path.join(alone, 'main.tf')));
});

test('edits on bytes: an edit over invalid bytes or inside a character is refused; elsewhere only its own bytes change', () => {
  const bytes = Buffer.concat([Buffer.from('a = "', 'utf8'), Buffer.from([0xe9]), Buffer.from('"\nb = "\u{1F600}x"\n', 'utf8')]);
  const at = (line: number, s: number, e: number, newText: string): TextEdit => ({ file: 'f', range: { start: { line, character: s }, end: { line, character: e } }, newText });
  // Line 1: `b = "😀x"`; the emoji is two code units (5, 6).
  const ok = applyEditsToBytes(bytes, [at(1, 7, 8, 'y')]);
  assert.ok(Buffer.isBuffer(ok));
  assert.deepEqual(ok, Buffer.concat([Buffer.from('a = "', 'utf8'), Buffer.from([0xe9]), Buffer.from('"\nb = "\u{1F600}y"\n', 'utf8')]));
  assert.deepEqual(applyEditsToBytes(bytes, [at(0, 4, 7, '"e"')]), { refused: 'an edit covers bytes that are not valid UTF-8' });
  assert.deepEqual(applyEditsToBytes(bytes, [at(1, 6, 7, 'z')]), { refused: 'an edit starts or ends inside a character' });
  assert.deepEqual(applyEditsToBytes(bytes, [at(1, 0, 0, '\ufffd')]), { refused: 'an edit writes U+FFFD into a file that is not valid UTF-8' });
  // A valid file may receive U+FFFD.
  assert.ok(Buffer.isBuffer(applyEditsToBytes(Buffer.from('x\n'), [at(0, 0, 0, '\ufffd')])));
});

test('the decoding with byte offsets reads bytes as Buffer#toString and TextDecoder do (5,000 seeded byte strings)', () => {
  let seed = 23;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pool = [0x41, 0x0a, 0xc2, 0xa9, 0xe0, 0xa0, 0x80, 0xed, 0x9f, 0xbf, 0xf0, 0x90, 0xf4, 0x8f, 0xff, 0xc0, 0xe9, 0x8f, 0xf5, 0xa0];
  for (let t = 0; t < 5000; t++) {
    const b = Buffer.from(Array.from({ length: Math.floor(rnd() * 14) }, () => (rnd() < 0.7 ? pool[Math.floor(rnd() * pool.length)] : Math.floor(rnd() * 256))));
    const d = decodeWithOffsets(b);
    assert.equal(d.text, b.toString('utf8'), b.toString('hex'));
    assert.equal(d.text, new TextDecoder().decode(b), b.toString('hex'));
    // Every code unit that starts a character maps back to bytes that decode to it.
    for (let u = 0; u < d.text.length; u++) {
      if (d.mid[u]) continue;
      const next = u + (d.mid[u + 1] ? 2 : 1);
      if (!d.bad[u]) assert.equal(b.subarray(d.byteAt[u], d.byteAt[next]).toString('utf8'), d.text.slice(u, next), b.toString('hex'));
    }
  }
});
