// What the main thread and the blob prefilter worker say to each other.

export interface PrefilterInput {
  cwd: string;
  /** The blob ids, one a line, as cat-file reads them. */
  input: string;
  maxSize: number;
  /** The engine's keywords, in its order, so hit indexes mean the same on both sides. */
  keywords: string[];
  /** Blobs to send whole, never judged clean (notebooks: their JSON escapes hide text from a byte search). */
  alwaysSend: string[];
  /** Bytes the worker may run ahead of the main thread's scan. */
  limit: number;
  /** Bytes per message. */
  batchBytes: number;
}

export type PrefilteredBlob =
  | { oid: string; missing: true }
  /** Over the size limit: not read. */
  | { oid: string; size: number; verdict?: undefined; data?: undefined }
  /** Needs no scan: binary, or plain UTF-8 without any keyword. */
  | { oid: string; size: number; verdict: 'binary' | 'clean' }
  /** To scan; `hits` are the byte-level keyword hits as (keyword, start) pairs, when already searched. */
  | { oid: string; size: number; verdict?: undefined; data: Uint8Array; hits?: Int32Array };
