// Credentials hidden in base64 (Kubernetes Secret `data:`, .dockerconfigjson,
// `Authorization: Basic …`): the engine finds base64 runs, decodes those that
// turn out to be text, and runs the content rules over the decoded text.
//
// Finding runs must cost little per byte, since every file of a history goes
// through it: a run long enough to matter covers one of every MIN_RUN-th
// character, so only those are looked at, and a run is walked only when one
// of them lands in it (and the characters half a run either side say it may
// be long enough). Each character is visited a bounded number of times.
import { isUtf8 } from 'node:buffer';

/**
 * Shorter runs decode to fewer than 18 bytes: a credential any rule reports,
 * with the name or prefix it needs, is longer; most words of code are
 * shorter (and the longer the shortest run, the fewer characters are looked
 * at).
 */
export const MIN_RUN = 24;
/** Half of MIN_RUN: a run of MIN_RUN holding p also holds p - HALF or p + HALF. */
const HALF = MIN_RUN / 2;
/** Longer runs are images, fonts and archives, never a secret's encoding (a .dockerconfigjson with many registries fits). */
export const MAX_RUN = 8192;

/**
 * The standard alphabet only: base64url's `-` and `_` would make every
 * snake_case identifier a run. Kubernetes, Docker and Basic auth all use the
 * standard one.
 */
const B64 = new Uint8Array(65536);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64[c.charCodeAt(0)] = 1;
const EQ = 61;

/** A base64 run: [start, end) in the text, padding included. */
export interface Base64Run {
  start: number;
  end: number;
}

/** Each character's 6 bits, for the check below. */
const SEXTET = new Int8Array(256).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach(
  (c, i) => (SEXTET[c.charCodeAt(0)] = i),
);

/**
 * Whether the first 12 characters of a run decode to 9 bytes of ASCII text:
 * identifiers, hex digests and random data fail within a few bytes, and are
 * never decoded whole. (What a credential is encoded in, YAML, JSON,
 * `user:token`, starts in ASCII.)
 */
function startsAsText(s: number, at: (i: number) => number): boolean {
  for (let g = s; g < s + 12; g += 4) {
    const v = (SEXTET[at(g)]! << 18) | (SEXTET[at(g + 1)]! << 12) | (SEXTET[at(g + 2)]! << 6) | SEXTET[at(g + 3)]!;
    if (!isTextByte(v >> 16) || !isTextByte((v >> 8) & 0xff) || !isTextByte(v & 0xff)) return false;
  }
  return true;
}

function isTextByte(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13;
}

/** The base64 runs of `text` (standard alphabet, MIN_RUN to MAX_RUN characters, starting as text). */
export function base64Runs(text: string): Base64Run[] {
  const at = (i: number) => text.charCodeAt(i);
  const n = text.length;
  let runs: Base64Run[] | undefined;
  let floor = 0;
  let p = MIN_RUN - 1;
  while (p < n) {
    // As in base64RunsInBytes (a copy with string loads).
    if (
      B64[text.charCodeAt(p)] !== 1 ||
      (B64[text.charCodeAt(p + HALF)] !== 1 && (p - HALF < floor || B64[text.charCodeAt(p - HALF)] !== 1))
    ) {
      floor = p + 1;
      p += MIN_RUN;
      continue;
    }
    let s = p;
    while (s > floor && B64[text.charCodeAt(s - 1)] === 1) s--;
    let e = p + 1;
    while (e < n && B64[text.charCodeAt(e)] === 1) e++;
    let end = e;
    while (end < n && end - e < 2 && text.charCodeAt(end) === EQ) end++;
    const length = e - s;
    if (length >= MIN_RUN && end - s <= MAX_RUN && length % 4 !== 1 && startsAsText(s, at))
      (runs ??= []).push({ start: s, end });
    floor = end;
    p = end + MIN_RUN - 1;
  }
  return runs ?? [];
}

/**
 * `base64Runs` over bytes (ASCII-compatible: offsets are byte offsets), the
 * same loop with direct loads and no call per character: every blob of a
 * history goes through it, and through `at` it ran at half the speed.
 */
export function base64RunsInBytes(data: Uint8Array): Base64Run[] {
  const n = data.length;
  const at = (i: number) => data[i]!;
  let runs: Base64Run[] | undefined;
  let floor = 0;
  let p = MIN_RUN - 1;
  while (p < n) {
    // A run of MIN_RUN holding p also holds p - HALF or p + HALF: most words of code fail this without being walked.
    if (B64[data[p]!] !== 1 || (B64[data[p + HALF]!] !== 1 && (p - HALF < floor || B64[data[p - HALF]!] !== 1))) {
      floor = p + 1;
      p += MIN_RUN;
      continue;
    }
    let s = p;
    while (s > floor && B64[data[s - 1]!] === 1) s--;
    let e = p + 1;
    while (e < n && B64[data[e]!] === 1) e++;
    let end = e;
    while (end < n && end - e < 2 && data[end] === EQ) end++;
    const length = e - s;
    if (length >= MIN_RUN && end - s <= MAX_RUN && length % 4 !== 1 && startsAsText(s, at))
      (runs ??= []).push({ start: s, end });
    floor = end;
    p = end + MIN_RUN - 1;
  }
  return runs ?? [];
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
