// `leaklint diff` runs in CI on every push: its fixed cost is mostly git
// processes, so a plain range must take exactly three (one rev-parse for the
// repository and both ends, one log for the commits, one diff-tree), while
// anything that one combined question cannot answer still gets the precise
// answer of the one-question-at-a-time path.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { commit, fakeHfToken, gitCallLog, leaklint, leaklintIn, tempDir, tempRepo } from '../helpers.js';

/** The git subcommands a run made, in order. */
function loggingGit(): { env: NodeJS.ProcessEnv; calls: () => string[] } {
  const shim = gitCallLog();
  return { env: shim.env, calls: () => shim.calls().map(([command]) => command!) };
}

function repoWithLeak() {
  const repo = tempRepo();
  const base = commit(repo, { 'a.py': 'x = 1\n', 'sub/keep.txt': 'k\n' }, 'base');
  commit(repo, { 'b.py': `T = "${fakeHfToken(31)}"\n` }, 'leak');
  commit(repo, { 'c.py': 'z = 3\n' }, 'after');
  return { repo, base };
}

describe('leaklint diff: git processes', () => {
  it('runs rev-parse, log and diff-tree once each for a plain range, and finds the secret', () => {
    const { repo, base } = repoWithLeak();
    const shim = loggingGit();
    const r = leaklint(['diff', `${base}..HEAD`, '-f', 'json'], { cwd: repo, env: shim.env });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
    expect(r.stderr).toContain('scanning 2 commits');
    expect(shim.calls()).toEqual(['rev-parse', 'log', 'diff-tree']);
  });

  it('takes the same three from a subdirectory and from a pre-push range in the environment', () => {
    const { repo, base } = repoWithLeak();
    const shim = loggingGit();
    const r = leaklint(['diff', '-f', 'json'], {
      cwd: join(repo, 'sub'),
      env: { ...shim.env, PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: 'HEAD' },
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].file).toBe('b.py');
    expect(shim.calls()).toEqual(['rev-parse', 'log', 'diff-tree']);
  });

  it("reads a commit's binary files through one size check and one blob stream, whatever their number", () => {
    const repo = tempRepo();
    const base = commit(repo, { 'a.txt': 'base\n' }, 'base');
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    commit(
      repo,
      {
        'img/a.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
        'img/b.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 4, 5, 6]),
        'notes.txt': utf16(`T = "${fakeHfToken(91)}"\n`),
      },
      'binaries',
    );
    commit(
      repo,
      {
        'img/c.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 7, 8, 9]),
        'img/d.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 10, 11]),
      },
      'more binaries',
    );
    const shim = gitCallLog();
    const r = leaklint(['diff', `${base}..HEAD`, '-f', 'json'], { cwd: repo, env: shim.env });
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['notes.txt']);
    const catFiles = shim
      .calls()
      .filter(([command]) => command === 'cat-file')
      .map((args) => args.slice(0, 2).join(' '));
    // Per commit: one --batch-check for the sizes, one --batch for the bytes.
    expect(catFiles.sort()).toEqual([
      'cat-file --batch',
      'cat-file --batch',
      'cat-file --batch-check',
      'cat-file --batch-check',
    ]);
  });

  it('reads a base that looks like an option as a revision that is not there, never as an option', async () => {
    const { repo } = repoWithLeak();
    mkdirSync(join(repo, 'out'));
    const r = await leaklintIn(['diff'], {
      cwd: repo,
      env: { PRE_COMMIT_FROM_REF: '--output=out/x', PRE_COMMIT_TO_REF: 'HEAD' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('The base --output=out/x is not in this repository');
    expect(existsSync(join(repo, 'out', 'x'))).toBe(false);
  });

  it('names the missing end precisely when an end does not resolve or is itself a range', async () => {
    const { repo, base } = repoWithLeak();
    const missing = await leaklintIn(['diff', `${base}..no-such-branch`], { cwd: repo });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('The head commit no-such-branch is not in this repository');
    const nested = await leaklintIn(['diff', `${base}..HEAD..HEAD`], { cwd: repo });
    expect(nested.status).toBe(2);
    expect(nested.stderr).toContain(`The base ${base}..HEAD..HEAD is not in this repository`);
  });

  it('still scans a bare repository, whose top is its git directory', async () => {
    const { repo, base } = repoWithLeak();
    const bare = join(tempDir(), 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo, bare]);
    const r = await leaklintIn(['diff', `${base}..HEAD`, '-f', 'json'], { cwd: bare });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });
});
