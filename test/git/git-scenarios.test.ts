// Repository set-ups users really have: stashes, plain git hooks, submodules.
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, commit, fakeHfToken, git, leaklintIn, tempRepo, writeFiles } from '../helpers.js';

const TOKEN = fakeHfToken(77);

describe('git set-ups', () => {
  it('leaves stashed changes out of history unless --include-stash', async () => {
    const repo = tempRepo();
    commit(repo, { 'app.py': 'x = 1\n' }, 'init');
    writeFiles(repo, { 'app.py': `x = 1\nHF_TOKEN = "${TOKEN}"\n` });
    git(repo, 'stash', '-q');
    expect((await leaklintIn(['history'], { cwd: repo })).status).toBe(0);
    const withStash = await leaklintIn(['history', '--include-stash', '-f', 'json'], { cwd: repo });
    expect(withStash.status).toBe(1);
    expect(JSON.parse(withStash.stdout).findings[0]).toMatchObject({
      ruleId: 'huggingface-user-token',
      file: 'app.py',
    });
  });

  it('blocks a commit from a plain .git/hooks/pre-commit and lets a clean one through', () => {
    const repo = tempRepo();
    commit(repo, { 'README.md': '# demo\n' }, 'init');
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" staged\n`);
    chmodSync(hook, 0o755);

    writeFiles(repo, { 'train.py': `HF_TOKEN = "${TOKEN}"\n` });
    git(repo, 'add', 'train.py');
    const blocked = spawnSync('git', ['commit', '-q', '-m', 'leak'], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        NO_COLOR: '1',
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('train.py');
    expect(blocked.stdout + blocked.stderr).not.toContain(TOKEN);
    expect(git(repo, 'log', '--format=%s')).not.toContain('leak');

    writeFiles(repo, { 'train.py': 'import os\nHF_TOKEN = os.environ["HF_TOKEN"]\n' });
    git(repo, 'add', 'train.py');
    git(repo, 'commit', '-q', '-m', 'read the token from the environment');
    expect(git(repo, 'log', '--format=%s')).toContain('read the token from the environment');
  });

  it('scans a repository with a submodule without descending into it or crashing', async () => {
    const sub = tempRepo();
    commit(sub, { 'lib.py': `HF_TOKEN = "${TOKEN}"\n` }, 'sub');
    const repo = tempRepo();
    commit(repo, { 'README.md': '# demo\n' }, 'init');
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/lib');
    git(repo, 'commit', '-q', '-m', 'add submodule');
    expect(existsSync(join(repo, 'vendor', 'lib', 'lib.py'))).toBe(true);

    for (const args of [['history'], ['files'], ['audit'], ['diff', 'HEAD~1..HEAD']]) {
      const r = await leaklintIn([...args, '-f', 'json'], { cwd: repo });
      expect(r.stderr, args.join(' ')).not.toMatch(/TypeError|at .*\.js:\d+/);
      expect([0, 1], args.join(' ')).toContain(r.status);
      // The submodule is another repository with its own history: the superproject's scan reports nothing from it.
      expect(
        JSON.parse(r.stdout).findings.filter((f: { file: string }) => f.file.startsWith('vendor/lib/')),
        args.join(' '),
      ).toEqual([]);
    }
    writeFiles(repo, { 'notes.md': 'nothing here\n' });
    git(repo, 'add', 'notes.md');
    expect((await leaklintIn(['staged'], { cwd: repo })).status).toBe(0);
  });
});

describe('history progress', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)(
    'shows commits, blobs, bytes and rate on a terminal, and nothing when stderr is not one',
    async () => {
      const repo = tempRepo();
      commit(repo, { 'a.py': 'x = 1\n', 'b.py': 'y = 2\n' }, 'init');
      // script(1) gives the command a pseudo-terminal, as a person running it would have.
      const tty = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" history`, '/dev/null'], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(tty.stdout).toMatch(/\r1 commits, blobs \d+\/2, \d+ B scanned, \d+ B\/s/);
      const piped = await leaklintIn(['history'], { cwd: repo });
      expect(piped.stderr).not.toContain('commits, blobs');
    },
  );

  it.skipIf(!hasScript)(
    "shows progress on the worker threads' path too, where most blobs come back only as counts",
    () => {
      const repo = tempRepo();
      const files: Record<string, string> = {};
      for (let i = 0; i < 2100; i++) files[`src/f${i}.txt`] = `value ${i}\n`;
      commit(repo, files, 'many');
      const tty = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" history`, '/dev/null'], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(tty.stdout).toMatch(/\r1 commits, blobs \d+\/2100, [\d.]+ (?:B|KiB) scanned/);
      // The last line holds the final counts (it showed those of up to 250 ms before the end, a total still growing).
      expect(tty.stdout).toMatch(/\r1 commits, blobs 2100\/2100, [^\r]*\r?\n/);
    },
  );
});
