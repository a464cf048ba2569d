/**
 * The one gate for every read and write of a workspace file (docs/security.md, "Reading and
 * writing the workspace"). A workspace is untrusted input: a cloned repository can hold symlinks to
 * `/proc/self/environ`, to a file or folder outside it, to `/`, to `/dev/zero` or `/dev/stdin`.
 * A file passes the gate when
 *  - its real path (every symlink resolved) lies inside the real path of the analysed root;
 *  - the file opened is a regular file (fstat on the opened descriptor, not a stat of the path);
 *  - it holds at most `maxBytes` bytes, counted while reading: `stat().size` is 0 for `/proc/*`, so
 *    the read stops at `maxBytes + 1` bytes whatever the size says.
 * A path outside the root is refused before it is opened. The file is opened with O_NOFOLLOW on its
 * real path and O_NONBLOCK (a FIFO or device never blocks the open; it is refused before any read),
 * and on Linux the opened descriptor's own path (/proc/self/fd) is checked again, so a folder
 * swapped for a symlink between the check and the open is caught. On Linux a file of the folder
 * (`listed`, the default: the listing checked its folders' real paths as it walked) is opened by its
 * path and judged by that descriptor's path alone, without a realpath first (a fifth of a read's time).
 * Refusals are a few shared objects (`===` compares them, as the model cache compares what it read).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why the gate refused a file: a sentence naming no content and no target path. */
export interface Refusal {
  readonly refused: string;
}

const refusals = new Map<string, Refusal>();
function refusal(reason: string): Refusal {
  let r = refusals.get(reason);
  if (!r) refusals.set(reason, (r = Object.freeze({ refused: reason })));
  return r;
}

export const OUTSIDE = refusal('its real path is outside the workspace folder');
export const NOT_REGULAR = refusal('it is not a regular file');
export const SHARED_INODE = refusal('it has other hard links, so writing it would change a file elsewhere');
export function tooLarge(maxBytes: number): Refusal {
  return refusal(`it is larger than maxFileBytes (${maxBytes})`);
}

/** What a read of a file for file()/templatefile() gives: its text, the gate's refusal, or undefined (missing, unreadable). */
export type GatedText = string | Refusal | undefined;

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && typeof (x as Refusal).refused === 'string';
}

const { O_RDONLY, O_RDWR, O_NOFOLLOW = 0, O_NONBLOCK = 0, O_NOCTTY = 0 } = fs.constants;
/** The descriptor's own path can be read back (Linux with /proc): the check after the open. */
const PROC_FD = process.platform === 'linux' && fs.existsSync('/proc/self/fd');

const realRoots = new Map<string, string>();
/** The real path of a root (cached: roots are few and long-lived); the root itself when it does not exist. */
export function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    try { r = fs.realpathSync.native(root); } catch { r = path.resolve(root); }
    if (realRoots.size > 64) realRoots.clear();
    realRoots.set(root, r);
  }
  return r;
}

/** `real` is `rootReal` or below it (both real, absolute paths). */
export function realInside(rootReal: string, real: string): boolean {
  if (real === rootReal) return true;
  const base = rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep;
  return real.startsWith(base);
}

/** The real path of `file` when it lies inside `root`; a refusal when it lies outside; throws when it does not exist. */
export function realPathInside(root: string, file: string): string | Refusal {
  const real = fs.realpathSync.native(file);
  return realInside(realRoot(root), real) ? real : OUTSIDE;
}

/**
 * Opens `file` for the gate: inside `root` (when given), a regular file. Returns the descriptor
 * (the caller closes it) and its stats, or a refusal; throws on I/O errors (ENOENT...).
 */
function openGated(root: string | undefined, file: string, flags: number, listed = false): { fd: number; st: fs.Stats } | Refusal {
  const how = flags | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
  let fd: number | undefined;
  if (listed && root !== undefined && PROC_FD) {
    // A file the listing found inside the root (its folders' real paths checked as it walked): opened
    // by its path, a realpath the less (a fifth of a file's read), and the descriptor's own path
    // checked below. A symlink as the last component fails the open (ELOOP) and takes the way below.
    try { fd = fs.openSync(file, how); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ELOOP') throw e; }
  }
  if (fd === undefined) {
    const target = root !== undefined ? realPathInside(root, file) : fs.realpathSync.native(file);
    if (isRefusal(target)) return target;
    fd = fs.openSync(target, how);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) { fs.closeSync(fd); return NOT_REGULAR; }
    if (root !== undefined && PROC_FD) {
      let now: string | undefined;
      try { now = fs.readlinkSync(`/proc/self/fd/${fd}`); } catch { /* refused below */ }
      if (now === undefined || !realInside(realRoot(root), now)) { fs.closeSync(fd); return OUTSIDE; }
    }
    return { fd, st };
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

/** Reads an open descriptor from its start, at most maxBytes (a refusal when there is more, whatever fstat said). */
function readBounded(fd: number, st: fs.Stats, maxBytes: number): Buffer | Refusal {
  if (st.size > maxBytes) return tooLarge(maxBytes);
  // One byte more than the size says, to see the end at once; grown in steps while a file keeps giving.
  let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, 4096)));
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (n > maxBytes) return tooLarge(maxBytes);
      const next = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
      buf.copy(next, 0, 0, n);
      buf = next;
    }
    const r = fs.readSync(fd, buf, n, buf.length - n, n);
    if (r === 0) break;
    n += r;
    // All the size said, read: the end, without one more read to see it (as fs.readFileSync). A size
    // of 0 (/proc) reads on to the end or the limit.
    if (n === st.size) break;
  }
  if (n > maxBytes) return tooLarge(maxBytes);
  return buf.subarray(0, n);
}

/**
 * A workspace file's bytes through the gate: inside `root`, regular, at most maxBytes. Throws on
 * I/O errors (a missing file), as fs.readFileSync does. `root` undefined: no folder to hold it to
 * (the file was listed through the gate already), still regular and bounded. `listed` false: a path
 * written in the configuration (file()), which may lead anywhere: its real path is checked before
 * it is opened, as on a system without /proc.
 */
export function readGatedBytes(root: string | undefined, file: string, maxBytes: number, listed = true): Buffer | Refusal {
  const o = openGated(root, file, O_RDONLY, listed);
  if (isRefusal(o)) return o;
  try {
    return readBounded(o.fd, o.st, maxBytes);
  } finally {
    fs.closeSync(o.fd);
  }
}

/** readGatedBytes decoded as UTF-8 (as fs.readFileSync(file, 'utf8') decodes). */
export function readGatedText(root: string | undefined, file: string, maxBytes: number, listed = true): string | Refusal {
  const b = readGatedBytes(root, file, maxBytes, listed);
  return isRefusal(b) ? b : b.toString('utf8');
}

/** readGatedText, with undefined for a file that cannot be read at all (missing, no permission). */
export function readTextOrUndefined(root: string | undefined, file: string, maxBytes: number, listed = true): string | Refusal | undefined {
  try {
    return readGatedText(root, file, maxBytes, listed);
  } catch {
    return undefined;
  }
}

/**
 * Rewrites a workspace file through the gate: inside `root`, regular, not hard-linked elsewhere,
 * at most maxBytes. `edit` gets the file's bytes and returns the new bytes (or a refusal of its
 * own, written nowhere). The new bytes are written to the very descriptor that was checked, then
 * the file is cut to their length: no path is opened twice.
 */
export function rewriteGated(root: string, file: string, maxBytes: number, edit: (bytes: Buffer) => Buffer | Refusal): Buffer | Refusal {
  const o = openGated(root, file, O_RDWR);
  if (isRefusal(o)) return o;
  try {
    if (o.st.nlink > 1) return SHARED_INODE;
    const before = readBounded(o.fd, o.st, maxBytes);
    if (isRefusal(before)) return before;
    const after = edit(before);
    if (isRefusal(after)) return after;
    let n = 0;
    while (n < after.length) n += fs.writeSync(o.fd, after, n, after.length - n, n);
    fs.ftruncateSync(o.fd, after.length);
    return after;
  } finally {
    fs.closeSync(o.fd);
  }
}
