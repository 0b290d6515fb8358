// Report files describe secrets, so they are the owner's only (0600), and a
// reader never sees half a report: the text goes to a temporary file beside
// the target, which is renamed over it once complete. An interrupted run
// removes its temporary file.
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { checkedDir } from './safe-write.js';

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

/**
 * Refuse, before any scan starts, a report target that cannot be written: its
 * directory is missing, not a directory or not writable, or it is itself a
 * directory. A typo in `--output` then costs nothing; the write itself still
 * reports anything that changes in between (a full disk).
 */
export function checkReportTarget(target: string): void {
  const stat = (path: string) => {
    try {
      return statSync(path);
    } catch (e) {
      return e as NodeJS.ErrnoException;
    }
  };
  const existing = stat(target);
  if (!(existing instanceof Error) && existing.isDirectory()) fail(target, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  const dir = dirname(resolve(target));
  const parent = stat(dir);
  if (parent instanceof Error) fail(target, parent);
  if (!parent.isDirectory()) fail(target, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
  try {
    // An existing device or pipe is written in place; anything else is written beside it and renamed.
    accessSync(!(existing instanceof Error) && !existing.isFile() ? target : dir, constants.W_OK);
  } catch (e) {
    fail(target, e);
  }
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
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) target = join(checkedDir(root!, dirname(resolve(target)), { target }), basename(target));
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
