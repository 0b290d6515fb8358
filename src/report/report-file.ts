// Report files describe secrets, so they are the owner's only (0600), and a
// reader never sees half a report: the text goes to a temporary file beside
// the target, which is renamed over it once complete. An interrupted run
// removes its temporary file.
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { checkedDir } from '../util/safe-write.js';

export class ReportWriteError extends Error {}

const pending = new Set<string>();

/** Temporary report files not yet renamed into place (for the interrupt handler). */
export function removePendingReports(): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such directory',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'it is a directory',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
};

function fail(target: string, e: unknown): never {
  const code = (e as NodeJS.ErrnoException).code;
  const why = (code && REASONS[code]) ?? (e as Error).message;
  throw new ReportWriteError(`cannot write the report to ${target}: ${why}${code ? ` (${code})` : ''}`);
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < buf.length) at += writeSync(fd, buf, at, buf.length - at);
}

/**
 * Write `text` to `target` atomically with mode 0600; a ReportWriteError names
 * the target and the reason. A target inside the repository at `root` must
 * stay inside it through its directories (a committed `reports -> ~/.ssh` is
 * refused with an UnsafeWriteError).
 */
export function writeReportFile(target: string, text: string, root?: string): void {
  const rel = root === undefined ? '..' : relative(root, resolve(target));
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel))
    target = join(checkedDir(root!, dirname(resolve(target)), { target }), basename(target));
  let existing;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  // A device or pipe (/dev/stdout, a FIFO) is written in place: renaming over it would replace it.
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
    if (existing.isDirectory()) fail(target, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    let fd: number | undefined;
    try {
      fd = openSync(target, 'w');
      writeAll(fd, text);
    } catch (e) {
      fail(target, e);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  const tmp = join(dirname(target), `.${basename(target)}.leaklint-${process.pid}.tmp`);
  pending.add(tmp);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    writeAll(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    fail(target, e);
  } finally {
    pending.delete(tmp);
  }
}

/**
 * Fail now, before a scan, when `target` cannot take a report: its directory
 * is missing or not writable, it is a directory, or (inside the repository at
 * `root`) a symlinked directory leads out of the repository. (A full disk
 * still shows only when writing.) `shown` is the name the user gave.
 */
export function checkReportTarget(target: string, shown = target, root?: string): void {
  let existing;
  try {
    existing = statSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) fail(shown, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  try {
    // A device or pipe is written in place; a file is replaced through a temporary file beside it.
    if (existing && !existing.isFile()) accessSync(target, constants.W_OK);
    else {
      const dir = statSync(dirname(target));
      if (!dir.isDirectory()) fail(shown, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
      accessSync(dirname(target), constants.W_OK | constants.X_OK);
    }
  } catch (e) {
    if (e instanceof ReportWriteError) throw e;
    fail(shown, e);
  }
  const rel = root === undefined ? '..' : relative(root, target);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) checkedDir(root!, dirname(target), { target: shown });
}
