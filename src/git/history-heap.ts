// V8 tuning for a history walk: set at launch, and again once each triage
// worker is up (see startTriageWorker).

import { createRequire } from 'node:module';

/**
 * Heap settings for a history walk, whose threads keep little garbage for
 * long and whose memory peak is the audit's (measured on the big bench
 * corpus, in paired runs at the same speed):
 * - the young generation held at its first size: the walk keeps on the
 *   main thread what it reads (every commit, blob id and path), most of
 *   what the thread allocates survives its first collections, and V8 took
 *   that as a sign to grow it to its largest, two semi-spaces of 16 MB, room
 *   the walk has no garbage to fill (~35 MB less at the peak);
 * - each heap let grow to 3 times what survived its last full collection
 *   before the next, where V8's own choice went up to 4 times: a worker's
 *   garbage is the text of the big files it scanned in full, megabytes each,
 *   kept until a full collection (~30 MB less at the peak).
 *
 * Both are flags of the whole process that V8 reads at each collection, so
 * they work when set after start-up; but it resets the growth factor
 * whenever an isolate is made (a worker thread's), so they are set again
 * once each worker is online. Only on the V8 versions known to have them: V8
 * prints an error for a flag it does not know.
 */
export function tuneHeapForHistoryWalk(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major < 11 || major > 13) return;
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=200');
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
