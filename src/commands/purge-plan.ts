import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { readFileWithin, writeFileWithin } from '../util/safe-write.js';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { leaklintBin } from '../util/self.js';
import type { Command, Args } from './types.js';
import type { Io } from '../cli/io.js';
import { EXIT_INCOMPLETE, UsageError } from '../cli/io.js';
import { configFor, prepareScan } from '../cli/run-scan.js';
import { positiveSize } from '../cli/options.js';
import { gitSync, requireRepoRoot } from '../git/git.js';
import { historyOptions, runHistory } from './history.js';
import {
  CLONE_NOTES,
  PLAN_FILES,
  blobCallbackFile,
  buildPurgePlan,
  filterRepoArgs,
  pathsFile,
  purgeScript,
  replacementsFile,
} from '../purge/plan.js';
import { shellQuote } from '../util/shell.js';
import { escapeText } from '../report/safe-text.js';
import type { PurgePlan } from '../purge/plan.js';
import { storedForms } from '../purge/stored-spans.js';

/** Beside the repository, never in it: replacements.txt holds the raw secrets. */
export function defaultPlanDir(root: string): string {
  return join(dirname(root), `${basename(root)}-leaklint-purge`);
}

/** A plan inside the work tree must be ignored (or in .git), or the next `git add .` commits the secrets. */
function checkNotCommittable(root: string, dir: string): void {
  const rel = relative(root, dir);
  if (rel.startsWith('..') || isAbsolute(rel)) return;
  if (rel === '')
    throw new UsageError('--out must not be the repository itself: replacements.txt holds the raw secrets');
  if (rel === '.git' || rel.startsWith(`.git/`)) return;
  const probe = gitSync(root, ['check-ignore', '-q', '--', `${rel}/replacements.txt`]);
  if (probe.status !== 0)
    throw new UsageError(
      `--out ${dir} is inside the repository and not ignored by .gitignore: replacements.txt holds the raw secrets; choose a directory outside it (default: ${defaultPlanDir(root)})`,
    );
}

/** Inside a plan directory: which repository leaklint created it for. */
const PLAN_MARK = '.leaklint-purge-plan';

/**
 * The plan holds raw secrets and a script the user runs, so its directory is
 * leaklint's own: created here (mode 0700), or one it created earlier for a
 * plan of this same repository — still the user's, still 0700, not a
 * symlink. A directory someone else made (another user on a shared machine,
 * a symlink planted in its place) is refused, never written into.
 */
function preparePlanDir(dir: string, root: string): void {
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  try {
    mkdirSync(dir, 0o700);
    chmodSync(dir, 0o700);
    writeFileWithin(dir, join(dir, PLAN_MARK), `${root}\n`, { mode: 0o600 });
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new UsageError(`cannot create --out ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const st = lstatSync(dir);
  const refuse = (why: string): never => {
    throw new UsageError(
      `--out ${dir} ${why}: choose a directory that does not exist yet (leaklint creates it, mode 0700)`,
    );
  };
  if (st.isSymbolicLink()) refuse('is a symlink');
  if (!st.isDirectory()) refuse('exists and is not a directory');
  if (process.getuid && st.uid !== process.getuid()) refuse('belongs to another user');
  if ((st.mode & 0o777) !== 0o700) refuse(`has mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}, not 0700`);
  let mark: string | undefined;
  try {
    mark = readFileWithin(dir, join(dir, PLAN_MARK));
  } catch {
    mark = undefined;
  }
  if (mark !== `${root}\n`)
    refuse(
      `already exists and was not created by leaklint purge-plan for this repository${readdirSync(dir).length ? ' (it is not empty)' : ''}`,
    );
}

/** Replaced atomically, never through a symlink, never outside the plan directory. */
function writePrivate(dir: string, name: string, text: string, mode: number): void {
  writeFileWithin(dir, join(dir, name), text, { mode });
}

/** The installation running now, by absolute path, so purge.sh re-scans with the same leaklint. */
function thisLeaklint(): string[] {
  return [process.execPath, leaklintBin()];
}

/** Options that must carry over to the re-scan so it judges the rewritten history by the same rules. */
function rescanArgs(args: Args, io: Io): string[] {
  const out: string[] = [];
  if (typeof args.config === 'string') out.push('--config', resolve(io.cwd, args.config));
  if (args.baseline === false) out.push('--no-baseline');
  else if (typeof args.baseline === 'string') out.push('--baseline', resolve(io.cwd, args.baseline));
  if (typeof args['max-file-size'] === 'number') out.push('--max-file-size', String(args['max-file-size']));
  return out;
}

/** The notes refs of the repository: the clone must carry them for the rewrite to reach their text. */
function notesRefs(root: string): string[] {
  const r = gitSync(root, ['for-each-ref', '--format=%(refname)', 'refs/notes/']);
  return r.status === 0 ? r.stdout.toString('utf8').split('\n').filter(Boolean) : [];
}

function describePlan(plan: PurgePlan, dir: string, root: string, rescan: string, suppressed: number): string {
  const lines: string[] = [];
  const s = plan.secrets.length;
  const f = plan.files.length;
  lines.push(
    `leaklint purge-plan: ${s} secret${s === 1 ? '' : 's'} and ${f} credential file${f === 1 ? '' : 's'} to purge from history.`,
  );
  if (s) {
    lines.push('', `Secrets (every occurrence, in every file version and commit message, becomes ***REMOVED***):`);
    for (const p of plan.secrets)
      lines.push(
        `  ${p.ruleId}  ${p.preview}${p.withPartner ? ' (and its id)' : ''}  in ${p.paths.map(escapeText).join(', ')}${p.firstCommit ? `, first in ${p.firstCommit}` : ''}${p.inHead ? ', still in HEAD' : ''}`,
      );
  }
  if (f) {
    lines.push('', 'Credential files (dropped from every commit):');
    for (const file of plan.files) lines.push(`  ${escapeText(file.path)}  (${file.ruleId})`);
  }
  if (suppressed)
    lines.push(
      '',
      `${suppressed} suppressed finding${suppressed === 1 ? ' is' : 's are'} not in the plan (allowlists, inline directives, baseline).`,
    );
  const clone = `${root}-purged`;
  const filter = ['git', 'filter-repo', ...filterRepoArgs(plan, dir)].map(shellQuote).join(' ');
  lines.push(
    '',
    'Wrote:',
    `  ${join(dir, PLAN_FILES.replacements)}  (mode 0600: it holds the raw secrets; delete the directory when you are done)`,
    `  ${join(dir, PLAN_FILES.callback)}  (mode 0600: the same secrets as they read in UTF-16 files)`,
    `  ${join(dir, PLAN_FILES.paths)}`,
    `  ${join(dir, PLAN_FILES.script)}`,
    '',
    'Before anything else: rotate every secret listed above. They are already exposed;',
    'rewriting history does not un-leak them, it only stops the next clone from getting them.',
    '',
    'Then, in a fresh clone (git filter-repo refuses to rewrite any other without --force);',
    'a clone leaves the notes (refs/notes/*) behind unless asked, so ask:',
    `  git clone --no-local --config ${shellQuote(CLONE_NOTES)} ${shellQuote(root)} ${shellQuote(clone)}`,
    `  cd ${shellQuote(clone)}`,
    `  sh ${shellQuote(join(dir, PLAN_FILES.script))}`,
    '',
    'purge.sh runs, on every branch, tag and notes ref of the clone (the refs the rewrite covers):',
    `  ${filter}`,
    'and then proves the purge by scanning every commit again (it must find nothing):',
    `  ${rescan}`,
    '',
    'After it passes, publish the rewritten history (git filter-repo removes the origin remote):',
    '  git remote add origin <URL of the hosted repository>',
    "  git push --force --all origin && git push --force --tags origin && git push --force origin 'refs/notes/*'",
    '(--replace-refs delete-no-add: filter-repo leaves no refs/replace/* behind to push or to re-scan.)',
    '',
    'What a rewrite cannot reach:',
    "  - refs the clone does not carry: the scanned repository's stash, its remote-tracking refs and any other refs outside refs/heads, refs/tags and refs/notes;",
    '  - forks and every existing clone keep the old commits: ask collaborators to re-clone (a pull or rebase brings the secrets back);',
    '  - pull-request and merge-request refs (refs/pull/*, refs/merge-requests/*) and cached views stay on the host until its support removes them;',
    '  - so the rotation above is what actually protects you.',
  );
  return lines.join('\n') + '\n';
}

export const purgePlanCommand: Command = {
  command: 'purge-plan',
  describe:
    'write a git filter-repo plan (replacements.txt, blob-callback.py, paths.txt, purge.sh) that removes every secret found in history',
  builder: (y) =>
    historyOptions(y)
      .option('out', {
        type: 'string',
        describe: 'directory for the plan (default: <repository>-leaklint-purge beside the repository)',
      })
      .option('config', {
        alias: 'c',
        type: 'string',
        describe: 'configuration file (default: leaklint.config.json at the repository root)',
      })
      .option('baseline', {
        type: 'string',
        describe: 'accepted findings, left out of the plan (--no-baseline ignores the repository’s own)',
      })
      .option('max-file-size', {
        type: 'number',
        coerce: positiveSize,
        describe: 'skip file versions larger than this many bytes',
      }),
  examples: [
    ['$0 purge-plan', 'write the plan beside the repository (<repository>-leaklint-purge)'],
    ['$0 purge-plan --out ../purge', 'write it to ../purge'],
  ],
  async run(args, io) {
    const root = requireRepoRoot(io.cwd, 'leaklint purge-plan rewrites the history of a repository');
    const dir = typeof args.out === 'string' && args.out ? resolve(io.cwd, args.out) : defaultPlanDir(root);
    checkNotCommittable(root, dir);
    const config = configFor(args, io);
    const { scanner, maxFileSize } = await prepareScan('audit', args, config, root);
    const scan = await runHistory(root, scanner, args, io, maxFileSize);
    if (scan.empty) {
      io.stdout.write('leaklint purge-plan: this repository has no commits: nothing to purge\n');
      return 0;
    }
    const result = scanner.result();
    for (const w of result.stats.warnings) io.stderr.write(`leaklint: warning: ${escapeText(w)}\n`);
    const plan = buildPurgePlan(result.findings, storedForms(root, result.findings, maxFileSize));
    // A plan built from a history that was not read in full may miss secrets: never a plain 0 then.
    const done = result.stats.unread ? EXIT_INCOMPLETE : 0;
    if (result.stats.unread)
      io.stderr.write(
        `leaklint: the history was not read in full (${result.stats.unread} unread): the plan covers only what was read (exit ${EXIT_INCOMPLETE})\n`,
      );
    if (plan.replacements.length === 0 && plan.paths.length === 0) {
      io.stdout.write(
        `leaklint purge-plan: nothing to purge: leaklint history finds no secret and no credential file in ${scan.commits} commits (no plan written)\n`,
      );
      return done;
    }
    preparePlanDir(dir, root);
    const leaklint = thisLeaklint();
    const again = rescanArgs(args, io);
    writePrivate(dir, PLAN_FILES.replacements, replacementsFile(plan), 0o600);
    writePrivate(dir, PLAN_FILES.callback, blobCallbackFile(plan), 0o600);
    writePrivate(dir, PLAN_FILES.paths, pathsFile(plan), 0o600);
    writePrivate(dir, PLAN_FILES.script, purgeScript(plan, leaklint, again, notesRefs(root)), 0o700);
    const rescan = [...leaklint, 'history', ...again].map(shellQuote).join(' ');
    io.stdout.write(describePlan(plan, dir, root, rescan, result.suppressed.length));
    return done;
  },
};
