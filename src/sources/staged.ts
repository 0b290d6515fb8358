// What is about to be committed: the index's version of added, copied,
// modified and renamed files, added lines only, with their line numbers in
// the new file. Unstaged edits in the working tree are never read.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Origin } from '../types.js';
import type { SourceItem } from '../scan.js';
import { GitError, git, gitBytes, gitSync, requireRepoRoot } from '../git.js';
import { parseRawPatch } from './patch.js';
import { fileDiffItems, isNewPath } from './diff-items.js';
import type { FileDiff } from './patch.js';

/** Raw entries (exact paths, blob ids) plus zero-context patches; never an external diff or textconv from the repository. */
export const DIFF_OPTIONS = ['--raw', '-p', '-z', '-U0', '-M', '--no-abbrev', '--full-index', '--no-ext-diff', '--no-textconv', '--no-color'];

/** The tree to compare the index with: HEAD, or the empty tree before the first commit. */
function baseTree(root: string): string {
  const head = gitSync(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{tree}']);
  if (head.status === 0) return head.stdout.toString('utf8').trim();
  return git(root, ['hash-object', '-t', 'tree', '--stdin'], '').trim();
}

/** Paths as lint-staged passes them (absolute, or relative to cwd) → literal pathspecs from the top. */
function pathspecs(root: string, cwd: string, paths: string[]): string[] {
  return paths.map((p) => {
    const rel = relative(root, isAbsolute(p) ? p : resolve(cwd, p)).split('\\').join('/');
    return `:(top,literal)${rel}`;
  });
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

export function stagedDiff(cwd: string, paths: string[]): StagedPlan {
  const root = requireRepoRoot(cwd, 'leaklint staged scans the index of a repository');
  const bare = gitSync(root, ['rev-parse', '--is-bare-repository']).stdout.toString().trim();
  if (bare === 'true') throw new GitError('this is a bare repository: it has no index to scan (use leaklint history)', 'failed');
  const args = ['diff', '--cached', ...DIFF_OPTIONS, '--diff-filter=ACMRT', baseTree(root)];
  if (paths.length) args.push('--', ...pathspecs(root, cwd, paths));
  return { root, files: parseRawPatch(gitBytes(root, args).toString('latin1')) };
}

/** Source items for the staged changes. */
export function* stagedItems(plan: StagedPlan, maxFileSize: number): Generator<SourceItem> {
  const origin: Origin = { kind: 'staged' };
  const read = (oid: string) => readBlob(plan.root, oid);
  for (const file of plan.files) yield* fileDiffItems(file, { origin, maxFileSize, readBlob: read, pathRules: isNewPath(file) });
}
