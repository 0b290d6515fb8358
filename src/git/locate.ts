// Where a command runs: in a work tree, in a repository without one (bare,
// a `--mirror` clone, or inside a git directory), or outside any repository.
// git failing to answer for another reason (a configuration it cannot parse,
// a repository owned by someone else) is an error: read as "not a
// repository", an audit would scan the directory's files and pass a history
// it never read.
import { GitError, gitSync } from './git.js';

export type Location =
  /** A work tree; `root` is its top directory. */
  | { kind: 'worktree'; root: string }
  /** History without a work tree: a bare or mirror repository, or the inside of a `.git` directory; `gitDir` is absolute. */
  | { kind: 'gitdir'; gitDir: string; bare: boolean }
  | { kind: 'none' };

export function locate(cwd: string): Location {
  // In a repository without a work tree --show-toplevel fails after the other answers are printed.
  const r = gitSync(cwd, [
    'rev-parse',
    '--is-bare-repository',
    '--is-inside-git-dir',
    '--absolute-git-dir',
    '--show-toplevel',
  ]);
  const [bare, insideGitDir, gitDir, top] = r.stdout.toString('utf8').split('\n');
  if (r.status === 0 && top) return { kind: 'worktree', root: top };
  if (gitDir && (bare === 'true' || insideGitDir === 'true')) return { kind: 'gitdir', gitDir, bare: bare === 'true' };
  if (/not a git repository/i.test(r.stderr)) return { kind: 'none' };
  const fatal = /^fatal: (.*)$/m.exec(r.stderr)?.[1] ?? (r.stderr.trim() || `git rev-parse exited ${r.status}`);
  const hint = /safe\.directory/.test(r.stderr)
    ? ' (if you trust it: git config --global --add safe.directory <path>)'
    : '';
  throw new GitError(`git cannot read the repository here: ${fatal}${hint}`, 'failed');
}
