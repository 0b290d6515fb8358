// Turns the findings of a history scan into a git filter-repo plan: an
// expressions file for --replace-text, a path list for --paths-from-file
// --invert-paths, and a script that runs both and then re-scans. Pure: the
// command decides where the files go and what is printed.
import type { Finding } from '../types.js';
import { shellQuote } from '../util/shell.js';
import { policyShellExports } from '../git/policy.js';
import { encodeUtf16, escapedPattern, hasEscapedForm, pythonRegexLiteral, textPattern, utf16Pattern } from './forms.js';

/** What git filter-repo puts where a secret was. */
export const REMOVED = '***REMOVED***';

export interface PlannedSecret {
  ruleId: string;
  preview: string;
  paths: string[];
  firstCommit?: string;
  inHead: boolean;
  /** Its pair's id (AWS key id, Modal token id) is purged with it. */
  withPartner: boolean;
}

export interface PlannedFile {
  ruleId: string;
  path: string;
  message: string;
}

export interface PurgePlan {
  /** Lines of replacements.txt. They hold raw secrets. */
  replacements: string[];
  /** Every value to purge, longest first, for the UTF-16 forms of blob-callback.py. They are raw secrets. */
  utf16: Array<{ secret: string; spansLines: boolean }>;
  /** Lines of paths.txt (without its comment header). */
  paths: string[];
  secrets: PlannedSecret[];
  files: PlannedFile[];
}

/**
 * The --replace-text lines for one secret. filter-repo reads the file line by
 * line and splits at the last `==>`; it replaces every `literal:` before any
 * `regex:`, and those in file order. A single-line secret is a plain literal;
 * a multi-line one (the scanner normalised its line endings) a regex that
 * also matches CRLF files; a key payload (PEM, PuTTY) a regex that allows
 * the layout the rule stripped between its characters. A secret another
 * secret of the plan contains is a regex too, so the longer one (whose lines
 * come first) goes whole. When the secret can also be stored escaped (JSON,
 * notebooks: `\u002f`, `\/`, `\n`), a regex for that form follows.
 */
export function replacementLines(secret: string, spansLines = false, contained = false): string[] {
  const line = (pattern: string) => `regex:${pattern}==>${REMOVED}`;
  if (spansLines) return [line(escapedPattern(secret, true))];
  const text = /[\r\n]/.test(secret) || contained ? line(textPattern(secret, false)) : `literal:${secret}==>${REMOVED}`;
  return hasEscapedForm(secret, false) ? [text, line(escapedPattern(secret, false))] : [text];
}

/**
 * One --paths-from-file line: a regex anchored at both ends, so it names
 * exactly that file. filter-repo reads a `literal:` line as "this file or
 * the directory of that name": `literal:credentials` would also drop a
 * later `credentials/` package from every commit.
 */
export function pathLine(path: string): string {
  return `regex:^${pythonRegexLiteral(path, '\\n')}\\Z`;
}

function shortSha(f: Finding): string | undefined {
  const c = f.history?.firstCommit ?? (f.origin.kind === 'commit' ? f.origin.commit : undefined);
  return c?.sha.slice(0, 12);
}

/**
 * Whether the rule reported a key payload it assembled (PEM, PuTTY: the
 * base64 without line breaks, indentation or `\n` escapes) rather than text
 * as it stands: its finding spans lines, or more columns than the secret.
 */
function isPayload(f: Finding): boolean {
  if (/\s/.test(f.secret)) return false;
  return f.endLine > f.line || f.endColumn - f.column > f.secret.length;
}

/**
 * The plan for these findings: every secret of a content rule (and a pair's
 * other half), every file of a path rule. `stored`: forms the files hold a
 * decoded or joined secret in (see stored-spans.ts), purged like secrets.
 */
export function buildPurgePlan(findings: Finding[], stored: string[] = []): PurgePlan {
  const secrets = new Map<string, PlannedSecret>();
  const payloads = new Set<string>();
  const partners = new Set<string>();
  const files = new Map<string, PlannedFile>();
  for (const f of findings) {
    if (f.kind === 'content' && f.secret) {
      if (isPayload(f)) payloads.add(f.secret);
      if (f.pairId) partners.add(f.pairId);
      const known = secrets.get(f.secret);
      const paths = f.history?.paths ?? [f.file];
      if (known) {
        for (const p of paths) if (!known.paths.includes(p)) known.paths.push(p);
        known.inHead ||= Boolean(f.history?.inHead);
        known.withPartner ||= Boolean(f.pairId);
      } else {
        const sha = shortSha(f);
        secrets.set(f.secret, {
          ruleId: f.ruleId,
          preview: f.preview,
          paths: [...paths],
          inHead: Boolean(f.history?.inHead),
          withPartner: Boolean(f.pairId),
          ...(sha ? { firstCommit: sha } : {}),
        });
      }
    } else if (f.kind === 'path') {
      for (const p of f.history?.paths ?? [f.file])
        if (!files.has(p)) files.set(p, { ruleId: f.ruleId, path: p, message: f.message });
    }
  }
  // A pair's id alone is half a credential, and a re-scan reports it as such.
  const raw = [...new Set([...secrets.keys(), ...partners, ...stored])].sort(
    (a, b) => b.length - a.length || (a < b ? -1 : 1),
  );
  const paths = [...files.keys()].sort();
  return {
    replacements: raw.flatMap((secret, i) => {
      const contained = raw.slice(0, i).some((longer) => longer.includes(secret));
      return replacementLines(secret, payloads.has(secret), contained);
    }),
    utf16: raw.map((secret) => ({ secret, spansLines: payloads.has(secret) })),
    paths: paths.map(pathLine),
    secrets: [...secrets.values()],
    files: paths.map((p) => files.get(p)!),
  };
}

/** The plan files, by name. */
export const PLAN_FILES = {
  replacements: 'replacements.txt',
  paths: 'paths.txt',
  callback: 'blob-callback.py',
  script: 'purge.sh',
} as const;

/**
 * The filter-repo arguments for this plan, with the plan files under `dir`.
 * `--replace-refs delete-no-add`: filter-repo adds a refs/replace/<old> ref
 * per rewritten commit by default; they would be pushed with the rest and
 * listed by the re-scan as refs reaching the new commits.
 */
export function filterRepoArgs(plan: PurgePlan, dir: string): string[] {
  const args: string[] = [];
  if (plan.replacements.length) {
    const text = `${dir}/${PLAN_FILES.replacements}`;
    args.push('--replace-text', text, '--replace-message', text, '--blob-callback', `${dir}/${PLAN_FILES.callback}`);
  }
  if (plan.paths.length) args.push('--paths-from-file', `${dir}/${PLAN_FILES.paths}`, '--invert-paths');
  args.push('--replace-refs', 'delete-no-add');
  return args;
}

/** The header of paths.txt: filter-repo skips `#` lines there (not in replacements.txt, which has none). */
export function pathsFile(plan: PurgePlan): string {
  const header = [
    '# Credential files leaklint found in history, for:',
    '#   git filter-repo --paths-from-file paths.txt --invert-paths',
    '# which drops them from every commit. Each line names one file exactly',
    '# (a `literal:` line would also drop a directory of that name). Delete a',
    '# line to keep that file.',
  ];
  return [...header, ...plan.paths].join('\n') + '\n';
}

export function replacementsFile(plan: PurgePlan): string {
  return plan.replacements.length ? plan.replacements.join('\n') + '\n' : '';
}

/** A Python bytes literal holding exactly these ASCII characters. */
function pyBytes(ascii: string): string {
  return `b'${ascii.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A Python bytes literal of these bytes, non-printable ones as `\xHH`. */
function pyBytesOf(bytes: Buffer): string {
  return `b'${[...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x5c && b !== 0x27 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}'`;
}

/**
 * blob-callback.py: the body of a filter-repo --blob-callback that replaces
 * the UTF-16LE and UTF-16BE forms of every secret (BOM or not) with
 * ***REMOVED*** in the same encoding. --replace-text cannot: filter-repo
 * passes over every blob with a NUL byte in its first 8 KiB, and UTF-16
 * text has one beside every ASCII character. The patterns are compiled once
 * (kept in a global of filter-repo's module, where it runs callbacks).
 */
export function blobCallbackFile(plan: PurgePlan): string {
  const forms = plan.utf16.flatMap(({ secret, spansLines }) =>
    (['utf16le', 'utf16be'] as const).map(
      (order) => `  (${pyBytes(utf16Pattern(secret, spansLines, order))}, ${pyBytesOf(encodeUtf16(REMOVED, order))}),`,
    ),
  );
  return (
    [
      '# Written by `leaklint purge-plan`: the body of a git filter-repo --blob-callback.',
      '# It replaces the UTF-16 forms of the secrets (it holds them: keep it private',
      '# and delete it with the plan); replacements.txt does the UTF-8 ones.',
      'global leaklint_utf16_forms',
      'try:',
      '  forms = leaklint_utf16_forms',
      'except NameError:',
      '  forms = leaklint_utf16_forms = [(re.compile(pattern), replacement) for pattern, replacement in [',
      ...forms.map((f) => `  ${f}`),
      '  ]]',
      'data = blob.data',
      'for pattern, replacement in forms:',
      '  data = pattern.sub(replacement, data)',
      'blob.data = data',
    ].join('\n') + '\n'
  );
}

/** The clone purge.sh expects: branches and tags as any clone, and the notes, which a clone leaves behind unless asked. */
export const CLONE_NOTES = 'remote.origin.fetch=+refs/notes/*:refs/notes/*';

/**
 * purge.sh: rewrites every ref of the repository it is run in (filter-repo's
 * default is all refs), then runs `leaklint history` there to prove the
 * secrets are gone. Its exit status is the re-scan's. `notesRefs`: the notes
 * refs of the scanned repository, which the clone must carry.
 */
export function purgeScript(
  plan: PurgePlan,
  leaklint: string[],
  rescanArgs: string[],
  notesRefs: string[] = [],
): string {
  const filterArgs = filterRepoArgs(plan, '$plan_dir').map((a) => (a.startsWith('$plan_dir') ? `"${a}"` : a));
  const rescan = [...leaklint, 'history', ...rescanArgs].map(shellQuote).join(' ');
  const notesCheck = notesRefs.length
    ? `
# Notes the scanned repository has: a clone made without the notes refspec
# lacks them, and their secrets would stay where the rewrite cannot see them.
for ref in ${notesRefs.map(shellQuote).join(' ')}; do
  if ! git rev-parse --quiet --verify "$ref" >/dev/null; then
    echo "purge.sh: $ref is not in this clone: clone with --config ${shellQuote(CLONE_NOTES)} (see the top of this file)" >&2
    exit 2
  fi
done
`
    : '';
  return `#!/bin/sh
# Written by \`leaklint purge-plan\`. Rewrites every branch, tag and notes ref
# of the git repository in the current directory with git filter-repo, then
# scans its history again to prove the secrets are gone.
#
# Rotate the secrets first: rewriting history does not un-leak them.
# Run it in a fresh clone that carries the notes (git filter-repo refuses to
# rewrite anything else unless you pass --force; extra arguments are passed
# on to git filter-repo):
#   git clone --no-local --config ${shellQuote(CLONE_NOTES)} <repository> <repository>-purged
#   cd <repository>-purged && sh <this directory>/purge.sh
set -eu
plan_dir=$(cd "$(dirname "$0")" && pwd)

# The git leaklint runs, run the same way here: no transport or lazy fetch, no
# hooks, signature or other programs named by configuration, no replace refs
# or grafts, and the options that change what git prints pinned.
${policyShellExports(shellQuote)}

if ! git filter-repo --version >/dev/null 2>&1; then
  echo "purge.sh: git filter-repo is not installed (apt-get install git-filter-repo, brew install git-filter-repo or pip install git-filter-repo)" >&2
  exit 2
fi
${notesCheck}
git filter-repo ${filterArgs.join(' ')} "$@"

echo "purge.sh: history rewritten; scanning it again with leaklint history" >&2
status=0
${rescan} || status=$?
if [ "$status" -eq 0 ]; then
  echo "purge.sh: leaklint history finds nothing at error severity: force-push every branch, tag and notes ref and delete $plan_dir" >&2
else
  echo "purge.sh: leaklint history still finds secrets (exit $status): do not push; re-run leaklint purge-plan in this clone" >&2
fi
exit "$status"
`;
}
