// Node 20 compiles the CLI's bundle from source on every start, and a
// pre-commit hook starts it on every commit. V8 can hand back the code it
// compiled (`vm.Script` cached data) and take it again on the next start;
// this keeps that data in a private cache directory, per bundle and per
// command (each run compiles the functions its command used, so the cache
// written after a `staged` run holds what `staged` needs). A cache that is
// missing, stale, rejected by V8, unreadable or unwritable only costs the
// compile it would have saved: it never changes what the CLI does.
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

const MAGIC = 'leaklint-v8-cache 1\n';

export interface CachedModule {
  exports: Record<string, unknown>;
  /** Whether V8 took the cached code (false on a first run, or when the cache was stale or rejected). */
  cacheUsed: boolean;
  /** Writes the code compiled so far into the cache when it was not used; never throws. */
  save(): void;
}

/**
 * The cache directory: `LEAKLINT_CACHE_DIR`, else `leaklint-<uid>` in the OS
 * temp directory. Cached code runs in this process, so a directory that
 * someone else could write to (another owner, group or world write, a
 * symlink) is never used.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const uid = process.getuid?.();
  const dir = env.LEAKLINT_CACHE_DIR || join(tmpdir(), `leaklint-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory() || (st.mode & 0o022) !== 0) return undefined;
    if (uid !== undefined && st.uid !== uid) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** A short, stable hash of a string (names the cache file; not a security boundary). */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * zlib's CRC-32 (Node 20.15 and later; without it nothing is cached). It ties
 * the cache to the exact source: V8 itself compares only the source's
 * length, and npm gives every installed file the same modification time, so
 * another version of the bundle of the same size would otherwise run this
 * one's code. It also guards the cached code itself, which V8 (outside debug
 * builds) runs without checking, so a file damaged on disk is never used.
 */
const crc32 = (zlib as { crc32?: (data: string | Uint8Array) => number }).crc32;

/** The header that ties cached code to one bundle, by path and content, and to one Node build. */
function headerFor(file: string, source: string, sourceCrc: number): string {
  return `${MAGIC}${JSON.stringify({ file, length: source.length, crc: sourceCrc, node: process.version, arch: process.arch, v8: process.versions.v8 })}\n`;
}

/** The cached code in `path` when its header matches and its checksum holds. */
function readCache(path: string, header: string): Buffer | undefined {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch {
    return undefined;
  }
  const head = Buffer.from(header, 'utf8');
  if (raw.length < head.length + 4 || !raw.subarray(0, head.length).equals(head)) return undefined;
  const data = raw.subarray(head.length + 4);
  return raw.readUInt32LE(head.length) === crc32!(data) ? data : undefined;
}

/** Written to a temporary file and renamed, so a reader never sees half a cache (and the checksum catches one torn by a crash). */
function writeCache(path: string, header: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const sum = Buffer.alloc(4);
    sum.writeUInt32LE(crc32!(data));
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, Buffer.concat([Buffer.from(header, 'utf8'), sum, data]));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/**
 * Runs a CommonJS `file` as `require` would (same wrapper, `require`,
 * `module`, `__filename`, `__dirname`), compiled from the cache under
 * `name` in `dir` (see `cacheDir`; undefined: no cache) when it holds code
 * for this exact file.
 */
export function loadCachedCommonJs(file: string, name: string, dir: string | undefined): CachedModule {
  const source = readFileSync(file, 'utf8');
  const header = crc32 ? headerFor(file, source, crc32(source)) : '';
  const path = dir && crc32 ? join(dir, `${basename(file)}-${hashOf(file)}-${name}.v8`) : undefined;
  const cachedData = path ? readCache(path, header) : undefined;
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new Script(wrapper, { filename: file, cachedData });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as Record<string, unknown>, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return {
    exports: module.exports,
    cacheUsed,
    save() {
      if (cacheUsed || !path) return;
      try {
        writeCache(path, header, script.createCachedData());
      } catch {
        // Only a start-up cost is lost.
      }
    },
  };
}
