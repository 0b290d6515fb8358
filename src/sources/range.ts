// The commits of a push or pull request, each diffed against its first
// parent (so a merge's conflict resolution is scanned), added lines only.
// A range that cannot be seen (shallow clone, missing base) or holds nothing
// is an error, never a silent pass.
import type { CommitInfo, Origin } from '../types.js';
import type { SourceItem } from '../scan.js';
import { git, gitBytes, gitOutput, gitSync, requireRepoRoot } from '../git.js';
import type { RangeRequest } from '../ci-env.js';
import { CommitSplitter, parseRawPatch } from './patch.js';
import { fileDiffItems, isNewPath } from './diff-items.js';
import { DIFF_OPTIONS, blobSize, readBlob } from './staged.js';

/** Why a range scan would prove nothing, and the exact fix. */
export class VacuousRangeError extends Error {}

export interface ResolvedRange {
  root: string;
  commits: string[];
  /** `base..head` as scanned, for messages. */
  label: string;
  source: string;
}

function verify(root: string, rev: string): string | undefined {
  const r = gitSync(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return r.status === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

function isShallow(root: string): boolean {
  return gitSync(root, ['rev-parse', '--is-shallow-repository']).stdout.toString('utf8').trim() === 'true';
}

function fetchHint(root: string, what: string): string {
  if (isShallow(root)) {
    return [
      `${what} is not in this shallow clone, so the range cannot be scanned.`,
      'Fetch the missing history, then run again:',
      '  git fetch --deepen=200        (or: git fetch --unshallow)',
      'GitHub Actions: give actions/checkout `fetch-depth: 0`. GitLab CI: set `GIT_DEPTH: 0`.',
    ].join('\n');
  }
  return `${what} is not in this repository. Fetch it first (for example \`git fetch origin\`), then run again.`;
}

export function resolveRange(cwd: string, request: RangeRequest): ResolvedRange {
  const root = requireRepoRoot(cwd, 'leaklint diff scans the commits of a repository');
  const head = verify(root, request.head);
  if (!head) throw new VacuousRangeError(fetchHint(root, `The head commit ${request.head}`));

  let revs: string[];
  let label: string;
  if (request.newBranch) {
    // A new branch: everything reachable from head that no other remote branch already has.
    revs = [head, '--not'];
    if (request.newBranch.excludeRef) revs.push(`--exclude=${request.newBranch.excludeRef}`);
    revs.push('--remotes');
    label = `${head.slice(0, 12)} (new branch: commits on no other remote branch)`;
  } else {
    let base = verify(root, request.base!);
    if (!base) throw new VacuousRangeError(fetchHint(root, `The base ${request.base}`));
    if (request.mergeBase) {
      const mb = gitSync(root, ['merge-base', base, head]);
      if (mb.status !== 0) throw new VacuousRangeError(fetchHint(root, `The merge base of ${request.base} and ${request.head}`));
      base = mb.stdout.toString('utf8').trim();
    } else if (isShallow(root) && gitSync(root, ['merge-base', base, head]).status !== 0) {
      throw new VacuousRangeError(fetchHint(root, `The history between ${request.base} and ${request.head}`));
    }
    if (base === head) throw new VacuousRangeError(`The range ${request.source} is empty: base and head are the same commit (${head.slice(0, 12)}). Nothing was scanned.`);
    revs = [`${base}..${head}`];
    label = `${base.slice(0, 12)}..${head.slice(0, 12)}`;
  }
  const commits = git(root, ['rev-list', '--reverse', ...revs]).split('\n').filter(Boolean);
  if (commits.length === 0) throw new VacuousRangeError(`The range ${label} (${request.source}) holds no commits. Nothing was scanned.`);
  return { root, commits, label, source: request.source };
}

function commitInfo(root: string, commits: string[]): Map<string, CommitInfo> {
  const out = gitBytes(root, ['log', '--no-walk=unsorted', '--stdin', '--format=%H%x00%an <%ae>%x00%aI'], commits.join('\n') + '\n').toString('utf8');
  const info = new Map<string, CommitInfo>();
  for (const line of out.split('\n')) {
    const [sha, author, date] = line.split('\0');
    if (sha && author !== undefined && date !== undefined) info.set(sha, { sha, author, date });
  }
  return info;
}

/** Source items for every commit of the range, scanned while git is still diffing the later ones. */
export async function* rangeItems(range: ResolvedRange, maxFileSize: number): AsyncGenerator<SourceItem> {
  const info = commitInfo(range.root, range.commits);
  const args = ['diff-tree', '--stdin', '--root', '-r', '--diff-merges=first-parent', ...DIFF_OPTIONS, '--diff-filter=ACMRT'];
  const pathsSeen = new Set<string>();
  const itemsOf = function* (sha: string, body: string): Generator<SourceItem> {
    const commit = info.get(sha) ?? { sha, author: 'unknown', date: '' };
    const origin: Origin = { kind: 'commit', commit };
    for (const file of parseRawPatch(body)) {
      // A path is new to path rules once per range: the first commit that adds it.
      const pathRules = isNewPath(file) && !pathsSeen.has(file.path);
      if (pathRules) pathsSeen.add(file.path);
      yield* fileDiffItems(file, { origin, maxFileSize, readBlob: (oid) => readBlob(range.root, oid), blobSize: (oid) => blobSize(range.root, oid), pathRules, where: sha.slice(0, 12) });
    }
  };
  const splitter = new CommitSplitter();
  for await (const chunk of gitOutput(range.root, args, range.commits.join('\n') + '\n')) {
    for (const { sha, body } of splitter.push(chunk.toString('latin1'))) yield* itemsOf(sha, body);
  }
  for (const { sha, body } of splitter.end()) yield* itemsOf(sha, body);
}
