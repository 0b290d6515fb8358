// Bytes to scannable text: binary sniffing, BOMs, UTF-16, line endings.
const SNIFF_BYTES = 8000;
/** One shared decoder: invalid UTF-8 becomes U+FFFD, as in `decode`. */
export const utf8 = new TextDecoder('utf-8');
/** Pure ASCII bytes as text: every decoder agrees there, and a one-byte string is the cheapest to make. */
export function asciiText(buf) {
    return Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('latin1');
}
/** Like git: a NUL byte in the first 8000 bytes means binary (callers check UTF-16 BOMs first). */
export function isBinary(buf) {
    return Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, SNIFF_BYTES)).indexOf(0) !== -1;
}
/**
 * Bytes whose decoded text is their UTF-8 decoding with no BOM to strip or
 * honour, so byte ranges of whole lines decode (CRs normalised) to exactly
 * the same lines as the decoded whole.
 */
export function hasNoBom(buf) {
    if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
        return false;
    return !(buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf);
}
/**
 * UTF-16 offsets, in text decoded from valid UTF-8 `buf`, of the given byte
 * offsets (each at a character boundary): characters of four bytes are two
 * UTF-16 units, the others one.
 */
export function utf16Offsets(buf, byteOffsets) {
    const wanted = [...new Set(byteOffsets)].sort((a, b) => a - b);
    const out = new Map();
    let units = 0;
    let at = 0;
    for (const target of wanted) {
        for (; at < target; at++) {
            const b = buf[at];
            if ((b & 0xc0) !== 0x80)
                units += b >= 0xf0 ? 2 : 1;
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
export function hitRegions(buf, hits, contextOf, reachOf) {
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
    const n = bytes.length;
    const lineStartOf = (pos) => (pos <= 0 ? 0 : bytes.lastIndexOf(10, pos - 1) + 1);
    const lineEndOf = (pos) => {
        const e = pos >= n ? -1 : bytes.indexOf(10, pos);
        return e === -1 ? n : e;
    };
    const regions = [];
    let lastLineStart = -1;
    let lastLineEnd = -1;
    let lastCtx = -1;
    let linesStart = 0;
    let linesEnd = 0;
    for (const hit of hits) {
        const ctx = contextOf[hit.keyword] ?? 0;
        const onLastLine = hit.start >= lastLineStart && hit.start <= lastLineEnd && ctx === lastCtx;
        // Hits on the line just handled, with the same context and no reach limit, add nothing.
        if (onLastLine && !reachOf)
            continue;
        if (!onLastLine) {
            lastLineStart = lineStartOf(hit.start);
            lastLineEnd = lineEndOf(hit.start);
            lastCtx = ctx;
            linesStart = lastLineStart;
            linesEnd = lastLineEnd;
            for (let i = 0; i < ctx && linesStart > 0; i++)
                linesStart = lineStartOf(linesStart - 1);
            for (let i = 0; i < ctx && linesEnd < n; i++)
                linesEnd = lineEndOf(linesEnd + 1);
        }
        let start = linesStart;
        let end = linesEnd;
        const reach = reachOf?.[hit.keyword];
        if (reach !== undefined) {
            if (hit.start - reach > start) {
                start = hit.start - reach;
                while (start > linesStart && (bytes[start] & 0xc0) === 0x80)
                    start--;
            }
            if (hit.start + reach < end) {
                end = hit.start + reach;
                while (end < linesEnd && (bytes[end] & 0xc0) === 0x80)
                    end++;
            }
        }
        // The CR of a CRLF belongs to the line break, as in the normalised text.
        if (end === linesEnd && end > start && bytes[end - 1] === 13 && end < n)
            end--;
        const last = regions[regions.length - 1];
        // Dense hits on one long line: most ranges lie inside the previous one.
        if (last && start >= last[0] && end <= last[1])
            continue;
        regions.push([start, end]);
    }
    regions.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of regions) {
        const last = merged[merged.length - 1];
        if (last && r[0] <= last[1] + 2)
            last[1] = Math.max(last[1], r[1]);
        else
            merged.push(r);
    }
    return merged;
}
/** Like git: a NUL byte in the first 8000 bytes means binary, unless a UTF-16 BOM says otherwise. */
export function decode(buf) {
    if (buf.length >= 2) {
        if (buf[0] === 0xff && buf[1] === 0xfe)
            return { kind: 'text', text: normaliseEol(new TextDecoder('utf-16le').decode(buf.subarray(2))) };
        if (buf[0] === 0xfe && buf[1] === 0xff)
            return { kind: 'text', text: normaliseEol(new TextDecoder('utf-16be').decode(buf.subarray(2))) };
    }
    const end = Math.min(buf.length, SNIFF_BYTES);
    for (let i = 0; i < end; i++)
        if (buf[i] === 0)
            return { kind: 'binary' };
    let start = 0;
    if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
        start = 3;
    // Invalid UTF-8 becomes U+FFFD: the rest of the file is still scanned.
    const text = new TextDecoder('utf-8').decode(start ? buf.subarray(start) : buf);
    return { kind: 'text', text: normaliseEol(text) };
}
/** CRLF and lone CR become LF, so line numbers and line-anchored patterns agree across platforms. */
export function normaliseEol(text) {
    if (text.indexOf('\r') === -1)
        return text;
    return text.replace(/\r\n?/g, '\n');
}
/** Offsets at which each line starts. */
export function lineStarts(text) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
        starts.push(i + 1);
        i = text.indexOf('\n', i + 1);
    }
    return starts;
}
/** Index of the line holding `offset`, by binary search over `starts`. */
export function lineIndexAt(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}
