import { existsSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Args, Command } from './types.js';
import type { Io } from '../cli/io.js';
import { UsageError } from '../cli/io.js';
import { common } from '../cli/options.js';
import { configFor, prepareScan } from '../cli/run-scan.js';
import { rulesFor } from '../scan/rule-set.js';
import type { Config } from '../config/config.js';
import { repoRoot, requireRepoRoot } from '../git/git.js';
import { fileItems } from '../sources/files.js';
import { normalisePath } from '../report/redact.js';
import type { BaselineEntry } from '../suppress/baseline.js';
import {
  BASELINE_FILE,
  mergeBaseline,
  migrateBaseline,
  newBaselineKey,
  readBaseline,
  writeBaseline,
} from '../suppress/baseline.js';
import type { Candidate } from '../suppress/baseline-candidates.js';
import { candidatesOf, candidatesOfReport } from '../suppress/baseline-candidates.js';
import { reviewCandidates } from '../suppress/baseline-review.js';
import { findingContext } from '../report/finding-context.js';
import type { Rule } from '../types.js';
import { escapeText } from '../report/safe-text.js';
import { scrubSecrets } from '../report/scrub.js';
import { historyOptions, runHistory } from './history.js';

/**
 * Whether an entry lies in what this run was asked to scan: under one of the
 * given paths (all of the repository without any), neither ignored by the
 * configuration nor skipped (too large, unreadable). Only those can be judged
 * stale; the others were not looked at.
 */
function scopeOf(
  paths: string[],
  cwd: string,
  root: string,
  notRead: Set<string>,
  isIgnored: (p: string) => boolean,
): (e: BaselineEntry) => boolean {
  const base = realpathSync(cwd);
  const prefixes = paths.map((p) => normalisePath(relative(root, resolve(base, p))));
  const under = (path: string) =>
    prefixes.length === 0 || prefixes.some((p) => p === '' || path === p || path.startsWith(`${p}/`));
  // History and repository entries were not looked at by a working-tree scan.
  return (e) => e.source === undefined && under(e.path) && !notRead.has(e.path) && !isIgnored(e.path);
}

/** What a run may accept, and which old entries it read enough to call stale. */
interface Found {
  candidates: Candidate[];
  inScope: (e: BaselineEntry) => boolean;
  rules: Rule[];
  /** Why this run prunes nothing even with --prune. */
  noPrune?: string;
}

/** The tracked files (or `paths`), as `leaklint files` scans them. */
async function fromFiles(args: Args, io: Io, config: Config, root: string, key: string): Promise<Found> {
  // Scan without the baseline itself, so every current finding is seen, fingerprinted under the file's key.
  const { rules, scanner, compiled, maxFileSize } = await prepareScan(
    'files',
    { ...args, baseline: false },
    config,
    root,
    key,
  );
  const paths = (args.paths as string[] | undefined) ?? [];
  const notRead = new Set<string>();
  for await (const item of fileItems(paths, {
    cwd: io.cwd,
    untracked: false,
    maxFileSize,
    isIgnored: compiled.isIgnored,
  })) {
    if (item.type === 'skipped') notRead.add(item.path);
    scanner.add(item);
  }
  return {
    candidates: candidatesOf(scanner.findings),
    inScope: scopeOf(paths, io.cwd, root, notRead, compiled.isIgnored),
    rules,
  };
}

/** Every commit on every ref (or --ref), as `leaklint history` scans them; entries become history entries. */
async function fromHistory(args: Args, io: Io, config: Config, key: string): Promise<Found> {
  const root = requireRepoRoot(io.cwd, 'leaklint baseline --history reads the commits of a repository');
  const { rules, scanner, compiled, maxFileSize } = await prepareScan(
    'audit',
    { ...args, baseline: false },
    config,
    root,
    key,
  );
  const scan = await runHistory(root, scanner, args, io, maxFileSize);
  io.stderr.write(
    scan.empty
      ? 'leaklint: this repository has no commits: no history to accept\n'
      : `leaklint: scanned ${scan.commits} commits, ${scan.blobs} unique file versions\n`,
  );
  // Only a walk that read every file version can tell a history entry matches nothing any more.
  const unread = scanner.stats.unread + scanner.stats.skippedLarge;
  const noPrune = unread
    ? `${unread} file version${unread === 1 ? ' was' : 's were'} not read (see the scan's warnings)`
    : undefined;
  // Warnings name paths and refs from the repository: redacted and inert, as reports print them.
  for (const w of scanner.stats.warnings) io.stderr.write(`leaklint: warning: ${escapeText(scrubSecrets(w, rules))}\n`);
  return {
    candidates: candidatesOf(scanner.findings, 'history'),
    inScope: (e) => !noPrune && e.source === 'history' && !compiled.isIgnored(e.path),
    rules,
    ...(noPrune ? { noPrune } : {}),
  };
}

function checkOptions(args: Args): void {
  const paths = (args.paths as string[] | undefined) ?? [];
  const refs = (args.ref as unknown[] | undefined) ?? [];
  if (args.baseline === false) throw new UsageError('--no-baseline makes no sense for the baseline command');
  if (args.from !== undefined && (typeof args.from !== 'string' || args.from === ''))
    throw new UsageError('--from takes the file name of a JSON report');
  if (args.from && args.history) throw new UsageError('--from and --history are two sources: give one');
  if ((args.from || args.history) && paths.length)
    throw new UsageError(`--${args.from ? 'from' : 'history'} takes no paths`);
  if (args.from && args.prune) throw new UsageError('--prune judges entries by a scan: it cannot be used with --from');
  if (args.review && args.prune)
    throw new UsageError('--review accepts findings; --prune only removes entries: give one');
  if (!args.history && (refs.length || args['include-stash']))
    throw new UsageError('--ref and --include-stash go with --history');
  // A walk of some refs cannot tell an entry from another ref is stale.
  if (args.history && args.prune && refs.length)
    throw new UsageError('--prune with --history needs the whole history: drop --ref');
}

export const baselineCommand: Command = {
  command: 'baseline [paths..]',
  describe: `accept the current findings: write their fingerprints to ${BASELINE_FILE} (later scans report only new ones)`,
  builder: (y) =>
    historyOptions(common(y))
      .positional('paths', {
        type: 'string',
        array: true,
        describe: 'files or directories (default: the tracked files of this repository)',
      })
      .option('history', {
        type: 'boolean',
        default: false,
        describe: "accept the findings of a history scan (every commit on every ref) instead of the working tree's",
      })
      .option('from', {
        type: 'string',
        describe: 'accept the findings of a reviewed JSON report (--format json) of any scan',
      })
      .option('review', {
        type: 'boolean',
        default: false,
        describe:
          'at a terminal: decide each new finding in turn (accept with a reason and optional expiry, reject, skip, quit)',
      })
      .option('prune', {
        type: 'boolean',
        default: false,
        describe: 'only drop entries, within the paths scanned, that no longer match any finding (accepts nothing new)',
      }),
  examples: [
    ['$0 baseline', 'accept every current finding in the tracked files; commit .leaklint-baseline.json'],
    ['$0 baseline --prune', 'drop the entries whose secret is gone, accept nothing new'],
  ],
  async run(args, io) {
    checkOptions(args);
    const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY && io.stdout.isTTY);
    if (args.review && !interactive)
      throw new UsageError('--review asks questions at a terminal: standard input and output must both be one');
    const root = repoRoot(io.cwd) ?? io.cwd;
    const file =
      typeof args.baseline === 'string' && args.baseline ? resolve(io.cwd, args.baseline) : join(root, BASELINE_FILE);
    const config = configFor(args, io);
    const old = existsSync(file) ? readBaseline(file, root) : { entries: [] };
    // An old (version 1) file gets its key now; its entries are re-keyed below, none is lost.
    const key = old.key ?? newBaselineKey();
    const oldEntries = migrateBaseline(old, key);
    const found: Found = args.from
      ? {
          candidates: candidatesOfReport(resolve(io.cwd, args.from as string), key),
          inScope: () => false,
          rules: await rulesFor(config),
        }
      : args.history
        ? await fromHistory(args, io, config, key)
        : await fromFiles(args, io, config, root, key);
    const migrated =
      old.key === undefined && old.entries.length ? `, ${old.entries.length} re-keyed from the version 1 format` : '';
    const entriesWord = (n: number) => `${n} entr${n === 1 ? 'y' : 'ies'}`;

    if (args.review) {
      const known = new Set(oldEntries.map((e) => e.fingerprint));
      const fresh = found.candidates.filter((c) => c.entries.some((e) => !known.has(e.fingerprint)));
      if (fresh.length === 0) {
        io.stderr.write(`leaklint: nothing to review: every finding is in ${file} already\n`);
        return 0;
      }
      const { accepted, counts } = await reviewCandidates(
        fresh,
        { input: io.stdin, output: io.stdout },
        found.rules,
        (c) => findingContext(root, c.shown, found.rules),
      );
      const tally = `${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.skipped} skipped${counts.unreviewed ? `, ${counts.unreviewed} not reviewed` : ''}`;
      if (accepted.length === 0) {
        io.stderr.write(`leaklint: ${tally}: ${file} left as it was\n`);
        return 0;
      }
      const { entries } = mergeBaseline(oldEntries, accepted, { prune: false, inScope: () => false });
      writeBaseline(file, key, entries, root);
      io.stderr.write(
        `leaklint: ${tally}: wrote ${file}: ${entriesWord(entries.length)}${migrated ? ` (${migrated.slice(2)})` : ''}\n`,
      );
      if (counts.rejected)
        io.stderr.write(
          'leaklint: rejected findings stay reported: rotate those secrets and remove them (`leaklint purge-plan` for history)\n',
        );
      return 0;
    }

    const prune = Boolean(args.prune);
    if (prune && found.noPrune) io.stderr.write(`leaklint: nothing pruned: ${found.noPrune}\n`);
    const { entries, added, stale, unaccepted } = mergeBaseline(
      oldEntries,
      found.candidates.flatMap((c) => c.entries),
      { prune, inScope: found.inScope },
    );
    writeBaseline(file, key, entries, root);
    const staleNote = stale ? `, ${stale} stale ${prune ? 'dropped' : 'kept (--prune drops them)'}` : '';
    io.stderr.write(`leaklint: wrote ${file}: ${entriesWord(entries.length)} (${added} new${staleNote}${migrated})\n`);
    if (unaccepted)
      io.stderr.write(
        `leaklint: ${unaccepted} finding${unaccepted === 1 ? ' is' : 's are'} not in the baseline and stay reported (--prune accepts nothing; \`leaklint baseline\` without it does)\n`,
      );
    return 0;
  },
};
