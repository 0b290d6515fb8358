import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, conflictedMerge, fakeHfToken, git, leaklint, leaklintIn, tempDir, tempRepo } from '../helpers.js';

const T1 = fakeHfToken(41);
const T2 = fakeHfToken(42);

async function history(repo: string, ...args: string[]) {
  const r = await leaklintIn(['history', '-f', 'json', ...args], { cwd: repo });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

const _ids = (report: { findings: Array<{ ruleId: string }> }) => report.findings.map((f) => f.ruleId).sort();

describe('leaklint history', () => {
  it('reports a secret once, with its first commit, commit count, paths and whether HEAD holds it', async () => {
    const repo = tempRepo();
    const first = commit(repo, { 'a.py': `T = "${T1}"\n` }, 'add');
    commit(repo, { 'a.py': `T = "${T1}"\nx = 1\n` }, 'edit');
    commit(repo, { 'a.py': `T = "${T1}"\nx = 2\n` }, 'edit again');
    git(repo, 'mv', 'a.py', 'b.py');
    git(repo, 'commit', '-q', '-m', 'rename');
    const { status, report } = await history(repo);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    expect(f).toMatchObject({ file: 'a.py', line: 1, commit: first });
    expect(f.history).toMatchObject({ commits: 4, paths: ['a.py', 'b.py'], inHead: true, refs: ['main'] });
    expect(f.history.firstCommit.sha).toBe(first);
    expect(report.summary.moment).toBe('audit');
  });

  it('keeps one finding per secret and inline directive of a file repeating it, at its first place', async () => {
    const repo = tempRepo();
    // The first two occurrences are allowed inline, the third is not; then the same secret thousands of times.
    const lines = [
      'x = 1\n',
      `T = "${T1}"  # leaklint:allow\n`,
      `U = "${T1}"  # leaklint:allow\n`,
      `V = "${T1}"\n`,
      ...Array.from({ length: 3000 }, (_, i) => `W${i} = "${T1}"\n`),
    ];
    const first = commit(repo, { 'gen.py': lines.join('') }, 'generated');
    commit(repo, { 'gen.py': lines.join('') + 'y = 2\n' }, 'edit');
    const { report } = await history(repo);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'gen.py', line: 4, column: 6, commit: first });
    expect(report.findings[0].history).toMatchObject({ commits: 2, paths: ['gen.py'] });
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed[0]).toMatchObject({ line: 2, column: 6 });
  });

  it('names the refs that reach each first commit when there are more secrets than refs', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `T = "${T1}"\n` }, 'one');
    git(repo, 'tag', 'v1');
    commit(repo, { 'b.py': `T = "${T2}"\n` }, 'two');
    commit(repo, { 'c.py': `T = "${fakeHfToken(43)}"\n` }, 'three');
    const { report } = await history(repo);
    const refsOf = (file: string) => report.findings.find((f: { file: string }) => f.file === file).history.refs;
    expect(refsOf('a.py')).toEqual(['main', 'v1']);
    expect(refsOf('b.py')).toEqual(['main']);
    expect(refsOf('c.py')).toEqual(['main']);
  });

  it('names the same refs as git for-each-ref --contains, through merges, annotated tags and refs outside the walk', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `T = "${fakeHfToken(51)}"\n` }, 'base');
    git(repo, 'checkout', '-q', '-b', 'feat');
    commit(repo, { 'b.py': `T = "${fakeHfToken(52)}"\n` }, 'feature');
    git(repo, 'tag', '-a', 'v2', '-m', 'release');
    commit(repo, { 'c.py': `T = "${fakeHfToken(53)}"\n` }, 'feature 2');
    // More secrets than refs on the walk of feat alone too, so both walks take the ancestry path.
    commit(repo, { 'c2.py': `T = "${fakeHfToken(56)}"\n` }, 'feature 3');
    commit(repo, { 'c3.py': `T = "${fakeHfToken(57)}"\n` }, 'feature 4');
    git(repo, 'checkout', '-q', 'main');
    commit(repo, { 'd.py': `T = "${fakeHfToken(54)}"\n` }, 'main 2');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge feat', 'feat');
    git(repo, 'checkout', '-q', '-b', 'side');
    commit(repo, { 'e.py': `T = "${fakeHfToken(55)}"\n` }, 'side');
    git(repo, 'checkout', '-q', 'main');
    const expected = (sha: string) =>
      git(repo, 'for-each-ref', '--contains', sha, '--format=%(refname:short)').split('\n').filter(Boolean);
    for (const args of [[], ['--ref', 'feat']]) {
      const { report } = await history(repo, ...args);
      expect(report.findings.length).toBe(args.length ? 5 : 7);
      for (const f of report.findings)
        expect(f.history.refs, `${f.file} ${args.join(' ')}`).toEqual(expected(f.commit));
    }
  });

  it('still reports a secret that was removed, marked history-only, with audit remediation', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `T = "${T1}"\n` }, 'add');
    commit(repo, { 'a.py': 'x = 1\n' }, 'remove');
    const { report } = await history(repo);
    expect(report.findings[0].history.inHead).toBe(false);
    expect(report.findings[0].remediation.join('\n')).toMatch(/rotate/i);
  });

  it('reports a secret that only a merge’s conflict resolution added, with the merge commit', async () => {
    const repo = tempRepo();
    const { merge } = conflictedMerge(repo, `merged\nT = "${T1}"\n`);
    const { report } = await history(repo);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ commit: merge, file: 'f.txt', line: 2 });
  });

  it('covers tag-only and unmerged commits; --ref narrows the walk', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': 'x\n' }, 'base');
    git(repo, 'checkout', '-q', '-b', 'wip');
    commit(repo, { 'wip.py': `T = "${T1}"\n` }, 'unmerged');
    git(repo, 'checkout', '-q', '--detach', 'main');
    commit(repo, { 'tagged.py': `T = "${T2}"\n` }, 'tag only');
    git(repo, 'tag', 'v-orphan');
    git(repo, 'checkout', '-q', 'main');
    const { report } = await history(repo);
    expect(report.findings.map((f: { file: string }) => f.file).sort()).toEqual(['tagged.py', 'wip.py']);
    expect(report.findings.find((f: { file: string }) => f.file === 'tagged.py').history.refs).toEqual(['v-orphan']);
    expect((await history(repo, '--ref', 'main')).status).toBe(0);
  });

  it('says when a credential file was added and deleted', async () => {
    const repo = tempRepo();
    const added = commit(repo, { '.env': 'DEBUG=1\n', 'a.py': 'x\n' }, 'add env');
    git(repo, 'rm', '-q', '.env');
    git(repo, 'commit', '-q', '-m', 'remove env');
    const deleted = git(repo, 'rev-parse', 'HEAD').trim();
    const { report } = await history(repo);
    const f = report.findings.find((x: { ruleId: string }) => x.ruleId === 'credential-files-dotenv');
    expect(f.message).toContain(`added in ${added.slice(0, 12)} and deleted in ${deleted.slice(0, 12)}`);
    expect(f.message).toContain('stay in history');
    expect(f.history.inHead).toBe(false);
  });

  it('handles CRLF, binary files and a detached HEAD', async () => {
    const repo = tempRepo();
    commit(repo, { 'w.txt': `a\r\nT=${T1}\r\n`, 'b.bin': Buffer.from([0, 1, 2, 0]) }, 'mixed');
    git(repo, 'checkout', '-q', '--detach');
    const { report } = await history(repo);
    expect(report.findings[0]).toMatchObject({ file: 'w.txt', line: 2, column: 3 });
    expect(report.summary.skippedBinary).toBe(1);
  });

  it('says an empty repository has no history and exits 0', async () => {
    const r = await leaklintIn(['history'], { cwd: tempRepo() });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('no commits');
  });

  it('warns that a shallow clone’s history is partial', async () => {
    const origin = tempRepo();
    commit(origin, { 'a.py': 'x\n' }, 'one');
    commit(origin, { 'b.py': 'y\n' }, 'two');
    const clone = join(tempDir(), 'c');
    git(tempDir(), 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    const { report } = await history(clone);
    expect(report.summary.warnings.join('\n')).toContain('shallow');
  });

  it('counts and skips objects missing from a partial clone', () => {
    const origin = tempRepo();
    commit(origin, { 'a.py': `T = "${T1}"\n` }, 'one');
    commit(origin, { 'a.py': 'x\n' }, 'two');
    git(origin, 'config', 'uploadpack.allowFilter', 'true');
    const clone = join(tempDir(), 'p');
    git(tempDir(), 'clone', '-q', '--no-checkout', '--filter=blob:none', `file://${origin}`, clone);
    const r = leaklint(['history', '-f', 'json'], { cwd: clone, env: { GIT_NO_LAZY_FETCH: '1' } });
    // Nothing read holds a secret, but what was not read may: incomplete (exit 3), never a plain 0.
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout).summary.warnings.join('\n')).toMatch(/absent from this partial clone/);
  });

  it('keeps the raw secret out of the report', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `T = "${T1}"\n` }, 'add');
    const out = join(tempDir(), 'r.json');
    await leaklintIn(['history', '-f', 'json', '-o', out], { cwd: repo });
    expect(readFileSync(out, 'utf8')).not.toContain(T1);
    expect((await leaklintIn(['history'], { cwd: repo })).stdout).not.toContain(T1);
  });
});
