// Credentials in a repository's own config reach no output: a token in an
// `insteadOf` key or in a remote URL's query string (the remote-URL rule
// reports it, redacted, with a clean `git remote set-url`), and an
// `http.<url>.extraHeader` such as the one actions/checkout persists (its own
// rule). Every format, `--quiet` and `--output` are checked on one repository.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, fakeHfToken, git, leaklint, tempDir, tempRepo } from '../helpers.js';
import { base62, crc32 } from '../../src/rulekit/rulekit.js';
import { parseConfigList } from '../../src/repo-checks/extraheader.js';

const githubToken = (prefix: string, seed: number) => {
  const body = fakeHfToken(seed).slice(3, 33);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
};
const INSTEAD_OF_TOKEN = githubToken('ghp_', 901);
const QUERY_TOKEN = fakeHfToken(902);
const JOB_TOKEN = githubToken('ghs_', 903);
const BASIC = Buffer.from(`x-access-token:${JOB_TOKEN}`).toString('base64');
const GITLAB_TOKEN = `glpat-${fakeHfToken(905).slice(3, 23)}`;
const BEARER_TOKEN = githubToken('ghp_', 904);
/** Nothing of these may be printed, whole or in part (a prefix and the last few characters are a preview's). */
const RAW = [INSTEAD_OF_TOKEN, QUERY_TOKEN, JOB_TOKEN, BASIC, GITLAB_TOKEN, BEARER_TOKEN];
const middle = (s: string) => s.slice(5, -5);

const FORMATS = ['human', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
const outputs = new Map<string, string>();

beforeAll(() => {
  const repo = tempRepo();
  commit(repo, { 'a.txt': 'x\n' }, 'init');
  git(repo, 'config', `url.https://user:${INSTEAD_OF_TOKEN}@github.com/.insteadOf`, 'https://github.com/');
  git(repo, 'remote', 'add', 'origin', `https://github.com/acme/model.git?token=${QUERY_TOKEN}&ref=main`);
  // What actions/checkout persists, and what GitLab and bearer set-ups write by hand.
  git(repo, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${BASIC}`);
  git(repo, 'config', 'http.https://gitlab.com/.extraHeader', `PRIVATE-TOKEN: ${GITLAB_TOKEN}`);
  git(repo, 'config', 'http.https://api.example.org/.extraheader', `Authorization: Bearer ${BEARER_TOKEN}`);
  git(repo, 'config', 'http.extraheader', 'X-Trace-Id: 42');
  for (const format of FORMATS) {
    const r = leaklint(['audit', '-f', format], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    outputs.set(format, r.stdout + r.stderr);
  }
  const quiet = leaklint(['audit', '--quiet'], { cwd: repo });
  expect(quiet.status, quiet.stderr).toBe(1);
  outputs.set('quiet', quiet.stdout + quiet.stderr);
  const file = join(tempDir(), 'report.sarif');
  const written = leaklint(['audit', '-f', 'sarif', '--output', file], { cwd: repo });
  expect(written.status, written.stderr).toBe(1);
  outputs.set('output', readFileSync(file, 'utf8') + written.stdout + written.stderr);
});

function json(): {
  findings: { ruleId: string; message: string; severity: string; provider: string; secret: string }[];
} {
  return JSON.parse(outputs.get('json')!.slice(0, outputs.get('json')!.lastIndexOf('}') + 1));
}

function expectNoRawCredential(): void {
  for (const [variant, text] of outputs) {
    for (const raw of RAW) expect(text, `${variant} prints a credential`).not.toContain(middle(raw));
  }
}

describe('a token in the repository config reaches no output', () => {
  it('insteadOf keys and query strings: reported in every format, redacted, with a fix that names no token', () => {
    const remote = json().findings.filter((f) => f.ruleId === 'repo-remote-url-credential');
    expect(remote.map((f) => f.provider).sort()).toEqual(['github', 'huggingface']);
    const insteadOf = remote.find((f) => f.provider === 'github')!.message;
    expect(insteadOf).toContain('url.https://***@github.com/.insteadof');
    const query = remote.find((f) => f.provider === 'huggingface')!.message;
    expect(query).toContain('git remote set-url origin');
    expect(query).toContain('https://github.com/acme/model.git?ref=main');
    for (const [variant, text] of outputs)
      expect(text, variant).toContain(
        variant === 'human' || variant === 'quiet' ? '***@github.com' : 'repo-remote-url-credential',
      );
    expectNoRawCredential();
  });

  it('http.<url>.extraHeader: a finding per credential header, in every format, without the header value', () => {
    const headers = json().findings.filter((f) => f.ruleId === 'repo-http-extraheader-credential');
    expect(headers.map((f) => f.provider).sort()).toEqual(['github', 'github', 'gitlab']);
    const job = headers.find((f) => f.message.includes('AUTHORIZATION basic'))!;
    // A job token that expires with its job is still an error here: see the rule's comment.
    expect(job).toMatchObject({ severity: 'error', secret: expect.stringMatching(/^ghs_\*+/) });
    expect(job.message).toContain('git config --unset-all http.https://github.com/.extraheader');
    expect(headers.some((f) => f.message.includes('X-Trace-Id'))).toBe(false);
    for (const [variant, text] of outputs)
      expect(text, variant).toContain(
        variant === 'human' || variant === 'quiet' ? 'PRIVATE-TOKEN header' : 'repo-http-extraheader-credential',
      );
    expectNoRawCredential();
  });
});

describe('git config --null --list', () => {
  it('splits key from value at the first newline, keeps newlines inside values, and knows valueless keys', () => {
    const repo = tempRepo();
    git(repo, 'config', 'http.https://h.example/.extraheader', 'A: one\nB: two');
    const raw = git(repo, 'config', '--local', '--null', '--list');
    expect(parseConfigList(raw)).toContainEqual({
      key: 'http.https://h.example/.extraheader',
      value: 'A: one\nB: two',
    });
    expect(parseConfigList('core.bare\nfalse\0http.sslverify\0')).toEqual([
      { key: 'core.bare', value: 'false' },
      { key: 'http.sslverify' },
    ]);
  });
});
