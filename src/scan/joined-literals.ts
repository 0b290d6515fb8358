// A token split across string literals (`"hf_abc" + "def…"` in JavaScript,
// `"hf_abc" "def…"` in Python) never appears whole in the file. This builds a
// best-effort joined view of adjacent literals, so the content rules can see
// the whole value; it is not a parser, and needs not be one: a wrong join
// only yields text no rule matches.

/** Files whose literals are joined: Python and JavaScript/TypeScript (and notebooks, whose cells are Python). */
const JOINABLE = /\.(?:py|pyi|pyw|ipynb|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;

export function joinsLiterals(path: string): boolean {
  return JOINABLE.test(path);
}

/** A literal longer than this is prose or data, not half a token. */
const MAX_LITERAL = 256;
/** A joined view stops growing here: the rules' matches are a few hundred characters at most. */
const MAX_JOINED = 1024;
/**
 * Characters a join spans at most, from its first quote to its last: empty
 * literals add nothing to MAX_JOINED, and a bound on the span is what lets
 * the first pass of a file's new version search only around what changed
 * (see Engine.rememberCleanVersions).
 */
export const MAX_JOIN_SPAN = 1024;
/** Whitespace between two joined literals, at most (a line break and indentation). */
const MAX_GAP = 80;
/**
 * Characters past the end of the keyword hit that starts it that a join
 * reads at most: its span, then a look for one more literal (a gap and a
 * literal to its closing quote). The first pass decodes no further.
 */
export const JOIN_READ = MAX_JOIN_SPAN + MAX_GAP + MAX_LITERAL + 2;

/** One literal's contents: `at` in the joined text, `from` in the source. */
export interface Piece {
  at: number;
  from: number;
  length: number;
}

export interface JoinedView {
  text: string;
  pieces: Piece[];
  /** Where the join ends in the source (after its last literal's closing quote). */
  end: number;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96; // " ' `
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The offset of the closing quote of the literal opening at `open`, or -1 (not closed on its line, too long, a template with `${`). */
function closingQuote(text: string, open: number): number {
  const q = text.charCodeAt(open);
  const limit = Math.min(text.length, open + 1 + MAX_LITERAL + 1);
  for (let j = open + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === q) return j;
    if (c === 10) return -1;
    if (c === 92)
      j++; // an escape: the next character is the literal's
    else if (q === 96 && c === 36 && text.charCodeAt(j + 1) === 123) return -1; // `${…}`: not a constant
  }
  return -1;
}

/**
 * Where the literal after the one closing at `close` opens, when only
 * whitespace and at most one `+` (or a Python line continuation) lie
 * between, and something does: two quotes touching are an empty literal
 * (`''`) or one literal nested in another far more often than `"a""b"`.
 */
function nextLiteral(text: string, close: number): number {
  return joinedAt((i) => text.charCodeAt(i), text.length, close);
}

/** `nextLiteral` over character codes: the offset of the next literal's quote, or -1. */
function joinedAt(at: (i: number) => number, n: number, close: number): number {
  let i = close + 1;
  const limit = Math.min(n, i + MAX_GAP);
  let joiner = false;
  while (i < limit) {
    const c = at(i);
    if (isSpace(c)) i++;
    else if (!joiner && (c === 43 || c === 92)) {
      joiner = true;
      i++;
    } else break;
  }
  if (i >= limit || !isQuote(at(i))) return -1;
  return i > close + 1 ? i : -1;
}

/**
 * Whether, in UTF-8 bytes or text, a literal may close after a keyword hit
 * on its line and be joined to another (a quote, whitespace and at most one
 * `+`, a quote): the look at each hit before literals are read for the
 * joined view. True whenever `joinedLiterals` could join there.
 *
 * Asked for the hits in text order, a line's characters are read about once
 * however many hits it holds: what one answer read (up to a line break, a
 * quote that joins, or its reach) answers the hits that end inside it. A
 * minified line of a thousand `key`s was read a kilobyte per hit.
 */
export class JoinScout {
  private readonly at: (i: number) => number;
  /** The last offset asked about; characters from it to `stopAt` are neither line breaks nor quotes a join follows. */
  private from = 0;
  private stopAt = 0;
  /** What stands at `stopAt`: a line break, a quote a join follows, or the end of what was read. */
  private stop: 'break' | 'join' | 'reach' = 'reach';

  constructor(private readonly text: Uint8Array | string) {
    this.at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!;
  }

  /** Whether a join may follow offset `from` (the end of a keyword hit) on its line. */
  mayFollow(from: number): boolean {
    const n = this.text.length;
    // Bytes, not characters: room for a literal of MAX_LITERAL characters of up to four bytes each.
    const limit = Math.min(n, from + 4 * (MAX_LITERAL + 1));
    let j = from;
    if (from >= this.from && from < this.stopAt) {
      // What stands at stopAt was within the last offset's reach, so within this one's (further on).
      if (this.stop !== 'reach') return this.stop === 'join';
      j = this.stopAt;
    }
    this.from = from;
    // The next line break or quote, by a loop of its own per kind of text: a call through `at` per character cost
    // more than the look itself. A quote is then asked whether a join follows it.
    const text = this.text;
    for (;;) {
      j = typeof text === 'string' ? breakOrQuoteInText(text, j, limit) : breakOrQuoteInBytes(text, j, limit);
      if (j >= limit) return this.stopped(limit, 'reach');
      if (this.at(j) === 10) return this.stopped(j, 'break');
      if (joinedAt(this.at, n, j) !== -1) return this.stopped(j, 'join');
      j++;
    }
  }

  private stopped(at: number, why: 'break' | 'join' | 'reach'): boolean {
    this.stopAt = at;
    this.stop = why;
    return why === 'join';
  }
}

/** The first line break or quote in [from, limit) of `text`, else `limit`. */
function breakOrQuoteInText(text: string, from: number, limit: number): number {
  for (let j = from; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 34 || c === 39 || c === 96) return j;
  }
  return limit;
}

/** `breakOrQuoteInText` over bytes. */
function breakOrQuoteInBytes(bytes: Uint8Array, from: number, limit: number): number {
  for (let j = from; j < limit; j++) {
    const c = bytes[j]!;
    if (c === 10 || c === 34 || c === 39 || c === 96) return j;
  }
  return limit;
}

/**
 * Every run of two or more adjacent literals whose first literal opens in
 * [from, to), joined. Linear: each literal is read once, and a literal that
 * does not close is passed by its quote.
 */
export function joinedLiterals(text: string, from = 0, to = text.length): JoinedView[] {
  const views: JoinedView[] = [];
  const quote = /["'`]/g;
  quote.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = quote.exec(text)) !== null && m.index < to) {
    const first = m.index;
    let open = first;
    let close = closingQuote(text, open);
    if (close === -1) continue;
    const pieces: Piece[] = [];
    let joined = '';
    for (;;) {
      const length = close - open - 1;
      if (joined.length + length > MAX_JOINED) break;
      pieces.push({ at: joined.length, from: open + 1, length });
      joined += text.slice(open + 1, close);
      const next = nextLiteral(text, close);
      const nextClose = next === -1 ? -1 : closingQuote(text, next);
      if (nextClose === -1 || nextClose - first >= MAX_JOIN_SPAN) break;
      open = next;
      close = nextClose;
    }
    quote.lastIndex = close + 1;
    if (pieces.length >= 2) views.push({ text: joined, pieces, end: close + 1 });
  }
  return views;
}

/**
 * The source span of joined-text range [start, end), or undefined when the
 * range lies within one literal (the plain scan sees that one whole).
 */
export function sourceSpan(view: JoinedView, start: number, end: number): [number, number] | undefined {
  const first = pieceAt(view.pieces, start);
  const last = pieceAt(view.pieces, Math.max(start, end - 1));
  if (first === last) return undefined;
  const a = view.pieces[first]!;
  const b = view.pieces[last]!;
  return [a.from + (start - a.at), b.from + (end - b.at)];
}

function pieceAt(pieces: Piece[], offset: number): number {
  let i = 0;
  while (i + 1 < pieces.length && pieces[i + 1]!.at <= offset) i++;
  return i;
}
