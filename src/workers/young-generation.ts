// V8 tuning for a history walk's main thread: set at launch, and again
// once each triage worker is up (see startTriageWorker).

import { createRequire } from 'node:module';

/**
 * Hold the young generation at its first size. A history walk keeps on the
 * main thread what it reads (every commit, blob id and path) for the whole
 * run: most of what the thread allocates survives its first collections,
 * and V8 takes that as a sign to grow the young generation to its largest,
 * two semi-spaces of 16 MB, room the walk has no garbage to fill. Held, the
 * big bench corpus's audit peaks ~35 MB lower at the same speed.
 *
 * The growth factor is a flag of the whole process that V8 reads at each
 * collection, and that it resets to 2 whenever an isolate is made (a worker
 * thread's): so it is set again after each worker is online. Only on the V8
 * versions known to have it: V8 prints an error for a flag it does not know.
 */
export function keepYoungGenerationSmall(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major < 11 || major > 13) return;
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
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
