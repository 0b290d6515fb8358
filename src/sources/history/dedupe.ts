// History's de-duplication stage: a secret committed many times (every
// version of a config file, every copy) is one finding, reported where it
// first appeared, with how many commits hold it, every path it had, whether
// HEAD still holds it and which refs reach it.
import type { CommitInfo, Finding } from '../../types.js';
import { refsContainingAll } from './refs.js';
import { paceDue, yieldToEventLoop } from '../../util/pace.js';

/** A unique file version of the history: where it first appeared and how often. */
export interface BlobInfo {
  /** Index of the oldest commit that added this blob. */
  first: number;
  path: string;
  commits: number;
  /**
   * The other paths it was committed at (copies, renames), made on the
   * first: most blobs of a history have one path, and a Set each was a
   * tenth of the main thread's heap on a history of 50,000 blobs.
   */
  copies?: Set<string>;
}

/** Every path a blob was committed at, its first path first. */
export function pathsOf(info: BlobInfo): string[] {
  return info.copies ? [info.path, ...info.copies] : [info.path];
}

export interface HistoryFindings {
  findings: Finding[];
  suppressed: Finding[];
}

export interface DedupeContext {
  root: string;
  /** The blob (or message key) each finding was read from. */
  findingBlob: Map<Finding, string>;
  blobs: { get(key: string): BlobInfo | undefined };
  commits: CommitInfo[];
  parents: string[];
  headBlobs: Set<string>;
  /** `git REF_LIST` (see refs.ts), when it was started early. */
  refList?: Promise<{ stdout: Buffer; status: number } | undefined>;
}

/**
 * One finding per (rule, secret): the oldest, carrying the counts, paths and
 * refs of all the others, in history order; findings of no blob (path and
 * repository rules) are kept as they are. Returns new lists; the input is
 * not changed.
 */
export async function dedupeHistory(input: HistoryFindings, ctx: DedupeContext): Promise<HistoryFindings> {
  const { root, findingBlob, blobs, commits, parents, headBlobs } = ctx;
  const lists = [input.findings, input.suppressed];
  const groupsOf = [
    await groupByRuleAndSecret(lists[0]!, findingBlob),
    await groupByRuleAndSecret(lists[1]!, findingBlob),
  ];
  const firstShas = new Set<string>();
  for (const { groups } of groupsOf)
    for (const group of groups.values()) {
      if (paceDue()) await yieldToEventLoop();
      const infoOf = (f: Finding) => blobs.get(findingBlob.get(f)!)!;
      // Within the oldest blob, its own first path before its copies.
      const copied = (f: Finding) => (f.file === infoOf(f).path ? 0 : 1);
      group.sort((a, b) => infoOf(a).first - infoOf(b).first || copied(a) - copied(b) || byPlace(a, b));
      firstShas.add(firstCommitOf(group[0]!, infoOf(group[0]!), commits).sha);
    }
  const refsOf = refsContainingAll(root, firstShas, commits, parents, undefined, undefined, await ctx.refList);
  const out: Finding[][] = [];
  for (const li of [0, 1]) {
    const { groups, kept } = groupsOf[li]!;
    const firsts: Finding[] = [];
    for (const group of groups.values()) {
      if (paceDue()) await yieldToEventLoop();
      const infoOf = (f: Finding) => blobs.get(findingBlob.get(f)!)!;
      const first = group[0]!;
      const oids = new Set(group.map((f) => findingBlob.get(f)!));
      let count = 0;
      const allPaths = new Set<string>();
      for (const oid of oids) {
        const info = blobs.get(oid)!;
        count += info.commits;
        for (const p of pathsOf(info)) allPaths.add(p);
      }
      const firstCommit = firstCommitOf(first, infoOf(first), commits);
      first.history = {
        firstCommit,
        commits: count,
        paths: [...allPaths].sort(),
        inHead: [...oids].some((o) => headBlobs.has(o)),
        refs: [...refsOf.get(firstCommit.sha)!.names],
        refCount: refsOf.get(firstCommit.sha)!.count,
        fingerprints: [...new Map(group.map((f) => [f.file, f.fingerprint])).entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([path, fp]) => ({ path, fingerprint: fp })),
      };
      firsts.push(first);
    }
    // Blobs are scanned in no fixed order (several readers): report in history order.
    const when = (f: Finding) => blobs.get(findingBlob.get(f)!)!.first;
    firsts.sort((a, b) => when(a) - when(b) || byPlace(a, b));
    out.push([...kept, ...firsts]);
  }
  return { findings: out[0]!, suppressed: out[1]! };
}

/** The commit a finding was first committed in: its origin (a copy's own), else its blob's first commit. */
function firstCommitOf(f: Finding, info: BlobInfo, commits: CommitInfo[]): CommitInfo {
  return f.origin.kind === 'commit' ? f.origin.commit : commits[info.first]!;
}

/** Findings of one commit in file, line, column and rule order. */
function byPlace(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/** Findings from blobs grouped by (rule, secret); the others (path findings) kept as they are. */
async function groupByRuleAndSecret(list: Finding[], findingBlob: Map<Finding, string>) {
  const groups = new Map<string, Finding[]>();
  const kept: Finding[] = [];
  for (const [i, f] of list.entries()) {
    // A dense history holds hundreds of thousands of findings before this: see whether a signal waits.
    if ((i & 1023) === 0 && paceDue()) await yieldToEventLoop();
    if (!findingBlob.has(f)) {
      kept.push(f);
      continue;
    }
    const key = `${f.ruleId}\0${f.secret}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  return { groups, kept };
}
