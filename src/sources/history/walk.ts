// Every commit on every ref, scanned blob by blob: `git log --raw` lists what
// each commit introduces (cheap), each unique blob is read once through one
// long-lived `git cat-file --batch`, and findings are attributed back to the
// oldest commit and path that introduced them. Each secret is reported once.
import { ownCopy, utf8FromLatin1 } from '../../util/latin1.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommitInfo, Finding, Origin } from '../../types.js';
import type { Scanner } from '../../scan/scanner.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  GitError,
  git,
  gitBytes,
  gitLater,
  gitSync,
  gitStream,
  isShallow,
  nulRecords,
  safeEnv,
} from '../../git/git.js';
import { formatBytes } from '../../scan/scanner.js';
import { fingerprint } from '../../report/redact.js';
import { blobFeed, workerPlan } from './blob-feed.js';
import { readBlobsText } from '../diff/blobs.js';
import { scanHistoryVersion } from '../../scan/content.js';
import { dedupeHistory } from './dedupe.js';
import type { BlobInfo } from './dedupe.js';
import { COMMIT_MESSAGE, TAG_LIST, annotatedTags, messageChunk, tagMessagePath } from './messages.js';
import { REF_LIST } from './refs.js';
import { pace, paceDue, yieldToEventLoop } from '../../util/pace.js';

export interface HistoryOptions {
  /** Refs to walk; all refs when empty. */
  refs: string[];
  includeStash: boolean;
  maxFileSize: number;
  /** Called now and then with progress counters (the command decides whether to print). */
  progress?: (p: HistoryProgress) => void;
}

export interface HistoryProgress {
  commits: number;
  blobs: number;
  blobsDone: number;
  bytes: number;
}

export type { BlobInfo } from './dedupe.js';

export interface PathEvents {
  /** The path itself, kept once for every blob committed at it (see ownCopy). */
  path: string;
  firstAdded: number;
  oid: string;
  lastDeleted?: number;
}

export interface HistoryScan {
  commits: number;
  blobs: number;
  missing: number;
  empty: boolean;
  /** Whether the walk saw this blob (full hex object id), so another pass over the same content is not counted twice. */
  hasBlob(oid: string): boolean;
  /** The hash git names objects with here (a SHA-256 repository's ids are 64 hex digits). */
  objectFormat: 'sha1' | 'sha256';
}

const RAW = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;

/** Every path and blob in HEAD's tree. */
const HEAD_TREE = ['ls-tree', '-r', '-z', '--full-tree', 'HEAD'];

function short(c: CommitInfo): string {
  return c.sha.slice(0, 12);
}

/**
 * Reads the NUL-separated records of `git log --raw -z` with the format
 * above: a commit header, then for each change a raw entry and its path.
 * Records it cannot parse are ignored, so odd output never throws.
 */
export class LogRawReader {
  readonly commits: CommitInfo[] = [];
  readonly blobs = new Map<string, BlobInfo>();
  readonly paths = new Map<string, PathEvents>();
  /** Each commit's parents, space-separated, as `%P` gives them: which refs contain a commit is answered from these. */
  readonly parents: string[] = [];
  private pendingRaw: RegExpExecArray | undefined;
  /** Each author once: a history of thousands of commits has a few hundred authors. */
  private readonly authors = new Map<string, string>();

  /**
   * @param isIgnored paths the configuration never reads: history does not see files at them.
   * @param onMessage called with each commit's index and message (when the format asks for `%B` last).
   */
  constructor(
    private readonly isIgnored: (path: string) => boolean = () => false,
    private readonly onMessage?: (at: number, message: string) => void,
  ) {}

  private authorOf(latin1: string): string {
    let author = this.authors.get(latin1);
    if (author === undefined) this.authors.set(ownCopy(latin1), (author = ownCopy(utf8FromLatin1(latin1))));
    return author;
  }

  /** Feed one record; returns the blob it introduced when it is one not seen before. */
  push(record: string): { oid: string; path: string } | undefined {
    const { commits, blobs, paths } = this;
    if (this.pendingRaw) {
      const path = utf8FromLatin1(record);
      const [, , newMode, , oid, status] = this.pendingRaw;
      this.pendingRaw = undefined;
      // A raw entry before any commit header has nothing to belong to.
      if (commits.length === 0 || this.isIgnored(path)) return;
      const at = commits.length - 1;
      if (status === 'D') {
        const ev = paths.get(path);
        if (ev) ev.lastDeleted = at;
        return;
      }
      if (newMode === '160000') return; // a submodule's commit, not a blob
      // What the walk keeps is copied out of git's output (see ownCopy): what it has kept already is not copied again.
      const known = blobs.get(oid!);
      const ev = paths.get(path);
      const ownOid = known && ev ? oid! : ownCopy(oid!);
      const ownPath = ev ? ev.path : ownCopy(path);
      if (known) {
        known.commits++;
        if (path !== known.path) (known.copies ??= new Set()).add(ownPath);
      } else blobs.set(ownOid, { first: at, path: ownPath, commits: 1 });
      if (!ev) paths.set(ownPath, { path: ownPath, firstAdded: at, oid: ownOid });
      else if (ev.lastDeleted !== undefined && status === 'A') ev.lastDeleted = undefined;
      return known ? undefined : { oid: ownOid, path: ownPath };
    }
    if (record.startsWith('\x01') || record.startsWith('\n\x01')) {
      const [sha, author, date, parents, ...message] = record.replace(/^\n?\x01/, '').split('\x1f');
      commits.push({ sha: ownCopy(sha!), author: this.authorOf(author ?? ''), date: ownCopy(date ?? '') });
      this.parents.push(ownCopy(parents ?? ''));
      if (message.length) this.onMessage?.(commits.length - 1, utf8FromLatin1(message.join('\x1f')));
      return;
    }
    const m = RAW.exec(record);
    if (m) this.pendingRaw = m;
  }
}

/** Walk the history, scan every unique blob and every path once, and leave one finding per secret in `scanner`. */
export async function scanHistory(root: string, scanner: Scanner, opts: HistoryOptions): Promise<HistoryScan> {
  // A failing git here must not read as "no commits": that would pass a repository git could not read.
  const hasHead = gitSync(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).status === 0;
  // Listing refs reads every one of them (thousands of loose refs take tens of ms): only asked without a HEAD.
  const hasRefs = hasHead || git(root, ['for-each-ref', '--count=1', '--format=%(refname)']).trim() !== '';
  if (!hasRefs && !hasHead)
    return { commits: 0, blobs: 0, missing: 0, empty: true, hasBlob: () => false, objectFormat: 'sha1' };
  if (isShallow(root)) {
    scanner.stats.warnings.push(
      'this is a shallow clone: history before the shallow boundary was not scanned (git fetch --unshallow for a full audit)',
    );
  }

  for (const w of historyRewrites(root)) scanner.stats.warnings.push(w);

  // Refs from the command line come after --end-of-options, so none is ever read as an option.
  const revs = opts.refs.length
    ? ['--end-of-options', ...opts.refs]
    : opts.includeStash
      ? ['--all']
      : ['--exclude=refs/stash', '--all', ...(hasHead ? ['HEAD'] : [])];
  // A partial clone lacks blobs by design: list them first (without fetching) and never ask for them, so
  // cat-file neither tries to fetch them nor dies on them; the ones it reads are scanned as usual.
  const absent = isPartialClone(root) ? absentObjects(root, revs) : new Set<string>();
  // Scan each commit's message as the log goes by; its findings are deduplicated with the files' (see `dedupe`).
  const findingBlob = new Map<Finding, string>();
  const messages = new Map<string, BlobInfo>();
  const scanMessage = (at: number, path: string, message: string) => {
    const key = `${path}\0${at}`;
    const before = { f: scanner.findings.length, s: scanner.suppressed.length };
    scanner.add({ type: 'message', chunk: messageChunk(path, message, { kind: 'commit', commit: commits[at]! }) });
    const fresh = [...scanner.findings.slice(before.f), ...scanner.suppressed.slice(before.s)];
    if (fresh.length) messages.set(key, { first: at, path, commits: 1 });
    for (const f of fresh) findingBlob.set(f, key);
  };
  const reader = new LogRawReader(
    (path) => scanner.isIgnored(path),
    (at, message) => scanMessage(at, COMMIT_MESSAGE, message),
  );
  const { commits, blobs, paths } = reader;
  // Questions whose answers only the end needs (HEAD's tree, tags, refs), asked now: they run while the log is walked.
  const env = safeEnv();
  const early = {
    tree: hasHead ? gitLater(root, HEAD_TREE, env) : undefined,
    tags: gitLater(root, TAG_LIST, env),
    refs: gitLater(root, REF_LIST, env),
  };
  // A file's versions come one after another: a new one is searched only around what changed since the last clean one.
  scanner.engine.rememberCleanVersions();
  const feed = blobFeed(root, scanner.engine, opts.maxFileSize, workerPlan(root, opts.refs.length > 0));
  // Blobs are read and scanned while the log is still being walked: git log and cat-file overlap.
  const walk = (async () => {
    try {
      // Every option that shapes the output is given, not left to configuration: --root shows what the
      // root commit adds, no signature is verified (that runs a program), one fixed encoding and format.
      const log = gitStream(root, [
        'log',
        '--reverse',
        '-r',
        '--raw',
        '--no-abbrev',
        '-z',
        '--root',
        '--diff-merges=first-parent',
        '--no-renames',
        '--no-show-signature',
        '--no-textconv',
        '--no-ext-diff',
        '--no-color',
        '--encoding=UTF-8',
        '--format=%x01%H%x1f%an <%ae>%x1f%aI%x1f%P%x1f%B',
        ...revs,
        '--',
      ]);
      let logErr = '';
      log.stderr!.on('data', (d: Buffer) => (logErr += d.toString()));
      for await (const records of nulRecords(log.stdout!))
        for (const record of records) {
          const fresh = reader.push(record);
          if (fresh && !absent.has(fresh.oid)) feed.add(fresh.oid, fresh.path);
        }
      const code: number = await new Promise((r) =>
        log.exitCode !== null ? r(log.exitCode) : log.on('close', (c) => r(c ?? 1)),
      );
      if (code !== 0) throw new Error(`git log failed: ${logErr.trim().split('\n').pop() ?? code}`);
    } finally {
      feed.end();
    }
  })();

  // Scan each unique blob once; remember which blob each finding came from.
  const progress: HistoryProgress = { commits: 0, blobs: 0, blobsDone: 0, bytes: 0 };
  let lastProgress = 0;
  /** Blobs cat-file answered missing, or died on (damaged). */
  const unread = new Set<string>();
  /** Blobs over the size limit, warned about in history order once all are in (answers come in no fixed order). */
  const tooLarge: Array<{ info: BlobInfo; size: number }> = [];
  // A failed walk ends the scan too: breaking out of the results ends the readers and their git processes.
  let walkFailed = false;
  walk.catch(() => (walkFailed = true));
  const scan = (async () => {
    for await (const blob of feed.results) {
      if (walkFailed) break;
      if (opts.progress && Date.now() - lastProgress > 250) {
        lastProgress = Date.now();
        opts.progress({ ...progress, commits: commits.length, blobs: blobs.size });
      }
      if ('clean' in blob) {
        progress.blobsDone += blob.clean;
        progress.bytes += blob.bytes;
        scanner.add({ type: 'unscanned', path: '', size: blob.bytes, binary: false, files: blob.clean });
        continue;
      }
      progress.blobsDone++;
      const info = blobs.get(blob.oid);
      if (!info) continue;
      if ('missing' in blob) {
        unread.add(blob.oid);
        continue;
      }
      const origin: Origin = { kind: 'commit', commit: commits[info.first]! };
      if (blob.verdict) {
        progress.bytes += blob.size;
        scanner.add({ type: 'unscanned', path: info.path, size: blob.size, binary: true });
        continue;
      }
      if (!blob.data && !('scanned' in blob)) {
        tooLarge.push({ info, size: blob.size });
        continue;
      }
      progress.bytes += blob.size;
      const before = { f: scanner.findings.length, s: scanner.suppressed.length };
      // A worker scanned it and sent the findings (the first of each secret), or the bytes came here to be scanned.
      const result =
        'scanned' in blob ? blob.scanned : scanHistoryVersion(scanner.engine, info.path, blob.data!, origin);
      scanner.add({ type: 'scanned', path: info.path, origin, size: blob.size, result });
      for (const f of scanner.findings.slice(before.f)) findingBlob.set(f, blob.oid);
      for (const f of scanner.suppressed.slice(before.s)) findingBlob.set(f, blob.oid);
      // Blobs that came in one batch are scanned through microtasks only: let a signal in between them.
      await pace();
    }
  })();
  await Promise.all([walk, scan]);
  // The last line a person sees holds the final counts, not those of up to 250 ms before the end.
  if (lastProgress > 0) opts.progress?.({ ...progress, commits: commits.length, blobs: blobs.size });
  addCopies(scanner, findingBlob, blobs, paths, commits);
  tooLarge.sort((a, b) => a.info.first - b.info.first || (a.info.path < b.info.path ? -1 : 1));
  for (const { info, size } of tooLarge)
    scanner.add({
      type: 'skipped',
      path: info.path,
      reason: 'large',
      detail: `${formatBytes(size)} in ${short(commits[info.first]!)}`,
    });
  progress.commits = commits.length;
  progress.blobs = blobs.size;
  let notAsked = 0;
  for (const oid of absent)
    if (blobs.has(oid)) {
      unread.add(oid);
      notAsked++;
    }
  // Anything cat-file never answered (it stopped early) was not scanned either.
  const neverAnswered = Math.max(0, blobs.size - notAsked - progress.blobsDone);
  const missing = unread.size + neverAnswered;
  if (missing) {
    scanner.stats.unread += missing;
    scanner.stats.warnings.push(unreadWarning(unread, absent, blobs, commits, neverAnswered));
  }
  for (const oid of unread) blobs.delete(oid);

  const headBlobs = new Set<string>();
  const headPaths = new Set<string>();
  if (early.tree) {
    const listed = await early.tree.result;
    // A failure is asked again, synchronously, for git's own message.
    const tree = (listed?.status === 0 ? listed.stdout : gitBytes(root, HEAD_TREE)).toString('latin1');
    for (const entry of tree.split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab === -1) continue;
      headBlobs.add(entry.slice(0, tab).split(' ')[2]!);
      headPaths.add(utf8FromLatin1(entry.slice(tab + 1)));
    }
  }

  // Path rules: each path once, with the story of its life in history. The
  // files a rule looks into are read first, all through one cat-file.
  // What could not be read above is never asked again: in a partial clone that read could try to fetch it.
  const peeked = readBlobsText(
    root,
    [...paths].filter(([path, ev]) => scanner.engine.looksInside(path) && !unread.has(ev.oid)).map(([, ev]) => ev.oid),
    opts.maxFileSize,
  );
  for (const [path, ev] of paths) {
    if (paceDue()) await yieldToEventLoop();
    const added = commits[ev.firstAdded]!;
    const before = { f: scanner.findings.length, s: scanner.suppressed.length };
    scanner.add({ type: 'path', path, origin: { kind: 'commit', commit: added }, content: () => peeked.get(ev.oid) });
    const fresh = [...scanner.findings.slice(before.f), ...scanner.suppressed.slice(before.s)];
    for (const f of fresh) {
      const inHead = headPaths.has(path);
      const deleted = ev.lastDeleted !== undefined ? commits[ev.lastDeleted]! : undefined;
      f.message = inHead
        ? `${f.message}: ${path} was added in ${short(added)} and is still in HEAD`
        : `${f.message}: ${path} was added in ${short(added)}${deleted ? ` and deleted in ${short(deleted)}` : ''}; its contents stay in history`;
      f.history = { firstCommit: added, commits: 1, paths: [path], inHead, refs: [], refCount: 0 };
    }
  }

  // Annotated tags on the commits walked: their messages, attributed to the commit they tag.
  const indexOf = new Map(commits.map((c, i) => [c.sha, i]));
  for (const tag of annotatedTags(root, await early.tags.result)) {
    const at = indexOf.get(tag.commit);
    if (at !== undefined) scanMessage(at, tagMessagePath(tag.name), tag.message);
  }

  const infoOf = { get: (key: string) => blobs.get(key) ?? messages.get(key) };
  // De-duplication is a stage of its own: it takes the scanner's findings and gives back one per secret.
  const kept = await dedupeHistory(
    { findings: scanner.findings, suppressed: scanner.suppressed },
    { root, findingBlob, blobs: infoOf, commits, parents: reader.parents, headBlobs, refList: early.refs.result },
  );
  scanner.replaceFindings(kept.findings, kept.suppressed);
  return {
    commits: commits.length,
    blobs: blobs.size,
    missing,
    empty: false,
    hasBlob: (oid) => blobs.has(oid),
    objectFormat: blobs.keys().next().value?.length === 64 ? 'sha256' : 'sha1',
  };
}

/**
 * Replace refs and a grafts file make git show a commit other than the one
 * stored, so a secret's commit can be hidden from a walk while clone and push
 * still transfer it. leaklint reads history without them (see git-policy.ts)
 * and says they are there, naming them.
 */
function historyRewrites(root: string): string[] {
  const out: string[] = [];
  const listed = gitSync(root, ['for-each-ref', '--format=%(refname)', 'refs/replace/']);
  const replaced = listed.status === 0 ? listed.stdout.toString('utf8').split('\n').filter(Boolean) : [];
  if (replaced.length) {
    const names = replaced.slice(0, 5).join(', ') + (replaced.length > 5 ? ', …' : '');
    out.push(
      `${replaced.length} replace ref${replaced.length === 1 ? '' : 's'} (${names}) would show other commits or files in place of the stored ones: history was read as stored, without them`,
    );
  }
  const common = gitSync(root, ['rev-parse', '--git-common-dir']);
  if (common.status === 0 && existsSync(resolve(root, common.stdout.toString('utf8').trim(), 'info', 'grafts'))) {
    out.push(
      'a grafts file (info/grafts in the git directory) would hide or add parents of commits: history was read as stored, without it',
    );
  }
  return out;
}

/**
 * Whether this is a partial clone, as git decides it: a promisor remote
 * (`remote.<name>.promisor`, or `extensions.partialClone` naming one) or
 * promisor packs, which is what `git clone --filter` leaves.
 */
export function isPartialClone(root: string): boolean {
  const r = gitSync(root, [
    'config',
    '-z',
    '--get-regexp',
    String.raw`^(extensions\.partialclone|remote\..*\.promisor)$`,
  ]);
  if (r.status > 1) throw new GitError(`git config failed: ${r.stderr.trim().split('\n').pop() ?? ''}`, 'failed');
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    const [key, value = ''] = entry.split('\n');
    if (key === 'extensions.partialclone' ? value !== '' : key && /^(true|yes|on|1)$/i.test(value)) return true;
  }
  const packs = join(root, git(root, ['rev-parse', '--git-path', 'objects/pack']).trim());
  try {
    return readdirSync(packs).some((name) => name.endsWith('.promisor'));
  } catch {
    return false;
  }
}

/** The objects `revs` reach that this clone lacks, listed without fetching any (`--missing=print` never fetches). */
function absentObjects(root: string, revs: string[]): Set<string> {
  const out = new Set<string>();
  const listed = gitBytes(root, ['rev-list', '--objects', '--missing=print', ...revs, '--']).toString('latin1');
  for (const line of listed.split('\n')) if (line.startsWith('?')) out.add(line.slice(1).trim());
  return out;
}

/**
 * A blob is scanned once, under the first path it was committed at; the
 * same file committed at other paths (copied, renamed) holds the same
 * secrets there. Each such place gets its finding too, judged on its own by
 * the configuration and the baseline (both go by path): a secret accepted at
 * one path is still reported when it is copied to another. Dedupe merges
 * them back into one finding per secret.
 */
function addCopies(
  scanner: Scanner,
  findingBlob: Map<Finding, string>,
  blobs: Map<string, BlobInfo>,
  paths: Map<string, PathEvents>,
  commits: CommitInfo[],
): void {
  for (const [f, oid] of [...findingBlob]) {
    const info = blobs.get(oid);
    if (!info) continue; // a message's finding: no file, no copies
    for (const path of info.copies ?? []) {
      // An inline directive belongs to the content and comes along; an acceptance by path is decided again.
      const inline = f.suppressed?.startsWith('inline') ? { suppressed: f.suppressed } : {};
      const { suppressed: _, ...rest } = f;
      // The commit that first put this file at that path, when it is known (the path held no other content before).
      const ev = paths.get(path);
      const origin: Origin = ev?.oid === oid ? { kind: 'commit', commit: commits[ev.firstAdded]! } : f.origin;
      const copy: Finding = {
        ...rest,
        ...inline,
        file: path,
        origin,
        fingerprint: fingerprint(f.ruleId, path, f.secret),
      };
      const before = { f: scanner.findings.length, s: scanner.suppressed.length };
      scanner.add({ type: 'finding', finding: copy });
      for (const c of [...scanner.findings.slice(before.f), ...scanner.suppressed.slice(before.s)])
        findingBlob.set(c, oid);
    }
  }
}

/** What the report says about file versions that could not be read: how many, why, and the first few by path and commit. */
function unreadWarning(
  unread: Set<string>,
  absent: Set<string>,
  blobs: Map<string, BlobInfo>,
  commits: CommitInfo[],
  neverAnswered: number,
): string {
  const n = unread.size + neverAnswered;
  const damaged = [...unread].filter((oid) => !absent.has(oid)).length;
  const why =
    absent.size && damaged
      ? 'absent from this partial clone, or damaged'
      : absent.size
        ? 'absent from this partial clone; leaklint never fetches'
        : 'missing or damaged';
  const first = [...unread]
    .map((oid) => blobs.get(oid)!)
    .sort((a, b) => a.first - b.first)
    .slice(0, 5)
    .map((info) => `${info.path} in ${short(commits[info.first]!)}`);
  const examples = first.length ? ` (${first.join(', ')}${unread.size > first.length ? ', …' : ''})` : '';
  return `${n} file version${n === 1 ? '' : 's'} could not be read (${why}) and ${n === 1 ? 'was' : 'were'} not scanned${examples}: the audit is incomplete`;
}
