// What is about to be committed: the index's version of added, copied,
// modified and renamed files, added lines only, with their line numbers in
// the new file. Unstaged edits in the working tree are never read.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Origin } from '../types.js';
import type { SourceItem } from '../scan.js';
import { GitError, catFileBatch, gitBytes, gitSync } from '../git.js';
import type { BlobResult, GitResult } from '../git.js';
import { parseRawPatch } from './patch.js';
import { SUBMODULE, fileDiffItems, isNewPath } from './diff-items.js';
import type { FileDiff } from './patch.js';

/** Raw entries (exact paths, blob ids) plus zero-context patches; never an external diff or textconv from the repository. */
export const DIFF_OPTIONS = ['--raw', '-p', '-z', '-U0', '-M', '--no-abbrev', '--full-index', '--no-ext-diff', '--no-textconv', '--no-color'];

/** Paths as lint-staged passes them (absolute, or relative to cwd) → literal pathspecs from the top. */
function pathspecs(root: string, cwd: string, paths: string[]): string[] {
  return paths.map((p) => {
    // Only the platform's own separator: on POSIX a backslash belongs to the file name.
    const rel = relative(root, isAbsolute(p) ? p : resolve(cwd, p)).split(sep).join('/');
    return `:(top,literal)${rel}`;
  });
}

/** A blob's size, asked before reading it so nothing over the size limit is ever held in memory. */
export function blobSize(root: string, oid: string): number | undefined {
  const r = gitSync(root, ['cat-file', '-s', oid]);
  return r.status === 0 ? Number(r.stdout.toString().trim()) : undefined;
}

/** Read one blob by id: no filters, no textconv, so nothing from the repository runs. */
export function readBlob(root: string, oid: string): Buffer | undefined {
  const r = gitSync(root, ['cat-file', 'blob', oid]);
  return r.status === 0 ? r.stdout : undefined;
}

export interface StagedPlan {
  root: string;
  files: FileDiff[];
}

/** Where `cwd` sits, from one `git rev-parse`: the work tree's top, and whether the repository is bare. */
export interface RepoLocation {
  cwd: string;
  /** The work tree's top directory; undefined outside a work tree (or when git is missing). */
  root?: string;
  bare: boolean;
  /** git could not be run at all (kept to be thrown where a repository is required). */
  error?: GitError;
}

/** The one question `locateRepo` asks: in a bare repository --show-toplevel fails, but --is-bare-repository has already printed "true". */
export const LOCATE_ARGS = ['rev-parse', '--is-bare-repository', '--show-toplevel'];

export function locateRepo(cwd: string): RepoLocation {
  let r;
  try {
    r = gitSync(cwd, LOCATE_ARGS);
  } catch (e) {
    if (e instanceof GitError) return { cwd, bare: false, error: e };
    throw e;
  }
  return locationFrom(cwd, r);
}

/** `git rev-parse` output (LOCATE_ARGS, run in `cwd`) → where `cwd` sits. */
export function locationFrom(cwd: string, r: Pick<GitResult, 'stdout' | 'status'>): RepoLocation {
  const out = r.stdout.toString('utf8');
  const nl = out.indexOf('\n');
  const bare = out.slice(0, nl === -1 ? out.length : nl) === 'true';
  if (r.status !== 0) return { cwd, bare };
  return { cwd, root: out.slice(nl + 1).trim(), bare };
}

/**
 * The staged changes against HEAD (`git diff --cached` with no commit
 * compares with HEAD, or with nothing on an unborn branch).
 */
export function stagedDiff(repo: RepoLocation, paths: string[], prestarted?: Buffer): StagedPlan {
  if (repo.error) throw repo.error;
  if (repo.bare) throw new GitError('this is a bare repository: it has no index to scan (use leaklint history)', 'failed');
  const root = repo.root;
  if (root === undefined) throw new GitError(`not a git repository: ${repo.cwd} (leaklint staged scans the index of a repository)`, 'not-a-repo');
  const out = prestarted ?? gitBytes(root, stagedDiffArgs(root, repo.cwd, paths));
  return { root, files: parseRawPatch(out.toString('latin1')) };
}

/** The `git diff --cached` that `stagedDiff` runs in `root` (paths as given on the command line, relative to `cwd`). */
export function stagedDiffArgs(root: string, cwd: string, paths: string[]): string[] {
  const args = ['diff', '--cached', ...DIFF_OPTIONS, '--diff-filter=ACMRT'];
  if (paths.length) args.push('--', ...pathspecs(root, cwd, paths));
  return args;
}

/** Sizes of many blobs from one `git cat-file --batch-check` (undefined: missing). */
export function blobSizes(root: string, oids: readonly string[]): Map<string, number | undefined> {
  const sizes = new Map<string, number | undefined>();
  if (oids.length === 0) return sizes;
  const r = gitSync(root, ['cat-file', '--batch-check'], oids.join('\n') + '\n');
  if (r.status !== 0) return sizes;
  for (const line of r.stdout.toString('latin1').split('\n')) {
    const m = /^([0-9a-f]+) \S+ (\d+)$/.exec(line);
    if (m) sizes.set(m[1]!, Number(m[2]));
    else if (line.endsWith(' missing')) sizes.set(line.slice(0, -' missing'.length), undefined);
  }
  return sizes;
}

/**
 * The blobs a staged scan reads whole: binary files (git saw NUL bytes:
 * UTF-16 text, images, key stores) and the files a path rule looks into.
 * Their sizes come from one `git cat-file --batch-check`, asked the first
 * time any size is wanted (most commits never ask); the binary blobs within
 * the size limit then come from one `git cat-file --batch`, in the order of
 * the files, one at a time. A blob read for a path rule outside that stream
 * is read by itself.
 */
class StagedBlobs {
  private sizes: Map<string, number | undefined> | undefined;
  private stream: AsyncGenerator<BlobResult> | undefined;
  private current: { oid: string; data: Buffer } | undefined;

  constructor(
    private readonly plan: StagedPlan,
    private readonly maxFileSize: number,
  ) {}

  size(oid: string): number | undefined {
    this.sizes ??= blobSizes(this.plan.root, [...new Set(this.plan.files.filter((f) => f.newMode !== SUBMODULE && (f.binary || isNewPath(f))).map((f) => f.oid))]);
    return this.sizes.has(oid) ? this.sizes.get(oid) : blobSize(this.plan.root, oid);
  }

  read(oid: string): Buffer | undefined {
    return this.current?.oid === oid ? this.current.data : readBlob(this.plan.root, oid);
  }

  /** Take a binary file's blob from the stream (when within the limit), so the reads for its items cost no process. */
  async next(file: FileDiff): Promise<void> {
    this.current = undefined;
    const size = this.size(file.oid);
    if (size === undefined || size > this.maxFileSize) return;
    this.stream ??= catFileBatch(this.plan.root, this.binaryOids(), this.maxFileSize);
    const next = await this.stream.next();
    if (!next.done && next.value.oid === file.oid && !next.value.missing && next.value.data) this.current = { oid: file.oid, data: next.value.data };
  }

  async close(): Promise<void> {
    await this.stream?.return(undefined);
  }

  /** The binary blobs the stream hands over, in the order `next` asks for them. */
  private binaryOids(): string[] {
    return this.plan.files.filter((f) => streamed(f) && (this.size(f.oid) ?? Infinity) <= this.maxFileSize).map((f) => f.oid);
  }
}

const streamed = (file: FileDiff) => file.binary && file.newMode !== SUBMODULE;

/** Source items for the staged changes. */
export async function* stagedItems(plan: StagedPlan, maxFileSize: number): AsyncGenerator<SourceItem> {
  const origin: Origin = { kind: 'staged' };
  const blobs = new StagedBlobs(plan, maxFileSize);
  const readBlob = (oid: string) => blobs.read(oid);
  const blobSize = (oid: string) => blobs.size(oid);
  try {
    for (const file of plan.files) {
      if (streamed(file)) await blobs.next(file);
      yield* fileDiffItems(file, { origin, maxFileSize, readBlob, blobSize, pathRules: isNewPath(file) });
    }
  } finally {
    await blobs.close();
  }
}
