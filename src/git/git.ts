// The only module that runs git. Every call goes through the policy of
// git-policy.ts, which keeps a scanned (possibly hostile) repository from
// running code, fetching, waiting on a prompt or changing what git prints.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { BlobRequests, TriageInput, TriagedBlob, WorkerToMain } from '../workers/triage-protocol.js';
import type { RuleSetRecipe } from '../scan/rule-set.js';
import { tuneHeapForHistoryWalk } from './history-heap.js';
import { policyArgs, policyEnv } from './policy.js';

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: 'missing' | 'not-a-repo' | 'failed',
  ) {
    super(message);
  }
}

/** The environment of every git process leaklint starts (see git-policy.ts). */
export function safeEnv(): NodeJS.ProcessEnv {
  return policyEnv(process.env);
}

/** A git command line under leaklint's policy: pinned configuration and global options before the subcommand. */
export function gitArgs(args: string[]): string[] {
  return policyArgs(args);
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  status: number;
}

/** Run git to completion (small outputs). Throws GitError when git is missing. */
export function gitSync(cwd: string, args: string[], input?: string | Buffer): GitResult {
  const r = spawnSync('git', gitArgs(args), {
    cwd,
    env: safeEnv(),
    input,
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A git that exits before reading all its input (EPIPE) has still exited: its status and message say why.
  if (r.error && !((r.error as NodeJS.ErrnoException).code === 'EPIPE' && r.status !== null)) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new GitError('git is not installed or not on PATH', 'missing');
    throw new GitError(`git ${args[0]} failed: ${r.error.message}`, 'failed');
  }
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), status: r.status ?? 1 };
}

/**
 * Where git itself would run hooks from (`rev-parse --git-path hooks`:
 * core.hooksPath from any scope, include files too, else the hooks
 * directory), and the scope that set core.hooksPath. The one call made
 * without the core.hooksPath override, which would mask the answer; it runs
 * no hook and reads no file content.
 */
export function gitHooksPath(cwd: string): { path: string; scope?: string } {
  const run = (args: string[]) => {
    const all = gitArgs(args);
    const kept: string[] = [];
    for (let i = 0; i < all.length; i++) {
      if (all[i] === '-c' && all[i + 1]?.startsWith('core.hooksPath=')) i++;
      else kept.push(all[i]!);
    }
    const r = spawnSync('git', kept, { cwd, env: safeEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.error) throw new GitError(`git ${args[0]} failed: ${r.error.message}`, 'failed');
    return { status: r.status ?? 1, stdout: r.stdout.toString('utf8').replace(/\n$/, '') };
  };
  const path = run(['rev-parse', '--git-path', 'hooks']);
  if (path.status !== 0 || !path.stdout) throw new GitError('git rev-parse --git-path hooks failed', 'failed');
  const scope = run(['config', '--show-scope', '--get', 'core.hooksPath']);
  return { path: path.stdout, ...(scope.status === 0 ? { scope: scope.stdout.split('\t')[0] } : {}) };
}

/** Run git and return stdout as text; throws GitError on a non-zero exit. */
export function git(cwd: string, args: string[], input?: string | Buffer): string {
  const r = gitSync(cwd, args, input);
  if (r.status !== 0) {
    const msg = r.stderr.trim().split('\n').pop() ?? '';
    if (/not a git repository/i.test(r.stderr)) throw new GitError(`not a git repository: ${cwd}`, 'not-a-repo');
    throw new GitError(`git ${args[0]} failed: ${msg}`, 'failed');
  }
  return r.stdout.toString('utf8');
}

/** Run git and return stdout as bytes (patches, blobs: no lossy decoding); throws GitError on a non-zero exit. */
export function gitBytes(cwd: string, args: string[], input?: string | Buffer): Buffer {
  const r = gitSync(cwd, args, input);
  if (r.status !== 0) {
    if (/not a git repository/i.test(r.stderr)) throw new GitError(`not a git repository: ${cwd}`, 'not-a-repo');
    throw new GitError(`git ${args[0]} failed: ${r.stderr.trim().split('\n').pop() ?? ''}`, 'failed');
  }
  return r.stdout;
}

/** The work tree's top directory, or undefined outside a repository (or when git is missing). */
export function repoRoot(cwd: string): string | undefined {
  try {
    const r = gitSync(cwd, ['rev-parse', '--show-toplevel']);
    return r.status === 0 ? r.stdout.toString('utf8').trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the repository is a shallow clone (history before its boundary is missing). */
export function isShallow(root: string): boolean {
  return gitSync(root, ['rev-parse', '--is-shallow-repository']).stdout.toString('utf8').trim() === 'true';
}

/** The work tree's top directory; a clear GitError when git is missing or `cwd` is not in a repository. */
export function requireRepoRoot(cwd: string, why: string): string {
  const r = gitSync(cwd, ['rev-parse', '--show-toplevel']);
  if (r.status === 0) return r.stdout.toString('utf8').trim();
  // A bare repository has history but no work tree: its git directory stands in for the top.
  const bare = gitSync(cwd, ['rev-parse', '--is-bare-repository', '--absolute-git-dir']);
  const [isBare, gitDir] = bare.stdout.toString('utf8').trim().split('\n');
  if (bare.status === 0 && isBare === 'true' && gitDir) return gitDir;
  throw new GitError(`not a git repository: ${cwd} (${why})`, 'not-a-repo');
}

/** Paths (relative to `cwd`) of tracked files, plus untracked non-ignored ones when asked. */
export function listFiles(cwd: string, pathspecs: string[], untracked: boolean): string[] {
  const args = ['ls-files', '-z', '--cached'];
  if (untracked) args.push('--others', '--exclude-standard');
  args.push('--', ...pathspecs);
  const out = git(cwd, args);
  const files = out.split('\0').filter(Boolean);
  return [...new Set(files)];
}

/** Streaming git processes still running, so an interrupted scan can end them. */
const liveChildren = new Set<ReturnType<typeof spawn>>();

/** Threads that run a streaming git process (see `triageWorker`), ended with it. */
const liveWorkers = new Set<Worker>();

/** End every streaming git process leaklint started (on SIGINT/SIGTERM). */
export function killGitChildren(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of liveChildren) child.kill(signal);
  liveChildren.clear();
  for (const worker of liveWorkers) worker.postMessage({ type: 'kill', signal });
  liveWorkers.clear();
}

/** A long-running git process whose stdout is streamed (big outputs). */
export function gitStream(cwd: string, args: string[]) {
  const child = spawn('git', gitArgs(args), { cwd, env: safeEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  liveChildren.add(child);
  child.once('close', () => liveChildren.delete(child));
  child.once('error', () => liveChildren.delete(child));
  return child;
}

/** A git process started now whose output is wanted later (see `staged-prestart.ts`). */
export interface PendingGit {
  child: ReturnType<typeof spawn>;
  /** Whether `result` is in. */
  settled: boolean;
  /** stdout and the exit status; undefined when git could not be started or was killed. */
  result: Promise<{ stdout: Buffer; status: number } | undefined>;
}

/**
 * Start git in the background with the same safe options as `gitSync`
 * (`env`: `safeEnv()`, computed once for several calls). Only stdout is
 * piped, the cheapest process to start: a caller that needs git's error
 * message runs the command again with `gitSync`.
 */
export function gitLater(cwd: string, args: string[], env: NodeJS.ProcessEnv = safeEnv()): PendingGit {
  const child = spawn('git', gitArgs(args), { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
  liveChildren.add(child);
  const out: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  const pending = { child, settled: false } as PendingGit;
  pending.result = new Promise((done) => {
    const settle = (r: { stdout: Buffer; status: number } | undefined) => {
      liveChildren.delete(child);
      pending.settled = true;
      done(r);
    };
    child.once('error', () => settle(undefined));
    child.once('close', (code) => settle(code === null ? undefined : { stdout: Buffer.concat(out), status: code }));
  });
  return pending;
}

/** Let an interrupt end a git process that another copy of this module started (the launcher's). */
export function adoptGitChild(child: ReturnType<typeof spawn>): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  liveChildren.add(child);
  child.once('close', () => liveChildren.delete(child));
}

/**
 * Split a stream of bytes into NUL-terminated records (latin1, so offsets
 * stay bytes), given a chunk's worth at a time: a history's log is hundreds
 * of thousands of records, and a promise per record cost more than reading it.
 */
export async function* nulRecords(stream: NodeJS.ReadableStream): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of stream) {
    const parts = (rest + (chunk as Buffer).toString('latin1')).split('\0');
    rest = parts.pop()!;
    if (parts.length) yield parts;
  }
  if (rest) yield [rest];
}

/** One answer of `git cat-file --batch`; `damaged`: git died reading it (answered so by `catFileBatch`, which started a new git). */
export type BlobResult =
  | { oid: string; missing: true; damaged?: boolean }
  | { oid: string; missing: false; size: number; data?: Buffer };

/**
 * Parses `git cat-file --batch` output fed in arbitrary chunks: a header
 * line (`<oid> <type> <size>`, or `<name> missing`), then exactly `size`
 * bytes and a newline. Contents over `maxSize` are counted past without
 * being kept, so memory stays bounded by the limit, not by the blob.
 */
export class CatFileBatchReader {
  private buf: Buffer = Buffer.alloc(0);
  private pending: { oid: string; size: number; parts: Buffer[] | undefined; got: number } | undefined;
  private scratch: Buffer | undefined;

  /**
   * @param reuse assemble a blob that spans chunks in one buffer the reader
   *   keeps reusing (valid until the next `push`), for a caller done with each
   *   blob before it feeds more: a gigabyte of history then allocates a few
   *   megabytes, not a gigabyte, and the collector has next to nothing to do.
   */
  constructor(
    private readonly maxSize: number,
    private readonly reuse = false,
  ) {}

  /** A blob's bytes from its parts: a blob inside one chunk is a view of it, no copy. */
  private assemble(parts: Buffer[], size: number): Buffer {
    if (parts.length === 1) return parts[0]!;
    if (!this.reuse || parts.length === 0) return Buffer.concat(parts, size);
    if (!this.scratch || this.scratch.length < size)
      this.scratch = Buffer.allocUnsafeSlow(Math.max(size, 2 * (this.scratch?.length ?? 0), 1 << 20));
    let at = 0;
    for (const part of parts) at += part.copy(this.scratch, at);
    return this.scratch.subarray(0, size);
  }

  /** Feed the next chunk of output; returns the objects it completes. */
  push(chunk: Buffer): BlobResult[] {
    const out: BlobResult[] = [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const pending = this.pending;
      if (pending) {
        const need = pending.size + 1 - pending.got; // content plus its trailing newline
        const take = Math.min(need, this.buf.length);
        if (pending.parts && pending.got < pending.size)
          pending.parts.push(this.buf.subarray(0, Math.min(take, pending.size - pending.got)));
        pending.got += take;
        this.buf = this.buf.subarray(take);
        if (pending.got < pending.size + 1) break;
        this.pending = undefined;
        out.push(
          pending.parts
            ? { oid: pending.oid, missing: false, size: pending.size, data: this.assemble(pending.parts, pending.size) }
            : { oid: pending.oid, missing: false, size: pending.size },
        );
        continue;
      }
      const nl = this.buf.indexOf(10);
      if (nl === -1) break;
      const header = this.buf.subarray(0, nl).toString('latin1');
      this.buf = this.buf.subarray(nl + 1);
      const m = /^(\S+) (\S+) (\d+)$/.exec(header);
      if (!m) {
        out.push({ oid: header.split(' ')[0]!, missing: true });
        continue;
      }
      const size = Number(m[3]);
      this.pending = { oid: m[1]!, size, parts: size <= this.maxSize ? [] : undefined, got: 0 };
    }
    return out;
  }
}

/** How far (bytes) a triage worker's answers may run ahead of the scan: enough to keep git busy, little enough to keep memory flat. */
const OFF_THREAD_AHEAD = 4 * 1024 * 1024;

/** The output of one git process fed `input`, as it comes. Throws GitError when git exits non-zero. */
export async function* gitOutput(cwd: string, args: string[], input: string): AsyncGenerator<Buffer> {
  const child = gitStream(cwd, args);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin!.on('error', () => {});
  child.stdin!.end(input);
  const exit = new Promise<number>((r) => child.once('close', (c) => r(c ?? 1)));
  try {
    for await (const chunk of child.stdout!) yield chunk as Buffer;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exit;
  if (code !== 0) {
    if (/not a git repository/i.test(stderr)) throw new GitError(`not a git repository: ${cwd}`, 'not-a-repo');
    throw new GitError(`git ${args[0]} failed: ${stderr.trim().split('\n').pop() ?? ''}`, 'failed');
  }
}

/**
 * The triage worker's file: dist/triage-worker.cjs, beside the bundle this
 * module is built into. Running from the TypeScript sources (tests in-process)
 * there is none beside this module, and callers then read blobs in-process
 * rather than start a worker built from other code than the one running.
 */
function triageWorkerFile(): URL | undefined {
  const url = new URL(['.', 'triage-worker.cjs'].join('/'), import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Blob ids handed to a reader as they are found; answers come back in the same order. */
export interface BlobFeed<T> {
  add(oid: string, path: string): void;
  /** Hand over ids still held back for a fuller batch. */
  flush?(): void;
  end(): void;
  readonly results: AsyncIterable<T>;
}

/** A triage worker (see workers/triage.ts), ended with the other git work on an interrupt; undefined where it is not built. */
export function startTriageWorker(data: TriageInput): Worker | undefined {
  const file = triageWorkerFile();
  if (!file) return undefined;
  // A small young generation: the worker's garbage is chunks already searched, not worth megabytes of slack.
  // Loaded here, not at start-up: only a big history audit starts a thread.
  const { Worker: WorkerThread } = createRequire(import.meta.url)(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  const worker = new WorkerThread(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  // Its new isolate reset a flag of the heap settings of a history walk (set at launch: only a history walk starts
  // these workers).
  worker.once('online', tuneHeapForHistoryWalk);
  liveWorkers.add(worker);
  worker.once('exit', () => liveWorkers.delete(worker));
  return worker;
}

/**
 * `git cat-file --batch` on a worker thread that also gives each blob the
 * engine's first pass (see workers/triage.ts): only blobs a rule may
 * match come back with their bytes. Undefined when the worker is not built.
 */
export function triageWorker(
  cwd: string,
  request: { maxSize: number; recipe: RuleSetRecipe },
): BlobFeed<TriagedBlob> | undefined {
  const worker = startTriageWorker({ cwd, ...request, limit: OFF_THREAD_AHEAD, batchBytes: 512 * 1024 });
  if (!worker) return undefined;
  let pending: BlobRequests = { type: 'blobs', oids: [], paths: [], whole: [] };
  const send = () => {
    if (pending.oids.length === 0) return;
    worker.postMessage(pending);
    pending = { type: 'blobs', oids: [], paths: [], whole: [] };
  };
  const queue: Array<{ blobs: TriagedBlob[]; bytes: number } | undefined> = [];
  let head = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: WorkerToMain) => {
    if (m.type === 'blobs') queue.push({ blobs: m.blobs, bytes: m.bytes });
    else if (m.type === 'end') ended = true;
    else if (m.type === 'error') failure = new GitError(`git cat-file failed: ${m.message}`, 'failed');
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', () => {
    ended = true;
    notify();
  });
  const results = (async function* () {
    try {
      for (;;) {
        if (head < queue.length) {
          const batch = queue[head]!;
          queue[head++] = undefined;
          yield* batch.blobs;
          worker.postMessage({ type: 'ack', bytes: batch.bytes });
          continue;
        }
        if (failure) throw failure;
        if (ended) break;
        await new Promise<void>((r) => (wake = r));
      }
    } finally {
      liveWorkers.delete(worker);
      worker.postMessage({ type: 'kill', signal: 'SIGTERM' });
      await worker.terminate();
    }
  })();
  return {
    add(oid, path) {
      pending.oids.push(oid);
      pending.paths.push(path);
      pending.whole.push(path.toLowerCase().endsWith('.ipynb'));
    },
    // The caller decides when ids go out in a batch (blob-feed.ts: full batches, or when git is about to run dry).
    flush: send,
    end() {
      send();
      worker.postMessage({ type: 'end' });
    },
    results,
  };
}

/**
 * How many times one read starts `git cat-file --batch` again after an
 * object it died on; past that the repository is too damaged to audit
 * object by object, and the scan stops with git's message.
 */
export const CAT_FILE_RESTARTS = 100;

/**
 * Whether git's message on dying names `oid`: then that object is what it
 * could not read (a truncated or corrupt object, a partial clone's absent one
 * it was not allowed to fetch), and the others can be read by a new git.
 * Any other death (bad configuration, no memory) is a failure of git.
 */
export function diedOn(stderr: string, oid: string): boolean {
  return stderr.includes(oid);
}

/** The last line of git's message, for an error. */
function lastLine(stderr: string): string {
  return stderr.trim().split('\n').pop() ?? '';
}

/**
 * One long-lived `git cat-file --batch` reading many blobs in order. Blobs
 * over `maxSize` are read past without being kept, so memory stays bounded.
 * git dies on a damaged object instead of answering "missing": that object
 * is answered missing (`damaged`) and a new git reads the ones after it, so
 * one bad object costs itself only (at most CAT_FILE_RESTARTS times).
 */
export async function* catFileBatch(
  cwd: string,
  oids: AsyncIterable<string> | Iterable<string>,
  maxSize: number,
): AsyncGenerator<BlobResult> {
  // Ids given to git and not answered yet, in order: when git dies, the first is the object it died on.
  let asked: string[] = [];
  let head = 0;
  let inputDone = false;
  let writeError: unknown;
  const start = () => {
    const c = gitStream(cwd, ['cat-file', '--batch']);
    let stderr = '';
    c.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-8192)));
    c.stdin!.on('error', () => {}); // a git that died: what it was not given goes to the next one
    const closed = new Promise<string>((r) => {
      c.once('close', () => r(stderr));
      c.once('error', () => r(stderr));
    });
    return { c, closed };
  };
  let child = start();
  const send = async (text: string) => {
    const { c, closed } = child;
    if (!c.stdin!.write(text)) await Promise.race([new Promise((r) => c.stdin!.once('drain', r)), closed]);
  };
  const writer = (async () => {
    try {
      for await (const oid of oids) {
        asked.push(oid); // and written at once: a restart re-sends exactly what was not answered
        await send(`${oid}\n`);
      }
    } catch (e) {
      writeError = e;
    } finally {
      inputDone = true;
      child.c.stdin!.end();
    }
  })();
  let reader = new CatFileBatchReader(maxSize);
  let restarts = 0;
  try {
    for (;;) {
      const { c, closed } = child;
      for await (const chunk of c.stdout!) {
        for (const blob of reader.push(chunk as Buffer)) {
          head++;
          yield blob;
        }
        if (head > 4096) {
          asked = asked.slice(head);
          head = 0;
        }
      }
      const stderr = await closed;
      if (head >= asked.length && inputDone) break;
      const bad = asked[head];
      if (bad === undefined || !diedOn(stderr, bad))
        throw new GitError(`git cat-file failed: ${lastLine(stderr) || 'it stopped before answering'}`, 'failed');
      if (++restarts > CAT_FILE_RESTARTS)
        throw new GitError(
          `git cat-file failed on more than ${CAT_FILE_RESTARTS} objects (the last: ${lastLine(stderr)}): the repository is damaged; \`git fsck\` lists what is wrong`,
          'failed',
        );
      head++;
      yield { oid: bad, missing: true, damaged: true };
      reader = new CatFileBatchReader(maxSize);
      child = start();
      const rest = asked.slice(head);
      if (rest.length) void send(rest.join('\n') + '\n');
      if (inputDone) child.c.stdin!.end();
    }
  } finally {
    child.c.kill();
  }
  await writer;
  if (writeError) throw writeError;
}
