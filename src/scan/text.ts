// Bytes to scannable text: binary sniffing, BOMs, UTF-16, line endings.

export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

const SNIFF_BYTES = 8000;

/** One shared decoder: invalid UTF-8 becomes U+FFFD, as in `decode`. */
export const utf8 = new TextDecoder('utf-8');
/** `buf` as a Buffer over the same memory, not a copy: Buffer's native searches and comparisons for any bytes. */
export function bufferOf(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.length);
}

/** Pure ASCII bytes as text: every decoder agrees there, and a one-byte string is the cheapest to make. */
export function asciiText(buf: Uint8Array): string {
  return bufferOf(buf).toString('latin1');
}

/** The start of the line holding byte `pos`, then `lines` lines further back (not past the start). */
export function lineStartBefore(bytes: Buffer, pos: number, lines = 0): number {
  let start = pos <= 0 ? 0 : bytes.lastIndexOf(10, pos - 1) + 1;
  for (let i = 0; i < lines && start > 0; i++) start = start === 1 ? 0 : bytes.lastIndexOf(10, start - 2) + 1;
  return start;
}

/** The end (its line break, or the end of the bytes) of the line holding byte `pos`, then of `lines` lines further on. */
export function lineEndAfter(bytes: Buffer, pos: number, lines = 0): number {
  const n = bytes.length;
  const endOf = (p: number) => {
    const e = p >= n ? -1 : bytes.indexOf(10, p);
    return e === -1 ? n : e;
  };
  let end = endOf(pos);
  for (let i = 0; i < lines && end < n; i++) end = endOf(end + 1);
  return end;
}

/** Like git: a NUL byte in the first 8000 bytes means binary (callers check UTF-16 BOMs first). */
export function isBinary(buf: Uint8Array): boolean {
  return bufferOf(buf).subarray(0, SNIFF_BYTES).indexOf(0) !== -1;
}

/**
 * Bytes whose decoded text is their UTF-8 decoding with no BOM to strip or
 * honour, so byte ranges of whole lines decode (CRs normalised) to exactly
 * the same lines as the decoded whole.
 */
export function hasNoBom(buf: Uint8Array): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
  return !(buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf);
}

/**
 * UTF-16 offsets, in text decoded from valid UTF-8 `buf`, of the given byte
 * offsets (each at a character boundary): characters of four bytes are two
 * UTF-16 units, the others one.
 */
export function utf16Offsets(buf: Uint8Array, byteOffsets: readonly number[]): Map<number, number> {
  const wanted = [...new Set(byteOffsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let units = 0;
  let at = 0;
  for (const target of wanted) {
    for (; at < target; at++) {
      const b = buf[at]!;
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
    out.set(target, units);
  }
  return out;
}

/**
 * Byte ranges [start, end) of whole lines (end at a line's newline, or the
 * end of the data) that hold every keyword hit with `contextOf[keyword]`
 * lines either side; ranges that touch or sit on adjacent lines are merged.
 * With `reachOf`, a range reaches no further than `reachOf[keyword]` bytes
 * either side of the hit's start, moved outwards to the nearest character
 * boundary, so a hit on a long minified line costs its neighbourhood, not
 * the line.
 */
export function hitRegions(
  buf: Uint8Array,
  hits: readonly { keyword: number; start: number }[],
  contextOf: readonly number[],
  reachOf?: readonly number[],
): Array<[number, number]> {
  const bytes = bufferOf(buf);
  const n = bytes.length;
  const regions: Array<[number, number]> = [];
  let lastLineStart = -1;
  let lastLineEnd = -1;
  let lastCtx = -1;
  let linesStart = 0;
  let linesEnd = 0;
  for (const hit of hits) {
    const ctx = contextOf[hit.keyword] ?? 0;
    const onLastLine = hit.start >= lastLineStart && hit.start <= lastLineEnd && ctx === lastCtx;
    // Hits on the line just handled, with the same context and no reach limit, add nothing.
    if (onLastLine && !reachOf) continue;
    if (!onLastLine) {
      lastLineStart = lineStartBefore(bytes, hit.start);
      lastLineEnd = lineEndAfter(bytes, hit.start);
      lastCtx = ctx;
      linesStart = lineStartBefore(bytes, lastLineStart, ctx);
      linesEnd = lineEndAfter(bytes, lastLineEnd, ctx);
    }
    let start = linesStart;
    let end = linesEnd;
    const reach = reachOf?.[hit.keyword];
    if (reach !== undefined) {
      if (hit.start - reach > start) {
        start = hit.start - reach;
        while (start > linesStart && (bytes[start]! & 0xc0) === 0x80) start--;
      }
      if (hit.start + reach < end) {
        end = hit.start + reach;
        while (end < linesEnd && (bytes[end]! & 0xc0) === 0x80) end++;
      }
    }
    // The CR of a CRLF belongs to the line break, as in the normalised text.
    if (end === linesEnd && end > start && bytes[end - 1] === 13 && end < n) end--;
    const last = regions[regions.length - 1];
    // Dense hits on one long line: most ranges lie inside the previous one.
    if (last && start >= last[0] && end <= last[1]) continue;
    regions.push([start, end]);
  }
  regions.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of regions) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 2) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/**
 * Which byte order UTF-16 text without a byte-order mark has, judged by its
 * NUL pattern: text that is mostly ASCII puts a NUL in every other byte (the
 * odd ones little-endian, the even ones big-endian). Most of the pairs in
 * the first 8000 bytes must be an ASCII text character and a NUL, and none
 * two NULs: binary formats with NULs scattered through them fail that.
 */
export function utf16Order(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const end = Math.min(buf.length, SNIFF_BYTES) & ~1;
  if (end < 8) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < end; i += 2) {
    const a = buf[i]!;
    const b = buf[i + 1]!;
    if (a === 0 && b === 0) return undefined;
    if (b === 0 && isTextByte(a)) le++;
    else if (a === 0 && isTextByte(b)) be++;
  }
  const pairs = end / 2;
  if (le >= pairs * 0.9) return 'utf-16le';
  if (be >= pairs * 0.9) return 'utf-16be';
  return undefined;
}

function isTextByte(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13;
}

/** Whether bytes with NULs are UTF-16 text without a byte-order mark (see `utf16Order`). */
export function looksUtf16(buf: Uint8Array): boolean {
  return utf16Order(buf) !== undefined;
}

/** Like git: a NUL byte in the first 8000 bytes means binary, unless a UTF-16 BOM or NUL pattern says otherwise. */
export function decode(buf: Uint8Array): Decoded {
  if (buf.length >= 2) {
    if (buf[0] === 0xff && buf[1] === 0xfe)
      return { kind: 'text', text: normaliseEol(new TextDecoder('utf-16le').decode(buf.subarray(2))) };
    if (buf[0] === 0xfe && buf[1] === 0xff)
      return { kind: 'text', text: normaliseEol(new TextDecoder('utf-16be').decode(buf.subarray(2))) };
  }
  const end = Math.min(buf.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) {
    if (buf[i] !== 0) continue;
    const order = utf16Order(buf);
    return order ? { kind: 'text', text: normaliseEol(new TextDecoder(order).decode(buf)) } : { kind: 'binary' };
  }
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  // Invalid UTF-8 becomes U+FFFD: the rest of the file is still scanned.
  const text = new TextDecoder('utf-8').decode(start ? buf.subarray(start) : buf);
  return { kind: 'text', text: normaliseEol(text) };
}

/** CRLF and lone CR become LF, so line numbers and line-anchored patterns agree across platforms. */
export function normaliseEol(text: string): string {
  if (text.indexOf('\r') === -1) return text;
  return text.replace(/\r\n?/g, '\n');
}

/** Offsets at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** Index of the line holding `offset`, by binary search over `starts`. */
export function lineIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
