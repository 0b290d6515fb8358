// A triage worker of a big history audit: it gives every blob the engine's
// first pass (keyword search, rules on the lines around the hits). Most hold
// no candidate and end here as a count; the few where a rule matches (and
// notebooks) are scanned in full here too, and only their findings go back:
// next to nothing crosses between threads, and the main thread, which also
// walks the log and writes the report, does not do the rules' work. Blobs come from this worker's own `git cat-file --batch`,
// fed the ids the main thread sends while it walks the log.
import { parentPort, workerData } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { CAT_FILE_RESTARTS, CatFileBatchReader, diedOn, gitArgs, safeEnv } from '../git/git.js';
import { Engine } from '../scan/engine.js';
import { scanHistoryVersion } from '../scan/content.js';
import type { Origin } from '../types.js';
import { contentRulesFrom } from '../scan/rule-set.js';
import type { BlobRequests, MainToWorker, TriageInput, TriagedBlob } from './triage-protocol.js';

const { cwd, maxSize, recipe, limit, batchBytes } = workerData as TriageInput;
const port = parentPort!;
let engine: Engine | undefined;
const ready = contentRulesFrom(recipe).then((rules) => {
  engine = new Engine(rules);
  // A path's versions come to the worker that read its first one (see blob-feed.ts).
  engine.rememberCleanVersions();
});

/** The origin findings carry until the main thread, which knows each blob's first commit, sets theirs. */
const UNSET_ORIGIN: Origin = { kind: 'worktree' };

/** Bytes of git's output read ahead of the triage, at most (then git waits). */
const READ_AHEAD = 8 * 1024 * 1024;
/** How long one turn of triage runs before the event loop reads git's output again. */
const SLICE_MS = 4;
/** How soon answers go out once the worker has caught up with git. */
const IDLE_FLUSH_MS = 20;

function fail(message: string): void {
  port.postMessage({ type: 'error', message });
}

serveBlobs();

function serveBlobs(): void {
  // Each blob is triaged (and copied when sent on) before the next chunk is fed: the reader may reuse its buffer.
  let reader = new CatFileBatchReader(maxSize, true);

  /** Requests not yet answered, in order: cat-file answers every id it is given, in the order given. */
  const asked: BlobRequests[] = [];
  let askedAt = 0;
  /** Ids given to git and not answered yet. */
  let unanswered = 0;
  const nextRequest = (): { oid: string; path: string; whole: boolean } => {
    let r = asked[0]!;
    while (askedAt >= r.oids.length) {
      asked.shift();
      askedAt = 0;
      r = asked[0]!;
    }
    const i = askedAt++;
    unanswered--;
    return { oid: r.oids[i]!, path: r.paths[i]!, whole: r.whole[i]! };
  };
  /** The ids still to be answered, in order (for a new git after one died). */
  const unansweredOids = (): string[] => {
    const out: string[] = [];
    asked.forEach((r, n) => out.push(...(n === 0 ? r.oids.slice(askedAt) : r.oids)));
    return out;
  };

  let behind = 0;
  let batch: TriagedBlob[] = [];
  let batchSize = 0;
  let clean = 0;
  let cleanBytes = 0;
  let lastFlush = Date.now();

  /**
   * git's output, read as soon as it comes and triaged a slice at a time:
   * the socket between git and this thread holds a few hundred kB, so a
   * thread that read only between blobs would leave git waiting on a full
   * buffer for as long as each triage takes.
   */
  const chunks: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let finished = false;
  let idleFlush: ReturnType<typeof setTimeout> | undefined;
  let scheduled = false;

  /** Read on while the main thread keeps up, and while the read-ahead is not full. */
  const regulate = () => {
    if (!engine || behind > limit || queued > READ_AHEAD) child.stdout.pause();
    else child.stdout.resume();
  };

  const flush = () => {
    if (clean) batch.push({ clean, bytes: cleanBytes });
    clean = cleanBytes = 0;
    lastFlush = Date.now();
    if (batch.length === 0) return;
    behind += batchSize;
    port.postMessage({ type: 'blobs', blobs: batch, bytes: batchSize });
    batch = [];
    batchSize = 0;
  };

  /** Scan a blob in full here (its triage, or its kind, asked for it): only the findings cross to the main thread. */
  const sendScanned = (oid: string, size: number, path: string, data: Uint8Array, triaged: boolean) => {
    const scanned = scanHistoryVersion(engine!, path, data, UNSET_ORIGIN, triaged);
    batch.push({ oid, size, scanned });
    batchSize += 256 * scanned.findings.length;
  };

  const triageChunk = (chunk: Buffer) => {
    for (const blob of reader.push(chunk)) {
      const { path, whole } = nextRequest();
      if (blob.missing) batch.push({ oid: blob.oid, missing: true });
      else if (!blob.data) batch.push({ oid: blob.oid, size: blob.size });
      else if (whole) sendScanned(blob.oid, blob.size, path, blob.data, false);
      else {
        const verdict = engine!.triage(path, blob.data);
        if (verdict === 'clean') {
          clean++;
          cleanBytes += blob.size;
          continue;
        }
        if (verdict === 'binary') batch.push({ oid: blob.oid, size: blob.size, verdict: 'binary' });
        else sendScanned(blob.oid, blob.size, path, blob.data, true);
      }
      batchSize += 64;
    }
  };

  const work = () => {
    scheduled = false;
    // A slice of a few milliseconds, then back to the event loop, which reads what git wrote meanwhile.
    const until = performance.now() + SLICE_MS;
    while (chunks.length && performance.now() < until && behind <= limit) {
      const chunk = chunks.shift()!;
      queued -= chunk.length;
      triageChunk(chunk);
      // Progress stays lively even through long runs of clean blobs.
      if (batchSize >= batchBytes || Date.now() - lastFlush >= 100) flush();
    }
    regulate();
    if (chunks.length) schedule();
    else if (ended && !finished) {
      const next = restart();
      if (next === 'restarted') schedule();
      else {
        finished = true;
        if (next === 'done') {
          flush();
          port.postMessage({ type: 'end' });
        }
      }
    } else if (!idleFlush) {
      // Caught up with git: what is counted so far goes out soon even if git sends nothing more, since the
      // main thread hands over more ids as answers come back.
      idleFlush = setTimeout(() => {
        idleFlush = undefined;
        if (!finished) flush();
      }, IDLE_FLUSH_MS);
    }
  };
  const schedule = () => {
    if (scheduled || !engine || behind > limit) return;
    scheduled = true;
    setImmediate(work);
  };

  let child!: ChildProcessWithoutNullStreams;
  /** git's last words, to tell an object it died on from a failure of git itself. */
  let stderr = '';
  let inputEnded = false;
  let restarts = 0;
  const startGit = () => {
    const c = spawn('git', gitArgs(['cat-file', '--batch']), { cwd, env: safeEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    child = c;
    stderr = '';
    c.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-8192)));
    if (!engine)
      c.stdout.pause(); // until the rules are built
    else regulate();
    c.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      queued += chunk.length;
      if (queued > READ_AHEAD) c.stdout.pause();
      schedule();
    });
    // 'close', not the end of stdout: git's message is then complete too.
    c.on('close', () => {
      ended = true;
      schedule();
    });
    c.on('error', (e) => fail(e.message));
    c.stdin.on('error', () => {});
  };

  /**
   * git ended with ids unanswered: it died on the first of them (a damaged
   * object, or a partial clone's absent one). That one is answered missing
   * and a new git reads the rest; any other death is an error.
   */
  const restart = (): 'done' | 'restarted' | 'failed' => {
    if (unanswered === 0 && inputEnded) return 'done';
    const bad = unanswered > 0 ? nextRequest() : undefined;
    const last = stderr.trim().split('\n').pop() || 'it stopped before answering';
    if (!bad || !diedOn(stderr, bad.oid)) {
      fail(`git cat-file failed: ${last}`);
      return 'failed';
    }
    if (++restarts > CAT_FILE_RESTARTS) {
      fail(
        `git cat-file failed on more than ${CAT_FILE_RESTARTS} objects (the last: ${last}): the repository is damaged; \`git fsck\` lists what is wrong`,
      );
      return 'failed';
    }
    batch.push({ oid: bad.oid, missing: true });
    batchSize += 64;
    reader = new CatFileBatchReader(maxSize, true);
    ended = false;
    startGit();
    const rest = unansweredOids();
    if (rest.length) child.stdin.write(`${rest.join('\n')}\n`);
    if (inputEnded) child.stdin.end();
    return 'restarted';
  };

  startGit();
  port.on('message', (m: MainToWorker) => {
    if (m.type === 'blobs') {
      if (m.oids.length === 0) return;
      asked.push(m);
      unanswered += m.oids.length;
      child.stdin.write(`${m.oids.join('\n')}\n`);
    } else if (m.type === 'end') {
      inputEnded = true;
      child.stdin.end();
    } else if (m.type === 'ack') {
      behind -= m.bytes;
      regulate();
      schedule();
    } else if (m.type === 'kill') {
      child.kill(m.signal);
      port.close();
    }
  });
  ready.then(
    () => {
      regulate();
      schedule();
    },
    (e: Error) => {
      fail(`the worker could not build the rules: ${e.message}`);
      child.kill();
    },
  );
}
