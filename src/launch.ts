// What bin/leaklint.js loads first: a small bundle (dist/launch.cjs) that
// starts the staged scan's git processes, then compiles the CLI's bundle
// (dist/leaklint.cjs) from V8's code cache, so both overlap with what Node
// must do anyway. The start-up machinery lives here and in the git layer;
// the shim in bin/ only sets the exit code.
import { join } from 'node:path';
import { leavePrestarted, prestartStaged } from './git/staged-prestart.js';
import { cacheDir, loadCachedCommonJs } from './start/code-cache.js';
import { EXIT_USAGE } from './cli/io.js';
import { tuneHeapForHistoryWalk, walksHistory } from './git/history-heap.js';

interface CliExports {
  main(argv: string[]): Promise<number>;
  installInterruptHandlers(): void;
  scrubInternalError(err: unknown): Promise<string>;
}

/** Run the CLI bundle in `dist` on `argv`; resolves to the exit code. */
export async function launch(argv: string[], dist: string): Promise<number> {
  // Before the CLI loads: its start alone grows the young generation to 8 MB.
  if (walksHistory(argv)) tuneHeapForHistoryWalk();
  // A plain `staged` command's git processes start first, so git reads the index while the CLI loads.
  try {
    leavePrestarted(prestartStaged(argv, process.cwd()));
  } catch {
    // Only a head start is lost (a deleted working directory, say): the CLI itself reports what is wrong.
  }
  // The hook's and CI's commands keep their own compiled code; every other command shares one cache.
  const cli = loadCachedCommonJs(
    join(dist, 'leaklint.cjs'),
    argv[0] === 'staged' || argv[0] === 'diff' ? argv[0] : 'cli',
    cacheDir(),
  );
  const { main, installInterruptHandlers, scrubInternalError } = cli.exports as unknown as CliExports;
  installInterruptHandlers();
  try {
    const code = await main(argv);
    // The cache keeps the code this run compiled, for good: only a run that did its command's work (clean,
    // findings, or a scan that could not read everything) writes it. A usage error compiles little of what the
    // next runs need.
    if (code !== EXIT_USAGE) cli.save();
    return code;
  } catch (err) {
    process.stderr.write(`leaklint: internal error: ${await scrubInternalError(err)}\n`);
    return 2;
  }
}
