// Untracked `.env` files that .gitignore does not exclude: `audit` reads the
// tracked files of the work tree, so a `.env` that was never added is not in
// its scan, yet one `git add .` commits it. Each one holding a finding is
// reported once, as a repository finding pointing at the file.
import { join } from 'node:path';
import type { Engine } from '../scan/engine.js';
import type { Finding } from '../types.js';
import { GitError, gitSync } from '../git/git.js';
import { readRegularFile } from '../sources/read-file.js';
import { repoFinding, untrackedEnv } from './rules.js';

/** `.env`, `.env.local`, `.ENV`, `.Env.production` …: the file name in any case. */
const ENV_FILE = /(^|\/)\.env(\.[^/]+)?$/i;

/** Untracked files git does not ignore, as git lists them (relative to `root`). */
function untrackedNotIgnored(root: string): string[] {
  const r = gitSync(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (r.status !== 0) {
    const why = r.stderr.trim().split('\n').pop() || `exit status ${r.status}`;
    throw new GitError(`untracked files could not be listed: git ls-files failed: ${why}`, 'failed');
  }
  return r.stdout.toString('utf8').split('\0').filter(Boolean);
}

export interface UntrackedEnvOptions {
  maxFileSize: number;
  /** The configuration's and baseline's verdict on a finding (a reason when accepted). */
  accept: (finding: Finding) => string | undefined;
  isIgnored: (path: string) => boolean;
}

export function untrackedEnvFindings(root: string, engine: Engine, opts: UntrackedEnvOptions): Finding[] {
  const out: Finding[] = [];
  for (const file of untrackedNotIgnored(root)) {
    if (!ENV_FILE.test(file) || opts.isIgnored(file)) continue;
    // git lists a symlink as a file and never descends into a linked directory; O_NOFOLLOW refuses the link itself.
    const read = readRegularFile(join(root, file), opts.maxFileSize);
    if (read.kind !== 'data') continue;
    const found = (engine.scanBytes(file, read.data, { kind: 'worktree' }) ?? []).filter(
      (f) => !f.suppressed && !opts.accept(f),
    );
    if (found.length === 0) continue;
    const first = found[0]!;
    const severity = found.some((f) => f.severity === 'error') ? 'error' : 'warning';
    const what = [...new Set(found.map((f) => f.message))].join(', ');
    const finding = repoFinding(
      untrackedEnv,
      file,
      `untracked .env, not ignored: one \`git add .\` from being committed (${file} holds: ${what})`,
      {
        secret: first.secret,
        preview: first.preview,
        severity,
      },
    );
    finding.line = first.line;
    finding.column = first.column;
    finding.endLine = first.endLine;
    finding.endColumn = first.endColumn;
    out.push(finding);
  }
  return out;
}
