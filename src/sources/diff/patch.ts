// Parses git's `--raw -p -z -U0 --no-abbrev --full-index` output: the raw
// entries give exact paths and blob ids (NUL-separated, so any file name is
// safe); the patches, in the same order, give the added lines with their
// line numbers in the new file. A merge commit's combined diff (`--cc`) is
// read too: there a line is added only when it is added against every
// parent, since a line that any parent has is not new in the merge.

import { utf8FromLatin1 } from '../../util/latin1.js';

export interface AddedLine {
  line: number;
  text: string;
}

export interface FileDiff {
  /** A (added), C (copied), M (modified), R (renamed), T (type change) … */
  status: string;
  path: string;
  oldPath?: string;
  /** The new blob (the index blob for staged diffs). */
  oid: string;
  newMode: string;
  /** git found no text diff (binary content): the blob must be read whole. */
  binary: boolean;
  added: AddedLine[];
}

const RAW = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;
/** A combined entry: one colon per parent, the parents' modes then the result's, the same for ids, one status letter per parent. */
const COMBINED_RAW = /^(:{2,})((?:\d{6} )+)((?:[0-9a-f]+ )+)([A-Z]+)$/;

/** One raw entry's head: its status, new blob, new mode and how many parents it is compared with. */
function rawEntry(head: string): { status: string; oid: string; newMode: string; parents: number } | undefined {
  const m = RAW.exec(head);
  if (m) return { status: m[5]!, oid: m[4]!, newMode: m[2]!, parents: 1 };
  const c = COMBINED_RAW.exec(head);
  if (!c) return undefined;
  const parents = c[1]!.length;
  const modes = c[2]!.trim().split(' ');
  const oids = c[3]!.trim().split(' ');
  const letters = c[4]!;
  if (modes.length !== parents + 1 || oids.length !== parents + 1 || letters.length !== parents) return undefined;
  // A path is new to the merge only when no parent has it; a combined entry names one path (no rename pairs).
  const status = /^A+$/.test(letters) ? 'A' : 'M';
  return { status, oid: oids[parents]!, newMode: modes[parents]!, parents };
}

const PLUS = 43;
const SPACE = 32;

/** A line of a CRLF file without its CR. */
function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * Parse one raw+patch section. `text` is the output decoded as latin1, so
 * string offsets are byte offsets and nothing is lost before the per-line
 * UTF-8 decoding.
 */
export function parseRawPatch(text: string): FileDiff[] {
  const files: FileDiff[] = [];
  /** Parents each file is compared with: 1 for a plain diff, 2 or more in a merge's combined diff. */
  const parentsOf: number[] = [];
  let at = 0;
  // Raw entries: ":<modes> <oids> <status>\0<path>\0[<new path>\0]", ended by an empty field.
  while (at < text.length && text[at] === ':') {
    const headEnd = text.indexOf('\0', at);
    if (headEnd === -1) break;
    const entry = rawEntry(text.slice(at, headEnd));
    at = headEnd + 1;
    if (!entry) break;
    const { status } = entry;
    const p1End = text.indexOf('\0', at);
    const p1 = utf8FromLatin1(text.slice(at, p1End));
    at = p1End + 1;
    let path = p1;
    let oldPath: string | undefined;
    if (entry.parents === 1 && (status === 'R' || status === 'C')) {
      const p2End = text.indexOf('\0', at);
      oldPath = p1;
      path = utf8FromLatin1(text.slice(at, p2End));
      at = p2End + 1;
    }
    files.push({
      status,
      path,
      ...(oldPath !== undefined ? { oldPath } : {}),
      oid: entry.oid,
      newMode: entry.newMode,
      binary: false,
      added: [],
    });
    parentsOf.push(entry.parents);
  }
  if (text[at] === '\0') at++;

  // Patches: one "diff --git" (or, for a merge, "diff --cc") header per raw entry, in the same order.
  const patches = text
    .slice(at)
    .split(/^diff --(?:git|cc|combined) /m)
    .slice(1);
  patches.forEach((patch, i) => {
    const file = files[i];
    if (!file) return;
    const parents = parentsOf[i]!;
    // Each hunk line starts with one column per parent: '+' added against that parent, '-' only in that parent.
    const hunkHead = new RegExp(
      `^${'@'.repeat(parents + 1)} (?:-\\d+(?:,\\d+)? ){${parents}}\\+(\\d+)(?:,\\d+)? ${'@'.repeat(parents + 1)}`,
    );
    const addedEverywhere = '+'.repeat(parents);
    const lines = patch.split('\n');
    let newLine = 0;
    let inHunk = false;
    for (const raw of lines) {
      if (raw.startsWith('@@')) {
        const h = hunkHead.exec(raw);
        if (h) {
          newLine = Number(h[1]);
          inHunk = true;
        }
        continue;
      }
      if (!inHunk) {
        if (raw.startsWith('Binary files ') || raw === 'GIT binary patch') file.binary = true;
        continue;
      }
      // '-' lines (in a parent only) and "\ No newline at end of file" are not lines of the new file.
      if (parents === 1) {
        const column = raw.charCodeAt(0);
        if (column === PLUS) file.added.push({ line: newLine, text: withoutCr(utf8FromLatin1(raw.slice(1))) });
        else if (column !== SPACE) continue;
        newLine++;
        continue;
      }
      const columns = raw.slice(0, parents);
      if (columns.length < parents || !/^[ +]+$/.test(columns)) continue;
      if (columns === addedEverywhere)
        file.added.push({ line: newLine, text: withoutCr(utf8FromLatin1(raw.slice(parents))) });
      newLine++;
    }
  });
  return files;
}

/**
 * Split `git diff-tree --stdin -z` output into one section per commit: each
 * starts with the commit id and a NUL, which no patch line can contain.
 */
export function splitCommits(text: string): Array<{ sha: string; body: string }> {
  const out: Array<{ sha: string; body: string }> = [];
  const re = /(?:^|\n)([0-9a-f]{40}|[0-9a-f]{64})\0/g;
  let m: RegExpExecArray | null;
  let prev: { sha: string; start: number } | undefined;
  while ((m = re.exec(text)) !== null) {
    if (prev) out.push({ sha: prev.sha, body: text.slice(prev.start, m.index + (m[0].startsWith('\n') ? 1 : 0)) });
    prev = { sha: m[1]!, start: m.index + m[0].length };
  }
  if (prev) out.push({ sha: prev.sha, body: text.slice(prev.start) });
  return out;
}

/**
 * `splitCommits` over output that arrives in pieces: `push` returns the
 * sections completed so far (a section is complete once the next commit's
 * header has arrived), `end` the last one. Each piece is searched once (with
 * the few characters before it, for a header cut in two) and the pieces of a
 * long section are joined only when it ends, so time stays linear.
 */
export class CommitSplitter {
  private static readonly HEADER = /(?:^|\n)([0-9a-f]{40}|[0-9a-f]{64})\0/g;
  /** The current section's text so far (or text before any header). */
  private pieces: string[] = [];
  private sha: string | undefined;
  /** The last characters already searched, where the start of a header may sit. */
  private carry = '';
  private seen = 0;

  push(piece: string): Array<{ sha: string; body: string }> {
    const out: Array<{ sha: string; body: string }> = [];
    const search = this.carry + piece;
    const searchAt = this.seen - this.carry.length; // where `search` starts in the whole output
    this.seen += piece.length;
    const re = CommitSplitter.HEADER;
    re.lastIndex = 0;
    const headers: RegExpExecArray[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(search)) !== null) {
      // `^` is the start of the whole output, not of this search.
      if (m.index === 0 && !m[0].startsWith('\n') && searchAt !== 0) {
        re.lastIndex = 1;
        continue;
      }
      headers.push(m);
    }
    if (headers.length === 0) {
      this.pieces.push(piece);
      this.carry = search.slice(-66);
      return out;
    }
    const full = this.pieces.join('') + piece;
    const shift = full.length - search.length; // `search` is the end of `full`
    let start = 0;
    for (const h of headers) {
      const bodyEnd = shift + h.index + (h[0].startsWith('\n') ? 1 : 0);
      if (this.sha !== undefined) out.push({ sha: this.sha, body: full.slice(start, bodyEnd) });
      this.sha = h[1]!;
      start = shift + h.index + h[0].length;
    }
    this.pieces = [full.slice(start)];
    // Searching resumes after the last header: text before it cannot start another.
    this.carry = search.slice(Math.max(start - shift, search.length - 66));
    return out;
  }

  end(): Array<{ sha: string; body: string }> {
    const last = this.sha !== undefined ? [{ sha: this.sha, body: this.pieces.join('') }] : [];
    this.sha = undefined;
    this.pieces = [];
    this.carry = '';
    return last;
  }
}
