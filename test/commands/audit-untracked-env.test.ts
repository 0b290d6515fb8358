// `audit` reads tracked files; an untracked `.env` that .gitignore does not
// exclude is one `git add .` from history, so it is reported on its own.
import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { commit, fakeHfToken, leaklint, tempDir, tempRepo, writeFiles } from '../helpers.js';

const TOKEN = fakeHfToken(71);
const IGNORE_ALL =
  '.env\n.env.*\n!.env.example\n.env.sentry-build-plugin\n.modal.toml\n.sentryclirc\n.netrc\n.git-credentials\n*.pem\nid_rsa*\n_local_secrets.py\n.hf_secrets\n*.secret\n';

function audit(repo: string) {
  const r = leaklint(['audit', '-f', 'json'], { cwd: repo });
  const report = JSON.parse(r.stdout) as {
    findings: Array<{ ruleId: string; file: string; message: string; severity: string; line: number }>;
  };
  return { ...r, report, untracked: report.findings.filter((f) => f.ruleId === 'repo-untracked-env-file') };
}

describe('audit: untracked .env files that are not ignored', () => {
  it('reports one holding a token (any case of the name), as an error at the token’s line, without printing it', () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': 'node_modules/\n', 'app.py': 'print("hi")\n' }, 'init');
    mkdirSync(join(repo, 'svc'));
    writeFiles(repo, { '.env': `DEBUG=1\nHF_TOKEN=${TOKEN}\n`, 'svc/.ENV': `HF_TOKEN=${TOKEN}\n` });
    const r = audit(repo);
    expect(r.untracked.map((f) => f.file).sort()).toEqual(['.env', 'svc/.ENV']);
    const top = r.untracked.find((f) => f.file === '.env')!;
    expect(top.message).toContain('untracked .env, not ignored: one `git add .` from being committed');
    expect(top.message).toContain('Hugging Face user access token');
    expect(top.severity).toBe('error');
    expect(top.line).toBe(2);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain(TOKEN);
    const human = leaklint(['audit'], { cwd: repo });
    expect(human.stdout).toContain('repo-untracked-env-file');
    expect(human.stdout).not.toContain(TOKEN);
  });

  it('says nothing of an ignored .env, a .env of placeholders, or other untracked files', () => {
    const ignored = tempRepo();
    commit(ignored, { '.gitignore': IGNORE_ALL, 'app.py': 'x = 1\n' }, 'init');
    writeFiles(ignored, { '.env': `HF_TOKEN=${TOKEN}\n` });
    const a = audit(ignored);
    expect(a.status).toBe(0);
    expect(a.untracked).toEqual([]);

    const placeholders = tempRepo();
    commit(placeholders, { '.gitignore': 'node_modules/\n', 'app.py': 'x = 1\n' }, 'init');
    writeFiles(placeholders, { '.env': 'HF_TOKEN=<your-token>\nOPENAI_API_KEY=\n', 'notes.txt': 'nothing here\n' });
    expect(audit(placeholders).untracked).toEqual([]);
  });

  it('does not follow an untracked .env that is a symlink out of the repository', () => {
    const outside = tempDir();
    writeFiles(outside, { 'secrets.env': `HF_TOKEN=${TOKEN}\n` });
    const repo = tempRepo();
    commit(repo, { '.gitignore': 'node_modules/\n', 'app.py': 'x = 1\n' }, 'init');
    // The same content as a regular file is reported: the symlink is skipped, not the check.
    writeFiles(repo, { '.env.local': `HF_TOKEN=${TOKEN}\n` });
    symlinkSync(join(outside, 'secrets.env'), join(repo, '.env'));
    const r = audit(repo);
    expect(r.untracked.map((f) => f.file)).toEqual(['.env.local']);
  });
});
