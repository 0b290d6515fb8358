// Writes leaklint makes inside a repository someone handed over: a committed
// symlink (a file's or a directory's) must never make it append to, create or
// chmod a file outside the repository; init keeps the user's original hook;
// purge-plan writes only into a directory it created; files/audit never read
// through a symlinked directory.
import { describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  unlinkSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { join } from 'node:path';
import { BIN, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

const env = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const BASHRC = 'export PATH=/usr/bin\n';

/** A file outside the repository that a symlink in it points at, and what it held. */
function outsideFile(name = 'bashrc'): string {
  const file = join(tempDir('leaklint-outside-'), name);
  writeFileSync(file, BASHRC, { mode: 0o644 });
  return file;
}

function untouched(file: string): void {
  expect(readFileSync(file, 'utf8')).toBe(BASHRC);
  expect(statSync(file).mode & 0o777).toBe(0o644);
}

describe('a committed symlink never makes leaklint write outside the repository', () => {
  it('gitignore --fix refuses a symlinked .gitignore (exit 2), leaving its target alone', async () => {
    const repo = tempRepo();
    const target = outsideFile();
    symlinkSync(target, join(repo, '.gitignore'));
    const r = await leaklintIn(['gitignore', '--fix'], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/refusing to (read|write) .*\.gitignore: it is a symlink/);
    untouched(target);
  });

  it('init refuses a symlinked .gitignore (exit 2), leaving its target alone', async () => {
    const repo = tempRepo();
    const target = outsideFile();
    symlinkSync(target, join(repo, '.gitignore'));
    const r = await leaklintIn(['init'], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/symlink/);
    untouched(target);
  });

  it('baseline refuses a symlinked baseline file (exit 2), leaving its target alone', async () => {
    const repo = tempRepo();
    writeFiles(repo, { 'a.py': `T = "${fakeHfToken(31)}"\n` });
    git(repo, 'add', 'a.py');
    const target = outsideFile('authorized_keys');
    symlinkSync(target, join(repo, '.leaklint-baseline.json'));
    const r = await leaklintIn(['baseline'], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/refusing to (read|write) .*\.leaklint-baseline\.json: it is a symlink/);
    untouched(target);
  });

  it('init refuses a .husky directory that is a symlink to outside (exit 2), creating nothing there', async () => {
    const repo = tempRepo();
    const outside = tempDir('leaklint-outside-');
    writeFiles(repo, { 'package.json': JSON.stringify({ devDependencies: { husky: '^9' } }) });
    symlinkSync(outside, join(repo, '.husky'));
    const r = await leaklintIn(['init'], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/outside/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('--output inside the repository refuses a directory that is a symlink to outside (exit 2)', async () => {
    const repo = tempRepo();
    writeFiles(repo, { 'a.py': `T = "${fakeHfToken(32)}"\n` });
    git(repo, 'add', 'a.py');
    const outside = tempDir('leaklint-outside-');
    symlinkSync(outside, join(repo, 'reports'));
    const r = await leaklintIn(['files', '-f', 'json', '--output', 'reports/out.json'], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/reports.* outside/);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('init and the hooks directory', () => {
  const hookOf = (repo: string, name = 'pre-commit') => readFileSync(join(repo, '.git', 'hooks', name), 'utf8');

  it('never overwrites a saved original hook; a second run over its own hook does nothing', async () => {
    const repo = tempRepo();
    const original = '#!/bin/sh\necho original hook\n';
    writeFiles(repo, { '.git/hooks/pre-commit': original });
    chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    expect((await leaklintIn(['init'], { cwd: repo, env })).status).toBe(0);
    expect(hookOf(repo, 'pre-commit.before-leaklint')).toBe(original);
    expect(hookOf(repo)).toContain(`node ${BIN} staged`);

    const again = await leaklintIn(['init'], { cwd: repo, env });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
    expect(hookOf(repo, 'pre-commit.before-leaklint')).toBe(original);

    // Another tool rewrote the hook since: init must not move it over the saved original.
    writeFiles(repo, { '.git/hooks/pre-commit': '#!/bin/sh\necho another tool\n' });
    const third = await leaklintIn(['init'], { cwd: repo, env });
    expect(third.status).toBe(0);
    expect(third.stdout).toContain(`node ${BIN} staged`);
    expect(hookOf(repo, 'pre-commit.before-leaklint')).toBe(original);
    expect(hookOf(repo)).toBe('#!/bin/sh\necho another tool\n');
  });

  it('honours a core.hooksPath set through an include, as git does', async () => {
    const repo = tempRepo();
    writeFiles(repo, { '.git/hooks.inc': '[core]\n\thooksPath = .githooks\n' });
    git(repo, 'config', 'include.path', 'hooks.inc');
    expect(git(repo, 'rev-parse', '--git-path', 'hooks').trim()).toBe('.githooks');
    const r = await leaklintIn(['init'], { cwd: repo, env });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(repo, '.githooks', 'pre-commit'), 'utf8')).toContain(`node ${BIN} staged`);
    expect(existsSync(join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('refuses an in-repository hooks directory that is a symlink to outside, printing the hook instead', async () => {
    for (const via of ['hooksPath', 'git-dir'] as const) {
      const repo = tempRepo();
      const outside = tempDir('leaklint-outside-');
      if (via === 'hooksPath') {
        symlinkSync(outside, join(repo, '.githooks'));
        git(repo, 'config', 'core.hooksPath', '.githooks');
      } else {
        rmSync(join(repo, '.git', 'hooks'), { recursive: true, force: true });
        symlinkSync(outside, join(repo, '.git', 'hooks'));
      }
      const r = await leaklintIn(['init'], { cwd: repo, env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('outside it');
      expect(r.stdout).toContain(`exec node ${BIN} staged`);
      expect(readdirSync(outside)).toEqual([]);
    }
  });
});

describe('purge-plan writes only into a directory it created', () => {
  function leakyRepo(): string {
    const repo = tempRepo();
    writeFiles(repo, { 'a.py': `T = "${fakeHfToken(33)}"\n` });
    git(repo, 'add', 'a.py');
    git(repo, 'commit', '-q', '-m', 'leak');
    return repo;
  }

  it('refuses a pre-created directory, even an empty 0700 one, and a symlink in its place (exit 2)', async () => {
    const repo = leakyRepo();
    const precreated = tempDir('leaklint-plan-');
    chmodSync(precreated, 0o700);
    const r = await leaklintIn(['purge-plan', '--out', precreated], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not created by leaklint purge-plan');
    expect(readdirSync(precreated)).toEqual([]);

    const elsewhere = tempDir('leaklint-outside-');
    const link = join(tempDir(), 'plan');
    symlinkSync(elsewhere, link);
    const viaLink = await leaklintIn(['purge-plan', '--out', link], { cwd: repo, env });
    expect(viaLink.status).toBe(2);
    expect(viaLink.stderr).toContain('is a symlink');
    expect(readdirSync(elsewhere)).toEqual([]);

    const loose = join(tempDir(), 'loose');
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    expect((await leaklintIn(['purge-plan', '--out', loose], { cwd: repo, env })).status).toBe(2);
  });

  it('creates the directory 0700 and may write its own plan there again', async () => {
    const repo = leakyRepo();
    const out = join(tempDir(), 'plan');
    expect((await leaklintIn(['purge-plan', '--out', out], { cwd: repo, env })).status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    expect(existsSync(join(out, 'purge.sh'))).toBe(true);
    expect((await leaklintIn(['purge-plan', '--out', out], { cwd: repo, env })).status).toBe(0);
    // Another repository's plan does not reuse it.
    expect((await leaklintIn(['purge-plan', '--out', out], { cwd: leakyRepo(), env })).status).toBe(2);
  });
});

describe('files and audit never read through a symlinked directory in the work tree', () => {
  it('a tracked directory replaced by a symlink to outside is not read', async () => {
    const repo = tempRepo();
    const inside = fakeHfToken(34);
    const outsideToken = fakeHfToken(35);
    writeFiles(repo, { 'main.py': `T = "${inside}"\n`, 'config/app.txt': 'nothing here\n' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'init');
    const outside = tempDir('leaklint-outside-');
    writeFiles(outside, { 'app.txt': `HF = "${outsideToken}"\n` });
    rmSync(join(repo, 'config'), { recursive: true });
    symlinkSync(outside, join(repo, 'config'));
    for (const args of [['files'], ['files', '.'], ['files', 'config/app.txt'], ['audit']]) {
      const r = await leaklintIn([...args, '-f', 'json', '--show-secrets'], { cwd: repo, env });
      const out = r.stdout + r.stderr;
      if (args.length > 1 && args[1] === 'config/app.txt') expect(r.status, out).toBe(0);
      else expect(out).toContain(inside);
      expect(out, args.join(' ')).not.toContain(outsideToken);
    }
  });
});

// Keep the helpers' unused-import linting quiet where a platform lacks a call.
void unlinkSync;
