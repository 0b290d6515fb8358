// Where the history walk's blobs are read: on a triage worker for big
// histories, on this thread for small ones. Ids are handed over as the log
// walk finds them, so git starts reading blobs while the log is still
// being written; which reader serves them is decided once enough ids have
// come (or the walk ended first).
import { availableParallelism } from 'node:os';
import { catFileBatch, triageWorker } from '../git.js';
import type { BlobFeed } from '../git.js';
import type { Engine } from '../engine.js';
import type { TriagedBlob } from '../workers/triage-protocol.js';
import { AsyncQueue } from '../async-queue.js';

/** From this many unique blobs on, a worker thread reads and triages them (a thread costs more to start than it saves on fewer). */
export const OFF_THREAD_MIN_BLOBS = 2000;

/** One `git cat-file --batch` on this thread; every blob read comes back with its bytes for a full scan. */
function localFeed(root: string, maxSize: number): BlobFeed<TriagedBlob> {
  const oids = new AsyncQueue<string>();
  return {
    add: (oid) => oids.push(oid),
    end: () => oids.end(),
    results: (async function* () {
      for await (const b of catFileBatch(root, oids, maxSize)) yield b.missing ? { oid: b.oid, missing: true as const } : b.data ? { oid: b.oid, size: b.size, data: b.data } : { oid: b.oid, size: b.size };
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

/** A stable small hash of a path: every version of a file goes to the same reader, whose git keeps its delta bases. */
function pathShard(path: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < path.length; i++) h = (h * 31 + path.charCodeAt(i)) | 0;
  return (h >>> 0) % shards;
}

/**
 * Several triage workers, each with its own `git cat-file`, blobs shared out
 * by path: git's inflating and the rules' first pass then use every core.
 * Answers come in no fixed order across workers (the history scan sorts
 * what it reports). Undefined when the worker is not built.
 */
function workerFeed(root: string, maxSize: number, recipe: NonNullable<Engine['recipe']>): BlobFeed<TriagedBlob> | undefined {
  const count = triageWorkerCount();
  if (count === 0) return undefined;
  const workers: BlobFeed<TriagedBlob>[] = [];
  for (let i = 0; i < count; i++) {
    const w = triageWorker(root, { maxSize, recipe });
    if (!w) return undefined;
    workers.push(w);
  }
  return {
    add: (oid, path) => workers[pathShard(path, count)]!.add(oid, path),
    end: () => workers.forEach((w) => w.end()),
    results: merged(workers.map((w) => w.results)),
  };
}

export function blobFeed(root: string, engine: Engine, maxSize: number): BlobFeed<TriagedBlob> {
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
