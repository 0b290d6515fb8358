import { describe, expect, it } from 'vitest';
import { appendFileSync, chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHfToken, git, leaklint, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

/**
 * A repository whose own configuration tries to run code through every door
 * git offers: fsmonitor, external diff, textconv, clean/smudge/process filters
 * and hooks. Each script leaves a marker file when it runs.
 */
function hostileRepo(): { repo: string; markers: string } {
  const repo = tempRepo();
  const markers = tempDir('leaklint-markers-');
  writeFiles(repo, { 'app.py': 'x = 1\n' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  writeFiles(repo, { 'app.py': `x = 1\nT = "${fakeHfToken(31)}"\n`, 'data.secret.txt': 'plain\n' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'second');
  writeFiles(repo, { 'app.py': `x = 1\nT = "${fakeHfToken(31)}"\nU = 2\n` });
  git(repo, 'add', 'app.py');

  const script = (name: string, body = '') => {
    const path = join(markers, `${name}.sh`);
    writeFiles(markers, { [`${name}.sh`]: `#!/bin/sh\ntouch '${join(markers, name)}.ran'\n${body}` });
    chmodSync(path, 0o755);
    return path;
  };
  const hooks = join(markers, 'hooks');
  for (const hook of ['pre-commit', 'post-checkout', 'reference-transaction', 'pre-auto-gc', 'post-index-change']) {
    writeFiles(hooks, { [hook]: `#!/bin/sh\ntouch '${join(markers, hook)}.ran'\n` });
    chmodSync(join(hooks, hook), 0o755);
  }
  appendFileSync(
    join(repo, '.git', 'config'),
    [
      '[core]',
      `\tfsmonitor = ${script('fsmonitor')}`,
      `\thooksPath = ${hooks}`,
      `\tpager = ${script('pager')}`,
      '[diff]',
      `\texternal = ${script('external-diff')}`,
      '[diff "evil"]',
      `\ttextconv = ${script('textconv', 'cat "$1"\n')}`,
      '[filter "evil"]',
      `\tclean = ${script('clean', 'cat\n')}`,
      `\tsmudge = ${script('smudge', 'cat\n')}`,
      `\tprocess = ${script('process')}`,
      '\trequired = true',
      '',
    ].join('\n'),
  );
  writeFiles(repo, { '.gitattributes': '* diff=evil filter=evil\n' });
  return { repo, markers };
}

/** Every command line to run on the hostile repository; later commands append here. */
const COMMANDS: string[][] = [
  ['files'],
  ['files', '--untracked'],
  ['staged'],
  ['staged', 'app.py'],
  ['diff', 'HEAD~1..HEAD'],
  ['history'],
  ['audit'],
  [],
  ['gitignore'],
  ['rules'],
];

describe('scanning an untrusted repository runs none of its code', () => {
  for (const args of COMMANDS) {
    it(`leaklint ${args.join(' ') || '(no command)'}`, async () => {
      const { repo, markers } = hostileRepo();
      // `staged` spawned: the binary's launcher starts its git before the CLI loads, a path of its own.
      const r =
        args[0] === 'staged'
          ? leaklint([...args, '-f', 'json'], { cwd: repo })
          : await leaklintIn([...args, '-f', 'json'], { cwd: repo });
      expect([0, 1]).toContain(r.status);
      expect(readdirSync(markers).filter((f) => f.endsWith('.ran'))).toEqual([]);
    });
  }

  it('leaklint stdin', async () => {
    const { repo, markers } = hostileRepo();
    expect((await leaklintIn(['stdin'], { cwd: repo, input: 'nothing\n' })).status).toBe(0);
    expect(readdirSync(markers).filter((f) => f.endsWith('.ran'))).toEqual([]);
  });

  it('the hostile set-up really runs code when git is used without leaklint’s options', () => {
    const { repo, markers } = hostileRepo();
    try {
      git(repo, 'diff', 'HEAD~1', '--', 'app.py');
    } catch {
      // the external diff script exits oddly; only the marker matters
    }
    expect(readdirSync(markers).filter((f) => f.endsWith('.ran')).length).toBeGreaterThan(0);
  });
});

describe('git failures are clear errors (exit 2)', () => {
  it('not a repository', async () => {
    const r = await leaklintIn(['diff', 'HEAD~1'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a git repository/);
  });

  it('git missing from PATH', () => {
    const r = leaklint(['staged'], { cwd: tempDir(), env: { PATH: '/nonexistent' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git is not installed');
  });
});
