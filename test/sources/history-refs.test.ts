// Ref attribution in history audits: the same answer as `git for-each-ref
// --contains` for every commit that first added a secret, without a git
// process per commit or a walk per ref (real repositories have thousands of
// refs), and path rules that look inside files read them in one batch.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { refsContainingAll } from '../../src/sources/history/refs.js';
import { workerPlan } from '../../src/sources/history/blob-feed.js';
import { GIT_TEST_ENV, commit, fakeHfToken, git, gitCallLog, leaklint, tempRepo } from '../helpers.js';

/** A seeded history with merges, branches, lightweight and annotated tags, a tag of a tree and a ref the walk leaves out. */
function tangledRepo(): string {
  const repo = tempRepo();
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 12) % n;
  };
  // fast-import builds 300 commits in one process.
  const lines: string[] = [];
  const marks: number[] = [];
  for (let i = 1; i <= 300; i++) {
    const branch = `b${rand(12)}`;
    const from = marks.length ? marks[rand(marks.length)] : undefined;
    const merge = marks.length > 10 && rand(4) === 0 ? marks[rand(marks.length)] : undefined;
    lines.push(
      `commit refs/heads/${branch}`,
      `mark :${i}`,
      `committer T <t@example.com> ${1_700_000_000 + i * (rand(3) === 0 ? -50 : 60)} +0000`,
      'data 2',
      `c${i % 10}`,
    );
    if (from) lines.push(`from :${from}`);
    if (merge && merge !== from) lines.push(`merge :${merge}`);
    lines.push(`M 100644 inline f${i % 17}.txt`, `data ${String(i).length}`, String(i), '');
    marks.push(i);
    if (rand(3) === 0) lines.push(`reset refs/tags/t${i}`, `from :${i}`, '');
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: repo,
    input: lines.join('\n') + '\n',
    env: { ...process.env, ...GIT_TEST_ENV },
  });
  git(repo, 'branch', '-f', 'main', 'b0');
  git(repo, 'tag', '-a', 'annotated', '-m', 'a', 'b3');
  git(repo, 'tag', 'treetag', 'b1^{tree}');
  return repo;
}

function walkOf(repo: string, ...revs: string[]) {
  const listed = git(repo, 'rev-list', '--parents', ...revs, '--')
    .trim()
    .split('\n');
  return {
    commits: listed.map((l) => ({ sha: l.split(' ')[0]!, author: 'T', date: '' })),
    parents: listed.map((l) => l.split(' ').slice(1).join(' ')),
  };
}

describe('history ref attribution', () => {
  it('names the same refs as for-each-ref --contains, over batches and refs outside the walk', () => {
    const repo = tangledRepo();
    const all = git(repo, 'rev-list', '--all').trim().split('\n');
    const wanted = all.filter((_, i) => i % 7 === 0);
    const expected = (sha: string) =>
      git(repo, 'for-each-ref', '--contains', sha, '--format=%(refname:short)').split('\n').filter(Boolean);
    // The whole history walked; then only two branches walked, so the other refs' commits come from rev-list.
    for (const revs of [['--all'], ['b0', 'b5']]) {
      const { commits, parents } = walkOf(repo, ...revs);
      expect(wanted.length).toBeGreaterThan(20);
      // Every ref named, then only the first three (branches sort before tags in for-each-ref's order too).
      for (const named of [10_000, 3]) {
        const got = refsContainingAll(repo, wanted, commits, parents, 5, named);
        for (const sha of wanted) {
          const all = expected(sha);
          expect(got.get(sha), `${sha} walking ${revs.join(' ')}`).toEqual({
            names: all.slice(0, named),
            count: all.length,
          });
        }
      }
    }
  });

  it('asks git a fixed number of questions however many refs and findings', () => {
    const repo = tempRepo();
    for (let i = 0; i < 30; i++) {
      commit(repo, { [`k${i}.py`]: `T = "${fakeHfToken(400 + i)}"\n` }, `c${i}`);
      git(repo, 'tag', `v${i}`);
    }
    const shim = gitCallLog();
    const r = leaklint(['history', '-f', 'json'], { cwd: repo, env: { ...shim.env, LEAKLINT_WORKERS: '0' } });
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Array<{
      history: { refs: string[]; refCount: number };
      commit: string;
    }>;
    expect(findings.length).toBeGreaterThan(25);
    for (const f of findings) {
      // The branch first, then the tags; at most 20 named, all counted.
      const reaching = git(repo, 'for-each-ref', '--contains', f.commit, '--format=%(refname)')
        .split('\n')
        .filter(Boolean)
        .sort((a, b) => Number(a.startsWith('refs/tags/')) - Number(b.startsWith('refs/tags/')))
        .map((ref) => ref.replace(/^refs\/(?:heads|tags)\//, ''));
      expect(f.history.refCount).toBe(reaching.length);
      expect(f.history.refs).toEqual(reaching.slice(0, 20));
    }
    expect(findings.some((f) => f.history.refCount > 20)).toBe(true);
    const refQuestions = shim
      .calls()
      .filter(([cmd, ...rest]) => cmd === 'for-each-ref' && rest.some((a) => a.startsWith('--contains')));
    expect(refQuestions).toEqual([]);
  });

  it('reads the files path rules look into through one cat-file, not one per file', () => {
    const repo = tempRepo();
    for (let i = 0; i < 40; i++)
      commit(
        repo,
        { [`pkg${i}/.npmrc`]: `//registry.npmjs.org/:_authToken=${fakeHfToken(600 + i).slice(3)}\n` },
        `npmrc ${i}`,
      );
    const shim = gitCallLog();
    const r = leaklint(['history', '-f', 'json'], { cwd: repo, env: { ...shim.env, LEAKLINT_WORKERS: '0' } });
    expect(
      JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'npm-npmrc-with-token').length,
    ).toBe(40);
    const single = shim.calls().filter(([cmd, arg]) => cmd === 'cat-file' && (arg === 'blob' || arg === '-s'));
    expect(single).toEqual([]);
    expect(shim.calls().filter(([cmd]) => cmd === 'cat-file').length).toBeLessThanOrEqual(3);
  });
});

describe('where history reads its blobs', () => {
  it('a small repository is read on the main thread, unless LEAKLINT_WORKERS asks for workers', () => {
    const repo = tempRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 2100; i++) files[`src/f${i}.txt`] = `value ${i}\n`;
    commit(repo, files, 'many files');
    expect(workerPlan(repo, false, {})).toBe('never');
    expect(workerPlan(repo, false, { LEAKLINT_WORKERS: '2' })).toBe('later');
  });
});
