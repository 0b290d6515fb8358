import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

const T1 = fakeHfToken(51);
const FULL_IGNORE =
  '.env\n.env.*\n!.env.example\n.env.sentry-build-plugin\n.modal.toml\n.sentryclirc\n.netrc\n.git-credentials\n*.pem\nid_rsa*\n_local_secrets.py\n.hf_secrets\n*.secret\n.aws/\n.prefect/\n.pypirc\n.*_history\n.streamlit/secrets.toml\nkaggle.json\ncredentials.tfrc.json\n';

const json = async (cwd: string, args: string[]) => {
  const r = await leaklintIn([...args, '-f', 'json'], { cwd });
  return { ...r, report: JSON.parse(r.stdout) };
};

describe('leaklint (audit, the default command)', () => {
  it('combines history, the working tree and the repository set-up, ending with what to do first', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': FULL_IGNORE, 'old.py': `T = "${T1}"\n` }, 'leak');
    commit(repo, { 'old.py': 'x = 1\n' }, 'remove');
    writeFiles(repo, { 'old.py': `x = 1\nU = "${fakeHfToken(52)}"\n` });
    const r = await leaklintIn([], { cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Before going public');
    expect(r.stdout).toContain('rotate first');
    expect(r.stdout).toMatch(/1 still in HEAD, 1 only in history/);
    const { report } = await json(repo, ['audit']);
    expect(report.findings).toHaveLength(2);
  });

  it('reports a secret once even when history and the working tree both hold it', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': FULL_IGNORE, 'a.py': `T = "${T1}"\n` }, 'leak');
    expect((await json(repo, ['audit'])).report.findings).toHaveLength(1);
  });

  it('falls back to the files of the directory outside a repository, and says so', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `T = "${T1}"\n` });
    const r = await leaklintIn([], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not a git repository');
  });
});

describe('.gitignore policy', () => {
  it('lists the missing patterns (a warning: exit 0) and --fix appends them idempotently', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': 'node_modules/\n.env\n', 'a.py': 'x\n' }, 'init');
    const r = await json(repo, ['gitignore']);
    expect(r.status).toBe(0);
    const msg = r.report.findings[0].message;
    expect(msg).toContain('.env.*');
    expect(msg).toContain('*.pem');
    expect(msg).not.toMatch(/exclude: \.env,/);
    expect((await leaklintIn(['gitignore', '--fix'], { cwd: repo })).status).toBe(0);
    const once = readFileSync(join(repo, '.gitignore'), 'utf8');
    expect(once).toContain('!.env.example');
    await leaklintIn(['gitignore', '--fix'], { cwd: repo });
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe(once);
    expect((await json(repo, ['gitignore'])).report.findings).toEqual([]);
    expect(git(repo, 'check-ignore', '-q', '.env.local') === '').toBe(true);
  });

  it('follows git’s own semantics: a negation un-ignores, a nested .gitignore does not count for the root', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': FULL_IGNORE + '!*.pem\n', 'sub/.gitignore': '*.pem\n', 'a.py': 'x\n' }, 'init');
    const msg = (await json(repo, ['gitignore'])).report.findings[0].message;
    expect(msg).toMatch(/exclude: \*\.pem$/);
  });

  it('reports tracked files that the ignore rules now cover', async () => {
    const repo = tempRepo();
    commit(repo, { '.env': 'DEBUG=1\n' }, 'oops');
    commit(repo, { '.gitignore': FULL_IGNORE }, 'ignore');
    const files = (await json(repo, ['gitignore'])).report.findings.map(
      (f: { file: string; ruleId: string }) => `${f.ruleId}:${f.file}`,
    );
    expect(files).toContain('repo-tracked-ignored-file:.env');
  });
});

describe('credentials in remote URLs', () => {
  it('finds a token in a remote URL, names the provider, redacts it and gives the set-url fix', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': FULL_IGNORE, 'a.py': 'x\n' }, 'init');
    git(repo, 'remote', 'add', 'origin', `https://user:${T1}@huggingface.co/spaces/acme/demo`);
    const r = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain(T1);
    const f = JSON.parse(r.stdout).findings.find((x: { ruleId: string }) => x.ruleId === 'repo-remote-url-credential');
    expect(f).toMatchObject({ file: '.git/config', provider: 'huggingface' });
    expect(f.message).toContain('git remote set-url origin https://huggingface.co/spaces/acme/demo');
  });

  it('checks the URLs in a committed .gitmodules', async () => {
    const repo = tempRepo();
    commit(
      repo,
      {
        '.gitignore': FULL_IGNORE,
        '.gitmodules': `[submodule "lib"]\n\tpath = lib\n\turl = https://oauth2:glpat-${'Ab3dE5gH7jK9mN1pQ3sT'}@gitlab.com/acme/lib.git\n`,
      },
      'sub',
    );
    const f = (await json(repo, ['audit'])).report.findings.find(
      (x: { ruleId: string; file: string }) => x.ruleId === 'repo-remote-url-credential',
    );
    expect(f).toMatchObject({ file: '.gitmodules', provider: 'gitlab' });
  });
});
