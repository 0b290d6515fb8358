import { shellQuote } from './shell.js';
function commitRef(f) {
    return f.origin.kind === 'commit' ? f.origin.commit.sha.slice(0, 12) : undefined;
}
function ignorePattern(rule) {
    return rule?.kind === 'path' ? rule.ignorePattern : undefined;
}
/** Ordered steps for one finding. */
export function remediationSteps(rule, finding, moment) {
    const r = rule?.remediation ?? {};
    const steps = [];
    const rotate = r.rotate ? `Rotate it: ${r.rotate}.` : 'Rotate it at the service that issued it.';
    const store = r.store ? `Keep the value in ${r.store}` + (r.read ? `, and read it from there: ${r.read}.` : '.') : undefined;
    const file = shellQuote(finding.file);
    const isPath = finding.kind === 'path';
    const pattern = ignorePattern(rule);
    // Repository set-up (ignore rules, remote URLs): the fix is the same at every moment.
    if (finding.kind === 'repo') {
        if (r.rotate)
            steps.push(rotate);
        if (store)
            steps.push(store);
        if (r.note)
            steps.push(r.note);
        return steps;
    }
    // An audit also reads the working tree; what only an uncommitted edit holds is not in history yet.
    const when = moment === 'audit' && finding.origin.kind !== 'commit' ? 'files' : moment;
    switch (when) {
        case 'precommit':
            if (isPath) {
                steps.push(`Unstage the file: git rm --cached -- ${file}`);
                if (pattern)
                    steps.push(`Ignore it: echo '${pattern}' >> .gitignore`);
            }
            else {
                steps.push(`Unstage and edit: git restore --staged -- ${file}, then remove the value from the file.`);
            }
            if (store)
                steps.push(store);
            steps.push('Commit again. The secret never left this machine, so rotating is optional.');
            break;
        case 'ci': {
            const sha = commitRef(finding);
            const fix = isPath ? `git rm --cached -- ${file}${pattern ? `, add '${pattern}' to .gitignore` : ''}` : 'remove the value';
            if (sha)
                steps.push(`Rewrite the commit that introduced it before merging: git rebase -i ${sha}^ (mark that commit "edit", ${fix}, git commit --amend, git rebase --continue), then force-push the branch.`);
            else
                steps.push(`Rewrite the commits that carry it before merging (${fix} in each, git commit --amend), then force-push the branch.`);
            steps.push(`If the branch was ever pushed anywhere public: ${rotate}`);
            if (store)
                steps.push(store);
            break;
        }
        case 'audit':
            steps.push(`First, ${rotate.charAt(0).toLowerCase()}${rotate.slice(1)} It is already in history, so treat it as exposed.`);
            if (store)
                steps.push(store);
            if (isPath && finding.history?.inHead !== false)
                steps.push(`Stop tracking it: git rm --cached -- ${file}${pattern ? ` and add '${pattern}' to .gitignore` : ''}.`);
            steps.push(`Then purge it from history: \`leaklint purge-plan\` writes the git filter-repo commands (${isPath ? 'the file is dropped from every commit' : 'the value becomes ***REMOVED*** in every commit'}).`);
            steps.push('Finally, forks, pull-request refs and existing clones keep the old commits: force-push every ref and ask collaborators to re-clone.');
            break;
        case 'files':
            if (isPath) {
                steps.push(`Keep the file out of version control: git rm --cached -- ${file}` + (pattern ? ` and add '${pattern}' to .gitignore.` : '.'));
            }
            else
                steps.push('Remove the value from the file.');
            if (store)
                steps.push(store);
            steps.push(`If it was ever committed or shared: ${rotate}`);
            break;
    }
    if (r.note)
        steps.push(r.note);
    return steps;
}
