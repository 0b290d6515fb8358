import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHfToken, git, leaklintIn, tempRepo, writeFiles } from '../helpers.js';

const T1 = fakeHfToken(91);
const T2 = fakeHfToken(92);
const T3 = fakeHfToken(93);

const scan = async (repo: string, ...args: string[]) => {
  const r = await leaklintIn(['files', '-f', 'json', ...args], { cwd: repo });
  return { ...r, report: JSON.parse(r.stdout) };
};

function repoWith(files: Record<string, string>) {
  const repo = tempRepo();
  writeFiles(repo, files);
  git(repo, 'add', '.');
  return repo;
}

describe('leaklint baseline', () => {
  it('accepts current findings, then reports only new ones, and a changed secret as new', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n`, 'b.py': `U = "${T2}"\n` });
    expect((await leaklintIn(['baseline'], { cwd: repo })).status).toBe(0);
    const again = await scan(repo);
    expect(again.status).toBe(0);
    expect(again.report.summary.suppressed).toBe(2);
    expect(again.report.suppressed[0].suppressed).toBe('baseline');

    writeFiles(repo, { 'c.py': `V = "${T3}"\n` });
    git(repo, 'add', '.');
    expect((await scan(repo)).report.findings.map((f: { file: string }) => f.file)).toEqual(['c.py']);

    writeFiles(repo, { 'a.py': `# moved down\nT = "${fakeHfToken(94)}"\n` });
    expect((await scan(repo)).report.findings.map((f: { file: string }) => f.file).sort()).toEqual(['a.py', 'c.py']);
    expect((await scan(repo, '--no-baseline')).report.findings).toHaveLength(3);
  });

  it('survives lines moving above a baselined secret', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n` });
    await leaklintIn(['baseline'], { cwd: repo });
    writeFiles(repo, { 'a.py': `import os\n\nT = "${T1}"\n` });
    expect((await scan(repo)).status).toBe(0);
  });

  it('lists stale entries and drops them with --prune, keeping reasons', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n`, 'b.py': `U = "${T2}"\n` });
    await leaklintIn(['baseline'], { cwd: repo });
    const file = join(repo, '.leaklint-baseline.json');
    const withReason = readFileSync(file, 'utf8').replace(
      '"path":"b.py"}',
      '"path":"b.py","reason":"public demo key"}',
    );
    writeFiles(repo, { '.leaklint-baseline.json': withReason, 'a.py': 'x = 1\n' });
    const r = await scan(repo);
    expect(r.report.summary.warnings.join('\n')).toMatch(/1 baseline entry is stale.*a\.py/);
    expect(r.report.suppressed[0].suppressed).toBe('baseline: public demo key');
    await leaklintIn(['baseline'], { cwd: repo });
    expect(readFileSync(file, 'utf8')).toContain('"a.py"');
    await leaklintIn(['baseline', '--prune'], { cwd: repo });
    const pruned = readFileSync(file, 'utf8');
    expect(pruned).not.toContain('"a.py"');
    expect(pruned).toContain('public demo key');
  });

  it('writes a sorted, one-entry-per-line file without line numbers, timestamps or secrets', async () => {
    const repo = repoWith({ 'z.py': `T = "${T1}"\n`, 'a.py': `U = "${T2}"\n`, 'm/n.py': `V = "${T3}"\n` });
    await leaklintIn(['baseline'], { cwd: repo });
    const text = readFileSync(join(repo, '.leaklint-baseline.json'), 'utf8');
    const entries = text.split('\n').filter((l) => l.trim().startsWith('{"fingerprint"'));
    expect(entries.map((l) => JSON.parse(l.replace(/,$/, '')).path)).toEqual(['a.py', 'm/n.py', 'z.py']);
    expect(text).not.toMatch(/"line"|"date"|"time"/);
    for (const t of [T1, T2, T3]) expect(text).not.toContain(t);
    expect(JSON.parse(text).version).toBe(2);
    expect(JSON.parse(text).key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses --baseline FILE', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n` });
    await leaklintIn(['baseline', '--baseline', join(repo, 'custom.json')], { cwd: repo });
    expect((await scan(repo)).status).toBe(1);
    expect((await scan(repo, '--baseline', join(repo, 'custom.json'))).status).toBe(0);
  });
});

describe('baseline expiry', () => {
  it('stops accepting an entry on its expiry date and says so; an entry not yet expired still accepts', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n`, 'b.py': `U = "${T2}"\n` });
    expect((await leaklintIn(['baseline'], { cwd: repo })).status).toBe(0);
    const file = join(repo, '.leaklint-baseline.json');
    const text = readFileSync(file, 'utf8')
      .replace(/("path":"a\.py")/, '$1,"reason":"demo key until rotation","expires":"2000-01-01"')
      .replace(/("path":"b\.py")/, '$1,"expires":"2999-12-31"');
    writeFileSync(file, text);
    const r = await scan(repo);
    expect(r.status).toBe(1);
    expect(r.report.findings.map((f: { file: string }) => f.file)).toEqual(['a.py']);
    expect(r.report.summary.warnings.join('\n')).toContain(
      'expired, so its finding is reported again: a.py (huggingface-user-token, expired 2000-01-01)',
    );
    // Rewriting the baseline keeps reasons and expiry dates.
    expect((await leaklintIn(['baseline'], { cwd: repo })).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"reason":"demo key until rotation","expires":"2000-01-01"');
  });

  it('rejects an expiry that is not a YYYY-MM-DD date, naming the entry', async () => {
    const repo = repoWith({ 'a.py': `T = "${T1}"\n` });
    await leaklintIn(['baseline'], { cwd: repo });
    const file = join(repo, '.leaklint-baseline.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/("path":"a\.py")/, '$1,"expires":"next week"'));
    const r = await leaklintIn(['files'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"entries[0].expires" must be a date written YYYY-MM-DD');
  });
});
