// Where a CI run's commits start and end, read from the CI's own variables.
// Every ordinary event of GitHub Actions and GitLab CI gets a range (see the
// README's table); none is a usage error.
import { readFileSync } from 'node:fs';

export interface RangeRequest {
  /** The commit the range starts after; undefined for the other shapes below. */
  base?: string;
  head: string;
  /** Take the merge base of base and head (pull requests: the branch point). */
  mergeBase?: boolean;
  /**
   * Branches whose commits are not this range's, left out when they are in the clone: the
   * base branch of a pull request, the default branch under a feature branch's push (an
   * "Update branch" merge brings the base's commits, which are not the branch's own).
   */
  exclude?: string[];
  /**
   * A push that created the branch: scan commits that no other remote branch has.
   * `excludeRef` is the branch's own remote-tracking name as `--exclude` wants it
   * with `--remotes`: without `refs/remotes/` (`origin/feat`).
   */
  newBranch?: { excludeRef?: string };
  /** A tag: the commits of head that this branch (the default branch) does not have. */
  beyond?: string;
  /** Every commit head reaches, the root included (a scheduled or manual run: the branch's audit). */
  wholeHistory?: boolean;
  /** What to scan instead, and the note saying so, when `base` or `beyond` is not in a full clone. */
  fallback?: { request: RangeRequest; note: string };
  /** An empty range is an ordinary outcome here: say this, scan nothing and pass. */
  emptyNote?: string;
  /** The event itself has nothing to scan (a deleted branch or tag): say this and pass. */
  nothing?: string;
  /** What to fetch when an end is missing, when more precise than `git fetch origin`. */
  fetch?: string;
  /** What the range came from, for messages. */
  source: string;
}

const ZERO = /^0+$/;

type Json = Record<string, unknown>;

function readEvent(path: string | undefined): Json | undefined {
  if (!path) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** `payload.a.b.c` when it is a non-empty string. */
function str(payload: unknown, ...keys: string[]): string | undefined {
  let at: unknown = payload;
  for (const key of keys) at = at && typeof at === 'object' ? (at as Json)[key] : undefined;
  return typeof at === 'string' && at !== '' ? at : undefined;
}

const nonEmpty = (value: string | undefined) => (value ? value : undefined);

/** A branch the push created: its commits that no other remote branch has. */
function newBranch(head: string, branch: string | undefined, source: string): RangeRequest {
  return {
    head,
    newBranch: { excludeRef: branch ? `origin/${branch}` : undefined },
    emptyNote: `the new branch${branch ? ` ${branch}` : ''} holds no commit that another remote branch does not already have`,
    source,
  };
}

/** A tag: what it adds beyond the default branch, or (that branch not fetched) beyond every remote branch. */
function tagRange(head: string, tag: string, defaultBranch: string | undefined, source: string): RangeRequest {
  const empty = `the tag ${tag} adds no commit beyond ${defaultBranch ? `the default branch (${defaultBranch})` : 'the remote branches'}`;
  const anyBranch: RangeRequest = {
    head,
    newBranch: {},
    emptyNote: `the tag ${tag} adds no commit beyond the remote branches`,
    source,
  };
  if (!defaultBranch) return anyBranch;
  return {
    head,
    beyond: `origin/${defaultBranch}`,
    emptyNote: empty,
    fallback: {
      request: anyBranch,
      note: `origin/${defaultBranch} is not in this clone: scanning the commits of ${tag} that no remote branch has (fetch the default branch to scan only what the tag adds beyond it)`,
    },
    source,
  };
}

/** A manual or scheduled run: the audit of the checked-out branch, every commit it reaches. */
function wholeHistory(head: string, source: string): RangeRequest {
  return { head, wholeHistory: true, source };
}

function github(env: NodeJS.ProcessEnv): RangeRequest {
  const event = env.GITHUB_EVENT_NAME ?? '';
  const payload = readEvent(env.GITHUB_EVENT_PATH);
  const ref = env.GITHUB_REF ?? '';
  const sha = nonEmpty(env.GITHUB_SHA) ?? 'HEAD';
  const tagName = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
  const defaultBranch = str(payload, 'repository', 'default_branch');

  if (event === 'pull_request' || event === 'pull_request_target') {
    // The PR's own commits, from the payload; not the synthetic merge commit (refs/pull/N/merge)
    // that actions/checkout checks out, whose content all comes from its two parents.
    const baseSha = str(payload, 'pull_request', 'base', 'sha');
    const headSha = str(payload, 'pull_request', 'head', 'sha');
    const number = payload?.number ?? (payload?.pull_request as Json | undefined)?.number;
    const baseRef = nonEmpty(env.GITHUB_BASE_REF) ?? str(payload, 'pull_request', 'base', 'ref');
    const base = baseSha ?? (baseRef ? `origin/${baseRef}` : undefined);
    const source = `GitHub Actions pull request${event === 'pull_request_target' ? ' (pull_request_target)' : ''}${baseRef ? ` into ${baseRef}` : ''}`;
    if (base) {
      return {
        base,
        head: headSha ?? 'HEAD',
        mergeBase: true,
        // The payload's base.sha can be older than the base branch the PR has merged since.
        ...(baseSha && baseRef ? { exclude: [`origin/${baseRef}`] } : {}),
        ...(typeof number === 'number'
          ? { fetch: `git fetch origin ${baseRef ?? 'main'} refs/pull/${number}/head` }
          : {}),
        source,
      };
    }
  }
  if (event === 'merge_group') {
    const base = str(payload, 'merge_group', 'base_sha');
    const head = str(payload, 'merge_group', 'head_sha') ?? sha;
    if (base) return { base, head, source: 'GitHub Actions merge_group (base_sha..head_sha)' };
  }
  if (event === 'push') {
    const after = str(payload, 'after') ?? sha;
    const before = str(payload, 'before');
    const name = nonEmpty(env.GITHUB_REF_NAME) ?? ref.replace(/^refs\/(?:heads|tags)\//, '');
    if (ZERO.test(after) || payload?.deleted === true) {
      return {
        head: 'HEAD',
        nothing: `the push deleted ${name || 'a ref'}: there are no commits to scan`,
        source: 'GitHub Actions push',
      };
    }
    if (tagName !== undefined) return tagRange(after, tagName, defaultBranch, `GitHub Actions push of tag ${tagName}`);
    const created = newBranch(after, name || undefined, 'GitHub Actions push of a new branch');
    if (before && !ZERO.test(before)) {
      return {
        base: before,
        head: after,
        ...(defaultBranch && name !== defaultBranch ? { exclude: [`origin/${defaultBranch}`] } : {}),
        emptyNote: 'the push moved the branch back to a commit it already had: no new commits',
        fallback: {
          request: { ...created, source: 'GitHub Actions push (before not in the clone)' },
          note: `the commit before the push (${before.slice(0, 12)}) is not in this clone, as after a force-push: scanning the commits of the branch that no other remote branch has`,
        },
        source: 'GitHub Actions push (before..after)',
      };
    }
    return created;
  }
  if (event === 'release' || (tagName !== undefined && event !== 'workflow_dispatch' && event !== 'schedule')) {
    const tag = str(payload, 'release', 'tag_name') ?? tagName;
    if (tag)
      return tagRange(
        tagName !== undefined ? sha : `refs/tags/${tag}`,
        tag,
        defaultBranch,
        `GitHub Actions ${event} of tag ${tag}`,
      );
  }
  // workflow_dispatch, schedule and any other event: the audit of what was checked out.
  return wholeHistory(sha, `GitHub Actions ${event || 'run'}: every commit of ${env.GITHUB_REF_NAME || sha}`);
}

function gitlab(env: NodeJS.ProcessEnv): RangeRequest {
  const head = nonEmpty(env.CI_COMMIT_SHA) ?? 'HEAD';
  const pipeline = env.CI_PIPELINE_SOURCE ?? '';
  if (env.CI_MERGE_REQUEST_DIFF_BASE_SHA) {
    // A merged-results pipeline checks out the merge of the source into the target; the
    // source branch's own commits are what the merge request adds.
    const source = nonEmpty(env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA) ?? head;
    const iid = env.CI_MERGE_REQUEST_IID;
    return {
      base: env.CI_MERGE_REQUEST_DIFF_BASE_SHA,
      head: source,
      ...(iid ? { fetch: `git fetch origin refs/merge-requests/${iid}/head` } : {}),
      source: 'GitLab merge request (CI_MERGE_REQUEST_DIFF_BASE_SHA)',
    };
  }
  if (env.CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_SHA) {
    return {
      base: env.CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_SHA,
      head: nonEmpty(env.CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_SHA) ?? head,
      mergeBase: true,
      source: 'GitLab external pull request',
    };
  }
  if (env.CI_COMMIT_TAG)
    return tagRange(
      head,
      env.CI_COMMIT_TAG,
      nonEmpty(env.CI_DEFAULT_BRANCH),
      `GitLab pipeline for tag ${env.CI_COMMIT_TAG}`,
    );
  // CI_COMMIT_BEFORE_SHA is all zeros on a branch's first push and on every pipeline that is not a push.
  if (pipeline === 'push' || pipeline === '') {
    const before = env.CI_COMMIT_BEFORE_SHA;
    const branch = nonEmpty(env.CI_COMMIT_BRANCH) ?? nonEmpty(env.CI_COMMIT_REF_NAME);
    const created = newBranch(head, branch, 'GitLab push of a new branch');
    const defaultBranch = nonEmpty(env.CI_DEFAULT_BRANCH);
    if (before && !ZERO.test(before)) {
      return {
        base: before,
        head,
        ...(defaultBranch && branch !== defaultBranch ? { exclude: [`origin/${defaultBranch}`] } : {}),
        emptyNote: 'the push moved the branch back to a commit it already had: no new commits',
        fallback: {
          request: { ...created, source: 'GitLab push (CI_COMMIT_BEFORE_SHA not in the clone)' },
          note: `the commit before the push (${before.slice(0, 12)}) is not in this clone, as after a force-push: scanning the commits of the branch that no other remote branch has`,
        },
        source: 'GitLab push (CI_COMMIT_BEFORE_SHA)',
      };
    }
    if (before || pipeline === 'push') return created;
    return wholeHistory(head, `GitLab pipeline: every commit of ${env.CI_COMMIT_REF_NAME || head}`);
  }
  // schedule, web, api, trigger, pipeline, parent_pipeline, chat …: the audit of the branch.
  return wholeHistory(head, `GitLab ${pipeline} pipeline: every commit of ${env.CI_COMMIT_REF_NAME || head}`);
}

/** Whether the pre-commit framework runs this as a pre-push hook: the commits are not sent yet. */
export function isPrePushHook(env: NodeJS.ProcessEnv): boolean {
  return Boolean((env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF) || env.PRE_COMMIT_REMOTE_NAME);
}

/** The range a CI (or a pre-push hook) asks for, or undefined outside any known CI. */
export function rangeFromEnv(env: NodeJS.ProcessEnv): RangeRequest | undefined {
  // The pre-commit framework's pre-push stage.
  if (env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF) {
    return {
      base: env.PRE_COMMIT_FROM_REF,
      head: env.PRE_COMMIT_TO_REF,
      source: 'pre-push (PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF)',
    };
  }
  // A push whose new commits reach back to the root commit (a new repository's first push): the
  // framework names the remote and the branch but no refs, since there is no base to diff against.
  if (env.PRE_COMMIT_REMOTE_NAME) {
    return {
      head: env.PRE_COMMIT_LOCAL_BRANCH || 'HEAD',
      newBranch: {},
      source: `pre-push to ${env.PRE_COMMIT_REMOTE_NAME} of a branch that includes its root commit`,
    };
  }
  if (env.GITHUB_ACTIONS === 'true') return github(env);
  if (env.GITLAB_CI === 'true') return gitlab(env);
  return undefined;
}

/** `base`, `base..head` or `base...head` (merge base) as given on the command line. */
export function parseRange(spec: string): RangeRequest {
  const three = spec.split('...');
  if (three.length === 2) return { base: three[0] || 'HEAD', head: three[1] || 'HEAD', mergeBase: true, source: spec };
  const two = spec.split('..');
  if (two.length === 2) return { base: two[0] || 'HEAD', head: two[1] || 'HEAD', source: spec };
  return { base: spec, head: 'HEAD', source: `${spec}..HEAD` };
}
