// Which branches, tags and other refs reach the commit that first added each
// secret. Real ML repositories have thousands of refs and hundreds of such
// commits; a `git for-each-ref --contains` per commit, or a walk per ref,
// costs minutes there. Instead one pass over the commits the log already
// listed, parents before children, carries a bitset per commit of the
// wanted commits it reaches; each ref tip is then one lookup.
// Cost: O((commits + parent links) × wanted / 32 + refs × wanted / 32).
import type { CommitInfo } from '../../types.js';
import { gitSync } from '../../git/git.js';

/** Wanted commits handled per pass: bounds memory at commits × 256 bytes. */
const BATCH = 2048;

/**
 * Refs named per commit at most; the rest are counted. A repository with
 * thousands of pull-request refs would otherwise put every one of them in
 * every finding: a report of findings × refs names (19 MB of JSON for 300
 * findings and 5,000 refs), and a cost that grows with their product.
 */
export const REFS_NAMED = 20;

/** The refs that reach one commit: the first REFS_NAMED of them by `refOrder`, and how many there are. */
export interface RefsReaching {
  names: string[];
  count: number;
}

/** Every ref with its short name, object and peeled object: what `refsContainingAll` reads (a caller may start it early). */
export const REF_LIST = ['for-each-ref', '--format=%(refname)%00%(refname:short)%00%(objectname)%00%(*objectname)'];

/** Branches first, then remote-tracking branches, tags, and the rest (pull-request heads, notes…). */
function refRank(refname: string): number {
  if (refname.startsWith('refs/heads/')) return 0;
  if (refname.startsWith('refs/remotes/')) return 1;
  if (refname.startsWith('refs/tags/')) return 2;
  return 3;
}

interface RefTip {
  shortName: string;
  /** Index of the ref's commit in the graph, or -1 when it names no commit. */
  at: number;
}

/**
 * For each commit in `shas`, the refs that contain it (as `for-each-ref
 * --contains` would list them): how many, and the short names of the first
 * `named` of them, branches before remote branches, tags and other refs,
 * each kind in `git for-each-ref` order.
 * `commits[i]`'s parents are `parents[i]` (space-separated shas), as the
 * history walk read them; refs whose tips the walk did not reach (an
 * excluded stash, refs outside `--ref`) are added with one `git rev-list`.
 * `listed`: the output of `git REF_LIST` when the caller started it early.
 */
export function refsContainingAll(
  root: string,
  shas: Iterable<string>,
  commits: CommitInfo[],
  parents: string[],
  batch = BATCH,
  named = REFS_NAMED,
  listed?: { stdout: Buffer; status: number },
): Map<string, RefsReaching> {
  const out = new Map<string, RefsReaching>();
  for (const sha of shas) out.set(sha, { names: [], count: 0 });
  if (out.size === 0) return out;
  listed ??= gitSync(root, REF_LIST);
  if (listed.status !== 0) return out;
  const refs = listed.stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\0') as [string, string, string, string])
    .map((ref, i) => ({ ref, rank: refRank(ref[0]), i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ ref }) => ref);

  const graph = new CommitGraph(commits, parents);
  const unwalked = [...new Set(refs.map(([, , object, peeled]) => peeled || object).filter((sha) => !graph.has(sha)))];
  if (unwalked.length)
    graph.extend(
      root,
      unwalked,
      refs.map(([, , object, peeled]) => peeled || object).filter((sha) => graph.has(sha)),
    );
  const tips: RefTip[] = refs.map(([, shortName, object, peeled]) => ({
    shortName,
    at: graph.indexOf(peeled || object),
  }));

  const wanted = [...out.keys()].map((sha) => graph.indexOf(sha)).filter((i) => i >= 0);
  const order = graph.parentsFirst();
  for (let start = 0; start < wanted.length; start += batch) {
    const group = wanted.slice(start, start + batch);
    const words = Math.ceil(group.length / 32);
    const reach = new Uint32Array(graph.size * words);
    group.forEach((c, bit) => (reach[c * words + (bit >>> 5)]! |= 1 << (bit & 31)));
    for (const c of order) {
      const base = c * words;
      for (const p of graph.parentsOf(c)) {
        const from = p * words;
        for (let w = 0; w < words; w++) reach[base + w]! |= reach[from + w]!;
      }
    }
    for (const tip of tips) {
      if (tip.at < 0) continue;
      const base = tip.at * words;
      for (let w = 0; w < words; w++) {
        let bits = reach[base + w]!;
        while (bits) {
          const low = bits & -bits;
          const bit = w * 32 + (31 - Math.clz32(low));
          const reaching = out.get(graph.shaAt(group[bit]!))!;
          if (reaching.count++ < named) reaching.names.push(tip.shortName);
          bits ^= low;
        }
      }
    }
  }
  return out;
}

/** The commit graph the walk listed, extended with commits only unwalked refs reach. */
class CommitGraph {
  private readonly shas: string[];
  private readonly index = new Map<string, number>();
  private readonly parentShas: string[];
  private parentIdx: number[][] | undefined;

  constructor(commits: CommitInfo[], parents: string[]) {
    this.shas = commits.map((c) => c.sha);
    this.shas.forEach((sha, i) => this.index.set(sha, i));
    this.parentShas = [...parents];
  }

  get size(): number {
    return this.shas.length;
  }

  has(sha: string): boolean {
    return this.index.has(sha);
  }

  indexOf(sha: string): number {
    return this.index.get(sha) ?? -1;
  }

  shaAt(i: number): string {
    return this.shas[i]!;
  }

  /**
   * Add the commits reachable from `tips` but not from `known` (tips already
   * in the graph), with their parents, in one `git rev-list`. A tip that is
   * not a commit (a tag of a tree or blob) is left out, as --contains would.
   */
  extend(root: string, tips: string[], known: string[]): void {
    const input = [...tips, ...[...new Set(known)].map((sha) => `^${sha}`)].join('\n') + '\n';
    const r = gitSync(root, ['rev-list', '--parents', '--stdin', '--ignore-missing'], input);
    const lines = r.status === 0 ? r.stdout.toString('latin1').split('\n') : [];
    if (r.status !== 0) {
      // One bad tip fails the whole list: fall back to one rev-list per tip.
      for (const tip of tips) {
        const one = gitSync(root, ['rev-list', '--parents', tip, ...[...new Set(known)].map((sha) => `^${sha}`), '--']);
        if (one.status === 0) lines.push(...one.stdout.toString('latin1').split('\n'));
      }
    }
    for (const line of lines) {
      if (!line) continue;
      const [sha, ...ps] = line.split(' ');
      if (this.index.has(sha!)) continue;
      this.index.set(sha!, this.shas.length);
      this.shas.push(sha!);
      this.parentShas.push(ps.join(' '));
    }
    this.parentIdx = undefined;
  }

  parentsOf(i: number): number[] {
    this.parentIdx ??= this.parentShas.map((ps) =>
      // A parent the graph does not hold lies beyond a shallow boundary: --contains stops there too.
      ps
        ? ps
            .split(' ')
            .map((p) => this.index.get(p) ?? -1)
            .filter((p) => p >= 0)
        : [],
    );
    return this.parentIdx[i]!;
  }

  /** Every commit after all of its parents (Kahn's algorithm; commit dates are not trusted for order). */
  parentsFirst(): Uint32Array {
    const n = this.size;
    const children: number[][] = Array.from({ length: n }, () => []);
    const waiting = new Uint32Array(n);
    for (let c = 0; c < n; c++) {
      const ps = this.parentsOf(c);
      waiting[c] = ps.length;
      for (const p of ps) children[p]!.push(c);
    }
    const order = new Uint32Array(n);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < n; c++) if (waiting[c] === 0) order[tail++] = c;
    while (head < tail) {
      const c = order[head++]!;
      for (const child of children[c]!) if (--waiting[child]! === 0) order[tail++] = child;
    }
    return order.subarray(0, tail);
  }
}
