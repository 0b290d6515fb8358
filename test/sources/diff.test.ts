import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRange, rangeFromEnv } from '../../src/sources/ci-env.js';
import { parseRawPatch } from '../../src/sources/diff/patch.js';
import { commit, conflictedMerge, fakeHfToken, git, leaklintIn, tempDir, tempRepo } from '../helpers.js';

const T1 = fakeHfToken(21);

async function json(repo: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = await leaklintIn(['diff', '-f', 'json', ...args], { cwd: repo, env });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

describe('leaklint diff', () => {
  it('names the commit, author and date of a secret added in the middle of the range', async () => {
    const repo = tempRepo();
    const base = commit(repo, { 'a.py': 'x = 1\n' }, 'base');
    commit(repo, { 'b.py': 'y = 2\n' }, 'one');
    const leak = commit(repo, { 'c.py': `T = "${T1}"\n` }, 'two');
    commit(repo, { 'd.py': 'z = 3\n' }, 'three');
    const { status, report } = await json(repo, [`${base}..HEAD`]);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      file: 'c.py',
      line: 1,
      commit: leak,
      author: 'Test Author <author@example.com>',
    });
    expect(report.findings[0].date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(report.summary.moment).toBe('ci');
  });

  it('reports a secret added then removed within the range', async () => {
    const repo = tempRepo();
    const base = commit(repo, { 'a.py': 'x = 1\n' }, 'base');
    commit(repo, { 'a.py': `x = 1\nT = "${T1}"\n` }, 'add');
    commit(repo, { 'a.py': 'x = 1\n' }, 'remove');
    expect((await json(repo, [base])).status).toBe(1);
  });

  it('scans what only a merge commit’s conflict resolution adds, naming the merge commit', async () => {
    const repo = tempRepo();
    const { base, merge } = conflictedMerge(repo, `merged\nT = "${T1}"\n`);
    const { status, report } = await json(repo, [`${base}..HEAD`]);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ commit: merge, file: 'f.txt', line: 2 });
  });

  it('scans every commit, the root included, on the first push of a repository through the pre-commit framework', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `T = "${T1}"\n` }, 'root');
    commit(repo, { 'b.py': 'x = 1\n' }, 'second');
    const env = {
      PRE_COMMIT: '1',
      PRE_COMMIT_REMOTE_NAME: 'origin',
      PRE_COMMIT_REMOTE_URL: 'https://example.com/acme/app.git',
      PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/main',
      PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main',
    };
    const { status, report } = await json(repo, [], env);
    expect(status).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'a.py', line: 1 });
  });

  it('refuses a range whose base equals its head, unless --allow-empty', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': 'x\n' }, 'only');
    const r = await leaklintIn(['diff', 'HEAD..HEAD'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Nothing was scanned');
    const allowed = await leaklintIn(['diff', 'HEAD..HEAD', '--allow-empty'], { cwd: repo });
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toContain('warning');
  });

  it('refuses a depth-1 clone that lacks the base, giving the fetch command', async () => {
    const origin = tempRepo();
    commit(origin, { 'a.py': 'x\n' }, 'one');
    commit(origin, { 'b.py': 'y\n' }, 'two');
    const clone = join(tempDir(), 'clone');
    git(tempDir(), 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    const r = await leaklintIn(['diff', 'HEAD~1..HEAD'], { cwd: clone });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git fetch --deepen');
    expect(r.stderr).toContain('fetch-depth: 0');
  });

  it('takes the range from GitHub Actions push and pull_request variables', async () => {
    const repo = tempRepo();
    const before = commit(repo, { 'a.py': 'x\n' }, 'base');
    git(repo, 'update-ref', 'refs/remotes/origin/main', before);
    commit(repo, { 'b.py': `T = "${T1}"\n` }, 'leak');
    const event = join(tempDir(), 'event.json');
    writeFileSync(event, JSON.stringify({ before, after: git(repo, 'rev-parse', 'HEAD').trim() }));
    const push = await json(repo, [], { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event });
    expect(push.status).toBe(1);
    expect(push.stderr).toContain('GitHub Actions push');
    const pr = await json(repo, [], {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_BASE_REF: 'main',
    });
    expect(pr.status).toBe(1);
    expect(pr.stderr).toContain('pull request');
  });

  it('falls back to the upstream of the current branch, and explains when there is none', async () => {
    const repo = tempRepo();
    const base = commit(repo, { 'a.py': 'x\n' }, 'base');
    const none = await leaklintIn(['diff'], { cwd: repo, env: { GITHUB_ACTIONS: '', GITLAB_CI: '' } });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('upstream');
    git(repo, 'branch', 'published', base);
    git(repo, 'branch', '-q', '--set-upstream-to=published');
    commit(repo, { 'b.py': `T = "${T1}"\n` }, 'leak');
    expect((await json(repo, [], { GITHUB_ACTIONS: '', GITLAB_CI: '' })).status).toBe(1);
  });
});

describe('combined diffs of merge commits', () => {
  it('takes only the lines added against every parent, numbered in the merge’s file, for any number of parents', () => {
    const z = (n: number) => String(n).repeat(40);
    const raw = `:::100644 100644 100644 100644 ${z(1)} ${z(2)} ${z(3)} ${z(4)} MMM\0f.txt\0\0`;
    const patch = [
      'diff --cc f.txt',
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@@@ -1,1 -1,1 -1,1 +1,4 @@@@',
      '-  one',
      ' + from-two',
      '+ +from-one-and-three',
      '+++new everywhere',
      '  +four',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    const [file] = parseRawPatch(raw + patch);
    expect(file).toMatchObject({ path: 'f.txt', status: 'M', oid: z(4) });
    expect(file!.added).toEqual([{ line: 3, text: 'new everywhere' }]);
  });

  it('a path no parent has is new; one a parent has is not', () => {
    const z = (n: number) => String(n).repeat(40);
    const text = `::000000 000000 100644 ${'0'.repeat(40)} ${'0'.repeat(40)} ${z(5)} AA\0new.env\0::000000 100644 100644 ${'0'.repeat(40)} ${z(6)} ${z(7)} AM\0moved\0\0`;
    expect(parseRawPatch(text).map((f) => [f.path, f.status])).toEqual([
      ['new.env', 'A'],
      ['moved', 'M'],
    ]);
  });
});

describe('CI range detection', () => {
  const event = (payload: object) => {
    const p = join(tempDir(), 'event.json');
    writeFileSync(p, JSON.stringify(payload));
    return p;
  };

  it('GitHub pull_request: the base branch, through the merge base', () => {
    expect(
      rangeFromEnv({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' }),
    ).toMatchObject({ base: 'origin/main', head: 'HEAD', mergeBase: true });
  });

  it('GitHub push: before..after, and a new branch', () => {
    expect(
      rangeFromEnv({
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: event({ before: 'aaa', after: 'bbb' }),
      }),
    ).toMatchObject({ base: 'aaa', head: 'bbb' });
    const fresh = rangeFromEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF_NAME: 'feat',
      GITHUB_EVENT_PATH: event({ before: '0'.repeat(40), after: 'bbb' }),
    });
    expect(fresh).toMatchObject({ head: 'bbb', newBranch: { excludeRef: 'origin/feat' } });
    expect(fresh?.base).toBeUndefined();
  });

  it('GitLab merge requests and pushes', () => {
    expect(
      rangeFromEnv({ GITLAB_CI: 'true', CI_MERGE_REQUEST_DIFF_BASE_SHA: 'ccc', CI_COMMIT_SHA: 'ddd' }),
    ).toMatchObject({ base: 'ccc', head: 'ddd' });
    expect(rangeFromEnv({ GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: 'eee', CI_COMMIT_SHA: 'fff' })).toMatchObject({
      base: 'eee',
      head: 'fff',
    });
    expect(
      rangeFromEnv({
        GITLAB_CI: 'true',
        CI_COMMIT_BEFORE_SHA: '0'.repeat(40),
        CI_COMMIT_SHA: 'fff',
        CI_COMMIT_REF_NAME: 'feat',
      }),
    ).toMatchObject({ newBranch: { excludeRef: 'origin/feat' } });
  });

  it('GitHub: the payload’s PR commits, tags beyond the default branch, and an audit for manual and scheduled runs', () => {
    const pr = rangeFromEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_BASE_REF: 'main',
      GITHUB_EVENT_PATH: event({ number: 4, pull_request: { base: { sha: 'b1', ref: 'main' }, head: { sha: 'h1' } } }),
    });
    expect(pr).toMatchObject({
      base: 'b1',
      head: 'h1',
      mergeBase: true,
      exclude: ['origin/main'],
      fetch: 'git fetch origin main refs/pull/4/head',
    });
    const tag = rangeFromEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1',
      GITHUB_EVENT_PATH: event({ before: '0'.repeat(40), after: 't1', repository: { default_branch: 'trunk' } }),
    });
    expect(tag).toMatchObject({ head: 't1', beyond: 'origin/trunk' });
    for (const name of ['workflow_dispatch', 'schedule', 'workflow_run']) {
      expect(rangeFromEnv({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: name, GITHUB_SHA: 's1' })).toMatchObject({
        head: 's1',
        wholeHistory: true,
      });
    }
  });

  it('GitLab: merged-results pipelines take the source branch, tags and non-push pipelines their own ranges', () => {
    expect(
      rangeFromEnv({
        GITLAB_CI: 'true',
        CI_MERGE_REQUEST_DIFF_BASE_SHA: 'ccc',
        CI_COMMIT_SHA: 'merged',
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: 'src',
      }),
    ).toMatchObject({ base: 'ccc', head: 'src' });
    expect(
      rangeFromEnv({
        GITLAB_CI: 'true',
        CI_COMMIT_TAG: 'v1',
        CI_COMMIT_SHA: 't',
        CI_DEFAULT_BRANCH: 'main',
        CI_COMMIT_BEFORE_SHA: '0'.repeat(40),
      }),
    ).toMatchObject({ head: 't', beyond: 'origin/main' });
    expect(
      rangeFromEnv({
        GITLAB_CI: 'true',
        CI_PIPELINE_SOURCE: 'schedule',
        CI_COMMIT_SHA: 's',
        CI_COMMIT_BEFORE_SHA: '0'.repeat(40),
      }),
    ).toMatchObject({ head: 's', wholeHistory: true });
  });

  it('the pre-commit framework’s pre-push variables', () => {
    expect(rangeFromEnv({ PRE_COMMIT_FROM_REF: 'x1', PRE_COMMIT_TO_REF: 'x2' })).toMatchObject({
      base: 'x1',
      head: 'x2',
    });
    // The first push of a repository: the framework gives the remote and branch but no refs.
    expect(
      rangeFromEnv({ PRE_COMMIT_REMOTE_NAME: 'origin', PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/main' }),
    ).toMatchObject({ head: 'refs/heads/main', newBranch: {} });
  });

  it('nothing outside CI', () => {
    expect(rangeFromEnv({})).toBeUndefined();
  });

  it('parses base, base..head and base...head', () => {
    expect(parseRange('main')).toMatchObject({ base: 'main', head: 'HEAD' });
    expect(parseRange('a..b')).toMatchObject({ base: 'a', head: 'b' });
    expect(parseRange('a...b')).toMatchObject({ base: 'a', head: 'b', mergeBase: true });
  });
});
