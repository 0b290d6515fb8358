// The .gitignore policy: credential files must be ignored. Checked with git's
// own ignore semantics (check-ignore), so negations, nested .gitignore files
// and core.excludesFile all count.
import { join } from 'node:path';
import type { Finding, Rule } from '../types.js';
import { GitError, gitSync } from '../git/git.js';
import type { GitResult } from '../git/git.js';
import { gitignoreMissing, repoFinding, trackedIgnored } from './rules.js';
import { readFileWithin, writeFileWithin } from '../util/safe-write.js';

/**
 * The default policy: every .gitignore line a path rule names (its
 * `ignorePattern`, then `alsoIgnore`), once each, in catalogue order. The
 * path rules are the one list of credential files; a second, hand-kept list
 * here drifted from them.
 */
export function ignorePolicy(rules: readonly Rule[]): string[] {
  const lines = new Set<string>();
  for (const rule of rules) {
    if (rule.kind !== 'path') continue;
    for (const line of [rule.ignorePattern, ...(rule.alsoIgnore ?? [])]) if (line) lines.add(line);
  }
  return [...lines];
}

/** The policy to check: the project's own (config `gitignore.required`), else the path rules' (loaded on demand, as scans load rules). */
export async function requiredPatterns(configured: string[] | undefined): Promise<string[]> {
  if (configured) return configured;
  const { allRules } = await import('../../rules/index.js');
  return ignorePolicy(allRules);
}

/** Templates that must stay committable when `.env.*` is ignored. */
const KEEP = ['.env.example'];

/**
 * A path the pattern must ignore: `*.pem` → `probe.pem`, `.env.*` →
 * `.env.local`, `id_rsa*` → `id_rsa`, `.*_history` → `.x_history`, and for
 * a directory, a file in it: `.aws/` → `.aws/probe`.
 */
export function probeFor(pattern: string): string {
  return pattern
    .replace(/^\/+/, '')
    .replace(/\/$/, '/probe')
    .replace(/^\*/, 'probe')
    .replace(/\.\*$/, '.local')
    .replace(/\*$/, '')
    .replace(/\*/g, 'x');
}

/**
 * git could not evaluate the ignore rules (an exclude file it cannot use, a
 * repository it cannot read): the policy cannot be judged, which is an
 * error, never "every pattern is there" nor "none is". (An ignore file git
 * cannot open it skips with a warning, exactly as `git add` does: the answer
 * is then still git's own.)
 */
function ignoreRulesFailed(r: GitResult, what: string): GitError {
  const why = r.stderr.trim().split('\n').pop() || `exit status ${r.status}`;
  return new GitError(`the .gitignore policy could not be checked: git ${what} failed: ${why}`, 'failed');
}

function ignored(root: string, paths: string[]): Set<string> {
  const r = gitSync(root, ['check-ignore', '--no-index', '-z', '--stdin'], paths.join('\0') + '\0');
  // Exit 1 means "none ignored"; anything above is a failure.
  if (r.status > 1) throw ignoreRulesFailed(r, 'check-ignore');
  return new Set(r.stdout.toString('utf8').split('\0').filter(Boolean));
}

/** Required patterns whose representative path git does not ignore. */
export function missingPatterns(root: string, required: string[]): string[] {
  const probes = required.map(probeFor);
  const hit = ignored(root, probes);
  return required.filter((_, i) => !hit.has(probes[i]!));
}

/** Templates like .env.example that the ignore rules wrongly exclude. */
export function ignoredTemplates(root: string): string[] {
  const hit = ignored(root, KEEP);
  return KEEP.filter((k) => hit.has(k));
}

export function trackedButIgnored(root: string): string[] {
  const r = gitSync(root, ['ls-files', '-ci', '--exclude-standard', '-z']);
  if (r.status !== 0) throw ignoreRulesFailed(r, 'ls-files');
  return r.stdout.toString('utf8').split('\0').filter(Boolean);
}

export function gitignoreFindings(root: string, required: string[]): Finding[] {
  const out: Finding[] = [];
  const missing = missingPatterns(root, required);
  if (missing.length)
    out.push(repoFinding(gitignoreMissing, '.gitignore', `.gitignore does not exclude: ${missing.join(', ')}`));
  for (const t of ignoredTemplates(root))
    out.push(
      repoFinding(
        gitignoreMissing,
        '.gitignore',
        `${t} is ignored: templates with placeholder values should stay committable (add !${t})`,
        { severity: 'info' },
      ),
    );
  for (const file of trackedButIgnored(root))
    out.push(repoFinding(trackedIgnored, file, `${file} is tracked although .gitignore excludes it`));
  return out;
}

/** The lines the top-level .gitignore lacks, and the text to append for them (shared by `gitignore --fix` and `init`). */
/** `content` is the whole new file. A symlinked .gitignore is refused (an UnsafeWriteError), never read or written through. */
export function gitignoreAddition(
  root: string,
  required: string[],
  by = 'leaklint gitignore --fix',
): { lines: string[]; text: string; content: string } {
  const missing = missingPatterns(root, required);
  const lines = [...missing];
  if (missing.includes('.env.*')) for (const keep of KEEP) lines.push(`!${keep}`);
  if (lines.length === 0) return { lines, text: '', content: '' };
  const current = readFileWithin(root, join(root, '.gitignore')) ?? '';
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  const text = `${sep}${current ? '\n' : ''}# Credential files (added by ${by})\n${lines.join('\n')}\n`;
  return { lines, text, content: current + text };
}

/** Add what is missing to the top-level .gitignore; returns the lines added (none on a second run). */
export function fixGitignore(root: string, required: string[]): string[] {
  const { lines, content } = gitignoreAddition(root, required);
  if (lines.length) writeFileWithin(root, join(root, '.gitignore'), content);
  return lines;
}
