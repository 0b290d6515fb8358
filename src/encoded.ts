// Credentials hidden in base64 (Kubernetes Secret `data:`, .dockerconfigjson,
// `Authorization: Basic …`): the engine finds base64 runs, decodes those that
// turn out to be text, and runs the content rules over the decoded text.
//
// Finding runs must cost little per byte, since every file of a history goes
// through it: a run long enough to matter covers one of every MIN_RUN-th
// character, so only those are looked at, and a run is walked only when one
// of them lands in it. Each character is visited a bounded number of times.
import { isUtf8 } from 'node:buffer';

/** Shorter runs decode to fewer than 12 bytes: no credential worth reporting fits, and words of code are this short. */
export const MIN_RUN = 16;
/** Longer runs are images, fonts and archives, never a secret's encoding (a .dockerconfigjson with many registries fits). */
export const MAX_RUN = 8192;

/**
 * The standard alphabet only: base64url's `-` and `_` would make every
 * snake_case identifier a run. Kubernetes, Docker and Basic auth all use the
 * standard one.
 */
const B64 = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64[c.charCodeAt(0)] = 1;
const EQ = 61;

/** A base64 run: [start, end) in the text, padding included. */
export interface Base64Run {
  start: number;
  end: number;
}

/** A character code source: a string's `charCodeAt` or a byte array's index. */
type CodeAt = (i: number) => number;

function runsOf(n: number, at: CodeAt): Base64Run[] {
  const runs: Base64Run[] = [];
  /** No run starts before this: what lies before was walked already. */
  let floor = 0;
  let p = MIN_RUN - 1;
  while (p < n) {
    const c = at(p);
    if (c >= 256 || B64[c] !== 1) {
      floor = p + 1;
      p += MIN_RUN;
      continue;
    }
    let s = p;
    while (s > floor) {
      const b = at(s - 1);
      if (b >= 256 || B64[b] !== 1) break;
      s--;
    }
    let e = p + 1;
    while (e < n) {
      const b = at(e);
      if (b >= 256 || B64[b] !== 1) break;
      e++;
    }
    let end = e;
    while (end < n && end - e < 2 && at(end) === EQ) end++;
    const length = e - s;
    // A base64 run stops at a character outside the alphabet: one glued to a word (`xbase64…`) is not one.
    if (length >= MIN_RUN && end - s <= MAX_RUN && length % 4 !== 1) runs.push({ start: s, end });
    floor = end;
    // A run may start right at `end` (after padding): its MIN_RUN-th character is the next sample.
    p = end + MIN_RUN - 1;
  }
  return runs;
}

/** The base64 runs of `text` (standard alphabet, MIN_RUN to MAX_RUN characters). */
export function base64Runs(text: string): Base64Run[] {
  return runsOf(text.length, (i) => text.charCodeAt(i));
}

/** `base64Runs` over bytes (ASCII-compatible: offsets are byte offsets). */
export function base64RunsInBytes(data: Uint8Array): Base64Run[] {
  return runsOf(data.length, (i) => data[i]!);
}

/**
 * The text `encoded` decodes to, or undefined when it decodes to anything
 * but text: random base64 (images, hashes, keys' DER) decodes to bytes with
 * control characters or invalid UTF-8 within a few bytes. CRs become line
 * breaks without moving any offset.
 */
export function decodeBase64Text(encoded: string): { text: string } | undefined {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 12) return undefined;
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) ascii = false;
    else if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) return undefined;
  }
  if (!ascii && !isUtf8(bytes)) return undefined;
  return { text: bytes.toString(ascii ? 'latin1' : 'utf8').replace(/\r/g, '\n') };
}
