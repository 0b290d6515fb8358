// One changed file of a diff (staged or a commit) → source items: its path
// for path rules when the path is new, then its added lines, or the whole
// blob when git saw no text in it.
import type { Origin } from '../../types.js';
import type { SourceItem } from '../../scan/scanner.js';
import type { AddedLine, FileDiff } from './patch.js';
import { mayFillKeyBlock, withKeyBlocks } from './pem-blocks.js';

/** A gitlink: the commit of a submodule, not a blob of this repository. */
export const SUBMODULE = '160000';

export interface DiffItemOptions {
  origin: Origin;
  maxFileSize: number;
  /** Reads a blob by id (no filters run). */
  readBlob: (oid: string) => Buffer | undefined;
  /** A blob's size without reading it, so nothing over the limit is loaded. */
  blobSize: (oid: string) => number | undefined;
  /** Whether path rules should see this path (new paths only, once). */
  pathRules: boolean;
  /** Where the bytes came from, for skip messages ("in 1a2b3c"). */
  where?: string;
}

export function* fileDiffItems(file: FileDiff, o: DiffItemOptions): Generator<SourceItem> {
  if (file.newMode === SUBMODULE) return;
  const where = o.where ? ` in ${o.where}` : '';
  const withinLimit = () => (o.blobSize(file.oid) ?? Infinity) <= o.maxFileSize;
  if (o.pathRules)
    yield {
      type: 'path',
      path: file.path,
      origin: o.origin,
      content: () => (withinLimit() ? o.readBlob(file.oid)?.toString('utf8') : undefined),
    };
  if (file.binary) {
    // git saw no text (NUL bytes): UTF-16 text and real binaries both land here; the scanner tells them apart.
    const size = o.blobSize(file.oid);
    const data = size !== undefined && size <= o.maxFileSize ? o.readBlob(file.oid) : undefined;
    if (size === undefined || (size <= o.maxFileSize && !data))
      yield { type: 'skipped', path: file.path, reason: 'unreadable', detail: `blob ${file.oid} is missing${where}` };
    else if (!data) yield { type: 'skipped', path: file.path, reason: 'large', detail: `${size} bytes${where}` };
    else yield { type: 'file', path: file.path, origin: o.origin, data, pathRules: false };
    return;
  }
  if (file.added.length === 0) return;
  const added = keyBlocksAround(file, o);
  const text = added.map((l) => l.text).join('\n');
  if (text.length > o.maxFileSize) {
    yield { type: 'skipped', path: file.path, reason: 'large', detail: `${text.length} bytes added${where}` };
    return;
  }
  yield {
    type: 'chunk',
    chunk: {
      path: file.path,
      text,
      startLine: added[0]!.line,
      lineNumbers: added.map((l) => l.line),
      origin: o.origin,
    },
  };
}

/** The added lines, with the whole private-key block of the new file around any that look like a key's body (see pem-blocks.ts). */
function keyBlocksAround(file: FileDiff, o: DiffItemOptions): readonly AddedLine[] {
  if (!mayFillKeyBlock(file.added)) return file.added;
  const size = o.blobSize(file.oid);
  const data = size !== undefined && size <= o.maxFileSize ? o.readBlob(file.oid) : undefined;
  return data ? withKeyBlocks(file.added, data.toString('utf8')) : file.added;
}

/** Added, copied and renamed paths are new to path rules; a modified file was judged when it was added. */
export function isNewPath(file: FileDiff): boolean {
  return file.status !== 'M' && file.status !== 'T';
}
