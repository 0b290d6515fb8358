import { describe, expect, it } from 'vitest';
import { superLinearShape } from '../../src/config/config.js';
import { commit, fakeHfToken, git, leaklintIn, tempRepo, writeFiles } from '../helpers.js';

const T1 = fakeHfToken(81);

function repoWith(config: unknown, files: Record<string, string>, where = 'leaklint.config.json') {
  const repo = tempRepo();
  writeFiles(repo, { [where]: typeof config === 'string' ? config : JSON.stringify(config), ...files });
  git(repo, 'add', '.');
  return repo;
}

const scan = async (repo: string, ...args: string[]) => {
  const r = await leaklintIn(['files', '-f', 'json', ...args], { cwd: repo });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
};

describe('configuration errors name the bad key (exit 2)', () => {
  const cases: Array<[string, unknown, string]> = [
    ['unknown top-level key', { allowlsit: {} }, 'allowlsit'],
    ['bad type in allowlist', { allowlist: { paths: 5 } }, 'allowlist.paths'],
    ['unknown allowlist key', { allowlist: { files: [] } }, 'allowlist.files'],
    ['unknown rule id in severity', { severity: { 'huggingface-usr-token': 'warning' } }, 'huggingface-usr-token'],
    ['bad severity value', { severity: { 'huggingface-user-token': 'fatal' } }, 'severity.huggingface-user-token'],
    ['bad regex', { rules: [{ id: 'acme-key', regex: 'acme_(', keywords: ['acme_'] }] }, 'rules[0].regex'],
    [
      'backreference in a rule regex',
      { rules: [{ id: 'acme-key', regex: '(a)\\1', keywords: ['a'] }] },
      '"rules[0].regex" uses a backreference',
    ],
    [
      'rule without keywords',
      { rules: [{ id: 'acme-key', regex: 'acme_[a-z]{20}', keywords: [] }] },
      'rules[0].keywords',
    ],
    ['override without files', { overrides: [{ severity: {} }] }, 'overrides[0].files'],
    [
      'unknown rule in override',
      { overrides: [{ files: 'x/**', disabledRules: ['nope'] }] },
      'overrides[0].disabledRules',
    ],
  ];
  for (const [name, config, key] of cases) {
    it(name, async () => {
      const r = await leaklintIn(['files', '.'], { cwd: repoWith(config, { 'a.py': 'x\n' }) });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(key);
    });
  }
});

describe('configuration', () => {
  it('adds a project rule that respects its keywords and entropy floor, and lists it', async () => {
    const rule = {
      id: 'acme-deploy-key',
      provider: 'acme',
      title: 'ACME deploy key',
      regex: 'acme_dk_[A-Za-z0-9]{24}',
      keywords: ['acme_dk_'],
      entropy: 3.5,
      severity: 'error',
    };
    const repo = repoWith(
      { rules: [rule] },
      { 'a.py': 'K = "acme_dk_Zq8vR2mKp4Lw9xNcT6yHb3Jf"\nL = "acme_dk_abababababababababababab"\n' },
    );
    const { status, report } = await scan(repo);
    expect(status).toBe(1);
    expect(report.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`)).toEqual([
      'acme-deploy-key:1',
    ]);
    expect((await leaklintIn(['rules'], { cwd: repo })).stdout).toContain('acme-deploy-key');
  });

  it('disables rules and overrides severity (error → warning exits 0)', async () => {
    const files = { 'a.py': `T = "${T1}"\n` };
    expect((await scan(repoWith({ disabledRules: ['huggingface-user-token'] }, files))).report.findings).toEqual([]);
    const r = await scan(repoWith({ severity: { 'huggingface-user-token': 'warning' } }, files));
    expect(r.status).toBe(0);
    expect(r.report.findings[0].severity).toBe('warning');
    expect(
      (await leaklintIn(['rules'], { cwd: repoWith({ severity: { 'huggingface-user-token': 'warning' } }, files) }))
        .stdout,
    ).toMatch(/huggingface-user-token\s+huggingface\s+content\s+warning/);
  });

  it('allowlists paths, values and regexes, counting them as suppressed', async () => {
    const files = {
      'docs/a.md': `T = "${T1}"\n`,
      'b.py': `U = "${fakeHfToken(82)}"\n`,
      'c.py': `V = "${fakeHfToken(83)}"\n`,
    };
    const config = {
      allowlist: { paths: ['docs\\**'], values: [fakeHfToken(82)], regexes: [`^${fakeHfToken(83).slice(0, 10)}`] },
    };
    const { status, report } = await scan(repoWith(config, files));
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
    // The config file itself holds the allowlisted value: it is accepted there too.
    const reasons = Object.fromEntries(
      report.suppressed.map((f: { file: string; suppressed: string }) => [f.file, f.suppressed]),
    );
    expect(reasons).toMatchObject({
      'docs/a.md': 'config: allowlisted path',
      'b.py': 'config: allowlisted value',
      'c.py': 'config: allowlisted pattern',
    });
  });

  it('applies per-directory overrides only inside their directory', async () => {
    const files = {
      'packages/legacy/a.py': `T = "${T1}"\n`,
      'packages/new/b.py': `T = "${T1}"\n`,
      'packages/old/c.py': `T = "${T1}"\n`,
    };
    const config = {
      overrides: [
        { files: 'packages/legacy/**', severity: { 'huggingface-user-token': 'warning' } },
        { files: ['packages/old/**'], disabledRules: ['huggingface-user-token'] },
      ],
    };
    const { report } = await scan(repoWith(config, files));
    expect(report.findings.map((f: { file: string; severity: string }) => `${f.file}:${f.severity}`).sort()).toEqual([
      'packages/legacy/a.py:warning',
      'packages/new/b.py:error',
    ]);
  });

  it('reads a "leaklint" key in package.json', async () => {
    const repo = repoWith(
      JSON.stringify({ name: 'x', leaklint: { disabledRules: ['huggingface-user-token'] } }),
      { 'a.py': `T = "${T1}"\n` },
      'package.json',
    );
    expect((await scan(repo)).report.findings).toEqual([]);
  });

  it('uses gitignore.required for the .gitignore policy', async () => {
    const repo = repoWith({ gitignore: { required: ['*.key'] } }, { '.gitignore': '*.pem\n' });
    const r = await leaklintIn(['gitignore', '-f', 'json'], { cwd: repo });
    expect(JSON.parse(r.stdout).findings[0].message).toBe('.gitignore does not exclude: *.key');
  });

  it('recognises super-linear shapes and lets ordinary patterns through', () => {
    for (const bad of ['(a+)+', '(\\w*)*', '(a|a)*', '(a|ab)+', '(x+){2,}'])
      expect(superLinearShape(bad), bad).toBeDefined();
    for (const ok of ['acme_[A-Za-z0-9]{24}', '(?:ab|cd){3}', 'x+y+', '(?:foo|bar)+baz', '[a+]+'])
      expect(superLinearShape(ok), ok).toBeUndefined();
  });
});

describe('ignorePaths: never read, whatever the command', () => {
  const token = fakeHfToken(77);
  const config = JSON.stringify({ ignorePaths: ['vendor/**'] });
  const files = (out: string) => JSON.parse(out).findings.map((f: { file: string }) => f.file);

  it('staged passes over staged files under an ignored path', async () => {
    const repo = tempRepo();
    commit(repo, { 'leaklint.config.json': config }, 'config');
    writeFiles(repo, { 'vendor/lib.py': `T = "${token}"\n` });
    git(repo, 'add', '.');
    const r = await leaklintIn(['staged', '-f', 'json'], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    writeFiles(repo, { 'src/app.py': `T = "${token}"\n` });
    git(repo, 'add', '.');
    expect(files((await leaklintIn(['staged', '-f', 'json'], { cwd: repo })).stdout)).toEqual(['src/app.py']);
  });

  it('diff and history pass over them too; the same secret elsewhere is reported where it is not ignored', async () => {
    const repo = tempRepo();
    commit(repo, { 'leaklint.config.json': config }, 'config');
    commit(repo, { 'vendor/lib.py': `T = "${token}"\n`, 'vendor/.env': 'A=1\n' }, 'vendored');
    expect((await leaklintIn(['diff', 'HEAD~1..HEAD'], { cwd: repo })).status).toBe(0);
    expect((await leaklintIn(['history'], { cwd: repo })).status).toBe(0);
    commit(repo, { 'src/copy.py': `T = "${token}"\n` }, 'copied');
    const h = await leaklintIn(['history', '-f', 'json'], { cwd: repo });
    expect(h.status, h.stderr).toBe(1);
    const [finding] = JSON.parse(h.stdout).findings;
    expect(finding.file).toBe('src/copy.py');
    expect(finding.history.paths).toEqual(['src/copy.py']);
  });
});
