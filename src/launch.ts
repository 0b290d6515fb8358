// What bin/leaklint.js loads first: a small bundle (dist/launch.cjs) that
// starts the staged scan's git processes, then compiles the CLI's bundle
// (dist/leaklint.cjs) from V8's code cache, so both overlap with what Node
// must do anyway. The start-up machinery lives here and in the git layer;
// the shim in bin/ only sets the exit code.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { leavePrestarted, prestartStaged } from './git/staged-prestart.js';
import { cacheDir, loadCachedCommonJs } from './start/code-cache.js';

interface CliExports {
  main(argv: string[]): Promise<number>;
  installInterruptHandlers(): void;
  scrubInternalError(err: unknown): Promise<string>;
}

/**
 * Whether `argv` asks for a walk of a whole history: `history`, `audit`, or
 * no command at all (an audit). Options before a command are read as no
 * command: the only cost of a wrong guess is memory.
 */
export function walksHistory(argv: readonly string[]): boolean {
  const first = argv[0];
  return first === undefined || first === 'history' || first === 'audit' || first.startsWith('-');
}

/**
 * A history walk keeps on the main thread what it reads (every commit, blob
 * id and path) for the whole run: most of what the thread allocates
 * survives its first collections, and V8 takes that as a sign to grow the
 * young generation to its largest, two semi-spaces of 16 MB, room the walk
 * has no garbage to fill. Held at its first size, the big bench corpus's
 * audit peaks ~35 MB lower at the same speed. The flag is read at each
 * collection, so setting it after start-up works; it is the whole
 * process's (the history workers' young generations are capped anyway). It
 * is set only on the V8 versions known to have it: an unknown flag makes V8
 * print an error.
 */
export function keepYoungGenerationSmall(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major < 11 || major > 13) return;
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/** Run the CLI bundle in `dist` on `argv`; resolves to the exit code. */
export async function launch(argv: string[], dist: string): Promise<number> {
  if (walksHistory(argv)) keepYoungGenerationSmall();
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
    cli.save();
    return code;
  } catch (err) {
    process.stderr.write(`leaklint: internal error: ${await scrubInternalError(err)}\n`);
    return 2;
  }
}
