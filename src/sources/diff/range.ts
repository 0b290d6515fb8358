// The commits of a push or pull request, added lines only: each commit
// diffed against its parent, a merge for the lines none of its parents has
// (a conflict resolution), since what a merge takes from a parent is not new.
// A range that cannot be seen (shallow clone, missing base) or holds nothing
// is an error, never a silent pass.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommitInfo, Origin } from '../../types.js';
import type { SourceItem } from '../../scan/scanner.js';
import { git, gitOutput, gitSync, isShallow, requireRepoRoot } from '../../git/git.js';
import type { RangeRequest } from '../ci-env.js';
import { CommitSplitter, parseRawPatch } from './patch.js';
import { isNewPath } from './items.js';
import { diffFileItems } from './blobs.js';
import { DIFF_OPTIONS } from '../staged.js';
import type { FileDiff } from './patch.js';
import { COMMIT_MESSAGE, annotatedTags, messageChunk, tagMessagePath } from '../history/messages.js';

/** Why a range scan would prove nothing, and the exact fix. */
export class VacuousRangeError extends Error {}

export interface ResolvedRange {
  root: string;
  commits: string[];
  /** Author and date of each commit, read with the list. */
  info: Map<string, CommitInfo>;
  /** Each commit's message, read with the list (scanned like its files). */
  messages?: Map<string, string>;
  /** Whether a tag points at one of the commits: only then are tags listed, for their messages. */
  tagged?: boolean;
  /** `base..head` as scanned, for messages. */
  label: string;
  source: string;
  /** What the user should know about how the range was chosen (a fallback, an empty range that is normal). */
  notes: string[];
}

/**
 * What one `git rev-parse` says before anything else is read: the work
 * tree's top, whether the clone is shallow, and the commits the range's ends
 * name. Each git process costs a few milliseconds of a CI step that runs on
 * every push; whatever this could not answer (a bare repository, a revision
 * that does not resolve) is asked again, one question at a time, by
 * `resolveRange`, which gives the precise error.
 */
export interface RangeProbe {
  cwd: string;
  /** The work tree's top; undefined when the combined question failed. */
  root?: string;
  shallow?: boolean;
  /** Revision as written → commit id, for those resolved here. */
  commits: Map<string, string>;
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Revisions safe to hand to rev-parse without --verify: not an option, not empty. */
function plainRevision(rev: string): boolean {
  return rev !== '' && !rev.startsWith('-');
}

export function probeRange(cwd: string, request: RangeRequest | undefined): RangeProbe {
  const probe: RangeProbe = { cwd, commits: new Map() };
  const revs = request
    ? [
        request.head,
        ...[request.base, request.beyond, ...(request.exclude ?? [])].filter((r): r is string => r !== undefined),
      ]
    : [];
  // git 2.39's rev-parse takes one revision with --verify and echoes --end-of-options without
  // it, so the ends are asked plainly, each peeled to a commit, `--` making them revisions only.
  const asked = revs.every(plainRevision) ? [...new Set(revs)] : [];
  let r;
  try {
    r = gitSync(cwd, [
      'rev-parse',
      '--is-shallow-repository',
      '--show-toplevel',
      ...asked.map((rev) => `${rev}^{commit}`),
      ...(asked.length ? ['--'] : []),
    ]);
  } catch {
    return probe; // git is missing: resolveRange says so
  }
  if (r.status !== 0) return probe;
  const lines = r.stdout.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const ids = lines.slice(2, 2 + asked.length);
  // Anything but one commit id per revision (a revision that is itself a range) is asked again with --verify.
  const expected = 2 + asked.length + (asked.length ? 1 : 0);
  if (lines.length !== expected || (asked.length && lines[expected - 1] !== '--')) return probe;
  if ((lines[0] !== 'true' && lines[0] !== 'false') || !lines[1]) return probe;
  probe.shallow = lines[0] === 'true';
  probe.root = lines[1];
  if (ids.every((id) => OBJECT_ID.test(id))) asked.forEach((rev, i) => probe.commits.set(rev, ids[i]!));
  return probe;
}

function verify(root: string, rev: string): string | undefined {
  const r = gitSync(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return r.status === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

function fetchHint(shallow: boolean, what: string, fetch?: string): string {
  if (shallow) {
    return [
      `${what} is not in this shallow clone, so the range cannot be scanned.`,
      'Fetch the missing history, then run again:',
      '  git fetch --deepen=200        (or: git fetch --unshallow)',
      'GitHub Actions: give actions/checkout `fetch-depth: 0`. GitLab CI: set `GIT_DEPTH: 0`.',
    ].join('\n');
  }
  return `${what} is not in this repository. Fetch it first (for example \`${fetch ?? 'git fetch origin'}\`), then run again.`;
}

/** The commits of `revs`, oldest first, with their authors, dates and messages: one `git log` for all. */
function listCommits(
  root: string,
  revs: string[],
): { commits: string[]; info: Map<string, CommitInfo>; messages: Map<string, string>; tagged: boolean; roots: number } {
  // Records start with \x01, which no message holds; fields are NUL-separated, the message last. %D names
  // the tags on each commit, so tags are listed (another git) only for a range that has some.
  const out = git(root, [
    'log',
    '--reverse',
    '--no-show-signature',
    '--no-color',
    '--encoding=UTF-8',
    '--decorate-refs=refs/tags/',
    '--format=%x01%H%x00%an <%ae>%x00%aI%x00%P%x00%D%x00%B',
    ...revs,
  ]);
  const commits: string[] = [];
  const info = new Map<string, CommitInfo>();
  const messages = new Map<string, string>();
  let roots = 0;
  let tagged = false;
  for (const record of out.split('\x01')) {
    const [sha, author, date, parents, tags, ...message] = record.split('\0');
    if (!sha) continue;
    commits.push(sha);
    if (parents === '') roots++;
    if (tags) tagged = true;
    if (author !== undefined && date !== undefined) info.set(sha, { sha, author, date });
    messages.set(sha, message.join('\0'));
  }
  return { commits, info, messages, tagged, roots };
}

/** The commits a shallow clone cuts the history at: their parents are not in it. */
function shallowCuts(root: string): Set<string> {
  const r = gitSync(root, ['rev-parse', '--git-path', 'shallow']);
  if (r.status !== 0) return new Set();
  try {
    return new Set(
      readFileSync(resolve(root, r.stdout.toString('utf8').trim()), 'utf8')
        .split('\n')
        .filter(Boolean),
    );
  } catch {
    return new Set();
  }
}

export function resolveRange(probe: RangeProbe, request: RangeRequest): ResolvedRange {
  const root = probe.root ?? requireRepoRoot(probe.cwd, 'leaklint diff scans the commits of a repository');
  let shallowKnown = probe.root !== undefined ? probe.shallow : undefined;
  const shallow = () => (shallowKnown ??= isShallow(root));
  const commitOf = (rev: string) => probe.commits.get(rev) ?? verify(root, rev);
  return resolveIn(root, shallow, commitOf, request, []);
}

function resolveIn(
  root: string,
  shallow: () => boolean,
  commitOf: (rev: string) => string | undefined,
  request: RangeRequest,
  notes: string[],
): ResolvedRange {
  if (request.nothing !== undefined) {
    return {
      root,
      commits: [],
      info: new Map(),
      label: 'nothing',
      source: request.source,
      notes: [...notes, request.nothing],
    };
  }
  const head = commitOf(request.head);
  if (!head) throw new VacuousRangeError(fetchHint(shallow(), `The head commit ${request.head}`, request.fetch));
  const fallBack = (): ResolvedRange | undefined =>
    request.fallback
      ? resolveIn(root, shallow, commitOf, request.fallback.request, [...notes, request.fallback.note])
      : undefined;

  let revs: string[];
  let label: string;
  /** Whether the range runs to where the history starts, so a shallow clone's cut would hide commits. */
  let open = false;
  if (request.newBranch) {
    // A new branch: everything reachable from head that no other remote branch already has.
    // `--exclude` patterns apply to `--remotes` names without their `refs/remotes/` prefix.
    revs = [head, '--not'];
    if (request.newBranch.excludeRef) revs.push(`--exclude=${request.newBranch.excludeRef}`);
    revs.push('--remotes');
    label = `${head.slice(0, 12)} (new branch: commits on no other remote branch)`;
    open = true;
  } else if (request.wholeHistory) {
    revs = [head];
    label = `${head.slice(0, 12)} (every commit it reaches)`;
    open = true;
  } else if (request.beyond !== undefined) {
    const beyond = commitOf(request.beyond);
    if (!beyond) {
      const other = fallBack();
      if (other) return other;
      throw new VacuousRangeError(fetchHint(shallow(), `The branch ${request.beyond}`, request.fetch));
    }
    revs = [head, '--not', beyond];
    label = `${head.slice(0, 12)} (commits not on ${request.beyond})`;
    open = true;
  } else {
    let base = commitOf(request.base!);
    if (!base) {
      // A base the push replaced (a force-push) is not fetched: the fallback scans what the branch adds.
      const other = shallow() ? undefined : fallBack();
      if (other) return other;
      throw new VacuousRangeError(fetchHint(shallow(), `The base ${request.base}`, request.fetch));
    }
    if (request.mergeBase) {
      const mb = gitSync(root, ['merge-base', base, head]);
      if (mb.status !== 0)
        throw new VacuousRangeError(
          fetchHint(shallow(), `The merge base of ${request.base} and ${request.head}`, request.fetch),
        );
      base = mb.stdout.toString('utf8').trim();
    } else if (shallow() && gitSync(root, ['merge-base', base, head]).status !== 0) {
      throw new VacuousRangeError(fetchHint(true, `The history between ${request.base} and ${request.head}`));
    }
    if (base === head) {
      if (request.emptyNote !== undefined)
        return {
          root,
          commits: [],
          info: new Map(),
          label: `${head.slice(0, 12)}`,
          source: request.source,
          notes: [...notes, request.emptyNote],
        };
      throw new VacuousRangeError(
        `The range ${request.source} is empty: base and head are the same commit (${head.slice(0, 12)}). Nothing was scanned.`,
      );
    }
    revs = [`${base}..${head}`];
    for (const rev of request.exclude ?? []) {
      const other = commitOf(rev);
      if (other) revs.push(`^${other}`);
    }
    label = `${base.slice(0, 12)}..${head.slice(0, 12)}`;
  }
  const { commits, info, messages, tagged, roots } = listCommits(root, revs);
  if (open && commits.length && shallow()) {
    const cuts = shallowCuts(root);
    if (commits.some((c) => cuts.has(c)))
      throw new VacuousRangeError(
        fetchHint(true, `The history of ${request.head} before ${commits.find((c) => cuts.has(c))!.slice(0, 12)}`),
      );
  }
  if (commits.length === 0) {
    if (request.emptyNote !== undefined)
      return { root, commits, info, messages, label, source: request.source, notes: [...notes, request.emptyNote] };
    throw new VacuousRangeError(`The range ${label} (${request.source}) holds no commits. Nothing was scanned.`);
  }
  if (request.newBranch && request.newBranch.excludeRef !== undefined && roots > 0) {
    notes.push(
      'no other remote branch in this clone shares this history, so every commit of the branch is scanned (fetch the default branch first, e.g. `git fetch origin main`, to scan only the new ones)',
    );
  }
  return { root, commits, info, messages, tagged, label, source: request.source, notes };
}

/**
 * How far git's output may run ahead of the scan. A commit that adds big
 * files is scanned slower than git writes it, one that git has to diff for
 * renames is written slower than it is scanned: with room to run ahead, git
 * and the scan each go at their own pace instead of waiting for each other
 * at a full pipe.
 */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

/**
 * The chunks of `source`, read as soon as they arrive (up to `limit` bytes
 * ahead) rather than when asked for. Between chunks it goes back to the
 * event loop, the only moment Node reads the pipe while the scan runs.
 * Reading stops (and `source` is ended, which stops git) when `chunks` is
 * ended or `stop` is called, also before `chunks` was ever read.
 */
function readAhead(
  source: AsyncGenerator<Buffer>,
  limit: number,
): { chunks: AsyncGenerator<Buffer>; stop: () => void } {
  const queue: Buffer[] = [];
  let queued = 0;
  let done = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wakeReader: (() => void) | undefined;
  let wakePump: (() => void) | undefined;
  const wake = (which: 'reader' | 'pump') => {
    const w = which === 'reader' ? wakeReader : wakePump;
    if (which === 'reader') wakeReader = undefined;
    else wakePump = undefined;
    w?.();
  };
  const stop = () => {
    stopped = true;
    wake('pump');
  };
  void (async () => {
    try {
      for await (const chunk of source) {
        queue.push(chunk);
        queued += chunk.length;
        wake('reader');
        while (queued > limit && !stopped) await new Promise<void>((r) => (wakePump = r));
        if (stopped) break; // ends `source`, which stops git
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      wake('reader');
    }
  })();
  const chunks = (async function* () {
    try {
      for (;;) {
        const chunk = queue.shift();
        if (chunk) {
          queued -= chunk.length;
          wake('pump');
          yield chunk;
          await new Promise<void>((r) => setImmediate(r));
        } else if (done) {
          if (failure) throw failure.error;
          return;
        } else await new Promise<void>((r) => (wakeReader = r));
      }
    } finally {
      stop();
    }
  })();
  return { chunks, stop };
}

/** How far the scan of a range has got: commits read of the total, and the bytes of their diffs. */
export interface RangeProgress {
  commits: number;
  total: number;
  bytes: number;
}

/**
 * Source items for every commit of the range, scanned while git is still
 * diffing the later ones. git starts at once, while the caller loads its
 * rules; `stop` ends it when the items are not (all) read.
 */
export function rangeItems(
  range: ResolvedRange,
  maxFileSize: number,
  progress?: (p: RangeProgress) => void,
): { items: AsyncGenerator<SourceItem>; stop: () => void } {
  if (range.commits.length === 0) return { items: (async function* () {})(), stop: () => {} };
  const done: RangeProgress = { commits: 0, total: range.commits.length, bytes: 0 };
  const args = [
    'diff-tree',
    '--stdin',
    '--root',
    '-r',
    '--diff-merges=dense-combined',
    ...DIFF_OPTIONS,
    '--diff-filter=ACMRT',
  ];
  const output = readAhead(gitOutput(range.root, args, range.commits.join('\n') + '\n'), READ_AHEAD_BYTES);
  const pathsSeen = new Set<string>();
  const itemsOf = async function* (sha: string, body: string): AsyncGenerator<SourceItem> {
    const commit = range.info.get(sha) ?? { sha, author: 'unknown', date: '' };
    const origin: Origin = { kind: 'commit', commit };
    const files = parseRawPatch(body);
    done.commits++;
    done.bytes += body.length;
    progress?.(done);
    // A path is new to path rules once per range: the first commit that adds it.
    const judged = new Set<FileDiff>();
    for (const file of files) {
      if (!isNewPath(file) || pathsSeen.has(file.path)) continue;
      pathsSeen.add(file.path);
      judged.add(file);
    }
    yield* diffFileItems(range.root, files, {
      origin,
      maxFileSize,
      pathRules: (file) => judged.has(file),
      where: sha.slice(0, 12),
    });
  };
  const items = (async function* () {
    // Messages first, every commit's (one that changes no file has no diff to carry it), then annotated tags on them.
    yield* messageItems(range);
    const splitter = new CommitSplitter();
    for await (const chunk of output.chunks) {
      for (const { sha, body } of splitter.push(chunk.toString('latin1'))) yield* itemsOf(sha, body);
    }
    for (const { sha, body } of splitter.end()) yield* itemsOf(sha, body);
  })();
  return { items, stop: output.stop };
}

/** The messages of the range's commits and of the annotated tags on them, as source items. */
function* messageItems(range: ResolvedRange): Generator<SourceItem> {
  const originOf = (sha: string): Origin => ({
    kind: 'commit',
    commit: range.info.get(sha) ?? { sha, author: 'unknown', date: '' },
  });
  for (const sha of range.commits) {
    const message = range.messages?.get(sha);
    if (message) yield { type: 'message', chunk: messageChunk(COMMIT_MESSAGE, message, originOf(sha)) };
  }
  if (!range.tagged) return;
  const inRange = new Set(range.commits);
  for (const tag of annotatedTags(range.root)) {
    if (inRange.has(tag.commit))
      yield { type: 'message', chunk: messageChunk(tagMessagePath(tag.name), tag.message, originOf(tag.commit)) };
  }
}
