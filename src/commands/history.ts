import type { Command, Args } from './types.js';
import type { Io } from '../cli/io.js';
import { UsageError, note, plural } from '../cli/io.js';
import { common } from '../cli/options.js';
import { configFor, finishScan, prepareScan, verifyIfAsked } from '../cli/run-scan.js';
import { refusedRevision } from '../git/policy.js';
import { requireRepoRoot } from '../git/git.js';
import { scanHistory } from '../sources/history/walk.js';
import type { HistoryProgress } from '../sources/history/walk.js';
import { formatBytes } from '../scan/scanner.js';
import type { Scanner } from '../scan/scanner.js';

/** `--ref` values reach git as revisions: one git would read as an option is a usage error (exit 2), never run. */
function checkedRefs(refs: unknown[] | undefined): string[] {
  return (refs ?? []).map((ref) => {
    const value = String(ref);
    const why = refusedRevision(value);
    if (why) throw new UsageError(`--ref ${JSON.stringify(value)} is not a revision: ${why}`);
    return value;
  });
}

export function historyOptions<T>(y: import('yargs').Argv<T>) {
  return y
    .option('ref', {
      type: 'string',
      array: true,
      describe: 'walk only these refs (repeatable; default: every branch, tag and remote ref)',
    })
    .option('include-stash', { type: 'boolean', default: false, describe: 'also scan stashed changes (refs/stash)' });
}

/** Progress on stderr, only for a person watching a terminal. */
export function progressPrinter(io: Io): ((p: HistoryProgress) => void) | undefined {
  const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  if (!stderr.isTTY) return undefined;
  const start = Date.now();
  return (p) => {
    const secs = Math.max((Date.now() - start) / 1000, 0.001);
    stderr.write(
      `\r${p.commits} commits, blobs ${p.blobsDone}/${p.blobs}, ${formatBytes(p.bytes)} scanned, ${formatBytes(p.bytes / secs)}/s   `,
    );
  };
}

/** Run the history walk into `scanner`; says so when the repository has no commits. */
export async function runHistory(root: string, scanner: Scanner, args: Args, io: Io, maxFileSize: number) {
  const refs = checkedRefs(args.ref as unknown[] | undefined);
  const progress = args.quiet ? undefined : progressPrinter(io);
  const scan = await scanHistory(root, scanner, {
    refs,
    includeStash: Boolean(args['include-stash']),
    maxFileSize,
    ...(progress ? { progress } : {}),
  });
  if (progress) io.stderr.write('\n');
  return scan;
}

export const historyCommand: Command = {
  command: 'history',
  describe: 'audit: scan every commit on every ref, each secret reported once with where it first appeared',
  builder: (y) => historyOptions(common(y)),
  examples: [
    ['$0 history', 'every commit on every branch, tag and remote ref'],
    ['$0 history --ref main --include-stash', 'main and the stash'],
  ],
  async run(args, io) {
    const root = requireRepoRoot(io.cwd, 'leaklint history scans the commits of a repository');
    const config = configFor(args, io);
    const { rules, scanner, maxFileSize } = await prepareScan('audit', args, config, root);
    const scan = await runHistory(root, scanner, args, io, maxFileSize);
    if (scan.empty) {
      note(
        args,
        io,
        'this repository has no commits: there is no history to scan (run `leaklint files` for the working tree)',
      );
      return 0;
    }
    note(args, io, `scanned ${plural(scan.commits, 'commit')}, ${plural(scan.blobs, 'unique file version')}`);
    const result = scanner.result();
    await verifyIfAsked(result, args, io, config);
    return finishScan(result, rules, args, io);
  },
};
