// A pre-commit hook waits for `leaklint staged` on every commit, and half of
// that wait is two git processes run one after the other once the CLI has
// loaded. The launcher starts both before it loads the CLI, so git reads the
// index while Node compiles the scanner. The diff is started as if the
// current directory were the top of the work tree (where hooks, lint-staged
// and the pre-commit framework run); its answer is used only when the
// repository says it is, so the command and its directory are exactly those
// `stagedDiff` would run. Anything else (an error, a subdirectory, a bare
// repository) falls back to the ordinary path, which gives the same answers
// and messages as before.
import { parseStagedArgv } from '../cli/fast-argv.js';
import { adoptGitChild, gitLater, safeEnv } from './git.js';
import type { PrestartedStaged } from './prestarted.js';
import { LOCATE_ARGS, locateRepo, locationFrom, stagedDiff, stagedDiffArgs } from '../sources/staged.js';
import type { StagedPlan } from '../sources/staged.js';
import type { RepoLocation } from '../sources/staged.js';

export type { PrestartedStaged } from './prestarted.js';

/** Starts the staged scan's git processes for a plain `staged` command line; undefined for any other. */
export function prestartStaged(argv: readonly string[], cwd: string): PrestartedStaged | undefined {
  const args = parseStagedArgv(argv);
  if (!args) return undefined;
  const env = safeEnv();
  // The diff first: it takes ten times as long as rev-parse on a big index.
  const diff = gitLater(cwd, stagedDiffArgs(cwd, cwd, args.paths), env);
  return { cwd, paths: args.paths, locate: gitLater(cwd, LOCATE_ARGS, env), diff };
}

/** What `locateRepo(cwd)` would say, from the prestarted rev-parse; undefined when it cannot say (git did not start). */
export async function prestartedLocation(pre: PrestartedStaged, cwd: string): Promise<RepoLocation | undefined> {
  if (pre.cwd !== cwd) return undefined;
  adoptGitChild(pre.locate.child);
  adoptGitChild(pre.diff.child);
  const r = await pre.locate.result;
  return r ? locationFrom(cwd, r) : undefined;
}

/** The prestarted diff's output when it is exactly the diff `stagedDiff(repo, paths)` would run; undefined otherwise. */
export async function prestartedDiff(
  pre: PrestartedStaged,
  repo: RepoLocation,
  paths: readonly string[],
): Promise<Buffer | undefined> {
  const same =
    !repo.error &&
    !repo.bare &&
    repo.root === pre.cwd &&
    repo.cwd === pre.cwd &&
    paths.length === pre.paths.length &&
    paths.every((p, i) => p === pre.paths[i]);
  if (!same) {
    // Not the diff this scan needs (a subdirectory, say): stop it rather than wait for it at exit.
    if (!pre.diff.settled) pre.diff.child.kill();
    return undefined;
  }
  const r = await pre.diff.result;
  return r && r.status === 0 ? r.stdout : undefined;
}

/**
 * Where the launcher leaves its processes for the CLI: the two are separate
 * bundles in one process, so they meet on a global, not in a module.
 */
const SLOT = Symbol.for('leaklint.prestartedStaged');

/** Called by the launcher: the processes `prestartStaged` started (or none). */
export function leavePrestarted(pre: PrestartedStaged | undefined): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = pre;
}

function takePrestarted(): PrestartedStaged | undefined {
  const slot = globalThis as Record<symbol, unknown>;
  const pre = slot[SLOT] as PrestartedStaged | undefined;
  delete slot[SLOT];
  return pre;
}

/**
 * The staged scan's repository and plan: from the git processes the
 * launcher started, when they answer exactly what `locateRepo` and
 * `stagedDiff` would, else by asking git now. `warmUp` runs while git still
 * reads the index (loading what the scan needs anyway).
 */
export async function stagedPlan(
  cwd: string,
  paths: string[],
  warmUp: () => Promise<void>,
): Promise<{ repo: RepoLocation; plan: StagedPlan }> {
  const pre = takePrestarted();
  // One rev-parse answers every question about the repository (the hook pays for each git process).
  const repo = (pre && (await prestartedLocation(pre, cwd))) ?? locateRepo(cwd);
  const prestarted = pre && prestartedDiff(pre, repo, paths);
  if (pre && prestarted && !pre.diff.settled) await warmUp();
  return { repo, plan: stagedDiff(repo, paths, prestarted && (await prestarted)) };
}
