// Failure modes: each gives a clear message and the documented exit code.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, fakeHfToken, git, leaklint, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

function leakyRepo(token = fakeHfToken(601)) {
  const repo = tempRepo();
  commit(repo, { 'base.txt': 'x\n' }, 'base');
  commit(repo, { 'app.py': `HF = "${token}"\n` }, 'leak');
  return { repo, token };
}

const findings = (stdout: string) =>
  (JSON.parse(stdout) as { findings: Array<{ secret: string; file: string }> }).findings;

describe('failure modes', () => {
  it('git not installed: git-based commands say so (exit 2); files outside a repository still work', () => {
    const { repo } = leakyRepo();
    // A PATH holding node and nothing else.
    const bin = tempDir('leaklint-nogit-');
    symlinkSync(process.execPath, join(bin, 'node'));
    const env = { PATH: bin };
    for (const args of [['staged'], ['history'], ['diff', 'HEAD~1..HEAD']]) {
      const r = leaklint(args, { cwd: repo, env });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/git is not installed or not on PATH/);
    }
    const plain = tempDir();
    writeFiles(plain, { 'a.txt': `T = "${fakeHfToken(602)}"\n` });
    expect(leaklint(['files', '.'], { cwd: plain, env }).status).toBe(1);
  });

  it('not a repository: staged, history and diff exit 2 naming the problem', async () => {
    const dir = tempDir();
    for (const args of [['staged'], ['history'], ['diff', 'a..b']]) {
      const r = await leaklintIn(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/not a git repository/);
    }
  });

  it('bare repository: history works, staged explains why it cannot', async () => {
    const { repo, token } = leakyRepo();
    const bare = join(tempDir(), 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo, bare]);
    const h = await leaklintIn(['history', '-f', 'json', '--show-secrets'], { cwd: bare });
    expect(h.status, h.stderr).toBe(1);
    expect(findings(h.stdout).map((f) => f.secret)).toContain(token);
    const s = await leaklintIn(['staged'], { cwd: bare });
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/bare repository/);
  });

  it('corrupted object: a clear error or warning, never a crash or a silent pass', async () => {
    const { repo } = leakyRepo();
    const blob = git(repo, 'rev-parse', 'HEAD:app.py').trim();
    const file = join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    chmodSync(file, 0o644);
    writeFileSync(file, 'not a zlib stream');
    const r = await leaklintIn(['history', '-f', 'json'], { cwd: repo });
    expect(r.stderr).not.toMatch(/internal error|at .*\.[cm]?[jt]s:\d+/);
    if (r.status === 2) expect(r.stderr).toMatch(/leaklint: .*(corrupt|damaged|failed|missing)/i);
    else expect(JSON.parse(r.stdout).summary.warnings.join('\n')).toMatch(/missing|damaged/);
  });

  it('a history log that fails half-way on a big repository (worker threads running): a clear error, exit 2', () => {
    const repo = tempRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 2100; i++) files[`src/f${i}.txt`] = `value ${i}\n`;
    commit(repo, files, 'many files');
    commit(repo, { 'later/new.txt': 'new\n' }, 'later');
    // Damage the second commit's tree: git log prints the first commit's 2,100 blobs, then dies.
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}').trim();
    const file = join(repo, '.git', 'objects', tree.slice(0, 2), tree.slice(2));
    chmodSync(file, 0o644);
    writeFileSync(file, 'not a zlib stream');
    // Spawned: the worker threads exist only in the build.
    const r = leaklint(['history', '-f', 'json'], { cwd: repo, env: { LEAKLINT_WORKERS: '2' } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/leaklint: .*git log failed/);
    expect(r.stderr).not.toMatch(/internal error|at .*\.[cm]?[jt]s:\d+/);
  }, 60_000);

  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)(
    'permission-denied file: a warning names it, the scan goes on (skipped when running as root, who can read any file)',
    async () => {
      const dir = tempDir();
      writeFiles(dir, { 'locked.txt': 'x\n', 'open.txt': `T = "${fakeHfToken(603)}"\n` });
      chmodSync(join(dir, 'locked.txt'), 0o000);
      const r = await leaklintIn(['files', '.', '-f', 'json'], { cwd: dir });
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).summary.warnings.join('\n')).toMatch(/could not read locked\.txt: EACCES/);
    },
  );
  if (isRoot)
    console.warn('failure-modes: the permission-denied test is skipped: it runs as root, and root reads any file');

  it('shallow clone: history warns that it is partial; diff without the base refuses (exit 2)', async () => {
    const { repo } = leakyRepo();
    const clone = join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const h = await leaklintIn(['history', '-f', 'json'], { cwd: clone });
    expect(h.status).toBe(1);
    expect(JSON.parse(h.stdout).summary.warnings.join('\n')).toMatch(/shallow clone/);
    const d = await leaklintIn(['diff', 'HEAD~1..HEAD'], { cwd: clone });
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/leaklint: /);
  });

  it('worktree of another repository: staged, files and history scan the worktree', async () => {
    const { repo, token } = leakyRepo();
    const wt = join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', wt);
    const other = fakeHfToken(604);
    writeFiles(wt, { 'side.py': `S = "${other}"\n` });
    git(wt, 'add', 'side.py');
    const s = await leaklintIn(['staged', '-f', 'json', '--show-secrets'], { cwd: wt });
    expect(findings(s.stdout).map((f) => [f.file, f.secret])).toEqual([['side.py', other]]);
    const f = await leaklintIn(['files', '-f', 'json', '--show-secrets'], { cwd: wt });
    expect(
      findings(f.stdout)
        .map((x) => x.secret)
        .sort(),
    ).toEqual([token, other].sort());
    const h = await leaklintIn(['history', '-f', 'json', '--show-secrets'], { cwd: wt });
    expect(findings(h.stdout).map((x) => x.secret)).toEqual([token]);
  });

  it('submodule directories: the submodule is not scanned as the parent’s files, and its gitlink is no blob', async () => {
    const { repo: sub, token } = leakyRepo();
    const parent = tempRepo();
    writeFiles(parent, { 'a.txt': 'x\n' });
    git(parent, 'add', '-A');
    git(parent, 'commit', '-q', '-m', 'a');
    git(parent, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/sub');
    git(parent, 'commit', '-q', '-m', 'sub');
    expect(readdirSync(join(parent, 'vendor', 'sub'))).toContain('app.py');
    for (const args of [['files'], ['history'], ['audit']]) {
      const r = await leaklintIn([...args, '-f', 'json', '--show-secrets'], { cwd: parent });
      expect(r.status, `${args} ${r.stderr}`).toBe(0);
      expect(r.stdout).not.toContain(token);
    }
    // Asked for explicitly, the submodule's own files are scanned.
    const r = await leaklintIn(['files', 'vendor/sub', '-f', 'json', '--show-secrets'], { cwd: parent });
    expect(findings(r.stdout).map((x) => x.secret)).toEqual([token]);
  });

  it('Windows-style paths (backslashes) in config globs match like forward slashes', async () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'vendor/lib/a.py': `T = "${fakeHfToken(605)}"\n`,
      'tests\\fixtures/b.py': 'x\n',
      'src/c.py': `T = "${fakeHfToken(606)}"\n`,
    });
    writeFileSync(
      join(repo, 'leaklint.config.json'),
      JSON.stringify({ ignorePaths: ['vendor\\**'], allowlist: { paths: ['src\\*.py'] } }),
    );
    git(repo, 'add', '-A');
    const r = await leaklintIn(['files', '-f', 'json'], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: unknown[]; suppressed: Array<{ file: string }> };
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => f.file)).toEqual(['src/c.py']);
  });
});
