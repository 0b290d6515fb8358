import type { Command } from './types.js';
import { UsageError, note, plural } from '../cli/io.js';
import { common } from '../cli/options.js';
import { runScan } from '../cli/run-scan.js';
import type { Io } from '../cli/io.js';
import { loadConfig } from '../config/config.js';
import { DEFAULT_MAX_FILE_SIZE, formatBytes } from '../scan/scanner.js';
import { isPrePushHook, parseRange, rangeFromEnv } from '../sources/ci-env.js';
import type { RangeRequest } from '../sources/ci-env.js';
import { VacuousRangeError, probeRange, rangeItems, resolveRange } from '../sources/diff/range.js';
import type { RangeProgress } from '../sources/diff/range.js';
import { gitSync, repoRoot } from '../git/git.js';

/** Progress on stderr for a person watching a terminal: at the first commit, then four times a second. */
function rangeProgressPrinter(io: Io): { update: (p: RangeProgress) => void; end: () => void } | undefined {
  const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  if (!stderr.isTTY) return undefined;
  const start = Date.now();
  let last: RangeProgress | undefined;
  let shown = 0;
  const show = (p: RangeProgress) => {
    const secs = Math.max((Date.now() - start) / 1000, 0.001);
    stderr.write(
      `\r${p.commits}/${p.total} commits, ${formatBytes(p.bytes)} of diffs, ${formatBytes(p.bytes / secs)}/s   `,
    );
  };
  return {
    update(p) {
      last = p;
      if (shown === 0 || Date.now() - shown > 250) {
        shown = Date.now();
        show(p);
      }
    },
    end() {
      if (!last) return;
      show(last);
      stderr.write('\n');
    },
  };
}

async function* endsWith<T>(items: AsyncIterable<T>, end: () => void): AsyncGenerator<T> {
  try {
    yield* items;
  } finally {
    end();
  }
}

/** The upstream of the current branch, the range when neither the command line nor the CI gives one. */
function upstreamRange(root: string): RangeRequest {
  const upstream = gitSync(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  if (upstream.status === 0) {
    const name = upstream.stdout.toString('utf8').trim();
    return { base: name, head: 'HEAD', source: `the upstream of the current branch (${name}..HEAD)` };
  }
  throw new UsageError(
    'no range given, no CI range in the environment, and the current branch has no upstream: give one, e.g. `leaklint diff origin/main..HEAD`',
  );
}

export const diffCommand: Command = {
  command: 'diff [range]',
  describe: 'CI: scan every commit of a range (base, base..head, base...head; default: from the CI environment)',
  builder: (y) =>
    common(y)
      .positional('range', { type: 'string', describe: '<base>, <base>..<head> or <base>...<head>' })
      .option('allow-empty', {
        type: 'boolean',
        default: false,
        describe: 'exit 0 with a warning instead of failing when the range is empty or cannot be seen',
      }),
  examples: [
    ['$0 diff', 'the range the CI (or the pre-push hook) names, else the upstream of this branch'],
    ['$0 diff origin/main..HEAD', 'the commits on this branch that main lacks'],
    ['$0 diff origin/main...HEAD --format github', 'from the merge base, as GitHub workflow annotations'],
  ],
  async run(args, io) {
    const spec = args.range as string | undefined;
    // The command line, else the CI's own variables; both known without git, so that one
    // rev-parse finds the repository and resolves the range's ends together.
    const given = spec ? parseRange(spec) : rangeFromEnv(io.env);
    const probe = probeRange(io.cwd, given);
    const workTree = probe.root ?? repoRoot(io.cwd) ?? io.cwd;
    const config = loadConfig(workTree, args.config);
    const request = given ?? upstreamRange(workTree);
    let range;
    try {
      range = resolveRange(given ? probe : probeRange(io.cwd, request), request);
    } catch (e) {
      if (!(e instanceof VacuousRangeError)) throw e;
      if (!args['allow-empty']) throw new UsageError(`${e.message}\n(--allow-empty accepts this and exits 0)`);
      io.stderr.write(`leaklint: warning: nothing scanned. ${e.message}\n`);
      return 0;
    }
    for (const n of range.notes) note(args, io, `note: ${n}`);
    if (range.commits.length === 0) note(args, io, `no commits to scan (from ${range.source})`);
    else note(args, io, `scanning ${plural(range.commits.length, 'commit')} (${range.label}, from ${range.source})`);
    const maxFileSize = args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    // An empty range that is normal for the event still runs the (empty) scan, so report files are written.
    const progress = range.commits.length > 0 && !args.quiet ? rangeProgressPrinter(io) : undefined;
    const scan = rangeItems(range, maxFileSize, progress?.update);
    // The progress line ends when the last item is read, before the report is printed.
    const items = progress ? endsWith(scan.items, progress.end) : scan.items;
    try {
      // Before a push nothing is on the remote yet: the advice is to rewrite, not to force-push.
      const moment = !spec && isPrePushHook(io.env) ? 'prepush' : 'ci';
      return await runScan(items, moment, args, io, config, { root: workTree });
    } finally {
      scan.stop();
    }
  },
};
