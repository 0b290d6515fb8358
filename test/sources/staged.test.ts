import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fakeHfToken, git, leaklint, leaklintIn, tempRepo, writeFiles } from '../helpers.js';

const T1 = fakeHfToken(11);
const T2 = fakeHfToken(12);

async function json(repo: string, ...args: string[]) {
  const r = await leaklintIn(['staged', '-f', 'json', ...args], { cwd: repo });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

function committed(files: Record<string, string>) {
  const repo = tempRepo();
  writeFiles(repo, files);
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  return repo;
}

describe('leaklint staged', () => {
  it('finds a staged secret on its true line, with pre-commit remediation', async () => {
    const repo = committed({ 'app.py': 'a = 1\nb = 2\nc = 3\n' });
    writeFiles(repo, { 'app.py': `a = 1\nb = 2\nTOKEN = "${T1}"\nc = 3\n` });
    git(repo, 'add', 'app.py');
    const { status, report } = await json(repo);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'app.py', line: 3, ruleId: 'huggingface-user-token' });
    expect(report.findings[0].remediation.join('\n')).toContain('git restore --staged');
    expect(report.summary.moment).toBe('precommit');
  });

  it('ignores unstaged edits and scans the staged version under partial staging', async () => {
    const repo = committed({ 'app.py': 'a = 1\n' });
    writeFiles(repo, { 'app.py': `a = 1\nSTAGED = "${T1}"\n` });
    git(repo, 'add', 'app.py');
    writeFiles(repo, { 'app.py': `a = 1\nSTAGED = "${T1}"\nUNSTAGED = "${T2}"\n` });
    const { report } = await json(repo);
    expect(report.findings.map((f: { line: number }) => f.line)).toEqual([2]);

    const clean = committed({ 'b.py': 'x = 1\n' });
    writeFiles(clean, { 'b.py': `x = 1\nLATER = "${T2}"\n` });
    expect((await leaklintIn(['staged'], { cwd: clean })).status).toBe(0);
  });

  it('does not report secrets already committed, only added lines', async () => {
    const repo = committed({ 'old.py': `OLD = "${T1}"\n` });
    writeFiles(repo, { 'old.py': `OLD = "${T1}"\nx = 1\n` });
    git(repo, 'add', 'old.py');
    expect((await json(repo)).status).toBe(0);
  });

  it('restricts to the paths lint-staged passes (absolute or relative), still reading the index', async () => {
    const repo = committed({ 'a.py': 'a\n', 'b.py': 'b\n' });
    writeFiles(repo, { 'a.py': `A = "${T1}"\n`, 'b.py': `B = "${T2}"\n` });
    git(repo, 'add', '.');
    expect((await json(repo, join(repo, 'a.py'))).report.findings.map((f: { file: string }) => f.file)).toEqual([
      'a.py',
    ]);
    expect((await json(repo, 'b.py')).report.findings.map((f: { file: string }) => f.file)).toEqual(['b.py']);
  });

  it('works on an unborn branch (the first commit) and applies path rules to new paths', async () => {
    const repo = tempRepo();
    writeFiles(repo, { '.env': 'DEBUG=1\n', 'main.py': `T = "${T1}"\n` });
    git(repo, 'add', '.');
    const { status, report } = await json(repo);
    expect(status).toBe(1);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
      'credential-files-dotenv',
      'huggingface-user-token',
    ]);
    expect(
      report.findings.find((f: { ruleId: string }) => f.ruleId === 'credential-files-dotenv').remediation.join('\n'),
    ).toContain('git rm --cached');
  });

  it('says so and exits 0 when only deletions are staged', async () => {
    const repo = committed({ 'gone.py': 'x\n' });
    git(repo, 'rm', '-q', 'gone.py');
    const r = await leaklintIn(['staged'], { cwd: repo, env: { PRE_COMMIT: undefined } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('nothing staged to scan');
  });

  it('scans the tracked files under `pre-commit run --all-files` (no commit, nothing staged) instead of passing on nothing', () => {
    const repo = committed({ 'old.py': `T = "${T1}"\n` });
    const outside = leaklint(['staged', '-f', 'json'], {
      cwd: repo,
      env: { PRE_COMMIT: '1', GIT_INDEX_FILE: undefined },
    });
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain('scanning the tracked files instead');
    expect(JSON.parse(outside.stdout).findings[0]).toMatchObject({ file: 'old.py', line: 1 });
    expect(outside.stdout).not.toContain(T1);
    // In a real commit's hook git sets GIT_INDEX_FILE: an empty index there is simply nothing to check.
    const inCommit = leaklint(['staged'], {
      cwd: repo,
      env: { PRE_COMMIT: '1', GIT_INDEX_FILE: join(repo, '.git', 'index') },
    });
    expect(inCommit.status).toBe(0);
    expect(inCommit.stderr).toContain('nothing staged to scan');
  });

  it('handles renames with and without edits', async () => {
    const repo = committed({ 'a.py': 'line one\nline two\nline three\nline four\n' });
    git(repo, 'mv', 'a.py', 'b.py');
    expect((await json(repo)).status).toBe(0);
    writeFiles(repo, { 'b.py': `line one\nline two\nline three\nline four\nT = "${T1}"\n` });
    git(repo, 'add', 'b.py');
    const { report } = await json(repo);
    expect(report.findings[0]).toMatchObject({ file: 'b.py', line: 5 });
  });

  it('reads CRLF files and skips binary ones (counted)', async () => {
    const repo = committed({ 'x.txt': 'x\n' });
    writeFiles(repo, { 'w.txt': `a\r\nT=${T1}\r\n`, 'blob.bin': Buffer.from([0, 1, 2, 0, 3]) });
    git(repo, 'add', '.');
    const { report } = await json(repo);
    expect(report.findings[0]).toMatchObject({ file: 'w.txt', line: 2, column: 3 });
    expect(report.summary.skippedBinary).toBe(1);
  });

  it('works during a merge with conflicts resolved in the index', async () => {
    const repo = committed({ 'f.txt': 'base\n' });
    git(repo, 'checkout', '-q', '-b', 'side');
    writeFiles(repo, { 'f.txt': 'side\n' });
    git(repo, 'commit', '-q', '-am', 'side');
    git(repo, 'checkout', '-q', 'main');
    writeFiles(repo, { 'f.txt': 'main\n' });
    git(repo, 'commit', '-q', '-am', 'main');
    try {
      git(repo, 'merge', '-q', 'side');
    } catch {
      // conflict expected
    }
    writeFiles(repo, { 'f.txt': `resolved\nT = "${T1}"\n` });
    git(repo, 'add', 'f.txt');
    const { status, report } = await json(repo);
    expect(status).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'f.txt', line: 2 });
  });

  it('honours GIT_INDEX_FILE set by a hook', () => {
    const repo = committed({ 'a.py': 'a\n' });
    writeFiles(repo, { 'a.py': `A = "${T1}"\n` });
    git(repo, 'add', 'a.py');
    const r = leaklint(['staged'], { cwd: repo, env: { GIT_INDEX_FILE: join(repo, '.git', 'index') } });
    expect(r.status).toBe(1);
  });

  it('exits 2 outside a repository', async () => {
    const r = await leaklintIn(['staged'], { cwd: '/' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a git repository');
  });
});
