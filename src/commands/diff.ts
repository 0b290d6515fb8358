import type { Command } from './types.js';
import { UsageError, common, configFor, runScan } from '../cli.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import { parseRange, rangeFromEnv } from '../ci-env.js';
import type { RangeRequest } from '../ci-env.js';
import { VacuousRangeError, rangeItems, resolveRange } from '../sources/range.js';
import { gitSync, repoRoot } from '../git.js';

/** Without a range: the CI's own variables, else the upstream of the current branch. */
function requestedRange(spec: string | undefined, env: NodeJS.ProcessEnv, cwd: string): RangeRequest {
  if (spec) return parseRange(spec);
  const fromCi = rangeFromEnv(env);
  if (fromCi) return fromCi;
  const root = repoRoot(cwd) ?? cwd;
  const upstream = gitSync(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  if (upstream.status === 0) {
    const name = upstream.stdout.toString('utf8').trim();
    return { base: name, head: 'HEAD', source: `the upstream of the current branch (${name}..HEAD)` };
  }
  throw new UsageError('no range given, no CI range in the environment, and the current branch has no upstream: give one, e.g. `leaklint diff origin/main..HEAD`');
}

export const diffCommand: Command = {
  command: 'diff [range]',
  describe: 'CI: scan every commit of a range (base, base..head, base...head; default: from the CI environment)',
  builder: (y) =>
    common(y)
      .positional('range', { type: 'string', describe: '<base>, <base>..<head> or <base>...<head>' })
      .option('allow-empty', { type: 'boolean', default: false, describe: 'exit 0 with a warning instead of failing when the range is empty or cannot be seen' }),
  async run(args, io) {
    const config = configFor(args, io);
    const request = requestedRange(args.range as string | undefined, io.env, io.cwd);
    let range;
    try {
      range = resolveRange(io.cwd, request);
    } catch (e) {
      if (!(e instanceof VacuousRangeError)) throw e;
      if (!args['allow-empty']) throw new UsageError(`${e.message}\n(--allow-empty accepts this and exits 0)`);
      io.stderr.write(`leaklint: warning: nothing scanned. ${e.message}\n`);
      return 0;
    }
    io.stderr.write(`leaklint: scanning ${range.commits.length} commit${range.commits.length === 1 ? '' : 's'} (${range.label}, from ${range.source})\n`);
    const maxFileSize = args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    async function* items() {
      yield* rangeItems(range!, maxFileSize);
    }
    return runScan(items(), 'ci', args, io, config);
  },
};
