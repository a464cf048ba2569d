/**
 * core/gate.ts on its own: what it reads and writes, and what it refuses before reading or writing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOT_REGULAR, OUTSIDE, readGatedBytes, readGatedText, rewriteGated, SHARED_INODE, tooLarge } from '../../../server/src/core/gate';
import { listWorkspaceFiles, readInsideWhy } from '../../../server/src/core/disk';
import { FILE_MARKER, hostileBase } from './gate-workspace';

test('a read is refused when the real path leads outside the root, through a symlinked file or folder, whatever the path says', () => {
  const { ws, outside } = hostileBase();
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'sec'));
  fs.symlinkSync(outside, path.join(ws, 'out'));
  assert.equal(readGatedText(ws, path.join(ws, 'sec'), 1 << 20), OUTSIDE);
  // Opened by its path, judged by the descriptor's path (a listed file), and checked before opening (a path from file()).
  assert.equal(readGatedText(ws, path.join(ws, 'out', 'secret.txt'), 1 << 20), OUTSIDE);
  assert.equal(readGatedText(ws, path.join(ws, 'out', 'secret.txt'), 1 << 20, false), OUTSIDE);
  assert.equal(readInsideWhy(ws, path.join(ws, '..', 'outside', 'secret.txt'), 1 << 20), OUTSIDE);
  // A name that merely starts with two dots is inside.
  fs.writeFileSync(path.join(ws, '..policy.json'), '{}');
  assert.equal(readInsideWhy(ws, path.join(ws, '..policy.json'), 100), '{}');
  // The same file read with the folder holding both as the root.
  assert.equal(readGatedText(path.dirname(ws), path.join(ws, 'sec'), 1 << 20), `${FILE_MARKER}\n`);
});

test('a root reached through a symlink reads its own files; a symlink inside that stays inside is followed', () => {
  const { base, ws } = hostileBase();
  fs.mkdirSync(path.join(ws, 'real'));
  fs.writeFileSync(path.join(ws, 'real', 'a.tf'), 'locals {}\n');
  fs.symlinkSync(path.join(ws, 'real'), path.join(ws, 'alias'));
  fs.symlinkSync('a.tf', path.join(ws, 'real', 'b.tf'));
  const viaLink = path.join(base, 'ws-link');
  fs.symlinkSync(ws, viaLink);
  assert.equal(readGatedText(viaLink, path.join(viaLink, 'alias', 'a.tf'), 100), 'locals {}\n');
  const { files, problems } = listWorkspaceFiles(viaLink, { exclude: [], maxFileBytes: 100 });
  // The folder is walked once (under the name met first), its symlinked file listed, nothing reported.
  assert.deepEqual(files.map((f) => path.relative(viaLink, f.file)).sort(), [path.join('alias', 'a.tf'), path.join('alias', 'b.tf')]);
  assert.deepEqual(problems, []);
});

test('devices and FIFOs are refused without reading or blocking; the read stops at maxBytes whatever stat says', () => {
  const { ws } = hostileBase();
  const fifo = path.join(ws, 'p');
  execFileSync('mkfifo', [fifo]);
  assert.equal(readGatedBytes(ws, fifo, 100), NOT_REGULAR);
  assert.equal(readGatedBytes(undefined, '/dev/zero', 100), NOT_REGULAR);
  assert.equal(readGatedBytes(undefined, '/dev/null', 100), NOT_REGULAR);
  // Without a root (a file listed through the gate already), a symlink is still followed to a regular file.
  fs.writeFileSync(path.join(ws, 'a.tf'), 'locals {}\n');
  fs.symlinkSync('a.tf', path.join(ws, 'b.tf'));
  assert.equal(readGatedText(undefined, path.join(ws, 'b.tf'), 100), 'locals {}\n');
  // /proc/self/environ: a regular file whose stat says 0 bytes. Inside "/" it is read, bounded.
  assert.equal(fs.statSync('/proc/self/environ').size, 0);
  assert.equal(readGatedBytes('/', '/proc/self/environ', 8), tooLarge(8));
  const env = readGatedBytes('/', '/proc/self/environ', 1 << 20);
  assert.ok(Buffer.isBuffer(env) && env.length > 0);
  // A regular file over the limit, and exactly at it.
  fs.writeFileSync(path.join(ws, 'big.tf'), 'x'.repeat(101));
  assert.equal(readGatedBytes(ws, path.join(ws, 'big.tf'), 100), tooLarge(100));
  assert.equal((readGatedBytes(ws, path.join(ws, 'big.tf'), 101) as Buffer).length, 101);
});

test('a write is refused outside the root, to a hard-linked file or to a FIFO; otherwise the file is rewritten in place and cut to length', () => {
  const { ws, outside } = hostileBase();
  const secret = path.join(outside, 'secret.txt');
  const before = fs.readFileSync(secret);
  fs.symlinkSync(secret, path.join(ws, 'sec.tf'));
  const edit = () => Buffer.from('written');
  assert.equal(rewriteGated(ws, path.join(ws, 'sec.tf'), 100, edit), OUTSIDE);
  // A hard link inside the root to a file outside: the same inode; writing it would write outside.
  fs.linkSync(secret, path.join(ws, 'hard.tf'));
  assert.equal(rewriteGated(ws, path.join(ws, 'hard.tf'), 100, edit), SHARED_INODE);
  assert.deepEqual(fs.readFileSync(secret), before);
  execFileSync('mkfifo', [path.join(ws, 'p.tf')]);
  assert.equal(rewriteGated(ws, path.join(ws, 'p.tf'), 100, edit), NOT_REGULAR);
  const file = path.join(ws, 'main.tf');
  fs.writeFileSync(file, 'a longer text than the new one\n');
  const ino = fs.statSync(file).ino;
  assert.deepEqual(rewriteGated(ws, file, 100, (b) => Buffer.from(b.toString('utf8').slice(0, 8))), Buffer.from('a longer'));
  assert.equal(fs.readFileSync(file, 'utf8'), 'a longer');
  assert.equal(fs.statSync(file).ino, ino, 'the same file, written in place');
});
