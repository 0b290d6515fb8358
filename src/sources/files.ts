// Files and directories on disk. With no path: the repository's tracked files
// (and untracked ones on request), so .gitignore is honoured by git itself.
// fs.promises is read where used: loading it costs start-up time to commands that never walk a directory.
import { lstatSync, promises as fsp, realpathSync } from 'node:fs';
import { readRegularFile } from './read-file.js';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { SourceItem } from '../scan/scanner.js';
import { listFiles, repoRoot } from '../git/git.js';

export interface FilesOptions {
  cwd: string;
  untracked: boolean;
  maxFileSize: number;
  isIgnored: (path: string) => boolean;
}

/** Directories never worth descending into when git cannot tell us what is tracked. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__', '.venv', '.tox']);

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(full, out);
    } else if (e.isFile()) out.push(full);
  }
}

/** Resolve the user's arguments to a list of file paths (relative to cwd where possible). */
export async function resolveFiles(paths: string[], opts: FilesOptions): Promise<string[]> {
  const root = repoRoot(opts.cwd);
  if (paths.length === 0) {
    if (root) return listFiles(opts.cwd, ['.'], opts.untracked);
    const all: string[] = [];
    await walk(opts.cwd, all);
    return all.map((f) => relative(opts.cwd, f));
  }
  const files: string[] = [];
  for (const p of paths) {
    const st = await fsp.lstat(resolve(opts.cwd, p)).catch(() => undefined);
    if (!st) throw new Error(`no such file or directory: ${p}`);
    if (st.isDirectory()) {
      const inRepo = repoRoot(resolve(opts.cwd, p));
      if (inRepo) {
        files.push(...listFiles(resolve(opts.cwd, p), ['.'], true).map((f) => join(p, f)));
      } else {
        const found: string[] = [];
        await walk(resolve(opts.cwd, p), found);
        files.push(...found.map((f) => relative(opts.cwd, f)));
      }
    } else files.push(p);
  }
  return files;
}

/**
 * Files inside the repository are named from its top directory, whatever the
 * working directory: config globs, baselines and fingerprints then agree with
 * a scan from the top and with the git-based commands.
 */
function namer(cwd: string, root: string | undefined): (path: string) => string {
  if (!root) return (path) => path;
  let base: string;
  try {
    base = realpathSync(cwd);
  } catch {
    return (path) => path;
  }
  return (path) => {
    const fromRoot = relative(root, resolve(base, path));
    return fromRoot && !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot : path;
  };
}

/**
 * Whether a directory between the top (the repository, else the working
 * directory) and a file is a symlink. git lists `dir/file` from its index
 * even when the work tree's `dir` is now a symlink to elsewhere; O_NOFOLLOW
 * guards only the file's own name, so the directories on the way are checked
 * here (each once). Files outside the top are the user's explicit choice.
 */
function symlinkedParent(cwd: string, root: string | undefined): (full: string) => boolean {
  let top: string;
  try {
    top = realpathSync(root ?? cwd);
  } catch {
    return () => false;
  }
  const linked = new Map<string, boolean>();
  const check = (dir: string): boolean => {
    const rel = relative(top, dir);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    let known = linked.get(dir);
    if (known === undefined) {
      let link = false;
      try {
        link = lstatSync(dir).isSymbolicLink();
      } catch {
        link = false;
      }
      known = link || check(dirname(dir));
      linked.set(dir, known);
    }
    return known;
  };
  return (full) => check(dirname(full));
}

export async function* fileItems(paths: string[], opts: FilesOptions): AsyncGenerator<SourceItem> {
  const files = await resolveFiles(paths, opts);
  const root = repoRoot(opts.cwd);
  const nameOf = namer(opts.cwd, root);
  const throughSymlink = symlinkedParent(opts.cwd, root);
  let base: string;
  try {
    base = realpathSync(opts.cwd);
  } catch {
    base = opts.cwd;
  }
  for (const given of files) {
    const path = nameOf(given);
    if (opts.isIgnored(path)) continue;
    const full = resolve(opts.cwd, given);
    // Never followed, like a symlinked file: the directory could point anywhere.
    if (throughSymlink(resolve(base, given))) continue;
    // Synchronous calls: a tree is thousands of small files in the page cache, and a
    // thread-pool round trip per open, read and close costs more than the reads.
    const read = readRegularFile(full, opts.maxFileSize);
    if (read.kind === 'none') continue;
    if (read.kind === 'error') {
      yield { type: 'skipped', path, reason: 'unreadable', detail: read.detail };
      continue;
    }
    if (read.kind === 'large') {
      yield { type: 'path', path, origin: { kind: 'worktree' } };
      yield {
        type: 'skipped',
        path,
        reason: 'large',
        detail: `${read.size} bytes is over the ${opts.maxFileSize}-byte limit`,
      };
      continue;
    }
    yield { type: 'file', path, origin: { kind: 'worktree' }, data: read.data };
  }
}
