// `leaklint diff` as GitHub Actions and GitLab CI run it: a bare "origin", a
// developer's clone that pushes to it, and the runner's own clone checked out
// as the runner checks it out, with the variables (and, for GitHub, the event
// file) the runner sets. Every ordinary event gets a range; none exits 2.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, commit, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

const PR_TOKEN = fakeHfToken(61);
const BASE_TOKEN = fakeHfToken(62);
const OLD_TOKEN = fakeHfToken(63);

interface Finding {
  file: string;
  commit: string;
  secret: string;
}

/** No CI or hook variable of the machine running the tests leaks into a run. */
const CLEAN_ENV = {
  GITHUB_ACTIONS: '',
  GITLAB_CI: '',
  PRE_COMMIT_FROM_REF: '',
  PRE_COMMIT_TO_REF: '',
  PRE_COMMIT_REMOTE_NAME: '',
};

function world() {
  const origin = join(tempDir(), 'origin.git');
  git(tempDir(), 'init', '-q', '--bare', '-b', 'main', origin);
  const dev = tempRepo();
  git(dev, 'remote', 'add', 'origin', origin);
  const push = (...refspecs: string[]) => git(dev, 'push', '-q', '--force', 'origin', ...refspecs);
  /** The runner's clone: every branch and tag (`fetch-depth: 0` / `GIT_DEPTH: 0`), or only `ref` (`depth` commits of it). */
  const runner = (checkout: string, opts: { depth?: number; ref?: string; fetch?: string[] } = {}) => {
    const dir = join(tempDir(), 'runner');
    if (opts.ref) {
      // As GitLab's runner fetches by default (and actions/checkout without fetch-depth: 0): the pipeline's own ref only.
      git(tempDir(), 'init', '-q', dir);
      git(dir, 'remote', 'add', 'origin', `file://${origin}`);
      git(
        dir,
        'fetch',
        '-q',
        ...(opts.depth ? ['--depth', String(opts.depth)] : []),
        'origin',
        `+${opts.ref}:refs/remotes/origin/${opts.ref.replace(/^refs\/heads\//, '')}`,
      );
    } else {
      git(tempDir(), 'clone', '-q', '--no-checkout', `file://${origin}`, dir);
    }
    for (const refspec of opts.fetch ?? []) git(dir, 'fetch', '-q', 'origin', refspec);
    git(dir, 'checkout', '-q', '--detach', checkout);
    return dir;
  };
  return { origin, dev, push, runner };
}

function eventFile(payload: object): string {
  const path = join(tempDir(), 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

async function run(cwd: string, env: NodeJS.ProcessEnv) {
  const r = await leaklintIn(['diff', '-f', 'json'], { cwd, env: { ...CLEAN_ENV, ...env } });
  const findings: Finding[] = r.stdout ? JSON.parse(r.stdout).findings : [];
  return { ...r, findings };
}

const sha = (repo: string, rev = 'HEAD') => git(repo, 'rev-parse', rev).trim();
const ZERO = '0'.repeat(40);
const REPOSITORY = { default_branch: 'main', full_name: 'acme/app' };

/** What GitHub Actions sets for a push of `ref` from `before` to `after`. */
function githubPush(ref: string, before: string, after: string, extra: object = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_SHA: after === ZERO ? before : after,
    GITHUB_BASE_REF: '',
    GITHUB_HEAD_REF: '',
    GITHUB_EVENT_PATH: eventFile({
      ref,
      before,
      after,
      created: before === ZERO,
      deleted: after === ZERO,
      forced: false,
      repository: REPOSITORY,
      ...extra,
    }),
  };
}

/** main with an old token in its history, and a branch `feat` off it. */
function project() {
  const w = world();
  commit(w.dev, { 'old.py': `T = "${OLD_TOKEN}"\n` }, 'an old leak');
  commit(w.dev, { 'old.py': 'T = None\n' }, 'removed');
  const base = commit(w.dev, { 'app.py': 'x = 1\n' }, 'base');
  w.push('main');
  return { ...w, base };
}

describe('GitHub Actions push', () => {
  it('first push of a new branch with a token: found once, in its own commit (exit 1)', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    const leak = commit(w.dev, { 'feat.py': `T = "${PR_TOKEN}"\n` }, 'leak');
    commit(w.dev, { 'more.py': 'y = 2\n' }, 'more');
    w.push('feat');
    const r = await run(w.runner(sha(w.dev)), githubPush('refs/heads/feat', ZERO, sha(w.dev)));
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ file: 'feat.py', commit: leak });
    expect(r.stderr).toContain('scanning 2 commits');
  });

  it('first push of a new branch without a token: exit 0, having scanned its commit', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    commit(w.dev, { 'feat.py': 'y = 2\n' }, 'clean');
    w.push('feat');
    const r = await run(w.runner(sha(w.dev)), githubPush('refs/heads/feat', ZERO, sha(w.dev)));
    expect(r.stderr).toContain('scanning 1 commit');
    expect(r.status, r.stderr).toBe(0);
  });

  it('a new branch with no commit of its own: a note and exit 0', async () => {
    const w = project();
    w.push('main:refs/heads/copy');
    const r = await run(w.runner(w.base), githubPush('refs/heads/copy', ZERO, w.base));
    expect(r.stderr).toContain(
      'note: the new branch copy holds no commit that another remote branch does not already have',
    );
    expect(r.status, r.stderr).toBe(0);
  });

  it('an existing branch: before..after', async () => {
    const w = project();
    const leak = commit(w.dev, { 'b.py': `T = "${PR_TOKEN}"\n` }, 'leak');
    w.push('main');
    const r = await run(w.runner(leak), githubPush('refs/heads/main', w.base, leak));
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.commit)).toEqual([leak]);
    expect(r.stderr).toContain('GitHub Actions push (before..after)');
  });

  it('a force-push whose before is not in the clone: the branch’s commits on no other remote branch, with a note', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    const replaced = commit(w.dev, { 'gone.py': 'g = 1\n' }, 'to be replaced');
    w.push('feat');
    git(w.dev, 'reset', '-q', '--hard', w.base);
    const leak = commit(w.dev, { 'feat.py': `T = "${PR_TOKEN}"\n` }, 'rewritten');
    w.push('feat');
    const r = await run(w.runner(leak), githubPush('refs/heads/feat', replaced, leak, { forced: true }));
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.commit)).toEqual([leak]);
    expect(r.stderr).toContain('is not in this clone, as after a force-push');
  });

  it('a deleted branch: nothing to scan, exit 0', async () => {
    const w = project();
    const r = await run(w.runner(w.base), githubPush('refs/heads/gone', w.base, ZERO, { deleted: true }));
    expect(r.stderr).toContain('note: the push deleted gone');
    expect(r.status, r.stderr).toBe(0);
  });

  it('a depth-1 checkout of a new branch: the exact fix, exit 2', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    commit(w.dev, { 'feat.py': 'y = 2\n' }, 'one');
    w.push('feat');
    const dir = w.runner(sha(w.dev), { depth: 1, ref: 'refs/heads/feat' });
    const r = await run(dir, githubPush('refs/heads/feat', ZERO, sha(w.dev)));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('fetch-depth: 0');
    expect(r.stderr).toContain('GIT_DEPTH: 0');
  });
});

describe('GitHub Actions tags, releases, manual and scheduled runs, merge queues', () => {
  it('a tag on a commit no branch has: its commits beyond the default branch', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '--detach');
    const leak = commit(w.dev, { 'rel.py': `T = "${PR_TOKEN}"\n` }, 'release-only');
    git(w.dev, 'tag', '-a', '-m', 'v1', 'v1');
    w.push('v1');
    const tagObject = sha(w.dev, 'v1');
    const r = await run(w.runner(leak), githubPush('refs/tags/v1', ZERO, tagObject));
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.commit)).toEqual([leak]);
    expect(r.stderr).toContain('not on origin/main');
  });

  it('a tag on the default branch: a note and exit 0', async () => {
    const w = project();
    git(w.dev, 'tag', 'v2');
    w.push('v2');
    const r = await run(w.runner(w.base), githubPush('refs/tags/v2', ZERO, w.base));
    expect(r.stderr).toContain('note: the tag v2 adds no commit beyond the default branch (main)');
    expect(r.status, r.stderr).toBe(0);
  });

  it('a release: the same as its tag', async () => {
    const w = project();
    git(w.dev, 'tag', 'v3');
    w.push('v3');
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'release',
      GITHUB_REF: 'refs/tags/v3',
      GITHUB_REF_NAME: 'v3',
      GITHUB_SHA: w.base,
      GITHUB_EVENT_PATH: eventFile({ action: 'published', release: { tag_name: 'v3' }, repository: REPOSITORY }),
    };
    const r = await run(w.runner(w.base), env);
    expect(r.stderr).toContain('the tag v3 adds no commit beyond the default branch');
    expect(r.status, r.stderr).toBe(0);
  });

  it('workflow_dispatch and schedule: every commit of the checked-out branch, the oldest leak included', async () => {
    const w = project();
    for (const event of ['workflow_dispatch', 'schedule']) {
      const env = {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: event,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_NAME: 'main',
        GITHUB_SHA: w.base,
        GITHUB_EVENT_PATH: eventFile({ repository: REPOSITORY }),
      };
      const r = await run(w.runner(w.base), env);
      expect(r.status, r.stderr).toBe(1);
      expect(r.findings.map((f) => f.file)).toEqual(['old.py']);
      expect(r.stderr).toContain('scanning 3 commits');
      expect(r.stderr).toContain('every commit of main');
    }
  });

  it('merge_group: base_sha..head_sha', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'gh-readonly-queue/main/pr-7');
    const leak = commit(w.dev, { 'q.py': `T = "${PR_TOKEN}"\n` }, 'queued');
    w.push('gh-readonly-queue/main/pr-7');
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'merge_group',
      GITHUB_REF: 'refs/heads/gh-readonly-queue/main/pr-7',
      GITHUB_SHA: leak,
      GITHUB_EVENT_PATH: eventFile({
        merge_group: { base_sha: w.base, head_sha: leak, base_ref: 'refs/heads/main' },
        repository: REPOSITORY,
      }),
    };
    const r = await run(w.runner(leak), env);
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.commit)).toEqual([leak]);
  });
});

describe('GitHub pull requests and merges', () => {
  /**
   * main gets BASE_TOKEN after `feat` (with PR_TOKEN) branched off, then GitHub's
   * synthetic merge refs/pull/1/merge (main + feat) is what actions/checkout checks out.
   */
  function pullRequest() {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    const prLeak = commit(w.dev, { 'feat.py': `T = "${PR_TOKEN}"\n` }, 'PR leak');
    commit(w.dev, { 'feat2.py': 'y = 2\n' }, 'PR more');
    w.push('feat');
    git(w.dev, 'checkout', '-q', 'main');
    const baseLeak = commit(w.dev, { 'base.py': `T = "${BASE_TOKEN}"\n` }, 'leak on main');
    w.push('main');
    return { ...w, prLeak, baseLeak };
  }

  function syntheticMerge(w: ReturnType<typeof world>, head: string) {
    git(w.dev, 'checkout', '-q', '--detach', 'main');
    git(w.dev, 'merge', '-q', '--no-ff', '-m', 'Merge into main', head);
    const merge = sha(w.dev);
    w.push(`${head}:refs/pull/1/head`, `${merge}:refs/pull/1/merge`);
    return merge;
  }

  const prEnv = (payload: object | undefined, event = 'pull_request'): NodeJS.ProcessEnv => ({
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_REF: 'refs/pull/1/merge',
    GITHUB_REF_NAME: '1/merge',
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'feat',
    GITHUB_EVENT_PATH: payload ? eventFile(payload) : '',
  });

  it('the synthetic merge commit: the PR token once, in its own commit; the base token not blamed', async () => {
    const w = pullRequest();
    const head = sha(w.dev, 'feat');
    const merge = syntheticMerge(w, head);
    const dir = w.runner(merge, { fetch: ['+refs/pull/1/merge:refs/remotes/pull/1/merge'] });
    const payload = {
      number: 1,
      pull_request: { number: 1, base: { ref: 'main', sha: sha(w.dev, 'main') }, head: { ref: 'feat', sha: head } },
      repository: REPOSITORY,
    };
    for (const env of [prEnv(payload), prEnv(payload, 'pull_request_target'), prEnv(undefined)]) {
      const r = await run(dir, { ...env, GITHUB_SHA: merge });
      expect(r.status, r.stderr).toBe(1);
      expect(r.findings.map((f) => [f.file, f.commit])).toEqual([['feat.py', w.prLeak]]);
    }
  });

  it('an "Update branch" merge of main into the PR: main’s token is not the PR’s, on the pull_request and the push', async () => {
    const w = pullRequest();
    const before = sha(w.dev, 'feat');
    git(w.dev, 'checkout', '-q', 'feat');
    git(w.dev, 'merge', '-q', '--no-ff', '-m', "Merge branch 'main' into feat", 'main');
    const update = sha(w.dev);
    w.push('feat');
    const merge = syntheticMerge(w, update);
    const dir = w.runner(merge, { fetch: ['+refs/pull/1/merge:refs/remotes/pull/1/merge'] });
    const payload = {
      number: 1,
      pull_request: { number: 1, base: { ref: 'main', sha: sha(w.dev, 'main') }, head: { ref: 'feat', sha: update } },
      repository: REPOSITORY,
    };
    const pr = await run(dir, { ...prEnv(payload), GITHUB_SHA: merge });
    expect(pr.status, pr.stderr).toBe(1);
    expect(pr.findings.map((f) => [f.file, f.commit])).toEqual([['feat.py', w.prLeak]]);
    // The push of the update: the merge brings main's commits, which are main's, not feat's.
    const push = await run(w.runner(update), githubPush('refs/heads/feat', before, update));
    expect(push.stderr).toContain('scanning 1 commit');
    expect(push.status, push.stderr).toBe(0);
  });

  it('a conflict resolution that introduces a token is reported, in the merge commit', async () => {
    const w = project();
    writeFiles(w.dev, { 'f.txt': 'base\n' });
    git(w.dev, 'add', '-A');
    git(w.dev, 'commit', '-q', '-m', 'f');
    w.push('main');
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    commit(w.dev, { 'f.txt': 'feat\n' }, 'feat side');
    w.push('feat');
    git(w.dev, 'checkout', '-q', 'main');
    commit(w.dev, { 'f.txt': 'main\n' }, 'main side');
    w.push('main');
    git(w.dev, 'checkout', '-q', 'feat');
    try {
      git(w.dev, 'merge', '-q', 'main');
    } catch {
      // the conflict is the point
    }
    writeFiles(w.dev, { 'f.txt': `main\nfeat\nT = "${PR_TOKEN}"\n` });
    git(w.dev, 'add', 'f.txt');
    git(w.dev, 'commit', '-q', '--no-edit');
    const resolution = sha(w.dev);
    w.push('feat');
    const payload = {
      number: 1,
      pull_request: {
        number: 1,
        base: { ref: 'main', sha: sha(w.dev, 'main') },
        head: { ref: 'feat', sha: resolution },
      },
      repository: REPOSITORY,
    };
    const r = await run(w.runner(resolution), { ...prEnv(payload), GITHUB_SHA: resolution });
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ file: 'f.txt', commit: resolution });
  });
});

describe('GitLab CI', () => {
  const gitlab = (vars: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    GITLAB_CI: 'true',
    CI: 'true',
    CI_DEFAULT_BRANCH: 'main',
    CI_COMMIT_TAG: '',
    CI_MERGE_REQUEST_DIFF_BASE_SHA: '',
    ...vars,
  });

  it('push of a new branch (CI_COMMIT_BEFORE_SHA all zeros): its own commits', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    const leak = commit(w.dev, { 'feat.py': `T = "${PR_TOKEN}"\n` }, 'leak');
    w.push('feat');
    const r = await run(
      w.runner(leak),
      gitlab({
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_SHA: leak,
        CI_COMMIT_BEFORE_SHA: ZERO,
        CI_COMMIT_REF_NAME: 'feat',
        CI_COMMIT_BRANCH: 'feat',
      }),
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.commit)).toEqual([leak]);
  });

  it('push of a new branch when the runner fetched only that branch: its whole history, with a note', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    const head = commit(w.dev, { 'feat.py': 'y = 2\n' }, 'clean');
    w.push('feat');
    const dir = w.runner(head, { ref: 'refs/heads/feat' });
    const r = await run(
      dir,
      gitlab({
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_SHA: head,
        CI_COMMIT_BEFORE_SHA: ZERO,
        CI_COMMIT_REF_NAME: 'feat',
        CI_COMMIT_BRANCH: 'feat',
      }),
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.file)).toEqual(['old.py']);
    expect(r.stderr).toContain('no other remote branch in this clone shares this history');
  });

  it('push of an existing branch: before..head', async () => {
    const w = project();
    const leak = commit(w.dev, { 'b.py': `T = "${PR_TOKEN}"\n` }, 'leak');
    w.push('main');
    const r = await run(
      w.runner(leak),
      gitlab({
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_SHA: leak,
        CI_COMMIT_BEFORE_SHA: w.base,
        CI_COMMIT_REF_NAME: 'main',
        CI_COMMIT_BRANCH: 'main',
      }),
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.commit)).toEqual([leak]);
  });

  it('schedule and web pipelines (CI_COMMIT_BEFORE_SHA all zeros): every commit of the branch', async () => {
    const w = project();
    for (const source of ['schedule', 'web']) {
      const r = await run(
        w.runner(w.base),
        gitlab({
          CI_PIPELINE_SOURCE: source,
          CI_COMMIT_SHA: w.base,
          CI_COMMIT_BEFORE_SHA: ZERO,
          CI_COMMIT_REF_NAME: 'main',
          CI_COMMIT_BRANCH: 'main',
        }),
      );
      expect(r.status, r.stderr).toBe(1);
      expect(r.findings.map((f) => f.file)).toEqual(['old.py']);
    }
  });

  it('a merged-results merge request pipeline: the source branch’s commits from CI_MERGE_REQUEST_DIFF_BASE_SHA', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    const prLeak = commit(w.dev, { 'feat.py': `T = "${PR_TOKEN}"\n` }, 'MR leak');
    w.push('feat');
    git(w.dev, 'checkout', '-q', 'main');
    commit(w.dev, { 'base.py': `T = "${BASE_TOKEN}"\n` }, 'leak on main');
    w.push('main');
    git(w.dev, 'merge', '-q', '--no-ff', '-m', 'merged result', 'feat');
    const merged = sha(w.dev);
    w.push(`${merged}:refs/merge-requests/1/merge`);
    const dir = w.runner(merged, { fetch: ['+refs/merge-requests/1/merge:refs/merge-requests/1/merge'] });
    const vars = {
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_COMMIT_SHA: merged,
      CI_COMMIT_BEFORE_SHA: ZERO,
      CI_MERGE_REQUEST_IID: '1',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: w.base,
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: prLeak,
      CI_MERGE_REQUEST_TARGET_BRANCH_SHA: sha(w.dev, 'main~1'),
    };
    for (const env of [
      gitlab(vars),
      gitlab({
        ...vars,
        CI_COMMIT_SHA: prLeak,
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: '',
        CI_MERGE_REQUEST_TARGET_BRANCH_SHA: '',
      }),
    ]) {
      const r = await run(dir, env);
      expect(r.status, r.stderr).toBe(1);
      expect(r.findings.map((f) => [f.file, f.commit])).toEqual([['feat.py', prLeak]]);
    }
  });

  it('a tag pipeline: the commits the tag adds beyond the default branch, or a note and exit 0', async () => {
    const w = project();
    git(w.dev, 'tag', 'v1');
    git(w.dev, 'checkout', '-q', '--detach');
    const leak = commit(w.dev, { 'rel.py': `T = "${PR_TOKEN}"\n` }, 'release-only');
    git(w.dev, 'tag', 'v2');
    w.push('v1', 'v2');
    const tagged = await run(
      w.runner(leak),
      gitlab({
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_SHA: leak,
        CI_COMMIT_BEFORE_SHA: ZERO,
        CI_COMMIT_REF_NAME: 'v2',
        CI_COMMIT_TAG: 'v2',
      }),
    );
    expect(tagged.status, tagged.stderr).toBe(1);
    expect(tagged.findings.map((f) => f.commit)).toEqual([leak]);
    const onMain = await run(
      w.runner(w.base),
      gitlab({
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_SHA: w.base,
        CI_COMMIT_BEFORE_SHA: ZERO,
        CI_COMMIT_REF_NAME: 'v1',
        CI_COMMIT_TAG: 'v1',
      }),
    );
    expect(onMain.stderr).toContain('note: the tag v1 adds no commit beyond the default branch (main)');
    expect(onMain.status, onMain.stderr).toBe(0);
  });
});

describe('GitLab CI, the runner fetching only the tag', () => {
  it('a tag pipeline without the default branch in the clone: the tag’s commits on no remote branch, with a note', async () => {
    const w = project();
    git(w.dev, 'checkout', '-q', '--detach');
    const leak = commit(w.dev, { 'rel.py': `T = "${PR_TOKEN}"\n` }, 'release-only');
    git(w.dev, 'tag', 'v2');
    w.push('v2');
    const dir = join(tempDir(), 'runner');
    git(tempDir(), 'init', '-q', dir);
    git(dir, 'fetch', '-q', `file://${w.origin}`, '+refs/tags/v2:refs/tags/v2');
    git(dir, 'checkout', '-q', '--detach', 'v2');
    const r = await run(dir, {
      GITLAB_CI: 'true',
      CI_DEFAULT_BRANCH: 'main',
      CI_PIPELINE_SOURCE: 'push',
      CI_COMMIT_SHA: leak,
      CI_COMMIT_BEFORE_SHA: ZERO,
      CI_COMMIT_REF_NAME: 'v2',
      CI_COMMIT_TAG: 'v2',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: '',
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.findings.map((f) => f.file).sort()).toEqual(['old.py', 'rel.py']);
    expect(r.stderr).toContain('note: origin/main is not in this clone');
  });
});

describe('leaklint diff on a terminal', () => {
  it('shows progress on a terminal, and none when stderr is a pipe', async () => {
    const repo = tempRepo();
    const base = commit(repo, { 'a.py': 'x = 1\n' }, 'base');
    for (let i = 0; i < 3; i++) commit(repo, { [`f${i}.py`]: `y = ${i}\n` }, `c${i}`);
    const cmd = `'${process.execPath}' '${BIN}' diff ${base}..HEAD --no-color`;
    const tty = leaklintUnderTerminal(repo, cmd);
    expect(tty).toContain('3/3 commits');
    const piped = await leaklintIn(['diff', `${base}..HEAD`], { cwd: repo, env: CLEAN_ENV });
    expect(piped.stderr).toContain('scanning 3 commits');
    expect(piped.stderr).not.toContain('3/3 commits');
  });
});

/** Everything a command wrote to a pseudo-terminal (util-linux `script`). */
function leaklintUnderTerminal(cwd: string, cmd: string): string {
  const out = join(tempDir(), 'typescript');
  const env = { ...CLEAN_ENV, NO_COLOR: '1' };
  try {
    execFileSync('script', ['-qec', cmd, out], { cwd, env: { ...process.env, ...env }, stdio: 'ignore' });
  } catch {
    // exit status of the scan; the transcript is what matters
  }
  return readFileSync(out, 'utf8');
}
