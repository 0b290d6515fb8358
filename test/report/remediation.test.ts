import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { repoRules } from '../../src/repo-checks/rules.js';
import { remediationSteps } from '../../src/report/remediation.js';
import type { Finding, Moment, Origin, Rule } from '../../src/types.js';
import { commit as commitFiles, fakeHfToken, leaklint, tempRepo } from '../helpers.js';

const builtIn: Rule[] = [...allRules, ...repoRules];
const rule = (id: string) => builtIn.find((r) => r.id === id)!;

/** Rules with no rotate/store/read, and why: there is no credential of their own to rotate. */
const NO_CREDENTIAL: Record<string, string> = {
  'repo-gitignore-missing-patterns': 'about ignore rules: nothing was leaked yet',
  'repo-tracked-ignored-file': 'any file the ignore rules cover; the content rules report what it holds',
};

/** Catch-alls whose issuer is unknown (a JWT names its issuer only in its claims), so "where to rotate" cannot name a page. */
const ISSUER_UNKNOWN = /^(generic-|url-credentials|credential-files-|private-key-|jwt$)/;

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const commit: Origin = {
  kind: 'commit',
  commit: { sha: SHA, author: 'A <a@example.com>', date: '2024-01-01T00:00:00Z' },
};

function findingFor(r: Rule, file: string, origin: Origin = commit, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: r.id,
    provider: r.provider,
    severity: 'error',
    message: r.title,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    secret: r.kind === 'content' ? 'value' : '',
    preview: '********',
    fingerprint: 'f',
    origin,
    kind: r.kind,
    ...over,
  };
}
const steps = (id: string, file: string, moment: Moment, origin?: Origin) =>
  remediationSteps(rule(id), findingFor(rule(id), file, origin), moment).join('\n');

describe('remediation data of the built-in rules', () => {
  it('every rule says where to rotate, which store to use and how code reads it (or why it has none)', () => {
    for (const r of builtIn) {
      const m = r.remediation;
      if (NO_CREDENTIAL[r.id]) {
        expect(m.note, `${r.id} explains its fix`).toBeTruthy();
        continue;
      }
      for (const key of ['rotate', 'store', 'read'] as const)
        expect(m[key]?.trim(), `${r.id}: remediation.${key}`).toBeTruthy();
    }
  });

  it('a provider rule’s rotation names the page, the console path or the command', () => {
    for (const r of builtIn) {
      if (NO_CREDENTIAL[r.id] || ISSUER_UNKNOWN.test(r.id) || r.kind === 'repo') continue;
      expect(r.remediation.rotate, r.id).toMatch(/https:\/\/|`[^`]+`|→|PREFECT_SERVER_API_AUTH_STRING/);
    }
  });

  it('names the stores and the code that reads them for the ML platforms and CI hosts', () => {
    const text = (id: string) => `${rule(id).remediation.store} ${rule(id).remediation.read}`;
    expect(text('huggingface-user-token')).toMatch(/Space secrets/);
    expect(text('huggingface-user-token')).toMatch(/Colab secret/);
    expect(text('huggingface-user-token')).toContain('os.environ["HF_TOKEN"]');
    expect(text('prefect-user-key')).toMatch(/Prefect Secret block/);
    expect(text('prefect-user-key')).toMatch(/worker/);
    expect(text('prefect-user-key')).toContain('Secret.load("name").get()');
    expect(text('modal-token')).toMatch(/Modal Secrets/);
    expect(text('modal-token')).toContain('modal.Secret.from_name("name")');
    expect(text('sentry-org-token')).toMatch(/CI secret/);
    expect(text('sentry-org-token')).toContain('SENTRY_AUTH_TOKEN');
    expect(text('github-token')).toContain('gh secret set');
    expect(text('github-token')).toContain('${{ secrets.');
    expect(text('gitlab-personal-access-token')).toMatch(/GitLab CI\/CD variables/);
  });
});

describe('remediation by moment', () => {
  it('pre-commit: unstage and edit, move the value to the store, commit again', () => {
    const s = steps('huggingface-user-token', 'train.py', 'precommit', { kind: 'staged' });
    expect(s).toContain('git restore --staged -- train.py');
    expect(s).toContain('Space secrets');
    expect(s).toContain('os.environ["HF_TOKEN"]');
    expect(s).toMatch(/Commit again/);
    expect(s).not.toMatch(/rebase|purge-plan/);
  });

  it('pre-commit: a credential file is removed from the index and ignored', () => {
    const s = steps('credential-files-dotenv', 'svc/.env', 'precommit', { kind: 'staged' });
    expect(s).toContain('git rm --cached -- svc/.env');
    expect(s).toContain(`echo '.env' >> .gitignore`);
  });

  it('CI: rewrite the introducing commit before merge, and rotate if the branch was pushed publicly', () => {
    const s = steps('huggingface-user-token', 'train.py', 'ci');
    expect(s).toContain(`git rebase -i ${SHA.slice(0, 12)}^`);
    expect(s).toContain('git commit --amend');
    expect(s).toMatch(/pushed anywhere public: Rotate it: https:\/\/huggingface\.co\/settings\/tokens/);
    const file = steps('credential-files-dotenv', '.env', 'ci');
    expect(file).toContain(`git rebase -i ${SHA.slice(0, 12)}^`);
    expect(file).toContain('git rm --cached -- .env');
  });

  it('audit: rotate first, then purge, then forks and clones', () => {
    const list = remediationSteps(
      rule('prefect-user-key'),
      findingFor(rule('prefect-user-key'), 'flows/deploy.py'),
      'audit',
    );
    const at = (re: RegExp) => list.findIndex((step) => re.test(step));
    expect(at(/^First, rotate it: Prefect Cloud/)).toBe(0);
    expect(at(/leaklint purge-plan/)).toBeGreaterThan(0);
    expect(at(/forks.*clones/)).toBeGreaterThan(at(/leaklint purge-plan/));
    expect(list.join('\n')).toContain('Secret.load("name").get()');
  });

  it('audit: a credential file still in HEAD is also untracked and ignored; one only in history is just purged', () => {
    const r = rule('credential-files-dotenv');
    const history = (inHead: boolean) => ({
      history: {
        firstCommit: commit.kind === 'commit' ? commit.commit : undefined!,
        commits: 1,
        paths: ['.env'],
        inHead,
        refs: [],
      },
    });
    expect(remediationSteps(r, findingFor(r, '.env', commit, history(true)), 'audit').join('\n')).toContain(
      'git rm --cached -- .env',
    );
    const gone = remediationSteps(r, findingFor(r, '.env', commit, history(false)), 'audit').join('\n');
    expect(gone).not.toContain('git rm --cached');
    expect(gone).toMatch(/dropped from every commit/);
  });

  it('audit: what only the working tree holds is not called exposed', () => {
    const s = steps('huggingface-user-token', 'train.py', 'audit', { kind: 'worktree' });
    expect(s).not.toMatch(/already in history|purge-plan/);
    expect(s).toMatch(/If it was ever committed or shared: Rotate it/);
  });

  it('repository rules get their own fix at every moment, never a rotation they do not need', () => {
    for (const moment of ['precommit', 'ci', 'audit', 'files'] as Moment[]) {
      const s = steps('repo-gitignore-missing-patterns', '.gitignore', moment, { kind: 'repo' });
      expect(s).toContain('leaklint gitignore --fix');
      expect(s).not.toMatch(/rotate|purge/i);
    }
  });

  it('quotes file names for the shell', () => {
    expect(steps('huggingface-user-token', "it's here.py", 'precommit', { kind: 'staged' })).toContain(
      `git restore --staged -- 'it'\\''s here.py'`,
    );
  });
});

describe('remediation in the reports', () => {
  it('leaklint diff gives the rebase of the commit that introduced the secret; history gives the purge plan', () => {
    const repo = tempRepo();
    commitFiles(repo, { 'README.md': '# x\n' }, 'base');
    const sha = commitFiles(repo, { 'train.py': `HF_TOKEN = "${fakeHfToken(31)}"\n` }, 'leak').slice(0, 12);
    const diff = JSON.parse(leaklint(['diff', 'HEAD~1..HEAD', '-f', 'json'], { cwd: repo }).stdout);
    expect(diff.findings[0].remediation.join('\n')).toContain(`git rebase -i ${sha}^`);
    const history = JSON.parse(leaklint(['history', '-f', 'json'], { cwd: repo }).stdout);
    expect(history.findings[0].remediation[0]).toMatch(/^First, rotate it/);
    expect(history.findings[0].remediation.join('\n')).toContain('leaklint purge-plan');
  });
});
