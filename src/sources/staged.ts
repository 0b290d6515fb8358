// What is about to be committed: the index's version of added, copied,
// modified and renamed files, added lines only, with their line numbers in
// the new file. Unstaged edits in the working tree are never read.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourceItem } from '../scan/scanner.js';
import { GitError, gitBytes, gitSync } from '../git/git.js';
import type { GitResult } from '../git/git.js';
import { parseRawPatch } from './diff/patch.js';
import { isNewPath } from './diff/items.js';
import { diffFileItems } from './diff/blobs.js';
import type { FileDiff } from './diff/patch.js';

/** Raw entries (exact paths, blob ids) plus zero-context patches; never an external diff or textconv from the repository. */
export const DIFF_OPTIONS = [
  '--raw',
  '-p',
  '-z',
  '-U0',
  '-M',
  '--no-abbrev',
  '--full-index',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
];

/** Paths as lint-staged passes them (absolute, or relative to cwd) → literal pathspecs from the top. */
function pathspecs(root: string, cwd: string, paths: string[]): string[] {
  return paths.map((p) => {
    // Only the platform's own separator: on POSIX a backslash belongs to the file name.
    const rel = relative(root, isAbsolute(p) ? p : resolve(cwd, p))
      .split(sep)
      .join('/');
    return `:(top,literal)${rel}`;
  });
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
  if (repo.bare)
    throw new GitError('this is a bare repository: it has no index to scan (use leaklint history)', 'failed');
  const root = repo.root;
  if (root === undefined)
    throw new GitError(
      `not a git repository: ${repo.cwd} (leaklint staged scans the index of a repository)`,
      'not-a-repo',
    );
  const out = prestarted ?? gitBytes(root, stagedDiffArgs(root, repo.cwd, paths));
  return { root, files: parseRawPatch(out.toString('latin1')) };
}

/** The `git diff --cached` that `stagedDiff` runs in `root` (paths as given on the command line, relative to `cwd`). */
export function stagedDiffArgs(root: string, cwd: string, paths: string[]): string[] {
  const args = ['diff', '--cached', ...DIFF_OPTIONS, '--diff-filter=ACMRT'];
  if (paths.length) args.push('--', ...pathspecs(root, cwd, paths));
  return args;
}

/** Source items for the staged changes. */
export async function* stagedItems(plan: StagedPlan, maxFileSize: number): AsyncGenerator<SourceItem> {
  yield* diffFileItems(plan.root, plan.files, { origin: { kind: 'staged' }, maxFileSize, pathRules: isNewPath });
}
