// What to do now, for this provider and this moment: the same secret needs
// different first steps before a commit, before a push, in a pull request,
// and once it is in published history. Steps are written for a group of
// findings of one rule (a report gives each rule's advice once), naming the
// files and commits they concern.
import picomatch from 'picomatch';
import type { Finding, Moment, Rule } from '../types.js';
import { shellQuote } from '../util/shell.js';

/** Files named in one command at most; beyond, the step points at the list above it. */
const MAX_NAMED = 8;

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The files as shell words (`a.py 'b c.py'`), or the first few and how many more the report lists. */
function fileWords(files: string[]): string {
  const shown = files.slice(0, MAX_NAMED).map(shellQuote).join(' ');
  return files.length > MAX_NAMED ? `${shown} (and the ${files.length - MAX_NAMED} more files listed above)` : shown;
}

function commitsOf(findings: Finding[]): string[] {
  return unique(findings.flatMap((f) => (f.origin.kind === 'commit' ? [f.origin.commit.sha.slice(0, 12)] : [])));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The .gitignore line that keeps `file` out: the rule's pattern when it
 * covers the file (`.env` for `.env`, `.aws/` for `.aws/credentials`), its
 * suffixed form when that does (`.env.*` for `.env.production`), else the
 * file's own name.
 */
export function ignorePatternFor(rule: Rule | undefined, file: string): string | undefined {
  const pattern = rule?.kind === 'path' ? rule.ignorePattern : undefined;
  if (!pattern) return undefined;
  if (pattern.endsWith('/'))
    return file.split('/').slice(0, -1).includes(pattern.slice(0, -1)) ? pattern : baseName(file);
  const name = baseName(file);
  for (const candidate of [pattern, `${pattern}.*`])
    if (picomatch.isMatch(name, candidate, { dot: true })) return candidate;
  return name;
}

/** `echo 'a' >> .gitignore` for one pattern, the lines to add for several. */
function ignoreStep(patterns: string[]): string | undefined {
  if (patterns.length === 0) return undefined;
  if (patterns.length === 1) return `Ignore it: echo '${patterns[0]}' >> .gitignore`;
  return `Ignore them: add these lines to .gitignore: ${patterns.join(' ')}`;
}

export interface GroupOptions {
  /**
   * Files a path rule's advice already takes out of the commit (a staged
   * `.env` is unstaged whole): a content rule does not also say to edit them.
   */
  removedFiles?: ReadonlySet<string>;
}

/** Ordered steps for one finding. */
export function remediationSteps(rule: Rule | undefined, finding: Finding, moment: Moment): string[] {
  return groupRemediation(rule, [finding], moment);
}

/** Ordered steps for findings of one rule (at least one), said once for all of them. */
export function groupRemediation(
  rule: Rule | undefined,
  all: Finding[],
  moment: Moment,
  opts: GroupOptions = {},
): string[] {
  const r = rule?.remediation ?? {};
  const first = all[0]!;
  const steps: string[] = [];
  const rotate = r.rotate ? `Rotate it: ${r.rotate}.` : 'Rotate it at the service that issued it.';
  const store = r.store
    ? `Keep the value in ${r.store}` + (r.read ? `, and read it from there: ${r.read}.` : '.')
    : undefined;
  const isPath = first.kind === 'path';
  const files = unique(all.map((f) => f.file));
  const patterns = unique(files.map((f) => ignorePatternFor(rule, f)).filter((p): p is string => p !== undefined));
  // A note may name the files it is about (`{files}`): they are filled in, never left as a placeholder.
  const note = r.note?.replace(/\{files\}/g, fileWords(files));

  // Repository set-up (ignore rules, remote URLs): the fix is the same at every moment.
  if (first.kind === 'repo') {
    if (r.rotate) steps.push(rotate);
    if (store) steps.push(store);
    if (note) steps.push(note);
    return steps;
  }
  // An audit also reads the working tree; what only an uncommitted edit holds is not in history yet.
  const when: Moment = moment === 'audit' && first.origin.kind !== 'commit' ? 'files' : moment;

  switch (when) {
    case 'precommit':
      if (isPath) {
        steps.push(`Unstage the file: git rm --cached -- ${fileWords(files)}`);
        const ignore = ignoreStep(patterns);
        if (ignore) steps.push(ignore);
      } else {
        const edit = files.filter((f) => !opts.removedFiles?.has(f));
        if (edit.length)
          steps.push(
            `Unstage and edit: git restore --staged -- ${fileWords(edit)}, then remove the value from the file.`,
          );
      }
      if (store) steps.push(store);
      steps.push('Commit again. The secret never left this machine, so rotating is optional.');
      break;
    case 'prepush': {
      // A pre-push hook runs before anything is sent: rewriting needs no force-push.
      const shas = commitsOf(all);
      const fix = fixInCommit(isPath, files, patterns);
      if (shas.length === 1)
        steps.push(
          `Rewrite the commit that introduced it before pushing: git rebase -i ${shas[0]}^ (mark that commit "edit", ${fix}, git commit --amend, git rebase --continue), then push again. Nothing was pushed yet, so no force-push is needed.`,
        );
      else
        steps.push(
          `Rewrite the commits that introduced it (${shas.join(', ')}) before pushing: git rebase -i the oldest one's parent, mark them "edit", ${fix} in each, git commit --amend, git rebase --continue; then push again. Nothing was pushed yet, so no force-push is needed.`,
        );
      if (store) steps.push(store);
      steps.push(`If these commits were ever pushed elsewhere (another branch or remote): ${rotate}`);
      break;
    }
    case 'ci': {
      const shas = commitsOf(all);
      const fix = fixInCommit(isPath, files, patterns);
      if (shas.length === 1)
        steps.push(
          `Rewrite the commit that introduced it before merging: git rebase -i ${shas[0]}^ (mark that commit "edit", ${fix}, git commit --amend, git rebase --continue), then force-push the branch.`,
        );
      else
        steps.push(
          `Rewrite the commits that carry it before merging${shas.length ? ` (${shas.join(', ')})` : ''} (${fix} in each, git commit --amend), then force-push the branch.`,
        );
      steps.push(`If the branch was ever pushed anywhere public: ${rotate}`);
      if (store) steps.push(store);
      break;
    }
    case 'audit': {
      steps.push(
        `First, ${rotate.charAt(0).toLowerCase()}${rotate.slice(1)} It is already in history, so treat it as exposed.`,
      );
      if (store) steps.push(store);
      // Only what HEAD still holds can be untracked; a file already deleted is only purged.
      const tracked = unique(all.filter((f) => f.history?.inHead !== false).map((f) => f.file));
      const trackedPatterns = unique(
        tracked.map((f) => ignorePatternFor(rule, f)).filter((p): p is string => p !== undefined),
      );
      if (isPath && tracked.length)
        steps.push(
          `Stop tracking it: git rm --cached -- ${fileWords(tracked)}${trackedPatterns.length ? ` and add ${trackedPatterns.map((p) => `'${p}'`).join(', ')} to .gitignore` : ''}.`,
        );
      steps.push(
        `Then purge it from history: \`leaklint purge-plan\` writes the git filter-repo commands (${isPath ? 'the file is dropped from every commit' : 'the value becomes ***REMOVED*** in every commit'}).`,
      );
      steps.push(
        'Finally, forks, pull-request refs and existing clones keep the old commits: force-push every ref and ask collaborators to re-clone.',
      );
      break;
    }
    case 'files':
      if (isPath) {
        steps.push(
          `Keep the file out of version control: git rm --cached -- ${fileWords(files)}` +
            (patterns.length ? ` and add ${patterns.map((p) => `'${p}'`).join(', ')} to .gitignore.` : '.'),
        );
      } else steps.push('Remove the value from the file.');
      if (store) steps.push(store);
      steps.push(`If it was ever committed or shared: ${rotate}`);
      break;
  }
  if (note) steps.push(note);
  return steps;
}

/** What to change in a commit being rewritten: stop tracking a credential file (and ignore it), or remove the value. */
function fixInCommit(isPath: boolean, files: string[], patterns: string[]): string {
  if (!isPath) return 'remove the value';
  return `git rm --cached -- ${fileWords(files)}${patterns.length ? `, add ${patterns.map((p) => `'${p}'`).join(', ')} to .gitignore` : ''}`;
}
