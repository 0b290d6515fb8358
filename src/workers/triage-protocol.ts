// What the main thread and a history audit's triage worker say to each other.
import type { RuleSetRecipe } from '../scan/rule-set.js';
import type { ContentScan } from '../scan/content.js';

export interface TriageInput {
  cwd: string;
  maxSize: number;
  /** The scan's content rules, rebuilt on the worker (see rule-set.ts). */
  recipe: RuleSetRecipe;
  /** Bytes the worker may run ahead of the main thread's scan. */
  limit: number;
  /** Bytes of blob content per message at most (a blob bigger than that goes alone). */
  batchBytes: number;
}

/** Main → worker, as the log walk finds new blobs: ids in the order cat-file will answer them. */
export interface BlobRequests {
  type: 'blobs';
  oids: string[];
  /** The path each blob was first seen at: rules look at it (the generic rule treats source code apart). */
  paths: string[];
  /** Blobs scanned in full, never judged clean by the byte pass (notebooks: their JSON escapes hide text from a byte search). */
  whole: boolean[];
}

export type MainToWorker =
  | BlobRequests
  | { type: 'end' }
  | { type: 'ack'; bytes: number }
  | { type: 'kill'; signal: NodeJS.Signals };

export type TriagedBlob =
  | { oid: string; missing: true }
  /** Over the size limit: not read. */
  | { oid: string; size: number; verdict?: undefined; data?: undefined }
  /** Binary: counted, not scanned. */
  | { oid: string; size: number; verdict: 'binary' }
  /** Read and found to hold no candidate for any rule: only counted. */
  | { clean: number; bytes: number }
  /** To scan in full on the main thread. */
  | { oid: string; size: number; verdict?: undefined; data: Uint8Array }
  /** Scanned in full on the worker: what it found, its findings' origins still to be set by the main thread. */
  | { oid: string; size: number; verdict?: undefined; data?: undefined; scanned: ContentScan };

export type WorkerToMain =
  | { type: 'blobs'; blobs: TriagedBlob[]; bytes: number }
  | { type: 'end' }
  | { type: 'error'; message: string };
