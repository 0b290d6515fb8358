// A scan that read less than it was asked is never green: objects a partial
// clone lacks or that are damaged cost themselves only, are counted, and give
// exit 3 (incomplete) when nothing at error severity was found; git failing
// is an error (exit 2), never "nothing found"; repositories without a work
// tree are audited from their history.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, fakeHfToken, git, leaklint, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

const TOKEN = fakeHfToken(1101);
const OTHER = fakeHfToken(1102);

interface Report {
  findings: Array<{ ruleId: string; secret: string; file: string; commit?: string; severity: string }>;
  summary: { unread: number; warnings: string[] };
}

/** In-process, unless `env` is to reach the process (LEAKLINT_WORKERS: the worker threads exist only in the build). */
async function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const argv = [...args, '-f', 'json', '--show-secrets'];
  const r = Object.keys(env).length > 0 ? leaklint(argv, { cwd, env }) : await leaklintIn(argv, { cwd });
  return { ...r, report: (r.stdout ? JSON.parse(r.stdout) : undefined) as Report };
}

const secrets = (report: Report) => report.findings.map((f) => f.secret);

/** Objects `git rev-list` reports absent from a repository (read without fetching). */
function absent(repo: string): string[] {
  return git(repo, 'rev-list', '--objects', '--missing=print', '--all')
    .split('\n')
    .filter((l) => l.startsWith('?'));
}

/**
 * A `git clone --filter=blob:none` of a repository whose first commits hold
 * `early` (blobs the clone lacks: only HEAD's are fetched, by the checkout)
 * and whose HEAD holds `head`. The origin is deleted afterwards, so nothing
 * could be fetched even if something tried.
 */
function partialClone(early: Record<string, string>, head: Record<string, string>): string {
  const origin = tempRepo();
  commit(origin, early, 'early');
  commit(origin, Object.fromEntries(Object.keys(early).map((k) => [k, 'replaced = 1\n'])), 'replace');
  commit(origin, head, 'head');
  git(origin, 'config', 'uploadpack.allowFilter', 'true');
  const clone = join(tempDir(), 'partial');
  git(tempDir(), 'clone', '-q', '--filter=blob:none', `file://${origin}`, clone);
  rmSync(origin, { recursive: true, force: true });
  return clone;
}

/** Text that compresses poorly enough that a loose object holding it is several kB. */
function bulky(seed: number): string {
  let x = seed;
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    lines.push(`v${i} = ${x}`);
  }
  return lines.join('\n') + '\n';
}

/** Cut a blob's loose object short: its header still reads, its content does not, and `git cat-file --batch` dies on it. */
function truncateLoose(repo: string, oid: string): void {
  const file = join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
  const bytes = readFileSync(file);
  chmodSync(file, 0o644);
  writeFileSync(file, bytes.subarray(0, Math.min(100, bytes.length >> 1)));
  const probe = spawnSync('git', ['cat-file', '--batch'], { cwd: repo, input: `${oid}\n` });
  expect(probe.status, 'git dies on the truncated object').not.toBe(0);
}

describe('partial clones', () => {
  it('scans the blobs it has, finds the token HEAD holds, and counts the absent ones without fetching them', async () => {
    const clone = partialClone({ 'old.txt': 'old = 1\n', 'notes.md': 'notes\n' }, { 'app.py': `HF = "${TOKEN}"\n` });
    const before = absent(clone);
    expect(before.length).toBeGreaterThan(0);
    const r = await run(clone, ['history']);
    expect(r.status, r.stderr).toBe(1);
    expect(secrets(r.report)).toEqual([TOKEN]);
    expect(r.report.summary.unread).toBe(before.length);
    expect(r.report.summary.warnings.join('\n')).toMatch(
      /could not be read \(absent from this partial clone; leaklint never fetches\).*old\.txt.*the audit is incomplete/,
    );
    expect(absent(clone)).toEqual(before);
  });

  it('exits 3 (incomplete) when the blobs it lacks may hold what nothing else shows: history, audit and purge-plan', async () => {
    const clone = partialClone({ 'config.py': `HF = "${TOKEN}"\n` }, { 'app.py': 'x = 1\n' });
    const h = await run(clone, ['history']);
    expect(h.status, h.stderr).toBe(3);
    expect(h.report.summary.unread).toBe(1);
    expect(h.report.findings).toEqual([]);
    const a = await leaklintIn([], { cwd: clone });
    expect(a.status, a.stderr).toBe(3);
    expect(a.stdout).toMatch(/1 could not be read: INCOMPLETE/);
    const p = await leaklintIn(['purge-plan', '--out', join(tempDir(), 'plan')], { cwd: clone });
    expect(p.status, p.stderr).toBe(3);
    expect(p.stderr).toMatch(/not read in full/);
  });
});

describe('damaged objects', () => {
  /** A branch of `n` small files written by one `git fast-import` (packed, so quick to make): enough blobs for the worker threads. */
  function bulkBranch(repo: string, n: number): void {
    let input = 'commit refs/heads/bulk\ncommitter Test <t@example.com> 0 +0000\ndata 4\nbulk\n';
    for (let i = 0; i < n; i++) {
      const body = `value ${i}\n`;
      input += `M 100644 inline src/f${i}.txt\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input });
  }

  function damagedEarly(files: number): { repo: string; bad: string } {
    const repo = tempRepo();
    commit(repo, { 'early.txt': bulky(7), 'src/a.txt': 'a = 1\n' }, 'early');
    if (files) bulkBranch(repo, files);
    commit(repo, { 'later.py': `HF = "${TOKEN}"\n` }, 'later');
    commit(repo, { 'last.py': `HF = "${OTHER}"\n` }, 'last');
    const bad = git(repo, 'rev-parse', 'HEAD:early.txt').trim();
    truncateLoose(repo, bad);
    return { repo, bad };
  }

  it('a truncated object costs itself only: the blobs after it are still scanned, and it is counted', async () => {
    const { repo } = damagedEarly(0);
    const r = await run(repo, ['history']);
    expect(r.status, r.stderr).toBe(1);
    expect(secrets(r.report).sort()).toEqual([TOKEN, OTHER].sort());
    expect(r.report.summary.unread).toBe(1);
    expect(r.report.summary.warnings.join('\n')).toMatch(
      /1 file version could not be read \(missing or damaged\).*early\.txt.*incomplete/,
    );
  });

  it('the same on the worker threads of a big history', async () => {
    const { repo } = damagedEarly(2100);
    const r = await run(repo, ['history'], { LEAKLINT_WORKERS: '2' });
    expect(r.status, r.stderr).toBe(1);
    expect(secrets(r.report).sort()).toEqual([TOKEN, OTHER].sort());
    expect(r.report.summary.unread).toBe(1);
  }, 60_000);

  it('restarts are bounded: past 100 damaged objects in one read, a clear error (exit 2) pointing at git fsck', async () => {
    const repo = tempRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 101; i++) files[`d/f${i}.txt`] = bulky(100 + i);
    commit(repo, files, 'many');
    for (let i = 0; i < 101; i++) truncateLoose(repo, git(repo, 'rev-parse', `HEAD:d/f${i}.txt`).trim());
    const r = await leaklintIn(['history'], { cwd: repo });
    expect(r.status, r.stdout).toBe(2);
    expect(r.stderr).toMatch(/leaklint: git cat-file failed on more than 100 objects .*git fsck/);
  }, 60_000);

  it('with nothing found, the exit says the audit is incomplete', async () => {
    const repo = tempRepo();
    commit(repo, { 'early.txt': bulky(9) }, 'early');
    commit(repo, { 'later.txt': 'x = 1\n' }, 'later');
    truncateLoose(repo, git(repo, 'rev-parse', 'HEAD:early.txt').trim());
    rmSync(join(repo, 'early.txt'));
    git(repo, 'rm', '-q', '--cached', 'early.txt');
    git(repo, 'commit', '-q', '-m', 'drop');
    const r = await run(repo, ['history']);
    expect(r.status, r.stderr).toBe(3);
    expect(r.report.summary.unread).toBe(1);
  });
});

describe('git failing is an error, never "nothing found"', () => {
  function cleanRepo(): string {
    const repo = tempRepo();
    commit(repo, { '.gitignore': '.env\n', 'a.py': 'x = 1\n' }, 'one');
    return repo;
  }

  it.each([
    [
      'an exclude file git cannot use (.git/info/exclude is a directory)',
      (repo: string) => {
        rmSync(join(repo, '.git', 'info', 'exclude'), { force: true });
        mkdirSync(join(repo, '.git', 'info', 'exclude'), { recursive: true });
      },
    ],
    [
      'the repository’s own core.excludesFile naming a directory',
      (repo: string) => git(repo, 'config', 'core.excludesFile', '.git'),
    ],
  ])('the .gitignore policy with %s: exit 2 with git’s reason', async (_, breakIt) => {
    const repo = cleanRepo();
    const before = await leaklintIn(['gitignore'], { cwd: repo });
    expect(before.status).toBe(0);
    expect(before.stdout).toMatch(/\.gitignore does not exclude/);
    breakIt(repo);
    for (const args of [['gitignore'], ['audit'], []]) {
      const r = await leaklintIn(args, { cwd: repo });
      expect(r.status, `${args.join(' ')}: ${r.stdout}`).toBe(2);
      expect(r.stderr).toMatch(
        /leaklint: the \.gitignore policy could not be checked: git check-ignore failed: fatal: cannot use .* as an exclude file/,
      );
    }
  });

  it('a repository git cannot read is an error, not a directory of plain files', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `HF = "${TOKEN}"\n` }, 'leak');
    commit(repo, { 'a.py': 'x = 1\n' }, 'clean');
    writeFileSync(join(repo, '.git', 'config'), readFileSync(join(repo, '.git', 'config'), 'utf8') + '[broken\n');
    const r = await leaklintIn([], { cwd: repo });
    expect(r.status, r.stdout).toBe(2);
    expect(r.stderr).toMatch(/leaklint: git cannot read the repository here: bad config line/);
    expect(r.stderr).not.toMatch(/not a git repository/);
  });

  it('a .gitmodules git cannot parse leaves its URLs unchecked: the audit is incomplete (exit 3)', async () => {
    const repo = tempRepo();
    commit(
      repo,
      { '.gitignore': '.env\n', '.gitmodules': '[submodule "x"\n\turl = https://example.com/x.git\n' },
      'one',
    );
    const r = await run(repo, ['audit']);
    expect(r.report.summary.warnings.join('\n')).toMatch(/\.gitmodules could not be read/);
    expect(r.report.findings.some((f) => f.severity === 'error')).toBe(false);
    expect(r.status).toBe(3);
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)(
    'a file that cannot be read makes the scan incomplete (skipped as root, who reads any file)',
    async () => {
      const dir = tempDir();
      writeFiles(dir, { 'locked.txt': 'x\n', 'open.txt': 'y = 1\n' });
      chmodSync(join(dir, 'locked.txt'), 0o000);
      const r = await run(dir, ['files', '.']);
      expect(r.report.summary.warnings.join('\n')).toMatch(/could not read locked\.txt/);
      expect(r.status).toBe(3);
    },
  );
});

describe('repositories without a work tree', () => {
  function leakyOrigin(): string {
    const repo = tempRepo();
    commit(repo, { '.gitignore': '.env\n', 'a.py': 'x = 1\n' }, 'one');
    commit(repo, { 'a.py': `HF = "${TOKEN}"\n` }, 'leak');
    commit(repo, { 'a.py': 'x = 2\n' }, 'remove');
    return repo;
  }

  it.each([['--bare'], ['--mirror']])(
    'a %s clone: the default job and audit read its history and remote URLs, never its pack files as text',
    async (how) => {
      const dir = join(tempDir(), 'r.git');
      execFileSync('git', ['clone', '-q', how, leakyOrigin(), dir]);
      git(dir, 'config', 'remote.origin.url', `https://user:${OTHER}@huggingface.co/acme/model`);
      for (const args of [[], ['audit']]) {
        const r = await run(dir, args);
        expect(r.status, r.stderr).toBe(1);
        expect(secrets(r.report).sort()).toEqual([TOKEN, OTHER].sort());
        expect(r.report.findings.find((f) => f.secret === TOKEN)!.file).toBe('a.py');
        expect(r.report.findings.every((f) => !f.file.startsWith('objects/'))).toBe(true);
        expect(r.stderr).toMatch(
          /leaklint: audited 3 commits .* a bare repository has no working tree: the working-tree scan and the \.gitignore policy were skipped/,
        );
        expect(r.stderr).not.toMatch(/not a git repository/);
      }
    },
  );

  it('a clean bare repository passes (exit 0) with the note; `files` there is a usage error', async () => {
    const origin = tempRepo();
    commit(origin, { '.gitignore': '.env\n', 'a.py': 'x = 1\n' }, 'one');
    const dir = join(tempDir(), 'clean.git');
    execFileSync('git', ['clone', '-q', '--bare', origin, dir]);
    expect(statSync(join(dir, 'objects')).isDirectory()).toBe(true);
    const r = await leaklintIn([], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/a bare repository has no working tree/);
    const f = await leaklintIn(['files'], { cwd: dir });
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/no working tree here/);
  });

  it('inside the .git directory of a work tree: history is audited, the note says where the work tree is', async () => {
    const repo = leakyOrigin();
    const r = await run(join(repo, '.git'), []);
    expect(r.status, r.stderr).toBe(1);
    expect(secrets(r.report)).toEqual([TOKEN]);
    expect(r.stderr).toMatch(/inside a git directory there is no working tree/);
  });
});

describe('exit codes are documented', () => {
  it('--help lists 3 as incomplete and says a finding wins', async () => {
    const r = await leaklintIn(['--help']);
    expect(r.stdout).toMatch(/1 {2}findings at error severity \(even when the scan is incomplete\)/);
    expect(r.stdout).toMatch(/3 {2}incomplete: no finding at error severity, but the scan read less than\s+asked/);
  });
});
