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
const { cwd, maxSize, recipe, limit, batchBytes } = workerData;
const port = parentPort;
let engine;
const ready = contentRulesFrom(recipe).then((rules) => (engine = new Engine(rules)));
/** A copy the main thread can own: the reader's buffers may share memory with other blobs. */
function own(data) {
    const copy = new Uint8Array(data.length);
    copy.set(data);
    return copy;
}
/** Bytes of git's output read ahead of the triage, at most (then git waits). */
const READ_AHEAD = 8 * 1024 * 1024;
/** How long one turn of triage runs before the event loop reads git's output again. */
const SLICE_MS = 4;
/** How soon answers go out once the worker has caught up with git. */
const IDLE_FLUSH_MS = 20;
function fail(message) {
    port.postMessage({ type: 'error', message });
}
serveBlobs();
function serveBlobs() {
    const child = spawn('git', gitArgs(['cat-file', '--batch']), { cwd, env: safeEnv(), stdio: ['pipe', 'pipe', 'ignore'] });
    // Each blob is triaged (and copied when sent on) before the next chunk is fed: the reader may reuse its buffer.
    const reader = new CatFileBatchReader(maxSize, true);
    /** Requests not yet answered, in order: cat-file answers every id it is given, in the order given. */
    const asked = [];
    let askedAt = 0;
    const nextRequest = () => {
        let r = asked[0];
        while (askedAt >= r.oids.length) {
            asked.shift();
            askedAt = 0;
            r = asked[0];
        }
        const i = askedAt++;
        return { path: r.paths[i], whole: r.whole[i] };
    };
    let behind = 0;
    let batch = [];
    let transfer = [];
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
    const chunks = [];
    let queued = 0;
    let ended = false;
    let finished = false;
    let idleFlush;
    let scheduled = false;
    /** Read on while the main thread keeps up, and while the read-ahead is not full. */
    const regulate = () => {
        if (!engine || behind > limit || queued > READ_AHEAD)
            child.stdout.pause();
        else
            child.stdout.resume();
    };
    const flush = () => {
        if (clean)
            batch.push({ clean, bytes: cleanBytes });
        clean = cleanBytes = 0;
        lastFlush = Date.now();
        if (batch.length === 0)
            return;
        behind += batchSize;
        port.postMessage({ type: 'blobs', blobs: batch, bytes: batchSize }, transfer);
        batch = [];
        transfer = [];
        batchSize = 0;
    };
    const sendWhole = (oid, size, data) => {
        const owned = own(data);
        batch.push({ oid, size, data: owned });
        transfer.push(owned.buffer);
        batchSize += data.length;
    };
    const triageChunk = (chunk) => {
        for (const blob of reader.push(chunk)) {
            const { path, whole } = nextRequest();
            if (blob.missing)
                batch.push({ oid: blob.oid, missing: true });
            else if (!blob.data)
                batch.push({ oid: blob.oid, size: blob.size });
            else if (whole)
                sendWhole(blob.oid, blob.size, blob.data);
            else {
                const verdict = engine.triage(path, blob.data);
                if (verdict === 'clean') {
                    clean++;
                    cleanBytes += blob.size;
                    continue;
                }
                if (verdict === 'binary')
                    batch.push({ oid: blob.oid, size: blob.size, verdict: 'binary' });
                else
                    sendWhole(blob.oid, blob.size, blob.data);
            }
            batchSize += 64;
        }
    };
    const work = () => {
        scheduled = false;
        // A slice of a few milliseconds, then back to the event loop, which reads what git wrote meanwhile.
        const until = performance.now() + SLICE_MS;
        while (chunks.length && performance.now() < until && behind <= limit) {
            const chunk = chunks.shift();
            queued -= chunk.length;
            triageChunk(chunk);
            // Progress stays lively even through long runs of clean blobs.
            if (batchSize >= batchBytes || Date.now() - lastFlush >= 100)
                flush();
        }
        regulate();
        if (chunks.length)
            schedule();
        else if (ended && !finished) {
            finished = true;
            flush();
            port.postMessage({ type: 'end' });
        }
        else if (!idleFlush) {
            // Caught up with git: what is counted so far goes out soon even if git sends nothing more, since the
            // main thread hands over more ids as answers come back.
            idleFlush = setTimeout(() => {
                idleFlush = undefined;
                if (!finished)
                    flush();
            }, IDLE_FLUSH_MS);
        }
    };
    const schedule = () => {
        if (scheduled || !engine || behind > limit)
            return;
        scheduled = true;
        setImmediate(work);
    };
    child.stdout.pause(); // until the rules are built
    child.stdout.on('data', (chunk) => {
        chunks.push(chunk);
        queued += chunk.length;
        if (queued > READ_AHEAD)
            child.stdout.pause();
        schedule();
    });
    child.stdout.on('end', () => {
        ended = true;
        schedule();
    });
    child.on('error', (e) => fail(e.message));
    child.stdin.on('error', () => { });
    port.on('message', (m) => {
        if (m.type === 'blobs') {
            if (m.oids.length === 0)
                return;
            asked.push(m);
            child.stdin.write(`${m.oids.join('\n')}\n`);
        }
        else if (m.type === 'end')
            child.stdin.end();
        else if (m.type === 'ack') {
            behind -= m.bytes;
            regulate();
            schedule();
        }
        else if (m.type === 'kill') {
            child.kill(m.signal);
            port.close();
        }
    });
    ready.then(() => {
        regulate();
        schedule();
    }, (e) => {
        fail(`the worker could not build the rules: ${e.message}`);
        child.kill();
    });
}
