// Repository set-up rules: not about a file's text but about how the
// repository is configured. Findings point at .gitignore, .git/config or
// .gitmodules.
import type { Finding, Origin, RepoRule, Severity } from '../types.js';
import { fingerprint } from '../report/redact.js';
import { ALNUM, LETTERS, fake, fakeWithCrc32 } from '../rulekit/fakes.js';

export const gitignoreMissing: RepoRule = {
  kind: 'repo',
  id: 'repo-gitignore-missing-patterns',
  provider: 'repo',
  title: '.gitignore does not exclude credential files',
  why: 'Without these patterns, `git add .` picks up .env files, CLI credential files and keys the next time one lands in the tree.',
  severity: 'warning',
  remediation: {
    note: 'Run `leaklint gitignore --fix` to append the missing patterns (idempotent), then commit .gitignore.',
  },
  get examples() {
    return {
      match: ['.gitignore\nnode_modules/\n'],
      noMatch: ['.gitignore\n*\n!.env.example\n'],
    };
  },
};

export const trackedIgnored: RepoRule = {
  kind: 'repo',
  id: 'repo-tracked-ignored-file',
  provider: 'repo',
  title: 'Tracked file that .gitignore now excludes',
  why: 'Ignore rules do not apply to files already tracked: this file is still committed with every change.',
  severity: 'warning',
  remediation: { note: 'Stop tracking it: `git rm --cached -- {files}` and commit; rotate anything it held.' },
  // Examples commit their one file even when it is ignored: here .gitignore itself.
  get examples() {
    return {
      match: ['.gitignore\n# everything but the templates\n*\n!.env.example\n'],
      noMatch: ['.gitignore\n*.log\n'],
    };
  },
};

export const remoteCredential: RepoRule = {
  kind: 'repo',
  id: 'repo-remote-url-credential',
  provider: 'repo',
  title: 'Credential embedded in a git remote URL',
  why: 'A token in a remote URL sits in plain text in .git/config (or the committed .gitmodules) and leaks with any copy of the .git directory: CI artifacts, Docker build contexts, backups.',
  severity: 'error',
  remediation: {
    rotate: 'rotate the token at its provider (the finding names it when leaklint recognises it)',
    store:
      'a credential helper (`gh auth setup-git`, `hf auth login --add-to-git-credential`, Git Credential Manager) or SSH',
    read: 'git asks the credential helper (or the SSH agent) for the token when it connects; the URL holds none',
    note: 'Clean the URL: `git remote set-url <name> https://host/owner/repo.git` (for .gitmodules, edit the url and run `git submodule sync`).',
  },
  get examples() {
    return {
      match: [
        `.git/config\n[remote "origin"]\n\turl = https://oauth2:glpat-${fake(20, ALNUM, 'repo-remote')}@gitlab.com/acme/app.git\n`,
      ],
      noMatch: [
        '.git/config\n[remote "origin"]\n\turl = https://gitlab.com/acme/app.git\n',
        '.git/config\n[remote "origin"]\n\turl = git@github.com:acme/app.git\n',
      ],
    };
  },
};

export const extraHeaderCredential: RepoRule = {
  kind: 'repo',
  id: 'repo-http-extraheader-credential',
  provider: 'repo',
  title: 'Credential in an http.extraHeader of the git config',
  why: 'git sends http.<url>.extraHeader with every request, and .git/config keeps it in plain text: `actions/checkout` persists `AUTHORIZATION: basic <token>` there by default, and it leaks with any copy of the .git directory (an uploaded artifact, a Docker build context, a cache) while the token is still valid.',
  // An error even for a GitHub Actions job token (ghs_, valid until its job ends): the .git
  // directory leaves the runner (artifact, image, cache) during that job, while the token works.
  severity: 'error',
  remediation: {
    rotate:
      'revoke a personal access token the header holds at its provider; a GitHub Actions job token (ghs_) expires when its job ends',
    store:
      'a credential helper (`gh auth setup-git`, Git Credential Manager) or SSH; in GitHub Actions, `actions/checkout` with `persist-credentials: false`, passing a token only to the step that pushes',
    read: 'git asks the credential helper when it connects; no header is stored',
    note: 'Remove it: `git config --unset-all http.<url>.extraheader` (the finding names the key). In GitHub Actions, `persist-credentials: false` on actions/checkout keeps it from being written.',
  },
  get examples() {
    return {
      // What actions/checkout persists: basic auth of `x-access-token:<job token>`.
      match: [
        `.git/config\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${Buffer.from(`x-access-token:ghs_${fakeWithCrc32('repo-extraheader')}`).toString('base64')}\n`,
      ],
      noMatch: [
        '.git/config\n[http]\n\tpostBuffer = 524288000\n',
        '.git/config\n[http "https://github.com/"]\n\textraheader = X-Trace-Id: build-42\n',
      ],
    };
  },
};

export const untrackedEnv: RepoRule = {
  kind: 'repo',
  id: 'repo-untracked-env-file',
  provider: 'repo',
  title: 'Untracked .env file, not ignored, holding a credential',
  why: 'Nothing has been committed yet, but nothing keeps it out either: `git add .` or `git commit -a` of a new tree takes the file, and its credential, into history.',
  // An error when the file holds an error-severity credential: the fix is one .gitignore line, and once pushed the credential must be rotated.
  severity: 'error',
  remediation: {
    rotate:
      'nothing while it stays uncommitted; if the file was ever committed elsewhere, shared or copied, rotate what it holds at its provider',
    store:
      'keep the file on this machine only: add `.env` and `.env.*` to .gitignore (`leaklint gitignore --fix`); commit a `.env.example` with placeholder values instead',
    read: 'tools that load .env files (python-dotenv, Node’s --env-file, docker compose) keep reading the ignored file',
  },
  get examples() {
    const token = `hf_${fake(34, LETTERS, 'untracked-env')}`;
    return {
      match: [`untracked:.env\nHF_TOKEN=${token}\n`, `untracked:svc/.ENV\nHF_TOKEN=${token}\n`],
      noMatch: [`untracked:.env\nHF_TOKEN=\n`, `untracked:notes/env.txt\nHF_TOKEN=${token}\n`],
    };
  },
};

export const repoRules: RepoRule[] = [
  gitignoreMissing,
  trackedIgnored,
  remoteCredential,
  extraHeaderCredential,
  untrackedEnv,
];

export function repoFinding(
  rule: RepoRule,
  file: string,
  message: string,
  opts: { secret?: string; preview?: string; severity?: Severity; provider?: string } = {},
): Finding {
  const origin: Origin = { kind: 'repo' };
  return {
    ruleId: rule.id,
    provider: opts.provider ?? rule.provider,
    severity: opts.severity ?? rule.severity,
    message,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    secret: opts.secret ?? '',
    preview: opts.preview ?? '',
    fingerprint: fingerprint(rule.id, file, opts.secret ?? message),
    origin,
    kind: 'repo',
  };
}
