// One regular file read without following a symlink, in as few system calls
// as the platform allows: a tree scan makes 13,000 of these.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';

export type FileRead =
  | { kind: 'data'; data: Buffer }
  /** Gone (deleted since it was listed), a symlink, a directory or a device: nothing to read. */
  | { kind: 'none' }
  | { kind: 'large'; size: number }
  | { kind: 'error'; detail: string };

const NO_FOLLOW = constants.O_NOFOLLOW as number | undefined;

function errorOf(e: unknown): FileRead {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { kind: 'none' };
  // A symlink, refused by O_NOFOLLOW: never followed, it could point outside the repository.
  if (err.code === 'ELOOP') return { kind: 'none' };
  return { kind: 'error', detail: err.code ?? err.message };
}

/** Where O_NOFOLLOW does not exist (Windows): lstat, then read. */
function readAfterLstat(full: string, maxSize: number): FileRead {
  try {
    const st = lstatSync(full);
    if (!st.isFile()) return { kind: 'none' };
    if (st.size > maxSize) return { kind: 'large', size: st.size };
    return { kind: 'data', data: readFileSync(full) };
  } catch (e) {
    return errorOf(e);
  }
}

/**
 * The file's bytes when it is a regular file of at most `maxSize` bytes.
 * Opened with O_NOFOLLOW (a symlink fails to open) and O_NONBLOCK (a FIFO
 * does not wait for a writer), then checked with fstat on the open file:
 * open, fstat, read, close, where lstat then readFile takes five calls.
 */
export function readRegularFile(full: string, maxSize: number): FileRead {
  if (NO_FOLLOW === undefined) return readAfterLstat(full, maxSize);
  let fd: number;
  try {
    fd = openSync(full, constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return errorOf(e);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'none' };
    if (st.size > maxSize) return { kind: 'large', size: st.size };
    const data = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < data.length) {
      const n = readSync(fd, data, got, data.length - got, got);
      if (n === 0) break; // shrank while being read: what is there
      got += n;
    }
    return { kind: 'data', data: got === data.length ? data : data.subarray(0, got) };
  } catch (e) {
    return errorOf(e);
  } finally {
    closeSync(fd);
  }
}
