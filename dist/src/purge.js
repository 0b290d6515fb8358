import { shellQuote } from './shell.js';
import { policyShellExports } from './git-policy.js';
/** What git filter-repo puts where a secret was. */
export const REMOVED = '***REMOVED***';
/**
 * Escape for a Python `re` pattern, which is what filter-repo compiles after
 * `regex:`. Backslash before any ASCII punctuation is a literal match there,
 * and escaping `=` and `>` keeps `==>` (filter-repo's separator) out of it.
 */
function pythonRegexLiteral(text, lineBreak) {
    let out = '';
    for (const ch of text) {
        if (ch === '\n')
            out += lineBreak;
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (/[A-Za-z0-9_]/.test(ch) || ch.charCodeAt(0) > 0x7f)
            out += ch;
        else
            out += `\\${ch}`;
    }
    return out;
}
/**
 * One --replace-text expression. filter-repo reads the file line by line and
 * splits at the last `==>`, so a single-line secret is a plain literal; a
 * multi-line one (a PEM key) becomes a regex that also matches CRLF files,
 * because the scanner saw the text with line endings normalised.
 */
export function replacementLine(secret, spansLines = false) {
    if (/[\r\n]/.test(secret))
        return `regex:${pythonRegexLiteral(secret.replace(/\r\n?/g, '\n'), '\\r?\\n')}==>${REMOVED}`;
    // Rules that report a key's payload (PEM, PuTTY) strip the line breaks and
    // indentation the file has between its characters; match those again.
    if (spansLines)
        return `regex:${[...secret].map((ch) => pythonRegexLiteral(ch, '\\n')).join('\\s*')}==>${REMOVED}`;
    return `literal:${secret}==>${REMOVED}`;
}
/**
 * One --paths-from-file line. `literal:` always, so names starting with `#`,
 * `glob:` or `regex:` keep their meaning; names that a line cannot carry
 * literally (`==>`, line breaks) become an anchored regex.
 */
export function pathLine(path) {
    if (path.includes('==>') || /[\r\n]/.test(path))
        return `regex:^${pythonRegexLiteral(path, '\\n')}$`;
    return `literal:${path}`;
}
function shortSha(f) {
    const c = f.history?.firstCommit ?? (f.origin.kind === 'commit' ? f.origin.commit : undefined);
    return c?.sha.slice(0, 12);
}
/** The plan for these findings: every secret of a content rule, every file of a path rule. */
export function buildPurgePlan(findings) {
    const secrets = new Map();
    const spansLines = new Set();
    const files = new Map();
    for (const f of findings) {
        if (f.kind === 'content' && f.secret) {
            if (f.endLine > f.line && !/\s/.test(f.secret))
                spansLines.add(f.secret);
            const known = secrets.get(f.secret);
            const paths = f.history?.paths ?? [f.file];
            if (known) {
                for (const p of paths)
                    if (!known.paths.includes(p))
                        known.paths.push(p);
                known.inHead ||= Boolean(f.history?.inHead);
            }
            else {
                const sha = shortSha(f);
                secrets.set(f.secret, { ruleId: f.ruleId, preview: f.preview, paths: [...paths], inHead: Boolean(f.history?.inHead), ...(sha ? { firstCommit: sha } : {}) });
            }
        }
        else if (f.kind === 'path') {
            for (const p of f.history?.paths ?? [f.file])
                if (!files.has(p))
                    files.set(p, { ruleId: f.ruleId, path: p, message: f.message });
        }
    }
    // filter-repo replaces literals in file order: a secret that contains
    // another must go first, or the shorter one would break it up.
    const raw = [...secrets.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const paths = [...files.keys()].sort();
    return {
        replacements: raw.map((secret) => replacementLine(secret, spansLines.has(secret))),
        paths: paths.map(pathLine),
        secrets: [...secrets.values()],
        files: paths.map((p) => files.get(p)),
    };
}
/** The filter-repo arguments for this plan, with the plan files under `dir`. */
export function filterRepoArgs(plan, dir) {
    const args = [];
    if (plan.replacements.length)
        args.push('--replace-text', `${dir}/replacements.txt`, '--replace-message', `${dir}/replacements.txt`);
    if (plan.paths.length)
        args.push('--paths-from-file', `${dir}/paths.txt`, '--invert-paths');
    return args;
}
/** The header of paths.txt: filter-repo skips `#` lines there (not in replacements.txt, which has none). */
export function pathsFile(plan) {
    const header = [
        '# Credential files leaklint found in history, for:',
        '#   git filter-repo --paths-from-file paths.txt --invert-paths',
        '# which drops them from every commit. Delete a line to keep that file.',
    ];
    return [...header, ...plan.paths].join('\n') + '\n';
}
export function replacementsFile(plan) {
    return plan.replacements.length ? plan.replacements.join('\n') + '\n' : '';
}
/**
 * purge.sh: rewrites every ref of the repository it is run in (filter-repo's
 * default is all refs), then runs `leaklint history` there to prove the
 * secrets are gone. Its exit status is the re-scan's.
 */
export function purgeScript(plan, leaklint, rescanArgs) {
    const filterArgs = filterRepoArgs(plan, '$plan_dir').map((a) => (a.startsWith('$plan_dir') ? `"${a}"` : a));
    const rescan = [...leaklint, 'history', ...rescanArgs].map(shellQuote).join(' ');
    return `#!/bin/sh
# Written by \`leaklint purge-plan\`. Rewrites EVERY branch, tag and other ref
# of the git repository in the current directory with git filter-repo, then
# scans its history again to prove the secrets are gone.
#
# Rotate the secrets first: rewriting history does not un-leak them.
# Run it in a fresh clone (git filter-repo refuses to rewrite anything else
# unless you pass --force; extra arguments are passed on to git filter-repo):
#   git clone --no-local <repository> <repository>-purged
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

git filter-repo ${filterArgs.join(' ')} "$@"

echo "purge.sh: history rewritten; scanning it again with leaklint history" >&2
status=0
${rescan} || status=$?
if [ "$status" -eq 0 ]; then
  echo "purge.sh: leaklint history finds nothing at error severity: force-push every ref and delete $plan_dir" >&2
else
  echo "purge.sh: leaklint history still finds secrets (exit $status): do not push; re-run leaklint purge-plan in this clone" >&2
fi
exit "$status"
`;
}
