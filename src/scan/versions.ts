// A history holds hundreds of versions of its big files (an API client of
// 400 kB, a changelog) that differ from one to the next in a few lines. When
// one version was clean, the next is clean unless something near what
// changed can match: only that neighbourhood needs the first pass, not the
// whole file again (its keyword search, base64 runs and decoding).
import { bufferOf, lineEndAfter, lineStartBefore } from './text.js';

/** Files under this size are searched whole: the neighbourhood of a change would be most of them. */
const MIN_SIZE = 16 * 1024;
/** Bytes of clean versions kept, at most: the oldest kept goes first. */
const MAX_KEPT = 8 * 1024 * 1024;
/** Changed bytes up to which a new clean version is not kept in place of the kept one (or 1/64 of the file). */
const STALE_BYTES = 4096;
/** A path whose versions differed nearly all through this many times in a row (a generated bundle) is kept less often. */
const MAX_CHURN = 3;

/** A kept clean version, and the most context lines any rule of a keyword it holds asks for. */
interface Kept {
  /** Where its copy starts in the ring (see CleanVersions.ring). */
  at: number;
  bytes: Uint8Array;
  context: number;
}

/**
 * How many bytes from `a[ai]` and `b[bi]` on are equal (at most `max`),
 * compared natively: chunks of growing size while they are equal, then
 * halves of the first chunk that is not, then bytes. A JavaScript loop over
 * every byte would cost as much as the search it saves.
 */
export function sameForward(a: Buffer, ai: number, b: Buffer, bi: number, max: number): number {
  const n = Math.min(max, a.length - ai, b.length - bi);
  let k = 0;
  let step = 256;
  while (k < n) {
    let far = Math.min(n, k + step);
    if (a.compare(b, bi + k, bi + far, ai + k, ai + far) === 0) {
      k = far;
      step = Math.min(step * 4, 1 << 20);
      continue;
    }
    while (far - k > 32) {
      const mid = (k + far) >>> 1;
      if (a.compare(b, bi + k, bi + mid, ai + k, ai + mid) === 0) k = mid;
      else far = mid;
    }
    while (k < far && a[ai + k] === b[bi + k]) k++;
    return k;
  }
  return n;
}

/** How many bytes before `a[aEnd]` and `b[bEnd]` are equal (at most `max`), as sameForward. */
export function sameBackward(a: Buffer, aEnd: number, b: Buffer, bEnd: number, max: number): number {
  const n = Math.min(max, aEnd, bEnd);
  let k = 0;
  let step = 256;
  while (k < n) {
    let far = Math.min(n, k + step);
    if (a.compare(b, bEnd - far, bEnd - k, aEnd - far, aEnd - k) === 0) {
      k = far;
      step = Math.min(step * 4, 1 << 20);
      continue;
    }
    while (far - k > 32) {
      const mid = (k + far) >>> 1;
      if (a.compare(b, bEnd - mid, bEnd - k, aEnd - mid, aEnd - k) === 0) k = mid;
      else far = mid;
    }
    while (k < far && a[aEnd - 1 - k] === b[bEnd - 1 - k]) k++;
    return k;
  }
  return n;
}

/** Bytes of the new version looked up in the old one to find where a stretch of it came from. */
const ANCHOR = 128;
/** Bytes either side of its expected place that an anchor is looked for. */
const LOOKUP_REACH = 16 * 1024;
/** Lookups per version at most: past them, what is left unexplained counts as changed. */
const MAX_LOOKUPS = 48;

/**
 * The ranges of `now` that are not copies of a range of `before`, in no
 * particular order, and the points where two copies meet that did not meet
 * in `before` (empty ranges): text across such a point is new even if both
 * sides are old. So any stretch of `now` that holds no changed byte and
 * no such point is a stretch of `before`.
 *
 * The common prefix and suffix go first; in what is left between two
 * copies, a line from its middle is looked up (natively) in what is left
 * between the same two copies in `before`, extended both ways, and the same
 * is done on either side of it. A stretch not found is halved and its
 * halves looked up in turn, down to ANCHOR * 4 bytes. Stretches moved past
 * one another are not found: they count as changed.
 */
export function changedRanges(before: Buffer, now: Buffer): Array<[number, number]> {
  const n = now.length;
  const prefix = sameForward(before, 0, now, 0, n);
  const suffix = sameBackward(before, before.length, now, n, Math.min(n, before.length) - prefix);
  const changed: Array<[number, number]> = [];
  // [from, to) of `now` with [was, wasTo) of `before`, the stretch between the same two copies.
  const todo: Array<[number, number, number, number]> = [[prefix, n - suffix, prefix, before.length - suffix]];
  let lookups = 0;
  while (todo.length) {
    const [from, to, was, wasTo] = todo.pop()!;
    if (to - from < 4 * ANCHOR || wasTo - was < ANCHOR || lookups >= MAX_LOOKUPS) {
      // Empty here but not there (bytes went): where the copies on either side now meet is a change too.
      if (to > from || wasTo > was) changed.push([from, to]);
      continue;
    }
    const nl = now.lastIndexOf(10, (from + to) >>> 1);
    const at = Math.min(to - ANCHOR, nl < from ? (from + to) >>> 1 : nl + 1);
    lookups++;
    // Looked up near where it would stand if what changed around it were spread evenly: a miss then reads
    // LOOKUP_REACH bytes, not the whole stretch (a stretch of new code missed, and halved, again and again).
    const guess = was + Math.round(((at - from) * (wasTo - was)) / (to - from));
    const near = Math.max(was, guess - LOOKUP_REACH);
    const inWas = before
      .subarray(near, Math.min(wasTo, guess + LOOKUP_REACH + ANCHOR))
      .indexOf(now.subarray(at, at + ANCHOR));
    if (inWas === -1) {
      // Copies found in the two halves need not meet where they met before: their meeting point counts as changed.
      const half = (from + to) >>> 1;
      changed.push([half, half]);
      todo.push([from, half, was, wasTo], [half, to, was, wasTo]);
      continue;
    }
    const found = near + inWas;
    const back = sameBackward(before, found, now, at, Math.min(at - from, found - was));
    const on = sameForward(before, found, now, at, Math.min(to - at, wasTo - found));
    todo.push([from, at - back, was, found - back], [at + on, to, found + on, wasTo]);
  }
  return changed;
}

/**
 * The last clean version of each big file seen, and for a new version of it
 * the regions of whole lines that must be searched again: what differs from
 * the kept version (changedRanges), widened by the neighbourhood the caller
 * says its rules read. The caller keeps a version only when its first pass
 * found it clean, so the kept one is always clean.
 */
export class CleanVersions {
  /** By path, in the order they were copied into the ring: the first is the oldest. */
  private readonly kept = new Map<string, Kept>();
  /**
   * The kept versions' bytes, copied one after another round one buffer of
   * MAX_KEPT bytes, made once: a new copy overwrites the oldest. A buffer per
   * copy, freed when its path's next version came, left the allocator's
   * heap in pieces: the big corpus's history took 25 MB more memory with
   * copies of 8 MB than of 4.
   */
  private ring: Uint8Array | undefined;
  /** Where the next copy goes in the ring. */
  private head = 0;
  /** Paths with a clean version of MIN_SIZE or more seen (and not kept: see keep). */
  private readonly seen = new Set<string>();
  /** Per path, how many versions in a row differed nearly all through from the kept one. */
  private readonly churn = new Map<string, number>();
  /** Per path backing off (see backingOff), clean versions not kept since the last one kept. */
  private readonly skipped = new Map<string, number>();
  /** How many bytes `changed` last found changed, and in which file. */
  private lastChanged: { path: string; bytes: number } | undefined;

  /**
   * What differs in `data` from the kept clean version of `path`: the
   * ranges of `data` that are not copies of a stretch of it, and the most
   * context lines any rule of a keyword in the kept version asks for; or
   * undefined when nothing is kept.
   */
  changed(path: string, data: Uint8Array): { ranges: Array<[number, number]>; context: number } | undefined {
    const base = this.kept.get(path);
    if (!base || data.length < MIN_SIZE) return undefined;
    const ranges = changedRanges(bufferOf(base.bytes), bufferOf(data));
    const bytes = ranges.reduce((sum, [from, to]) => sum + to - from, 0);
    this.lastChanged = { path, bytes };
    // Versions that differ all through (a generated bundle) are not worth keeping; a small file's
    // neighbourhood of a small change may well be all of it, and that says nothing of the next.
    if (bytes * 2 > data.length) this.churn.set(path, (this.churn.get(path) ?? 0) + 1);
    else this.churn.delete(path);
    return { ranges, context: base.context };
  }

  /**
   * Ranges [start, end) of whole lines of `data`, in order and apart, that
   * hold every keyword hit whose window or joined view reaches into one of
   * the changed `ranges`, when no rule of a keyword in the kept version or
   * in the ranges asks for more than `context` lines and a join reads up to
   * `join` bytes past its hit; or undefined when they would be most of the
   * file. A hit whose window touches a change lies within its rule's
   * context lines of it (its window, checks and views read the whole file,
   * see Engine.firstPass); a join reaching into a change starts on the
   * line of a hit at most `join` bytes before it. Not reproduced: a window
   * merged from a hit near the change and one far from it, which a
   * whole-file pass builds; a match only such a merged window holds lies
   * in text the kept version held unchanged around the far hit alone.
   */
  regionsAround(
    data: Uint8Array,
    ranges: Array<[number, number]>,
    context: number,
    join: number,
  ): Array<[number, number]> | undefined {
    const now = bufferOf(data);
    const regions = ranges
      .map(([from, to]): [number, number] => [
        lineStartBefore(now, Math.max(0, Math.min(lineStartBefore(now, from, context), from - join))),
        // After the last line's break: a region is whole lines.
        Math.min(now.length, lineEndAfter(now, to, context) + 1),
      ])
      .sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    let total = 0;
    for (const r of regions) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r);
    }
    for (const [from, to] of merged) total += to - from;
    return total * 4 > now.length * 3 ? undefined : merged;
  }

  /**
   * Remember `data` (copied: the caller's buffer is reused) as the clean
   * version of `path` the next is compared with; `context`: the most
   * context lines any rule of a keyword in it asks for.
   */
  keep(path: string, data: Uint8Array, context: number): void {
    const last = this.lastChanged;
    this.lastChanged = undefined;
    // A version that differs from the kept one in a few bytes is not copied: the kept one serves the next as
    // well (copying every version of a big file cost more in memory traffic and collection than it saved).
    if (last?.path === path && this.kept.has(path) && last.bytes <= Math.max(STALE_BYTES, data.length / 64)) return;
    const old = this.kept.get(path);
    if (old) this.kept.delete(path);
    if (data.length < MIN_SIZE || data.length > MAX_KEPT / 8 || this.backingOff(path)) return;
    // Most big files of a history have one version or two: a copy is kept from a path's second version on.
    if (!old && !this.seen.has(path)) {
      this.seen.add(path);
      return;
    }
    // A copy (a Buffer's `slice` would be a view, and readers reuse their buffers).
    const at = this.place(data.length);
    const bytes = this.ring!.subarray(at, at + data.length);
    bytes.set(data);
    this.kept.set(path, { at, bytes, context });
  }

  /**
   * Where `size` bytes go in the ring: at the head, or at its start when
   * they do not fit before its end. The versions they would overwrite are
   * the oldest kept, and are forgotten; so are those past the head when it
   * goes back to the start (older than any before it).
   */
  private place(size: number): number {
    this.ring ??= new Uint8Array(MAX_KEPT);
    if (this.head + size > this.ring.length) {
      this.forgetOldestWhile((k) => k.at >= this.head);
      this.head = 0;
    }
    const at = this.head;
    this.forgetOldestWhile((k) => k.at >= at && k.at < at + size);
    this.head = at + size;
    return at;
  }

  private forgetOldestWhile(test: (k: Kept) => boolean): void {
    for (const [path, k] of this.kept) {
      if (!test(k)) return;
      this.kept.delete(path);
    }
  }

  /**
   * Whether a clean version of a path whose last versions differed nearly
   * all through is not kept: after MAX_CHURN such versions in a row, one is
   * kept once in 2, then 4, 8 … versions (up to 64), so a generated bundle
   * costs few copies, and a file that only went through a burst of big
   * changes (a branch far from the last) is kept again soon.
   */
  private backingOff(path: string): boolean {
    const strikes = this.churn.get(path) ?? 0;
    if (strikes < MAX_CHURN) return false;
    const skipped = (this.skipped.get(path) ?? 0) + 1;
    if (skipped < 2 ** Math.min(6, strikes - MAX_CHURN + 1)) {
      this.skipped.set(path, skipped);
      return true;
    }
    this.skipped.delete(path);
    return false;
  }
}
