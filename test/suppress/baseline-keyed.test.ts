// Baselines: prune only removes, and only within what was scanned; the file
// holds keyed fingerprints, so it is no lookup table for a weak password;
// version 1 files keep working and are re-keyed on the next write.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

const env = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const T1 = fakeHfToken(41);
const T2 = fakeHfToken(42);
const T3 = fakeHfToken(43);

function repoWith(files: Record<string, string>): string {
  const repo = tempRepo();
  writeFiles(repo, files);
  git(repo, 'add', '-A');
  return repo;
}

const baselineOf = (repo: string) =>
  JSON.parse(readFileSync(join(repo, '.leaklint-baseline.json'), 'utf8')) as {
    version: number;
    key?: string;
    entries: { path: string; fingerprint: string; reason?: string }[];
  };
const paths = (repo: string) =>
  baselineOf(repo)
    .entries.map((e) => e.path)
    .sort();
const scan = async (repo: string) => await leaklintIn(['files', '-f', 'json'], { cwd: repo, env });

describe('baseline --prune', () => {
  it('with a path keeps the entries outside it and drops only stale ones inside it', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n`, 'sub/b.py': `U = "${T2}"\n`, 'sub/c.py': `V = "${T3}"\n` });
    expect((await leaklintIn(['baseline'], { cwd: repo, env })).status).toBe(0);
    expect(paths(repo)).toEqual(['a.py', 'sub/b.py', 'sub/c.py']);
    writeFiles(repo, { 'sub/b.py': 'x = 1\n', 'a.py': 'x = 2\n' });
    expect((await leaklintIn(['baseline', '--prune', 'sub'], { cwd: repo, env })).status).toBe(0);
    // a.py's secret is gone too, but a.py was not scanned: its entry stays.
    expect(paths(repo)).toEqual(['a.py', 'sub/c.py']);
  });

  it('never accepts a new finding', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n` });
    expect((await leaklintIn(['baseline'], { cwd: repo, env })).status).toBe(0);
    writeFiles(repo, { 'new.py': `N = "${T2}"\n` });
    git(repo, 'add', 'new.py');
    const r = await leaklintIn(['baseline', '--prune'], { cwd: repo, env });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('1 finding is not in the baseline');
    expect(paths(repo)).toEqual(['a.py']);
    const after = await scan(repo);
    expect(after.status).toBe(1);
    expect(JSON.parse(after.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['new.py']);
  });
});

describe('baseline fingerprints are keyed', () => {
  const RULE = 'db-password';
  const PASSWORD = 'hunter22';
  const config = JSON.stringify({
    rules: [{ id: RULE, regex: 'DB_PASSWORD=(?<secret>[a-z0-9]+)', keywords: ['DB_PASSWORD='] }],
  });
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  /** What a leaked file could be checked against with no key: plain hashes of the password and of the old fingerprint input. */
  const unkeyed = (path: string) =>
    [PASSWORD, `${RULE}\0${path}\0${PASSWORD}`, `${RULE}\0./${path}\0${PASSWORD}`, `${RULE}:${path}:${PASSWORD}`]
      .map(sha256)
      .flatMap((h) => [h, h.slice(0, 32), h.slice(0, 16)]);

  it('holds no unkeyed hash of a planted weak password, and still accepts it, on any copy of the repository', async () => {
    const repo = repoWith({ 'leaklint.config.json': config, 'app/settings.env.txt': `DB_PASSWORD=${PASSWORD}\n` });
    const before = await scan(repo);
    expect(before.status).toBe(1);
    expect(JSON.parse(before.stdout).findings[0].ruleId).toBe(RULE);
    expect((await leaklintIn(['baseline'], { cwd: repo, env })).status).toBe(0);
    const text = readFileSync(join(repo, '.leaklint-baseline.json'), 'utf8');
    const b = baselineOf(repo);
    expect(b.version).toBe(2);
    expect(b.key).toMatch(/^[0-9a-f]{64}$/);
    expect(b.entries).toHaveLength(1);
    for (const h of unkeyed('app/settings.env.txt')) expect(text).not.toContain(h);

    const after = await scan(repo);
    expect(after.status).toBe(0);
    const report = JSON.parse(after.stdout);
    // Reports carry the same keyed fingerprint, so they are no lookup table either.
    expect(report.suppressed[0].fingerprint).toBe(b.entries[0]!.fingerprint);
    for (const h of unkeyed('app/settings.env.txt')) expect(after.stdout).not.toContain(h);

    // Another machine, another checkout: the key travels with the file.
    const copy = join(tempDir(), 'copy');
    cpSync(repo, copy, { recursive: true });
    expect((await scan(copy)).status).toBe(0);
  });

  it('reads a version 1 file (plain fingerprints) and re-keys it on the next write, keeping reasons and stale entries', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n` });
    const plain = sha256(`huggingface-user-token\0a.py\0${T1}`).slice(0, 32);
    const stale = sha256(`huggingface-user-token\0gone.py\0${T2}`).slice(0, 32);
    const v1 = {
      version: 1,
      entries: [
        { fingerprint: plain, rule: 'huggingface-user-token', path: 'a.py', reason: 'revoked demo token' },
        { fingerprint: stale, rule: 'huggingface-user-token', path: 'gone.py' },
      ],
    };
    writeFileSync(join(repo, '.leaklint-baseline.json'), JSON.stringify(v1));
    const first = await scan(repo);
    expect(JSON.parse(first.stdout).suppressed).toHaveLength(1);
    expect(first.status).toBe(0);

    expect((await leaklintIn(['baseline'], { cwd: repo, env })).status).toBe(0);
    const text = readFileSync(join(repo, '.leaklint-baseline.json'), 'utf8');
    const b = baselineOf(repo);
    expect(b.version).toBe(2);
    expect(b.entries.map((e) => e.path).sort()).toEqual(['a.py', 'gone.py']);
    expect(b.entries.find((e) => e.path === 'a.py')!.reason).toBe('revoked demo token');
    expect(text).not.toContain(plain);
    expect(text).not.toContain(stale);
    expect((await scan(repo)).status).toBe(0);
  });
});
