// The blobs a diff scan reads whole (staged changes, or one commit of a
// range): binary files (git saw NUL bytes: UTF-16 text, images, key stores)
// and the files a path rule looks into. Their sizes come from one
// `git cat-file --batch-check`, asked the first time any size is wanted
// (most commits never ask); the binary blobs within the size limit then come
// from one `git cat-file --batch`, in the order of the files, one at a time,
// so memory holds one blob. A blob read for a path rule outside that stream
// is read by itself.
import type { Origin } from '../../types.js';
import type { SourceItem } from '../../scan/scanner.js';
import { GitError, catFileBatch, gitSync } from '../../git/git.js';
import type { BlobResult } from '../../git/git.js';
import { SUBMODULE, fileDiffItems } from './items.js';
import type { FileDiff } from './patch.js';

/** A blob's size, asked before reading it so nothing over the size limit is ever held in memory. */
export function blobSize(root: string, oid: string): number | undefined {
  const r = gitSync(root, ['cat-file', '-s', oid]);
  return r.status === 0 ? Number(r.stdout.toString().trim()) : undefined;
}

/** Read one blob by id: no filters, no textconv, so nothing from the repository runs. */
export function readBlob(root: string, oid: string): Buffer | undefined {
  const r = gitSync(root, ['cat-file', 'blob', oid]);
  return r.status === 0 ? r.stdout : undefined;
}

/** Sizes of many blobs from one `git cat-file --batch-check` (undefined: missing). */
export function blobSizes(root: string, oids: readonly string[]): Map<string, number | undefined> {
  const sizes = new Map<string, number | undefined>();
  if (oids.length === 0) return sizes;
  const r = gitSync(root, ['cat-file', '--batch-check'], oids.join('\n') + '\n');
  if (r.status !== 0) return sizes;
  for (const line of r.stdout.toString('latin1').split('\n')) {
    const m = /^([0-9a-f]+) \S+ (\d+)$/.exec(line);
    if (m) sizes.set(m[1]!, Number(m[2]));
    else if (line.endsWith(' missing')) sizes.set(line.slice(0, -' missing'.length), undefined);
  }
  return sizes;
}

/** Bytes read per `git cat-file --batch` below: bounds the memory one read holds. */
const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Many blobs as text, within the size limit, through one `git cat-file
 * --batch-check` and one `--batch` per 64 MiB: a history with thousands of
 * key files must not cost a process per file. Missing and oversized blobs
 * are left out.
 */
export function readBlobsText(root: string, oids: Iterable<string>, maxSize: number): Map<string, string> {
  const out = new Map<string, string>();
  const wanted = [...new Set(oids)];
  const sizes = blobSizes(root, wanted);
  // A path rule that cannot look inside a file would pass it: a git that fails here is an error, never "nothing inside".
  if (wanted.length && sizes.size === 0)
    throw new GitError('git cat-file --batch-check failed while reading files for path rules', 'failed');
  let group: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (group.length === 0) return;
    const r = gitSync(root, ['cat-file', '--batch'], group.join('\n') + '\n');
    group = [];
    bytes = 0;
    if (r.status !== 0)
      throw new GitError(
        `git cat-file failed while reading files for path rules: ${r.stderr.trim().split('\n').pop() ?? ''}`,
        'failed',
      );
    const buf = r.stdout;
    let at = 0;
    while (at < buf.length) {
      const nl = buf.indexOf(10, at);
      if (nl === -1) break;
      const header = buf.toString('latin1', at, nl).split(' ');
      at = nl + 1;
      if (header.length !== 3) continue; // `<oid> missing`
      const size = Number(header[2]);
      out.set(header[0]!, buf.toString('utf8', at, at + size));
      at += size + 1;
    }
  };
  for (const [oid, size] of sizes) {
    if (size === undefined || size > maxSize) continue;
    if (bytes + size > BATCH_BYTES) flush();
    group.push(oid);
    bytes += size;
  }
  flush();
  return out;
}

const streamed = (file: FileDiff) => file.binary && file.newMode !== SUBMODULE;

class DiffBlobs {
  private sizes: Map<string, number | undefined> | undefined;
  private stream: AsyncGenerator<BlobResult> | undefined;
  private current: { oid: string; data: Buffer } | undefined;

  constructor(
    private readonly root: string,
    private readonly files: readonly FileDiff[],
    private readonly maxFileSize: number,
    private readonly pathRules: (file: FileDiff) => boolean,
  ) {}

  size(oid: string): number | undefined {
    this.sizes ??= blobSizes(this.root, [
      ...new Set(
        this.files.filter((f) => f.newMode !== SUBMODULE && (f.binary || this.pathRules(f))).map((f) => f.oid),
      ),
    ]);
    return this.sizes.has(oid) ? this.sizes.get(oid) : blobSize(this.root, oid);
  }

  read(oid: string): Buffer | undefined {
    return this.current?.oid === oid ? this.current.data : readBlob(this.root, oid);
  }

  /** Take a binary file's blob from the stream (when within the limit), so the reads for its items cost no process. */
  async next(file: FileDiff): Promise<void> {
    this.current = undefined;
    const size = this.size(file.oid);
    if (size === undefined || size > this.maxFileSize) return;
    this.stream ??= catFileBatch(this.root, this.binaryOids(), this.maxFileSize);
    const next = await this.stream.next();
    if (!next.done && next.value.oid === file.oid && !next.value.missing && next.value.data)
      this.current = { oid: file.oid, data: next.value.data };
  }

  async close(): Promise<void> {
    await this.stream?.return(undefined);
  }

  /** The binary blobs the stream hands over, in the order `next` asks for them. */
  private binaryOids(): string[] {
    return this.files
      .filter((f) => streamed(f) && (this.size(f.oid) ?? Infinity) <= this.maxFileSize)
      .map((f) => f.oid);
  }
}

export interface DiffFileOptions {
  origin: Origin;
  maxFileSize: number;
  /** Whether path rules judge this file (a path new to the scan). */
  pathRules: (file: FileDiff) => boolean;
  /** Where the files come from, for messages (a commit's short id). */
  where?: string;
}

/** Source items for the files of one diff (the staged changes, or one commit), reading whole blobs in as few processes as it can. */
export async function* diffFileItems(
  root: string,
  files: readonly FileDiff[],
  o: DiffFileOptions,
): AsyncGenerator<SourceItem> {
  const blobs = new DiffBlobs(root, files, o.maxFileSize, o.pathRules);
  const readBlob = (oid: string) => blobs.read(oid);
  const blobSize = (oid: string) => blobs.size(oid);
  try {
    for (const file of files) {
      if (streamed(file)) await blobs.next(file);
      yield* fileDiffItems(file, {
        origin: o.origin,
        maxFileSize: o.maxFileSize,
        readBlob,
        blobSize,
        pathRules: o.pathRules(file),
        ...(o.where !== undefined ? { where: o.where } : {}),
      });
    }
  } finally {
    await blobs.close();
  }
}
