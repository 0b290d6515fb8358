// Bytes to scannable text: binary sniffing, BOMs, UTF-16, line endings.

export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

const SNIFF_BYTES = 8000;

/** Like git: a NUL byte in the first 8000 bytes means binary, unless a UTF-16 BOM says otherwise. */
export function decode(buf: Uint8Array): Decoded {
  if (buf.length >= 2) {
    if (buf[0] === 0xff && buf[1] === 0xfe) return { kind: 'text', text: normaliseEol(new TextDecoder('utf-16le').decode(buf.subarray(2))) };
    if (buf[0] === 0xfe && buf[1] === 0xff) return { kind: 'text', text: normaliseEol(new TextDecoder('utf-16be').decode(buf.subarray(2))) };
  }
  const end = Math.min(buf.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (buf[i] === 0) return { kind: 'binary' };
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
