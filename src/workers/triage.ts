// A triage worker of a big history audit: it gives every blob the engine's
// first pass (keyword search, rules on the lines around the hits). Most hold
// no candidate and end here as a count; only the few where a rule matches go
// back, to be scanned in full on the main thread, so next to nothing crosses
// between threads. Blobs come from this worker's own `git cat-file --batch`,
// fed the ids the main thread sends while it walks the log.
import { parentPort, workerData } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { CatFileBatchReader, gitArgs, safeEnv } from '../git.js';
import { Engine } from '../engine.js';
import { contentRulesFrom } from '../rule-set.js';
import type { BlobRequests, MainToWorker, TriageInput, TriagedBlob } from './triage-protocol.js';

const { cwd, maxSize, recipe, limit, batchBytes } = workerData as TriageInput;
const port = parentPort!;
let engine: Engine | undefined;
const ready = contentRulesFrom(recipe).then((rules) => (engine = new Engine(rules)));

/** A copy the main thread can own: the reader's buffers may share memory with other blobs. */
function own(data: Uint8Array): Uint8Array {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy;
}

function fail(message: string): void {
  port.postMessage({ type: 'error', message });
}

serveBlobs();

function serveBlobs(): void {
  const child = spawn('git', gitArgs(['cat-file', '--batch']), { cwd, env: safeEnv(), stdio: ['pipe', 'pipe', 'ignore'] });
  const reader = new CatFileBatchReader(maxSize);

  /** Requests not yet answered, in order: cat-file answers every id it is given, in the order given. */
  const asked: BlobRequests[] = [];
  let askedAt = 0;
  const nextRequest = (): { path: string; whole: boolean } => {
    let r = asked[0]!;
    while (askedAt >= r.oids.length) {
      asked.shift();
      askedAt = 0;
      r = asked[0]!;
    }
    const i = askedAt++;
    return { path: r.paths[i]!, whole: r.whole[i]! };
  };

  let behind = 0;
  let batch: TriagedBlob[] = [];
  let transfer: ArrayBuffer[] = [];
  let batchSize = 0;
  let clean = 0;
  let cleanBytes = 0;
  let lastFlush = Date.now();

  const flush = () => {
    if (clean) batch.push({ clean, bytes: cleanBytes });
    clean = cleanBytes = 0;
    lastFlush = Date.now();
    if (batch.length === 0) return;
    behind += batchSize;
    port.postMessage({ type: 'blobs', blobs: batch, bytes: batchSize }, transfer);
    batch = [];
    transfer = [];
    batchSize = 0;
    if (behind > limit) child.stdout.pause();
  };

  const sendWhole = (oid: string, size: number, data: Uint8Array) => {
    const owned = own(data);
    batch.push({ oid, size, data: owned });
    transfer.push(owned.buffer as ArrayBuffer);
    batchSize += data.length;
  };

  child.stdout.pause(); // until the rules are built
  child.stdout.on('data', (chunk: Buffer) => {
    for (const blob of reader.push(chunk)) {
      const { path, whole } = nextRequest();
      if (blob.missing) batch.push({ oid: blob.oid, missing: true });
      else if (!blob.data) batch.push({ oid: blob.oid, size: blob.size });
      else if (whole) sendWhole(blob.oid, blob.size, blob.data);
      else {
        const verdict = engine!.triage(path, blob.data);
        if (verdict === 'clean') {
          clean++;
          cleanBytes += blob.size;
          continue;
        }
        if (verdict === 'binary') batch.push({ oid: blob.oid, size: blob.size, verdict: 'binary' });
        else sendWhole(blob.oid, blob.size, blob.data);
      }
      batchSize += 64;
    }
    // Progress stays lively even through long runs of clean blobs.
    if (batchSize >= batchBytes || Date.now() - lastFlush >= 100) flush();
  });
  child.stdout.on('end', () => {
    flush();
    port.postMessage({ type: 'end' });
  });
  child.on('error', (e) => fail(e.message));
  child.stdin.on('error', () => {});
  port.on('message', (m: MainToWorker) => {
    if (m.type === 'blobs') {
      if (m.oids.length === 0) return;
      asked.push(m);
      child.stdin.write(`${m.oids.join('\n')}\n`);
    } else if (m.type === 'end') child.stdin.end();
    else if (m.type === 'ack') {
      behind -= m.bytes;
      if (behind <= limit && engine) child.stdout.resume();
    } else if (m.type === 'kill') {
      child.kill(m.signal);
      port.close();
    }
  });
  ready.then(
    () => child.stdout.resume(),
    (e: Error) => {
      fail(`the worker could not build the rules: ${e.message}`);
      child.kill();
    },
  );
}
