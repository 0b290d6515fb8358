// Where the history walk's blobs are read: on a triage worker for big
// histories, on this thread for small ones. Ids are handed over as the log
// walk finds them, so git starts reading blobs while the log is still
// being written; which reader serves them is decided once enough ids have
// come (or the walk ended first).
import { availableParallelism } from 'node:os';
import { catFileBatch, gitSync, triageWorker } from '../../git/git.js';
import type { BlobFeed } from '../../git/git.js';
import type { Engine } from '../../scan/engine.js';
import type { TriagedBlob } from '../../workers/triage-protocol.js';
import { AsyncQueue } from '../../util/async-queue.js';

/** From this many unique blobs on, a worker thread reads and triages them (a thread costs more to start than it saves on fewer). */
export const OFF_THREAD_MIN_BLOBS = 2000;

/** One `git cat-file --batch` on this thread; every blob read comes back with its bytes for a full scan. */
function localFeed(root: string, maxSize: number): BlobFeed<TriagedBlob> {
  const oids = new AsyncQueue<string>();
  return {
    add: (oid) => oids.push(oid),
    end: () => oids.end(),
    results: (async function* () {
      for await (const b of catFileBatch(root, oids, maxSize))
        yield b.missing
          ? { oid: b.oid, missing: true as const }
          : b.data
            ? { oid: b.oid, size: b.size, data: b.data }
            : { oid: b.oid, size: b.size };
    })(),
  };
}

/** Items of several async iterables as each comes, in no fixed order across them. */
async function* merged<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const next = (i: number) => iterators[i]!.next().then((r) => ({ i, r }));
  const pending = new Map(iterators.map((_, i) => [i, next(i)]));
  try {
    while (pending.size) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) pending.delete(i);
      else {
        pending.set(i, next(i));
        yield r.value;
      }
    }
  } finally {
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}

/**
 * How many triage workers a big scan starts: one per core, up to four
 * (beyond that git and the disk are the limit), unless LEAKLINT_WORKERS
 * says otherwise (0: none, everything on the main thread; a container's
 * CPU quota is not what `availableParallelism` reports).
 */
export function triageWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.LEAKLINT_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return Math.min(Number(asked), 16);
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Blob ids a worker may have been given and not yet answered: enough to keep its git busy, few enough that no worker is left with a long tail. */
const WINDOW = 1000;

/** The answers of one worker, counted as they are taken (a count of clean blobs counts as that many). */
async function* counted(
  results: AsyncIterable<TriagedBlob>,
  answered: (n: number) => void,
): AsyncGenerator<TriagedBlob> {
  for await (const blob of results) {
    answered('clean' in blob ? blob.clean : 1);
    yield blob;
  }
}

/**
 * Several triage workers, each with its own `git cat-file`: git's inflating
 * and the rules' first pass then use every core. A path's versions go to the
 * worker that read its first one, whose git keeps the delta bases; each
 * worker holds at most WINDOW unanswered ids, the rest wait here, and a
 * worker that has fallen far behind passes versions on to one that has
 * not, so all of them finish together. Answers come in no fixed order
 * across workers (the history scan sorts what it reports). Undefined when
 * the worker is not built.
 */
function workerFeed(
  root: string,
  maxSize: number,
  recipe: NonNullable<Engine['recipe']>,
): BlobFeed<TriagedBlob> | undefined {
  const count = triageWorkerCount();
  if (count === 0) return undefined;
  const workers: BlobFeed<TriagedBlob>[] = [];
  for (let i = 0; i < count; i++) {
    const w = triageWorker(root, { maxSize, recipe });
    if (!w) return undefined;
    workers.push(w);
  }
  const outstanding = new Array<number>(count).fill(0);
  /** Ids given to each worker's feed and not yet posted to its thread (the feed batches them). */
  const held = new Array<number>(count).fill(0);
  const post = (w: number) => {
    workers[w]!.flush?.();
    held[w] = 0;
  };
  const home = new Map<string, number>();
  let waiting: Array<[string, string]> = [];
  let next = 0;
  let ending = false;
  let ended = false;
  const leastBusy = () => outstanding.indexOf(Math.min(...outstanding));
  const dispatch = (flush: boolean) => {
    for (; next < waiting.length; next++) {
      const [oid, path] = waiting[next]!;
      let w = home.get(path);
      if (w === undefined) home.set(path, (w = leastBusy()));
      if (outstanding[w]! >= WINDOW) {
        const other = leastBusy();
        if (outstanding[other]! >= WINDOW / 2) break; // every worker has enough to do
        w = other;
      }
      outstanding[w]!++;
      held[w]!++;
      workers[w]!.add(oid, path);
      // Post a full batch, or at once when the worker is about to run out of posted ids.
      if (held[w]! >= 256 || outstanding[w]! - held[w]! < 128) post(w);
    }
    if (next > 4096) {
      waiting = waiting.slice(next);
      next = 0;
    }
    if (flush) workers.forEach((_, w) => post(w));
    if (ending && !ended && next >= waiting.length) {
      ended = true;
      for (const w of workers) w.end();
    }
  };
  return {
    add(oid, path) {
      waiting.push([oid, path]);
      dispatch(false);
    },
    end() {
      ending = true;
      dispatch(true);
    },
    results: merged(
      workers.map((w, i) =>
        counted(w.results, (n) => {
          outstanding[i]! -= n;
          dispatch(true);
        }),
      ),
    ),
  };
}

/** Below this much packed and loose object data, one thread reads the whole repository quicker than threads start. */
export const ONE_THREAD_MAX_KIB = 8 * 1024;

/**
 * When the history's blobs go to worker threads, from the size of the
 * repository as `git count-objects -v` tells it (a few ms):
 * - 'never': under ONE_THREAD_MAX_KIB of objects, all of history is read and
 *   triaged on this thread in well under a second, and starting the threads
 *   and their rules would cost a tenth of a second more than it saves;
 * - 'now': enough objects (commits, trees and blobs, three for every blob)
 *   for OFF_THREAD_MIN_BLOBS unique blobs: the workers start while git log
 *   is still starting, instead of after the log has named that many blobs
 *   (a quarter of a second on a history of 6,000 commits);
 * - 'later': the log's own count decides (a walk of chosen refs, or a
 *   repository in between).
 * A worker count set in LEAKLINT_WORKERS keeps the size rule out of it.
 */
export function workerPlan(
  root: string,
  refsChosen: boolean,
  env: NodeJS.ProcessEnv = process.env,
): 'never' | 'now' | 'later' {
  if (env.LEAKLINT_WORKERS !== undefined) return 'later';
  const r = gitSync(root, ['count-objects', '-v']);
  if (r.status !== 0) return 'later';
  const text = r.stdout.toString('utf8');
  const count = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  // Loose objects' size is disk blocks (4 KiB each, however small the object): a text object's data is nearer 1 KiB.
  if (count('size-pack') + Math.min(count('size'), count('count')) < ONE_THREAD_MAX_KIB) return 'never';
  return !refsChosen && count('count') + count('in-pack') >= 3 * OFF_THREAD_MIN_BLOBS ? 'now' : 'later';
}

/** @param plan when workers take the blobs (see workerPlan). */
export function blobFeed(
  root: string,
  engine: Engine,
  maxSize: number,
  plan: 'never' | 'now' | 'later' = 'later',
): BlobFeed<TriagedBlob> {
  let target: BlobFeed<TriagedBlob> | undefined;
  const early: Array<[string, string]> = [];
  let chosen!: (feed: BlobFeed<TriagedBlob>) => void;
  const picked = new Promise<BlobFeed<TriagedBlob>>((r) => (chosen = r));
  const pick = (big: boolean) => {
    // Without a recipe the engine's rules exist only on this thread (a program built its own).
    const worker = big && engine.recipe ? workerFeed(root, maxSize, engine.recipe) : undefined;
    const feed = worker ?? localFeed(root, maxSize);
    for (const [oid, path] of early) feed.add(oid, path);
    early.length = 0;
    target = feed;
    chosen(feed);
  };
  if (plan !== 'later') pick(plan === 'now');
  return {
    add(oid, path) {
      if (target) return target.add(oid, path);
      early.push([oid, path]);
      if (early.length >= OFF_THREAD_MIN_BLOBS) pick(true);
    },
    end() {
      if (!target) pick(false);
      target!.end();
    },
    results: (async function* () {
      yield* (await picked).results;
    })(),
  };
}
