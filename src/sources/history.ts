// Every commit on every ref, scanned blob by blob: `git log --raw` lists what
// each commit introduces (cheap), each unique blob is read once through one
// long-lived `git cat-file --batch`, and findings are attributed back to the
// oldest commit and path that introduced them. Each secret is reported once.
import type { CommitInfo, Finding, Origin } from '../types.js';
import type { Scanner } from '../scan.js';
import { gitSync, gitStream, isShallow, nulRecords } from '../git.js';
import { formatBytes } from '../scan.js';
import { blobFeed } from './blob-feed.js';
import { blobSize, readBlob } from './diff-blobs.js';
import { pace, paceDue, yieldToEventLoop } from '../pace.js';

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

export interface BlobInfo {
  /** Index of the oldest commit that added this blob. */
  first: number;
  path: string;
  commits: number;
  paths: Set<string>;
}

export interface PathEvents {
  firstAdded: number;
  oid: string;
  lastDeleted?: number;
}

export interface HistoryScan {
  commits: number;
  blobs: number;
  missing: number;
  empty: boolean;
}

const RAW = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;

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

  /** @param isIgnored paths the configuration never reads: history does not see files at them. */
  constructor(private readonly isIgnored: (path: string) => boolean = () => false) {}

  /** Feed one record; returns the blob it introduced when it is one not seen before. */
  push(record: string): { oid: string; path: string } | undefined {
    const { commits, blobs, paths } = this;
    if (this.pendingRaw) {
      const path = Buffer.from(record, 'latin1').toString('utf8');
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
      const known = blobs.get(oid!);
      if (known) {
        known.commits++;
        known.paths.add(path);
      } else blobs.set(oid!, { first: at, path, commits: 1, paths: new Set([path]) });
      const ev = paths.get(path);
      if (!ev) paths.set(path, { firstAdded: at, oid: oid! });
      else if (ev.lastDeleted !== undefined && status === 'A') ev.lastDeleted = undefined;
      return known ? undefined : { oid: oid!, path };
    }
    if (record.startsWith('\x01') || record.startsWith('\n\x01')) {
      const [sha, author, date, parents] = record.replace(/^\n?\x01/, '').split('\x1f');
      commits.push({ sha: sha!, author: Buffer.from(author ?? '', 'latin1').toString('utf8'), date: date ?? '' });
      this.parents.push(parents ?? '');
      return;
    }
    const m = RAW.exec(record);
    if (m) this.pendingRaw = m;
  }
}

/** Walk the history, scan every unique blob and every path once, and leave one finding per secret in `scanner`. */
export async function scanHistory(root: string, scanner: Scanner, opts: HistoryOptions): Promise<HistoryScan> {
  const hasRefs = gitSync(root, ['for-each-ref', '--count=1', '--format=%(refname)']).stdout.toString().trim() !== '';
  const hasHead = gitSync(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).status === 0;
  if (!hasRefs && !hasHead) return { commits: 0, blobs: 0, missing: 0, empty: true };
  if (isShallow(root)) {
    scanner.stats.warnings.push('this is a shallow clone: history before the shallow boundary was not scanned (git fetch --unshallow for a full audit)');
  }

  // A partial clone would try to fetch absent blobs (and cat-file dies when it cannot): list them first and skip them.
  const absent = missingObjects(root);
  const revs = opts.refs.length ? opts.refs : opts.includeStash ? ['--all'] : ['--exclude=refs/stash', '--all', ...(hasHead ? ['HEAD'] : [])];
  const reader = new LogRawReader((path) => scanner.isIgnored(path));
  const { commits, blobs, paths } = reader;
  const feed = blobFeed(root, scanner.engine, opts.maxFileSize);
  // Blobs are read and scanned while the log is still being walked: git log and cat-file overlap.
  const walk = (async () => {
    try {
      const log = gitStream(root, ['log', '--reverse', '-r', '--raw', '--no-abbrev', '-z', '--diff-merges=first-parent', '--no-renames', '--format=%x01%H%x1f%an <%ae>%x1f%aI%x1f%P', ...revs, '--']);
      let logErr = '';
      log.stderr!.on('data', (d: Buffer) => (logErr += d.toString()));
      for await (const record of nulRecords(log.stdout!)) {
        const fresh = reader.push(record);
        if (fresh && !absent.has(fresh.oid)) feed.add(fresh.oid, fresh.path);
      }
      const code: number = await new Promise((r) => (log.exitCode !== null ? r(log.exitCode) : log.on('close', (c) => r(c ?? 1))));
      if (code !== 0) throw new Error(`git log failed: ${logErr.trim().split('\n').pop() ?? code}`);
    } finally {
      feed.end();
    }
  })();

  // Scan each unique blob once; remember which blob each finding came from.
  const findingBlob = new Map<Finding, string>();
  const progress: HistoryProgress = { commits: 0, blobs: 0, blobsDone: 0, bytes: 0 };
  let lastProgress = 0;
  let missingAnswers = 0;
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
        missingAnswers++;
        continue;
      }
      const origin: Origin = { kind: 'commit', commit: commits[info.first]! };
      if (blob.verdict) {
        progress.bytes += blob.size;
        scanner.add({ type: 'unscanned', path: info.path, size: blob.size, binary: true });
        continue;
      }
      if (!blob.data) {
        tooLarge.push({ info, size: blob.size });
        continue;
      }
      progress.bytes += blob.size;
      const before = { f: scanner.findings.length, s: scanner.suppressed.length };
      scanner.add({ type: 'file', path: info.path, origin, data: blob.data, pathRules: false });
      for (const f of scanner.findings.slice(before.f)) findingBlob.set(f, blob.oid);
      for (const f of scanner.suppressed.slice(before.s)) findingBlob.set(f, blob.oid);
      // Blobs that came in one batch are scanned through microtasks only: let a signal in between them.
      await pace();
    }
  })();
  await Promise.all([walk, scan]);
  tooLarge.sort((a, b) => a.info.first - b.info.first || (a.info.path < b.info.path ? -1 : 1));
  for (const { info, size } of tooLarge) scanner.add({ type: 'skipped', path: info.path, reason: 'large', detail: `${formatBytes(size)} in ${short(commits[info.first]!)}` });
  progress.commits = commits.length;
  progress.blobs = blobs.size;
  let missing = missingAnswers;
  for (const oid of absent) if (blobs.delete(oid)) missing++;
  // Anything cat-file never answered (it stopped early) was not scanned either.
  missing += Math.max(0, blobs.size - progress.blobsDone);
  if (missing) scanner.stats.warnings.push(`${missing} object${missing === 1 ? ' is' : 's are'} missing (partial or damaged clone) and were skipped: the audit is incomplete`);

  const headBlobs = new Set<string>();
  const headPaths = new Set<string>();
  if (hasHead) {
    const tree = gitSync(root, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD']).stdout.toString('latin1');
    for (const entry of tree.split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab === -1) continue;
      headBlobs.add(entry.slice(0, tab).split(' ')[2]!);
      headPaths.add(Buffer.from(entry.slice(tab + 1), 'latin1').toString('utf8'));
    }
  }

  // Path rules: each path once, with the story of its life in history.
  for (const [path, ev] of paths) {
    if (paceDue()) await yieldToEventLoop();
    const added = commits[ev.firstAdded]!;
    const before = { f: scanner.findings.length, s: scanner.suppressed.length };
    scanner.add({ type: 'path', path, origin: { kind: 'commit', commit: added }, content: () => readBlobText(root, ev.oid, opts.maxFileSize) });
    const fresh = [...scanner.findings.slice(before.f), ...scanner.suppressed.slice(before.s)];
    for (const f of fresh) {
      const inHead = headPaths.has(path);
      const deleted = ev.lastDeleted !== undefined ? commits[ev.lastDeleted]! : undefined;
      f.message = inHead
        ? `${f.message}: ${path} was added in ${short(added)} and is still in HEAD`
        : `${f.message}: ${path} was added in ${short(added)}${deleted ? ` and deleted in ${short(deleted)}` : ''}; its contents stay in history`;
      f.history = { firstCommit: added, commits: 1, paths: [path], inHead, refs: [] };
    }
  }

  await dedupe(root, scanner, findingBlob, blobs, commits, reader.parents, headBlobs);
  return { commits: commits.length, blobs: blobs.size, missing, empty: false };
}

/** Objects a partial clone lacks (listed without fetching them); empty for ordinary clones. */
function missingObjects(root: string): Set<string> {
  const partial = gitSync(root, ['config', '--get', 'extensions.partialClone']).stdout.toString().trim();
  if (!partial) return new Set();
  const r = gitSync(root, ['rev-list', '--objects', '--missing=print', '--all']);
  const out = new Set<string>();
  for (const line of r.stdout.toString('latin1').split('\n')) if (line.startsWith('?')) out.add(line.slice(1).trim());
  return out;
}

/** A blob's text for a path rule that peeks at content; none over the size limit, so memory stays bounded. */
function readBlobText(root: string, oid: string, maxSize: number): string | undefined {
  const size = blobSize(root, oid);
  return size !== undefined && size <= maxSize ? readBlob(root, oid)?.toString('utf8') : undefined;
}

/** Branches, tags and remote refs that contain a commit. */
function refsContaining(root: string, sha: string): string[] {
  const r = gitSync(root, ['for-each-ref', '--contains', sha, '--format=%(refname:short)']);
  return r.status === 0 ? r.stdout.toString('utf8').split('\n').filter(Boolean) : [];
}

/**
 * `refsContaining` for many commits at once. One `for-each-ref --contains`
 * walks the whole history, so a few hundred secrets would cost minutes:
 * with fewer refs than commits to answer for, each ref's ancestry is walked
 * once instead, over the parents the log walk already listed (refs whose
 * tip the walk never reached, such as an unscanned stash, ask `git
 * rev-list`). Refs are kept in for-each-ref's order, as --contains lists them.
 */
async function refsContainingAll(root: string, shas: Iterable<string>, commits: CommitInfo[], parents: string[]): Promise<Map<string, string[]>> {
  const wanted = new Set(shas);
  const out = new Map<string, string[]>();
  for (const sha of wanted) out.set(sha, []);
  const listed = gitSync(root, ['for-each-ref', '--format=%(refname)%00%(refname:short)%00%(objectname)%00%(*objectname)']);
  const refs = listed.status === 0 ? listed.stdout.toString('utf8').split('\n').filter(Boolean).map((l) => l.split('\0') as [string, string, string, string]) : [];
  if (listed.status !== 0 || refs.length >= wanted.size) {
    for (const sha of wanted) {
      out.set(sha, refsContaining(root, sha));
      await pace();
    }
    return out;
  }
  const indexOf = new Map<string, number>();
  commits.forEach((c, i) => indexOf.set(c.sha, i));
  const seen = new Uint32Array(commits.length); // the ref (1-based) whose walk last reached each commit
  for (const [r, [full, shortName, object, peeled]] of refs.entries()) {
    await pace();
    const tip = indexOf.get(peeled || object);
    if (tip === undefined) {
      const listedCommits = gitSync(root, ['rev-list', full, '--']);
      if (listedCommits.status !== 0) continue; // not a commit-ish: --contains would not list it either
      for (const line of listedCommits.stdout.toString('latin1').split('\n')) if (wanted.has(line)) out.get(line)!.push(shortName);
      continue;
    }
    const stack = [tip];
    seen[tip] = r + 1;
    for (let steps = 1; stack.length; steps++) {
      // A walk over a long history takes a while: every few thousand commits, see whether a signal waits.
      if ((steps & 4095) === 0 && paceDue()) await yieldToEventLoop();
      const at = stack.pop()!;
      const sha = commits[at]!.sha;
      if (wanted.has(sha)) out.get(sha)!.push(shortName);
      for (const p of parents[at] ? parents[at]!.split(' ') : []) {
        const pi = indexOf.get(p);
        // A parent the walk did not list lies beyond a shallow boundary: rev-list stops there too.
        if (pi !== undefined && seen[pi] !== r + 1) {
          seen[pi] = r + 1;
          stack.push(pi);
        }
      }
    }
  }
  return out;
}

/** Keep one finding per (rule, secret): the oldest, carrying the counts of all the others. */
async function dedupe(root: string, scanner: Scanner, findingBlob: Map<Finding, string>, blobs: Map<string, BlobInfo>, commits: CommitInfo[], parents: string[], headBlobs: Set<string>): Promise<void> {
  const groupsOf = [await groupByRuleAndSecret(scanner.findings, findingBlob), await groupByRuleAndSecret(scanner.suppressed, findingBlob)];
  const firstShas = new Set<string>();
  for (const { groups } of groupsOf)
    for (const group of groups.values()) {
      if (paceDue()) await yieldToEventLoop();
      const infoOf = (f: Finding) => blobs.get(findingBlob.get(f)!)!;
      group.sort((a, b) => infoOf(a).first - infoOf(b).first || byPlace(a, b));
      firstShas.add(commits[infoOf(group[0]!).first]!.sha);
    }
  const refsOf = await refsContainingAll(root, firstShas, commits, parents);
  for (const [li, list] of [scanner.findings, scanner.suppressed].entries()) {
    const { groups, kept } = groupsOf[li]!;
    const firsts: Finding[] = [];
    for (const group of groups.values()) {
      if (paceDue()) await yieldToEventLoop();
      const infoOf = (f: Finding) => blobs.get(findingBlob.get(f)!)!;
      const first = group[0]!;
      const oids = new Set(group.map((f) => findingBlob.get(f)!));
      let count = 0;
      const allPaths = new Set<string>();
      for (const oid of oids) {
        const info = blobs.get(oid)!;
        count += info.commits;
        for (const p of info.paths) allPaths.add(p);
      }
      const firstCommit = commits[infoOf(first).first]!;
      first.history = {
        firstCommit,
        commits: count,
        paths: [...allPaths].sort(),
        inHead: [...oids].some((o) => headBlobs.has(o)),
        refs: [...refsOf.get(firstCommit.sha)!],
      };
      firsts.push(first);
    }
    // Blobs are scanned in no fixed order (several readers): report in history order.
    const when = (f: Finding) => blobs.get(findingBlob.get(f)!)!.first;
    firsts.sort((a, b) => when(a) - when(b) || byPlace(a, b));
    list.splice(0, list.length, ...kept, ...firsts);
  }
}

/** Findings of one commit in file, line, column and rule order. */
function byPlace(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/** Findings from blobs grouped by (rule, secret); the others (path findings) kept as they are. */
async function groupByRuleAndSecret(list: Finding[], findingBlob: Map<Finding, string>) {
  const groups = new Map<string, Finding[]>();
  const kept: Finding[] = [];
  for (const [i, f] of list.entries()) {
    // A dense history holds hundreds of thousands of findings before this: see whether a signal waits.
    if ((i & 1023) === 0 && paceDue()) await yieldToEventLoop();
    if (!findingBlob.has(f)) {
      kept.push(f);
      continue;
    }
    const key = `${f.ruleId}\0${f.secret}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  return { groups, kept };
}
