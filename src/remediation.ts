// What to do now, for this provider and this moment.
import type { Finding, Moment, Rule } from './types.js';

function commitRef(f: Finding): string | undefined {
  return f.origin.kind === 'commit' ? f.origin.commit.sha.slice(0, 12) : undefined;
}

/** Ordered steps for one finding. */
export function remediationSteps(rule: Rule | undefined, finding: Finding, moment: Moment): string[] {
  const r = rule?.remediation ?? {};
  const steps: string[] = [];
  const rotate = r.rotate ? `Rotate it: ${r.rotate}.` : 'Rotate it at the service that issued it.';
  const store = r.store ? `Keep the value in ${r.store}` + (r.read ? `, and read it from there: ${r.read}.` : '.') : undefined;
  const file = finding.file;
  const isPath = finding.kind === 'path';

  switch (moment) {
    case 'precommit':
      if (isPath) {
        steps.push(`Unstage the file: git rm --cached -- '${file}'`);
        if (rule?.kind === 'path' && rule.ignorePattern) steps.push(`Ignore it: echo '${rule.ignorePattern}' >> .gitignore`);
      } else {
        steps.push(`Unstage and edit: git restore --staged -- '${file}', then remove the value from the file.`);
      }
      if (store) steps.push(store);
      steps.push('Commit again. The secret never left this machine, so rotating is optional.');
      break;
    case 'ci': {
      const sha = commitRef(finding);
      if (sha) steps.push(`Rewrite the commit that introduced it before merging: git rebase -i ${sha}^ (edit that commit, remove the value, git commit --amend, git rebase --continue), then force-push the branch.`);
      else steps.push('Remove the value from the branch and rewrite the commits that carry it before merging.');
      steps.push(`If the branch was ever pushed anywhere public: ${rotate}`);
      if (store) steps.push(store);
      break;
    }
    case 'audit':
      steps.push(`${rotate} It is already in history, so treat it as exposed.`);
      if (store) steps.push(store);
      steps.push('Then purge it from history (`leaklint purge-plan` writes the git filter-repo commands) and check forks and clones.');
      break;
    case 'files':
      if (isPath) {
        steps.push(`Keep the file out of version control: git rm --cached -- '${file}'` + (rule?.kind === 'path' && rule.ignorePattern ? ` and add '${rule.ignorePattern}' to .gitignore.` : '.'));
      } else steps.push('Remove the value from the file.');
      if (store) steps.push(store);
      steps.push(`If it was ever committed or shared: ${rotate}`);
      break;
  }
  if (r.note) steps.push(r.note);
  return steps;
}
