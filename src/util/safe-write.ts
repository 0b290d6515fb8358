// Every file leaklint writes inside a repository (or another directory it was
// pointed at) goes through here. A repository handed over by someone else can
// commit symlinks: `.gitignore -> ~/.bashrc`, `.husky -> ~/.ssh`. So a write
// refuses a path whose directories leave the bound once symlinks are resolved,
// refuses to write through a symlink at the file itself, and replaces a file
// by writing a new one beside it (O_CREAT|O_EXCL|O_NOFOLLOW), setting its mode
// through the descriptor and renaming it into place: no step follows a link.
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export class UnsafeWriteError extends Error {}

const NO_FOLLOW = (constants.O_NOFOLLOW as number | undefined) ?? 0;

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function refuse(target: string, why: string, verb = 'write'): never {
  throw new UnsafeWriteError(`refusing to ${verb} ${target}: ${why}`);
}

/**
 * The real directory `dir` names, checked one component at a time from `bound`:
 * each existing one must resolve (symlinks followed) to a directory inside the
 * real `bound`; missing ones are created only after everything above them
 * passed, so a symlinked parent can never make leaklint create a directory
 * elsewhere.
 */
export function checkedDir(
  bound: string,
  dir: string,
  opts: { create?: boolean; target?: string; verb?: string } = {},
): string {
  const target = opts.target ?? dir;
  const verb = opts.verb ?? 'write';
  const realBound = realpathSync(bound);
  const rel = relative(resolve(bound), resolve(dir));
  if (rel.startsWith('..') || isAbsolute(rel)) refuse(target, `it is outside ${bound}`, verb);
  let cur = realBound;
  for (const part of rel.split(sep).filter(Boolean)) {
    const next = join(cur, part);
    let real: string | undefined;
    try {
      real = realpathSync(next);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (real === undefined) {
      if (!opts.create) refuse(target, `${next} does not exist`, verb);
      // mkdir does not follow a dangling symlink: it fails with EEXIST, which is a refusal too.
      try {
        mkdirSync(next, 0o755);
      } catch (e) {
        refuse(
          target,
          `${next} cannot be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
          verb,
        );
      }
      real = next;
    }
    if (!within(realBound, real)) refuse(target, `${next} is a symlink to ${real}, outside ${bound}`, verb);
    if (!lstatSync(real).isDirectory()) refuse(target, `${next} is not a directory`, verb);
    cur = real;
  }
  return cur;
}

/** The file as it is now: undefined when absent; a symlink or anything but a regular file is refused. */
function existing(target: string, verb = 'write'): { mode: number } | undefined {
  let st;
  try {
    st = lstatSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (st.isSymbolicLink()) refuse(target, `it is a symlink (leaklint never ${verb}s through one)`, verb);
  if (!st.isFile()) refuse(target, 'it is not a regular file', verb);
  return { mode: st.mode & 0o7777 };
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < buf.length) at += writeSync(fd, buf, at, buf.length - at);
}

/** Temporary names are unique per process; O_EXCL refuses anything already there. */
let written = 0;

function defaultMode(): number {
  return 0o666 & ~process.umask();
}

export interface WriteOptions {
  /** The file's mode; default: the mode it had, else 0666 less the umask. */
  mode?: number;
  /** Create missing directories between `bound` and the file. */
  createDirs?: boolean;
}

/**
 * Replace (or create) `target` with `content`, never following a symlink and
 * never leaving `bound`. Readers see the old file or the new one, never half.
 */
export function writeFileWithin(bound: string, target: string, content: string, opts: WriteOptions = {}): void {
  const dir = checkedDir(bound, dirname(resolve(target)), { create: opts.createDirs, target });
  const file = join(dir, basename(target));
  const before = existing(file);
  const mode = opts.mode ?? before?.mode ?? defaultMode();
  const tmp = join(dir, `.${basename(target)}.leaklint-${process.pid}-${++written}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
    writeAll(fd, content);
    fchmodSync(fd, mode);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    if (e instanceof UnsafeWriteError) throw e;
    refuse(target, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

/** A file's text read without following a symlink at it or leaving `bound`; undefined when it does not exist. */
export function readFileWithin(bound: string, target: string): string | undefined {
  const dir = checkedDir(bound, dirname(resolve(target)), { target, verb: 'read' });
  const file = join(dir, basename(target));
  if (!existing(file, 'read')) return undefined;
  const fd = openSync(file, constants.O_RDONLY | NO_FOLLOW);
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Move `from` to `to` in the same checked directory without ever replacing
 * `to`: a hard link fails when `to` exists (rename would silently overwrite
 * it), then `from` is removed. What `from` is (file or symlink) moves as is.
 */
export function moveAsideWithin(bound: string, from: string, to: string): void {
  const dir = checkedDir(bound, dirname(resolve(from)), { target: from });
  if (checkedDir(bound, dirname(resolve(to)), { target: to }) !== dir) refuse(to, 'not beside the file it keeps');
  const src = join(dir, basename(from));
  const dst = join(dir, basename(to));
  try {
    linkSync(src, dst);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    refuse(
      to,
      code === 'EEXIST' ? 'it already exists (leaklint never overwrites a saved hook)' : (code ?? (e as Error).message),
    );
  }
  unlinkSync(src);
}
