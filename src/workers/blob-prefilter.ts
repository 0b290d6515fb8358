// The worker thread of a big history audit: it runs `git cat-file --batch`,
// cuts its output into blobs and sorts out the ones that need no scan
// (binary, or no keyword at all), so git and the byte-level keyword search
// use one core while the main thread runs the rules on the rest.
import { parentPort, workerData } from 'node:worker_threads';
import { CatFileBatchReader, gitArgs, safeEnv } from '../git.js';
import { KeywordMatcher } from '../keywords.js';
import { hasNoBom, isBinary } from '../text.js';
import { spawn } from 'node:child_process';
import type { PrefilterInput, PrefilteredBlob } from './prefilter-protocol.js';

const { cwd, input, maxSize, keywords, alwaysSend, limit, batchBytes } = workerData as PrefilterInput;
const port = parentPort!;
const matcher = new KeywordMatcher(keywords);
const sendWhole = new Set(alwaysSend);
const child = spawn('git', gitArgs(['cat-file', '--batch']), { cwd, env: safeEnv(), stdio: ['pipe', 'pipe', 'ignore'] });
const reader = new CatFileBatchReader(maxSize);

let behind = 0;
let batch: PrefilteredBlob[] = [];
let transfer: ArrayBuffer[] = [];
let batchSize = 0;

function flush(): void {
  if (batch.length === 0) return;
  behind += batchSize;
  port.postMessage({ type: 'blobs', blobs: batch, bytes: batchSize }, transfer);
  batch = [];
  transfer = [];
  batchSize = 0;
  if (behind > limit) child.stdout.pause();
}

/** A copy the main thread can own: the reader's buffers may share memory with other blobs. */
function own(data: Uint8Array): Uint8Array {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy;
}

child.stdout.on('data', (chunk: Buffer) => {
  for (const blob of reader.push(chunk)) {
    if (blob.missing || !blob.data) {
      batch.push(blob.missing ? { oid: blob.oid, missing: true } : { oid: blob.oid, size: blob.size });
      continue;
    }
    const { data } = blob;
    let out: PrefilteredBlob;
    if (!sendWhole.has(blob.oid) && hasNoBom(data)) {
      if (isBinary(data)) out = { oid: blob.oid, size: blob.size, verdict: 'binary' };
      else {
        const hits = matcher.searchBytes(data);
        if (hits.length === 0) out = { oid: blob.oid, size: blob.size, verdict: 'clean' };
        else {
          const packed = new Int32Array(hits.length * 2);
          hits.forEach((h, i) => {
            packed[2 * i] = h.keyword;
            packed[2 * i + 1] = h.start;
          });
          const owned = own(data);
          out = { oid: blob.oid, size: blob.size, data: owned, hits: packed };
          transfer.push(owned.buffer as ArrayBuffer, packed.buffer as ArrayBuffer);
          batchSize += data.length;
        }
      }
    } else {
      const owned = own(data);
      out = { oid: blob.oid, size: blob.size, data: owned };
      transfer.push(owned.buffer as ArrayBuffer);
      batchSize += data.length;
    }
    batch.push(out);
    // Clean blobs cost the main thread little, but count them so a long clean run still flushes.
    batchSize += 64;
  }
  if (batchSize >= batchBytes) flush();
});
child.stdout.on('end', () => {
  flush();
  port.postMessage({ type: 'end' });
});
child.on('error', (e) => port.postMessage({ type: 'error', message: e.message }));
child.stdin.on('error', () => {});
child.stdin.end(input);
port.on('message', (m: { type: string; bytes?: number; signal?: NodeJS.Signals }) => {
  if (m.type === 'ack') {
    behind -= m.bytes!;
    if (behind <= limit) child.stdout.resume();
  } else if (m.type === 'kill') {
    child.kill(m.signal);
    port.close();
  }
});
