// Chunks × rules → findings. Never prints, never imports rules/: the caller
// hands it the rule set.
import type { Chunk, ContentRule, Finding, MatchContext, Origin, PathRule, Rule, RuleMatch } from '../types.js';
import { isAscii, isUtf8 } from 'node:buffer';
import { KeywordMatcher, type KeywordHit } from './keywords.js';
import { isPlaceholder } from '../rulekit/placeholder.js';
import { fingerprint, normalisePath, preview } from '../report/redact.js';
import {
  asciiText,
  bufferOf,
  decode,
  hasNoBom,
  hitRegions,
  isBinary,
  lineIndexAt,
  lineStartBefore,
  lineStarts,
  looksUtf16,
  normaliseEol,
  utf16Offsets,
  utf8,
} from './text.js';
import { inlineDirective } from '../suppress/inline.js';
import type { RuleSetRecipe } from './rule-set.js';
import { base64Runs, base64RunsInBytes, decodeBase64Text } from './encoded.js';
import { JOIN_READ, JoinScout, joinedLiterals, joinsLiterals, sourceSpan } from './joined-literals.js';
import { CleanVersions } from './versions.js';

interface Window {
  start: number;
  end: number;
}

interface Candidate {
  rule: ContentRule;
  m: RuleMatch;
  start: number;
  end: number;
  /** Found in a view of the text rather than the text itself: what the message says of it. */
  view?: 'base64-encoded' | 'split across joined string literals';
}

/** Base64 inside decoded base64 is decoded once more (a .dockerconfigjson's `auth`), never deeper. */
const BASE64_DEPTH = 2;

/** The time rules with a budget (see `ContentRule.timeBudgetMs`) have left on one file, by rule index. */
interface FileBudget {
  deadlines: Map<number, number>;
  /** Rules that ran out: the rest of the file was not searched with them. */
  exhausted: Set<number>;
}

function fileBudget(): FileBudget {
  return { deadlines: new Map(), exhausted: new Set() };
}

/**
 * Moves keyword hits found in valid UTF-8 `bytes` (at `shift` + their
 * offset there) to the UTF-16 offsets of its decoded text, where each
 * UTF-8 sequence is one character (two for one of four bytes). One pass
 * over the bytes serves every hit given here, and any subset of them.
 */
function toUtf16(bytes: Uint8Array, hits: readonly KeywordHit[], shift = 0): (hit: KeywordHit) => KeywordHit {
  const units = utf16Offsets(
    bytes,
    hits.map((h) => h.start - shift),
  );
  return (h) => ({ keyword: h.keyword, start: units.get(h.start - shift)! });
}

/**
 * Characters from which `scan` searches a chunk as bytes (see there): a
 * minified bundle's added lines. Below, the byte path's one-time costs (its
 * table, and the JIT warming a second set of loops) outweigh what it saves in
 * a short run: with 16 kB, a 200-commit diff of a small library was 5–12%
 * slower in paired runs; with 1 MB it is at parity, and a diff that adds
 * minified bundles a little faster.
 */
export const BYTE_SEARCH_FROM = 1024 * 1024;

/** A file a rule ran out of time on. */
export interface OverBudget {
  ruleId: string;
  path: string;
  budgetMs: number;
}

/**
 * How far (in characters) a rule's window reaches either side of a keyword
 * hit, beyond which the hit's line is not handed to the rule. Every rule's
 * match is bounded (at most a few hundred characters around its keyword, see
 * the ReDoS checks), so only lines far longer than any secret are cut; rules
 * that pair matches across lines get room for their context lines.
 */
const WINDOW_MARGIN = 512;

function windowMargin(contextLines: number): number {
  return WINDOW_MARGIN * (1 + contextLines);
}

/**
 * How long (in characters) the windows of a rule with a time budget grow at
 * most by merging: one search of a configured pattern cannot be interrupted,
 * and near the largest program allowed it costs tens of microseconds a
 * character, so a minified line dense with hits is searched in pieces of
 * this size (each hit's own window whole), the budget checked between them.
 */
const BUDGETED_WINDOW = 4 * WINDOW_MARGIN;

/**
 * Windows at most this long have their matches remembered (see WindowMemo);
 * longer ones (minified lines) rarely come back unchanged.
 */
const MEMO_WINDOW_MAX = 2048;
/** Characters of window text the memo takes in before it turns over (see WindowMemo.grew): a few MB of strings. */
const MEMO_CHARS_MAX = 2 * 1024 * 1024;
/** Lookups on a path after which the memo judges whether that path's windows come back (see WindowMemo.of). */
const MEMO_TRIAL = 4096;
/**
 * Windows of a path judged before the memo keeps any: most paths of a big
 * history are a few small files seen once, and a memo for each of them cost
 * 40 MB on the big npm corpus for nothing.
 */
const MEMO_WARMUP = 64;

interface MemoUse {
  asked: number;
  found: number;
}

interface PathMemo {
  /** Undefined while the path is in its warm-up (see MEMO_WARMUP): its windows are counted, not kept. */
  young: Map<string, RuleMatch[]> | undefined;
  old: Map<string, RuleMatch[]> | undefined;
  use: MemoUse;
}

/**
 * The matches each rule gave on each window text, per path: a rule's match
 * is a function of the window's text and the path alone (its MatchContext
 * holds nothing else when it has no deadline). A history holds hundreds of
 * versions of a file that differ in a few lines, and a keyword-dense file
 * (a config of a thousand `*_key` entries) would otherwise have every line
 * judged again in every version.
 */
class WindowMemo {
  /** What was remembered since the last turn-over, and what was remembered in the turn before it. */
  private young = new Map<string, Map<string, RuleMatch[]>>();
  private old = new Map<string, Map<string, RuleMatch[]>>();
  private chars = 0;
  /** Per path, windows looked up and found: a path whose windows rarely come back is not remembered. */
  private readonly uses = new Map<string, MemoUse>();

  /**
   * The memo of one rule on one path: its young part, where new entries go,
   * its old part, and the path's count of lookups. Undefined for a path
   * whose windows came back less than once in eight lookups over its first
   * MEMO_TRIAL (each version of a generated bundle differs all through):
   * there remembering costs a copy and two lookups a window for nothing.
   */
  of(path: string, ri: number): PathMemo | undefined {
    let use = this.uses.get(path);
    if (!use) this.uses.set(path, (use = { asked: 0, found: 0 }));
    if (use.asked >= MEMO_TRIAL && use.found * 8 < use.asked) return undefined;
    if (use.asked < MEMO_WARMUP) return { young: undefined, old: undefined, use };
    // One map per rule and path, under one key: an array per path indexed by rule held a slot for every rule.
    const key = `${ri}\0${path}`;
    let young = this.young.get(key);
    if (!young) this.young.set(key, (young = new Map()));
    return { young, old: this.old.get(key), use };
  }

  /**
   * Count what was remembered. Past the cap the old part is forgotten and
   * the young part becomes the old: what a file's recent versions share is
   * kept (each turn-over keeps a whole turn), at the cost of a second look
   * for what is new, and memory stays within twice the cap.
   */
  grew(chars: number): void {
    this.chars += chars;
    if (this.chars > MEMO_CHARS_MAX) {
      this.old = this.young;
      this.young = new Map();
      this.chars = 0;
    }
  }
}

/** One shared empty result: most windows hold no match, and each would otherwise keep an array alive. */
const NO_MATCHES: RuleMatch[] = [];

/**
 * The same text in a string of its own. A slice of a longer string points
 * into it (V8 makes slices of 13 characters and more that way), so a memo
 * key kept as a slice would keep the whole decoded file alive; joining
 * makes a new string, which the slice then copies out of whole.
 */
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * A copy of a matched secret that does not keep the scanned text alive:
 * V8 slices point into their parent string, so a finding kept from a
 * history scan would otherwise pin the whole decoded file in memory.
 */
function detach(secret: string): string {
  return JSON.parse(JSON.stringify(secret)) as string;
}

/**
 * Whether [start, end) overlaps one of `spans`, in O(log n) per question:
 * the spans sorted by start, with the furthest end among each prefix. The
 * spans starting before `end` are a prefix, and one of them overlaps exactly
 * when the furthest end among them lies past `start`. (Asking every span for
 * every fallback match was quadratic on a file with thousands of both.)
 */
function specificOverlap(
  spans: ReadonlyArray<{ start: number; end: number }>,
): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const starts = sorted.map((s) => s.start);
  const furthest: number[] = [];
  for (const s of sorted) furthest.push(Math.max(s.end, furthest[furthest.length - 1] ?? -Infinity));
  return (start, end) => {
    let lo = 0;
    let hi = starts.length; // the number of spans starting before `end`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && furthest[lo - 1]! > start;
  };
}

export class Engine {
  readonly contentRules: ContentRule[];
  readonly pathRules: PathRule[];
  private readonly matcher: KeywordMatcher;
  /** The keyword search's keywords, in the order its hits number them. */
  get keywords(): readonly string[] {
    return this.matcher.keywords;
  }
  /** For each keyword index, the rules that listed it. */
  private readonly rulesOf: number[][];
  /** For each keyword index, the most context lines any of its rules asks for. */
  private readonly contextOf: number[];
  /**
   * For each keyword index, how many bytes either side of a hit `scanBytes`
   * decodes at most: every window of its rules, since a UTF-16 unit of the
   * decoded text takes at most three bytes (and a CRLF two).
   */
  private readonly reachOf: number[];
  /** Whether `scanBytes` may decode only the lines around hits (see the constructor). */
  readonly byteRegionsExact: boolean;
  /** For each keyword index, the hit checks of its rules, or undefined when one of them has none (every hit counts). */
  private readonly hitChecksOf: Array<Array<NonNullable<ContentRule['hitCanMatch']>> | undefined>;
  /** Files rules ran out of time on since `takeOverBudget` was last called. */
  private overBudget: OverBudget[] = [];
  private readonly memo = new WindowMemo();
  /** Set by rememberCleanVersions. */
  private versions: CleanVersions | undefined;

  /**
   * @param recipe how another thread builds the same content rules (see rule-set.ts); without one the
   *   engine's rules exist only here, and scans that would hand work to a worker keep it on this thread.
   */
  constructor(
    rules: readonly Rule[],
    readonly recipe?: RuleSetRecipe,
  ) {
    this.contentRules = rules.filter((r): r is ContentRule => r.kind === 'content');
    this.pathRules = rules.filter((r): r is PathRule => r.kind === 'path');
    const keywordIndex = new Map<string, number>();
    const rulesOf: number[][] = [];
    this.contentRules.forEach((rule, ri) => {
      for (const raw of rule.keywords) {
        const kw = raw.toLowerCase();
        let k = keywordIndex.get(kw);
        if (k === undefined) {
          k = keywordIndex.size;
          keywordIndex.set(kw, k);
          rulesOf.push([]);
        }
        if (!rulesOf[k]!.includes(ri)) rulesOf[k]!.push(ri);
      }
    });
    this.matcher = new KeywordMatcher([...keywordIndex.keys()]);
    this.rulesOf = rulesOf;
    this.contextOf = rulesOf.map((ris) => Math.max(0, ...ris.map((ri) => this.contentRules[ri]!.contextLines ?? 0)));
    this.reachOf = this.contextOf.map((ctx, k) => 3 * windowMargin(ctx) + this.matcher.keywords[k]!.length);
    this.hitChecksOf = rulesOf.map((ris) => {
      const checks = ris.map((ri) => this.contentRules[ri]!.hitCanMatch);
      return checks.every((c) => c !== undefined)
        ? (checks as Array<NonNullable<ContentRule['hitCanMatch']>>)
        : undefined;
    });
    // Regions of whole lines give the same windows as the whole text only when no keyword spans a line break.
    this.byteRegionsExact = this.matcher.keywords.every((k) => !/[\r\n]/.test(k));
  }

  /**
   * Content findings for one chunk, inline directives already applied (see
   * `suppressed`). A long one (see BYTE_SEARCH_FROM) is searched as bytes
   * (`scanAsBytes`); a shorter one (a pre-commit's lines, a commit message,
   * most files' added lines) gets a window at every keyword hit.
   */
  scan(chunk: Chunk): Finding[] {
    return chunk.text.length < BYTE_SEARCH_FROM ? this.scanEveryHit(chunk) : this.scanAsBytes(chunk);
  }

  /**
   * `scan` of a chunk searched as UTF-8, as a file's bytes are: only the
   * hits some rule may build a match on (see `hitCanMatch`) get a window; a
   * diff of minified code is mostly `key`s and `token`s never assigned.
   */
  scanAsBytes(chunk: Chunk): Finding[] {
    return this.scanUtf8(chunk, Buffer.from(chunk.text, 'utf8'));
  }

  /** `scanAsBytes` with the chunk's text as UTF-8 `bytes` in hand (a file's own bytes, when they are its text). */
  private scanUtf8(chunk: Chunk, bytes: Uint8Array): Finding[] {
    const text = chunk.text;
    // The checks read a CR as the end of a line, which the rules do not: such text gets a window at every hit.
    if (bytes.indexOf(13) !== -1) return this.scanEveryHit(chunk);
    const hits = this.matcher.searchBytes(bytes);
    const usable = this.hitsSomeRuleMayUse(bytes, hits);
    // As many bytes as characters: all ASCII, the offsets are the text's.
    if (bytes.length === text.length) return this.scanText(chunk, hits, usable);
    // Else each UTF-8 sequence is one character (a lone surrogate's too, as U+FFFD): the hits move to UTF-16 offsets.
    const move = toUtf16(bytes, hits);
    const movedHits = hits.map(move);
    return this.scanText(chunk, movedHits, usable === hits ? movedHits : usable.map(move));
  }

  /** `scan` with a window at every keyword hit: the plain path, which the fast ones must agree with. */
  scanEveryHit(chunk: Chunk): Finding[] {
    return this.scanText(chunk, this.matcher.search(chunk.text));
  }

  /**
   * `scan` with the text's keyword hits given: all of them (the views read
   * them all), and those the rules' windows are built on (`usable`, by
   * default all).
   */
  private scanText(chunk: Chunk, hits: readonly KeywordHit[], usable = hits): Finding[] {
    const budget = fileBudget();
    const raw = this.candidates(chunk.text, chunk.path, usable, budget);
    // The views of the text share its budget: decoding cannot give a slow rule more time on one file.
    for (const c of this.viewCandidates(chunk.text, chunk.path, 1, budget, hits)) raw.push(c);
    for (const ri of budget.exhausted) {
      const rule = this.contentRules[ri]!;
      this.overBudget.push({ ruleId: rule.id, path: chunk.path, budgetMs: rule.timeBudgetMs! });
    }
    if (raw.length === 0) return [];
    return this.findingsOf(chunk, raw);
  }

  /** The files rules ran out of time on (see `ContentRule.timeBudgetMs`) since the last call. */
  takeOverBudget(): OverBudget[] {
    const out = this.overBudget;
    if (out.length) this.overBudget = [];
    return out;
  }

  /**
   * Content findings for a whole file given as bytes, or undefined when the
   * bytes are binary. Plain UTF-8 is searched for keywords as bytes and only
   * the lines around hits are decoded: most blobs hold no candidate at all,
   * and those never cost a full decode. A file with a candidate is decoded
   * whole and scanned as text, so findings are exactly those of `scan`.
   */
  scanBytes(path: string, data: Uint8Array, origin: Origin, triaged = false): Finding[] | undefined {
    // A caller that triaged the bytes already (a history worker) was told 'scan': the first pass is not run twice.
    const verdict = triaged ? 'scan' : this.triage(path, data);
    if (verdict === 'binary') return undefined;
    if (verdict === 'clean') return [];
    const d = decode(data);
    if (d.kind !== 'text') return undefined;
    const chunk = { path, text: d.text, startLine: 1, origin };
    // ASCII bytes (so no BOM) are their text's UTF-8, whatever its length: the byte search serves, and the hits
    // no rule can build a match on (see `hitCanMatch`) get no window, as in the first pass. A keyword-dense
    // file (a config of a thousand `*_key` entries, one holding a credential) is then windowed at its few
    // assignments. (With a CR, the decoded text differs and gets a window at every hit.)
    return isAscii(data) ? this.scanUtf8(chunk, data) : this.scan(chunk);
  }

  /**
   * The cheap first pass of `scanBytes`: 'clean' when no rule can match
   * (no keyword, or no rule matches on the lines around the hits), 'binary'
   * for binary plain bytes, else 'scan': the file must be decoded and
   * scanned whole (a candidate was found, or the bytes are not plain
   * UTF-8 and only a full decode can tell).
   */
  triage(path: string, data: Uint8Array): 'binary' | 'clean' | 'scan' {
    if (!hasNoBom(data) || !this.byteRegionsExact) return 'scan';
    if (isBinary(data)) return looksUtf16(data) ? 'scan' : 'binary';
    const versions = this.versions;
    if (!versions) return this.firstPass(path, data);
    const changed = versions.changed(path, data);
    // A join reads JOIN_READ characters past its hit: as many bytes in ASCII, three times as many at most otherwise.
    const join = !changed || !joinsLiterals(path) ? 0 : isAscii(data) ? JOIN_READ : 3 * JOIN_READ;
    const seen = { context: 0 };
    let verdict: 'clean' | 'scan' = 'clean';
    for (let context = changed?.context ?? 0; ; context = seen.context) {
      const regions = changed && versions.regionsAround(data, changed.ranges, context, join);
      seen.context = context;
      if (!regions) {
        verdict = this.firstPass(path, data, seen);
        break;
      }
      for (const [start, end] of regions)
        if ((verdict = this.firstPass(path, data, seen, start, end)) === 'scan') break;
      // A keyword in what changed whose rule asks for more context lines than the kept version's keywords:
      // the regions were too narrow for its window, and are searched again as wide as it needs.
      if (verdict === 'scan' || seen.context <= context) break;
    }
    // A version with a candidate is not kept; the kept clean one still serves the next (what differs from it
    // includes the candidate, which is searched again).
    if (verdict === 'clean') versions.keep(path, data, seen.context);
    return verdict;
  }

  /**
   * From now on, remember the last clean version of each big file and give
   * the next version of it the first pass only around what changed (see
   * CleanVersions): for a history, whose versions of a file come one after
   * another.
   */
  rememberCleanVersions(): void {
    this.versions ??= new CleanVersions();
  }

  /**
   * `triage` of the file `data`, the checks on the file as a whole done, for
   * the keyword hits in its lines [from, to) (all of it, or the region of a
   * new version that changed): the checks, windows and views of those hits
   * read the whole file, as they would in a pass over all of it.
   */
  private firstPass(
    path: string,
    data: Uint8Array,
    seen?: { context: number },
    from = 0,
    to = data.length,
  ): 'clean' | 'scan' {
    let found = this.matcher.searchBytes(from === 0 && to === data.length ? data : data.subarray(from, to));
    if (from > 0) found = found.map((h) => ({ keyword: h.keyword, start: h.start + from }));
    if (seen) for (const hit of found) seen.context = Math.max(seen.context, this.contextOf[hit.keyword]!);
    const hits = this.hitsSomeRuleMayUse(data, found);
    // One budget for the whole file; a rule that runs out of it here cannot say "clean", so the file is scanned.
    const budget = fileBudget();
    const clean = () =>
      this.viewsMayMatch(path, data, found, budget, from, to) || budget.exhausted.size > 0 ? 'scan' : 'clean';
    if (hits.length === 0) return clean();
    let next = 0; // the first hit not yet handed to a region (regions and hits both run in text order)
    for (const [start, end] of hitRegions(data, hits, this.contextOf, this.reachOf)) {
      const bytes = data.subarray(start, end);
      const first = next;
      while (next < hits.length && hits[next]!.start < end) next++;
      const inRegion = hits.slice(first, next);
      let text: string;
      let regionHits: KeywordHit[];
      if (bytes.indexOf(13) !== -1) {
        // CRs become line breaks and CRLFs shrink: offsets move, so search the normalised text again.
        text = normaliseEol(utf8.decode(bytes));
        regionHits = this.matcher.search(text);
      } else if (isAscii(bytes)) {
        // One byte per character: the byte hits are the text's hits, shifted to the region.
        text = asciiText(bytes);
        regionHits = inRegion.map((h) => ({ keyword: h.keyword, start: h.start - start }));
      } else if (isUtf8(bytes)) {
        text = utf8.decode(bytes);
        regionHits = inRegion.map(toUtf16(bytes, inRegion, start));
      } else {
        // Invalid UTF-8 decodes to U+FFFD, one per broken sequence: only the decoded text knows the offsets.
        text = utf8.decode(bytes);
        regionHits = this.matcher.search(text);
      }
      if (this.candidates(text, path, regionHits, budget).length > 0 || budget.exhausted.size > 0) return 'scan';
    }
    return clean();
  }

  /**
   * Whether a view of the bytes (decoded base64, joined literals) holds a
   * candidate: the keyword search over the plain bytes cannot see either.
   */
  private viewsMayMatch(
    path: string,
    data: Uint8Array,
    hits: readonly KeywordHit[],
    budget: FileBudget,
    from: number,
    to: number,
  ): boolean {
    // A run never spans a line break, and [from, to) is whole lines: the runs there are whole.
    for (const run of base64RunsInBytes(data.subarray(from, to))) {
      const encoded = asciiText(data.subarray(from + run.start, from + run.end));
      if (this.decodedCandidates(encoded, path, 1, budget).length > 0) return true;
    }
    // A split token's first part holds its keyword (`"hf_abc" + …`), and a literal joined to another follows it on its line.
    if (!joinsLiterals(path)) return false;
    const keywords = this.matcher.keywords;
    // Only these hits can start a join (the views skip the others): the rest of the work is theirs alone, and
    // the views need not ask again (what the bytes allow, the decoded text allows: its reach is as long or longer).
    const scout = new JoinScout(data);
    const joinable = hits.filter((h) => scout.mayFollow(h.start + keywords[h.keyword]!.length));
    if (joinable.length === 0) return false;
    // Invalid UTF-8 decodes to U+FFFD, one per broken sequence: only the whole decoded text knows the offsets.
    if (!isAscii(data) && !isUtf8(data)) return this.joinedCandidates(utf8.decode(data), path, budget).length > 0;
    // Only what the joins read is decoded: from the first joinable hit's line to JOIN_READ characters (three
    // bytes each at most) past the last one, moved on to a character boundary. A big file's views cost the
    // neighbourhood of its hits, not a decode of the whole file.
    const last = joinable[joinable.length - 1]!;
    const start = lineStartBefore(bufferOf(data), joinable[0]!.start);
    let end = Math.min(data.length, last.start + keywords[last.keyword]!.length + 3 * JOIN_READ);
    while (end < data.length && (data[end]! & 0xc0) === 0x80) end++;
    const bytes = data.subarray(start, end);
    // ASCII bytes are their text, offsets and all: the byte hits serve, and the text is not searched again.
    const shifted = joinable.map((h) => ({ keyword: h.keyword, start: h.start - start }));
    if (isAscii(bytes)) return this.joinedCandidates(asciiText(bytes), path, budget, shifted, true).length > 0;
    // Valid UTF-8 decodes one character per sequence: the byte hits move to their UTF-16 offsets.
    return (
      this.joinedCandidates(utf8.decode(bytes), path, budget, shifted.map(toUtf16(bytes, shifted)), true).length > 0
    );
  }

  /**
   * Matches in views of `text` that the plain scan cannot see, with offsets
   * in `text`: decoded base64 runs, and (in Python and JavaScript) adjacent
   * string literals joined.
   */
  private viewCandidates(
    text: string,
    path: string,
    depth: number,
    budget: FileBudget,
    hits?: readonly KeywordHit[],
  ): Candidate[] {
    const out: Candidate[] = [];
    for (const run of base64Runs(text)) {
      for (const c of this.decodedCandidates(text.slice(run.start, run.end), path, depth, budget)) {
        // The location is the whole encoded value: that is what a person sees, and removes.
        [c.start, c.end] = [run.start, run.end];
        out.push(c);
      }
    }
    if (depth === 1 && joinsLiterals(path))
      for (const c of this.joinedCandidates(text, path, budget, hits)) out.push(c);
    return out;
  }

  /** The candidates of what one base64 run decodes to (offsets in the decoded text). */
  private decodedCandidates(encoded: string, path: string, depth: number, budget: FileBudget): Candidate[] {
    const decoded = decodeBase64Text(encoded);
    if (!decoded) return [];
    const found = this.candidates(decoded.text, path, undefined, budget);
    if (depth < BASE64_DEPTH)
      for (const c of this.viewCandidates(decoded.text, path, depth + 1, budget))
        if (c.view === 'base64-encoded') found.push(c);
    for (const c of found) c.view = 'base64-encoded';
    return found;
  }

  /**
   * Matches that only the joined view of adjacent literals holds (each spans
   * two literals or more), in joins where a keyword stands in a literal
   * before the last: the split token's prefix (`"hf_abc" + …`). Literals are
   * read only from the line of such a keyword (`JoinScout`, which the
   * byte triage asks too; `joinable`: the hits are those it already said
   * yes to), each part of the text at most once.
   */
  private joinedCandidates(
    text: string,
    path: string,
    budget: FileBudget,
    hits: readonly KeywordHit[] = this.matcher.search(text),
    joinable = false,
  ): Candidate[] {
    const out: Candidate[] = [];
    const keywords = this.matcher.keywords;
    const scout = new JoinScout(text);
    let read = 0; // literals before this were read already
    // The start of the line of the hit at hand, found by reading forward (hits come in text order): asking
    // lastIndexOf for each hit re-read a long line once per hit on it.
    let lineStart = 0;
    let nextBreak = -2; // the first line break at or after lineStart (-1: none; -2: not looked for yet)
    for (const hit of hits) {
      const end = hit.start + keywords[hit.keyword]!.length;
      if (hit.start < read || (!joinable && !scout.mayFollow(end))) continue;
      if (nextBreak === -2) nextBreak = text.indexOf('\n');
      while (nextBreak !== -1 && nextBreak < hit.start) {
        lineStart = nextBreak + 1;
        nextBreak = text.indexOf('\n', lineStart);
      }
      // A literal never spans lines: its line's start is outside any.
      const from = Math.max(read, lineStart);
      for (const view of joinedLiterals(text, from, end)) {
        read = Math.max(read, view.end);
        if (view.pieces[0]!.from > hit.start || view.pieces[view.pieces.length - 1]!.from <= hit.start) continue;
        for (const c of this.candidates(view.text, path, undefined, budget)) {
          const span = sourceSpan(view, c.start, c.end);
          if (!span) continue;
          [c.start, c.end] = span;
          c.view = 'split across joined string literals';
          out.push(c);
        }
      }
      read = Math.max(read, end);
    }
    return out;
  }

  /**
   * The hits at least one rule may build a match on (see `hitCanMatch`):
   * in code, most `key` and `token` hits are names never assigned a value
   * and most `://` are URLs without credentials; they cost a decoded region
   * and a run of the rules each, for nothing.
   */
  private hitsSomeRuleMayUse(data: Uint8Array, hits: readonly KeywordHit[]): readonly KeywordHit[] {
    const checksOf = this.hitChecksOf;
    const keywords = this.matcher.keywords;
    let kept: KeywordHit[] | undefined;
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i]!;
      const checks = checksOf[hit.keyword];
      let usable = checks === undefined;
      if (!usable) {
        const end = hit.start + keywords[hit.keyword]!.length;
        for (const check of checks!) if ((usable = check(data, hit.start, end))) break;
      }
      if (usable) kept?.push(hit);
      else kept ??= hits.slice(0, i);
    }
    return kept ?? hits;
  }

  /**
   * Every rule match that survives the placeholder filter, with offsets in
   * `text`. Rules see windows of whole lines around keyword hits, cut to
   * WINDOW_MARGIN characters either side of the hits so that a minified
   * bundle's one long line is not searched whole by every rule for every hit.
   */
  private candidates(
    text: string,
    path: string,
    hits: readonly KeywordHit[] = this.matcher.search(text),
    budget = fileBudget(),
  ): Candidate[] {
    if (hits.length === 0) return [];

    // Group keyword hits by rule, as windows of whole lines around each hit.
    const windows = new Map<number, Window[]>();
    let starts: number[] | undefined;
    for (const hit of hits) {
      const hitEnd = hit.start + this.matcher.keywords[hit.keyword]!.length;
      starts ??= lineStarts(text);
      // The hit's line is the same for every rule that listed its keyword.
      const li = lineIndexAt(starts, hit.start);
      for (const ri of this.rulesOf[hit.keyword]!) {
        const rule = this.contentRules[ri]!;
        const ctx = rule.contextLines ?? 0;
        let list = windows.get(ri);
        if (!list) windows.set(ri, (list = []));
        const ws0 = starts[Math.max(0, li - ctx)]!;
        const endLine = li + ctx + 1;
        const we0 = endLine < starts.length ? starts[endLine]! - 1 : text.length;
        const margin = windowMargin(ctx);
        const ws = Math.max(ws0, hit.start - margin);
        const we = Math.min(we0, hitEnd + margin);
        const last = list[list.length - 1];
        if (
          last &&
          ws <= last.end &&
          (rule.timeBudgetMs === undefined || Math.max(last.end, we) - last.start <= BUDGETED_WINDOW)
        ) {
          last.start = Math.min(last.start, ws);
          last.end = Math.max(last.end, we);
        } else list.push({ start: ws, end: we });
      }
    }

    const raw: Candidate[] = [];
    for (const [ri, list] of windows) {
      const rule = this.contentRules[ri]!;
      let deadline: number | undefined;
      if (rule.timeBudgetMs !== undefined) {
        if (budget.exhausted.has(ri)) continue;
        deadline = budget.deadlines.get(ri);
        if (deadline === undefined) budget.deadlines.set(ri, (deadline = performance.now() + rule.timeBudgetMs));
      }
      const ctx: MatchContext = deadline === undefined ? { path } : { path, deadline };
      // A rule with a deadline may stop short: what it found is not what the text holds.
      const memo = deadline === undefined ? this.memo.of(path, ri) : undefined;
      const seen = new Set<string>();
      for (const w of list) {
        // Between windows: a rule past its deadline has not searched the rest of the file.
        if (ctx.cutShort || (deadline !== undefined && performance.now() > deadline)) {
          budget.exhausted.add(ri);
          break;
        }
        const windowText = text.slice(w.start, w.end);
        let matches: RuleMatch[] | undefined;
        if (memo && windowText.length <= MEMO_WINDOW_MAX) {
          memo.use.asked++;
          if (memo.young) {
            matches = memo.young.get(windowText);
            if (matches !== undefined) memo.use.found++;
            else {
              matches = memo.old?.get(windowText);
              if (matches !== undefined) memo.use.found++;
              else {
                matches = rule.match(windowText, ctx);
                if (!matches.length) matches = NO_MATCHES;
              }
              // Found in the old part, or new: kept in the young one, so it outlives the next turn-over.
              memo.young.set(ownCopy(windowText), matches);
              this.memo.grew(windowText.length);
            }
          }
        }
        matches ??= rule.match(windowText, ctx);
        for (const m of matches) {
          const start = w.start + m.start;
          const end = w.start + m.end;
          const key = `${start}:${end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const secret = m.secret ?? windowText.slice(m.start, m.end);
          if (!rule.ownPlaceholderCheck && isPlaceholder(secret, m.visiblePrefix ?? 0)) continue;
          raw.push({ rule, m: { ...m, secret }, start, end });
        }
      }
      if (ctx.cutShort) budget.exhausted.add(ri);
    }
    return raw;
  }

  private findingsOf(chunk: Chunk, raw: Candidate[]): Finding[] {
    const text = chunk.text;
    // A provider rule's finding wins over a fallback rule's on the same text.
    const overlapsSpecific = specificOverlap(raw.filter((r) => !r.rule.fallback));
    // What a view shows of a rule's match (the decoded token) wins over that rule's match on the encoded text.
    const viewedBy = new Map<ContentRule, Candidate[]>();
    for (const r of raw) {
      if (!r.view) continue;
      const list = viewedBy.get(r.rule);
      if (list) list.push(r);
      else viewedBy.set(r.rule, [r]);
    }
    const overlapsViewed = new Map([...viewedBy].map(([rule, spans]) => [rule, specificOverlap(spans)]));
    const kept = raw.filter(
      (r) =>
        (!r.rule.fallback || !overlapsSpecific(r.start, r.end)) &&
        (r.view !== undefined || !overlapsViewed.get(r.rule)?.(r.start, r.end)),
    );

    const lines = lineStarts(text);
    const lineText = (i: number) => text.slice(lines[i]!, i + 1 < lines.length ? lines[i + 1]! - 1 : text.length);
    const trueLine = (i: number) => chunk.lineNumbers?.[i] ?? chunk.startLine + i;
    const findings: Finding[] = [];
    // Minified files put thousands of matches on one long line: read its directive once.
    const directives = new Map<number, string | undefined>();
    for (const { rule, m, start, end, view } of kept) {
      const li = lineIndexAt(lines, start);
      const le = lineIndexAt(lines, Math.max(start, end - 1));
      const secret = detach(m.secret!);
      const finding: Finding = {
        ruleId: rule.id,
        provider: rule.provider,
        severity: m.severity ?? rule.severity,
        message: view ? `${m.message ?? rule.title} (${view})` : (m.message ?? rule.title),
        file: normalisePath(chunk.path),
        line: trueLine(li),
        column: start - lines[li]! + 1,
        endLine: trueLine(le),
        endColumn: end - lines[le]! + 1,
        secret,
        preview: preview(secret, m.visiblePrefix ?? 0),
        fingerprint: fingerprint(rule.id, chunk.path, secret),
        origin: chunk.origin,
        kind: 'content',
      };
      if (chunk.cell !== undefined) finding.cell = chunk.cell;
      if (m.pairId) finding.pairId = m.pairId;
      // In diff chunks the chunk's previous line may sit far above in the file: a
      // next-line directive there speaks about another line.
      let directive = directives.get(li);
      if (!directives.has(li)) {
        const previousIsAdjacent = li > 0 && trueLine(li - 1) === trueLine(li) - 1;
        directive = inlineDirective(lineText(li), previousIsAdjacent ? lineText(li - 1) : undefined);
        directives.set(li, directive);
      }
      if (directive) finding.suppressed = `inline: ${directive}`;
      findings.push(finding);
    }
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    return findings;
  }

  /** Path findings: is this a credential file that must not be committed? */
  /** Whether a path rule would look inside this file, so a caller with many paths can read those files in one batch first. */
  looksInside(path: string): boolean {
    const file = normalisePath(path);
    let asked = false;
    const content = () => {
      asked = true;
      return undefined;
    };
    for (const rule of this.pathRules) if (!asked) rule.test(file, content);
    return asked;
  }

  scanPath(path: string, origin: Origin, content: () => string | undefined): Finding[] {
    const file = normalisePath(path);
    const findings: Finding[] = [];
    for (const rule of this.pathRules) {
      if (!rule.test(file, content)) continue;
      findings.push({
        ruleId: rule.id,
        provider: rule.provider,
        severity: rule.severity,
        message: rule.title,
        file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        secret: '',
        preview: file,
        fingerprint: fingerprint(rule.id, file, ''),
        origin,
        kind: 'path',
      });
    }
    return findings;
  }
}
