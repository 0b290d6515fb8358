// Where a CI run's commits start and end, read from the CI's own variables.
import { readFileSync } from 'node:fs';

export interface RangeRequest {
  /** The commit the range starts after; undefined for a new branch (see `newBranch`). */
  base?: string;
  head: string;
  /** Take the merge base of base and head (pull requests: the branch point). */
  mergeBase?: boolean;
  /** A push that created the branch: scan commits that no other remote branch has. */
  newBranch?: { excludeRef?: string };
  /** What the range came from, for messages. */
  source: string;
}

const ZERO = /^0+$/;

function readEvent(path: string | undefined): Record<string, unknown> | undefined {
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The range a CI (or a pre-push hook) asks for, or undefined outside any known CI. */
export function rangeFromEnv(env: NodeJS.ProcessEnv): RangeRequest | undefined {
  // The pre-commit framework's pre-push stage.
  if (env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF) {
    return { base: env.PRE_COMMIT_FROM_REF, head: env.PRE_COMMIT_TO_REF, source: 'pre-push (PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF)' };
  }
  // A push whose new commits reach back to the root commit (a new repository's first push): the
  // framework names the remote and the branch but no refs, since there is no base to diff against.
  if (env.PRE_COMMIT_REMOTE_NAME) {
    return { head: env.PRE_COMMIT_LOCAL_BRANCH || 'HEAD', newBranch: {}, source: `pre-push to ${env.PRE_COMMIT_REMOTE_NAME} of a branch that includes its root commit` };
  }
  if (env.GITHUB_ACTIONS === 'true') {
    const event = env.GITHUB_EVENT_NAME ?? '';
    if ((event === 'pull_request' || event === 'pull_request_target') && env.GITHUB_BASE_REF) {
      return { base: `origin/${env.GITHUB_BASE_REF}`, head: 'HEAD', mergeBase: true, source: `GitHub Actions pull request into ${env.GITHUB_BASE_REF}` };
    }
    if (event === 'push') {
      const payload = readEvent(env.GITHUB_EVENT_PATH);
      const before = typeof payload?.before === 'string' ? payload.before : undefined;
      const after = typeof payload?.after === 'string' ? payload.after : (env.GITHUB_SHA ?? 'HEAD');
      if (before && !ZERO.test(before)) return { base: before, head: after, source: 'GitHub Actions push (before..after)' };
      if (before && ZERO.test(before)) {
        return { head: after, newBranch: { excludeRef: env.GITHUB_REF_NAME ? `refs/remotes/origin/${env.GITHUB_REF_NAME}` : undefined }, source: 'GitHub Actions push of a new branch' };
      }
    }
  }
  if (env.GITLAB_CI === 'true') {
    const head = env.CI_COMMIT_SHA ?? 'HEAD';
    if (env.CI_MERGE_REQUEST_DIFF_BASE_SHA) return { base: env.CI_MERGE_REQUEST_DIFF_BASE_SHA, head, source: 'GitLab merge request (CI_MERGE_REQUEST_DIFF_BASE_SHA)' };
    const before = env.CI_COMMIT_BEFORE_SHA;
    if (before && !ZERO.test(before)) return { base: before, head, source: 'GitLab push (CI_COMMIT_BEFORE_SHA)' };
    if (before && ZERO.test(before)) {
      return { head, newBranch: { excludeRef: env.CI_COMMIT_REF_NAME ? `refs/remotes/origin/${env.CI_COMMIT_REF_NAME}` : undefined }, source: 'GitLab push of a new branch' };
    }
  }
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
