// Secrets outside file contents: commit and annotated tag messages (history,
// audit, diff), and a private key's body filled into a BEGIN/END block that
// an earlier commit holds (staged, diff: added lines alone never show it).
import { describe, expect, it } from 'vitest';
import { commit, fakeHfToken, git, leaklint, tempRepo, writeFiles } from '../helpers.js';

function json(cmd: string[], repo: string) {
  const r = leaklint([...cmd, '-f', 'json'], { cwd: repo });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

type Found = {
  ruleId: string;
  file: string;
  line: number;
  commit?: string;
  history?: { commits: number };
  preview: string;
};
const brief = (findings: Found[]) => findings.map((f) => [f.ruleId, f.file, f.line]);

/** A fake unencrypted PKCS#8 key: the real header, then noise, 64 characters a line. */
function fakeKeyBody(seed: number): string[] {
  let x = seed;
  const bytes = Buffer.alloc(600);
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    bytes[i] = x >> 16;
  }
  const b64 = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ' + bytes.toString('base64');
  return b64.match(/.{1,64}/g)!;
}

describe('commit and tag messages', () => {
  it('history reports a token in a commit message once, with its first commit and how many messages hold it', () => {
    const repo = tempRepo();
    const token = fakeHfToken(91);
    commit(repo, { 'a.txt': 'one\n' }, 'init');
    const first = commit(repo, { 'a.txt': 'two\n' }, `debug login\n\nused HF_TOKEN=${token} to test`);
    git(repo, 'commit', '-q', '--allow-empty', '-m', `retry with ${token}`);
    const { status, report, stdout } = json(['history'], repo);
    expect(status).toBe(1);
    const found = report.findings as Found[];
    expect(brief(found)).toEqual([['huggingface-user-token', '(commit message)', 3]]);
    expect(found[0]).toMatchObject({ commit: first, history: { commits: 2 } });
    expect(stdout).not.toContain(token);
  });

  it('history and audit report a token in an annotated tag message', () => {
    const repo = tempRepo();
    const token = fakeHfToken(92);
    commit(repo, { 'a.txt': 'one\n' }, 'init');
    git(repo, 'tag', '-a', 'v1.0', '-m', `release\n\nhub token ${token}`);
    git(repo, 'tag', 'light');
    for (const cmd of ['history', 'audit']) {
      const { status, report } = json([cmd], repo);
      expect(status).toBe(1);
      // audit also checks the repository's set-up (.gitignore): only the content findings matter here.
      expect(brief(report.findings.filter((f: Found) => f.file !== '.gitignore'))).toEqual([
        ['huggingface-user-token', '(tag message v1.0)', 3],
      ]);
    }
  });

  it('diff scans the messages of the range’s commits, even one that changes no file, and tags on them', () => {
    const repo = tempRepo();
    const [a, b] = [fakeHfToken(93), fakeHfToken(94)];
    const base = commit(repo, { 'a.txt': 'one\n' }, 'init');
    git(repo, 'commit', '-q', '--allow-empty', '-m', `note: token ${a}`);
    commit(repo, { 'a.txt': 'two\n' }, 'edit');
    git(repo, 'tag', '-a', 'v2', '-m', `token ${b}`);
    const { status, report } = json(['diff', `${base}..HEAD`], repo);
    expect(status).toBe(1);
    expect(brief(report.findings).sort()).toEqual([
      ['huggingface-user-token', '(commit message)', 1],
      ['huggingface-user-token', '(tag message v2)', 1],
    ]);
  });

  it('stays quiet on ordinary messages', () => {
    const repo = tempRepo();
    const base = commit(repo, { 'a.txt': 'one\n' }, 'init');
    commit(repo, { 'a.txt': 'two\n' }, 'rotate the HF token (see the wiki), set token=env in CI\n\nRefs: #12');
    git(repo, 'tag', '-a', 'v3', '-m', 'release with the new api_key handling');
    expect(json(['history'], repo).report.findings).toEqual([]);
    expect(json(['diff', `${base}..HEAD`], repo).report.findings).toEqual([]);
  });
});

describe('a key body filled into an existing block', () => {
  function repoWithEmptyBlock() {
    const repo = tempRepo();
    const base = commit(
      repo,
      { 'deploy/key.txt': 'ssh key for the runner:\n-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\nend\n' },
      'placeholder block',
    );
    const body = fakeKeyBody(95);
    writeFiles(repo, {
      'deploy/key.txt': [
        'ssh key for the runner:',
        '-----BEGIN PRIVATE KEY-----',
        ...body,
        '-----END PRIVATE KEY-----',
        'end',
        '',
      ].join('\n'),
    });
    git(repo, 'add', '-A');
    return { repo, base, body };
  }

  it('is found by staged and by diff, located at the block', () => {
    const { repo, base } = repoWithEmptyBlock();
    const staged = json(['staged'], repo);
    expect(staged.status).toBe(1);
    expect(brief(staged.report.findings)).toEqual([['private-key-pem', 'deploy/key.txt', 2]]);
    git(repo, 'commit', '-q', '-m', 'fill in');
    const diff = json(['diff', `${base}..HEAD`], repo);
    expect(brief(diff.report.findings)).toEqual([['private-key-pem', 'deploy/key.txt', 2]]);
  });

  it('leaves base64 lines outside any key block alone', () => {
    const repo = tempRepo();
    commit(repo, { 'data.txt': 'payload:\n' }, 'init');
    writeFiles(repo, {
      'data.txt': [
        'payload:',
        ...fakeKeyBody(96),
        '-----BEGIN PUBLIC KEY-----',
        ...fakeKeyBody(97).slice(0, 4),
        '-----END PUBLIC KEY-----',
        '',
      ].join('\n'),
    });
    git(repo, 'add', '-A');
    const { status, report } = json(['staged'], repo);
    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
  });
});
