import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

const env = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const init = async (cwd: string, ...args: string[]) => await leaklintIn(['init', ...args], { cwd, env });

describe('leaklint init', () => {
  it('installs a plain git hook that runs this installation by absolute path, and a starter config', async () => {
    const repo = tempRepo();
    const r = await init(repo);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('git hook');
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    const text = readFileSync(hook, 'utf8');
    expect(text).toContain(`node ${BIN} staged`);
    expect(text).not.toMatch(/npx leaklint/);
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(repo, 'leaklint.config.json'), 'utf8')).toContain('"allowlist"');
  });

  it("writes the hook where the repository's core.hooksPath points inside it, and nowhere outside it", async () => {
    const inside = tempRepo();
    git(inside, 'config', 'core.hooksPath', '.githooks');
    expect((await init(inside)).status).toBe(0);
    expect(readFileSync(join(inside, '.githooks', 'pre-commit'), 'utf8')).toContain(`node ${BIN} staged`);

    // A repository handed over with a crafted .git/config must not make init write into a directory of its choosing.
    const repo = tempRepo();
    const elsewhere = tempDir();
    git(repo, 'config', 'core.hooksPath', elsewhere);
    const r = await init(repo);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(elsewhere, 'pre-commit'))).toBe(false);
    expect(r.stdout).toContain(`core.hooksPath points outside it (${elsewhere}); leaklint init does not write there`);
    expect(r.stdout).toContain(`node ${BIN} staged`);
  });

  it('is idempotent', async () => {
    const repo = tempRepo();
    await init(repo);
    const hook = readFileSync(join(repo, '.git', 'hooks', 'pre-commit'), 'utf8');
    const again = await init(repo);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
    expect(readFileSync(join(repo, '.git', 'hooks', 'pre-commit'), 'utf8')).toBe(hook);
  });

  it('changes nothing with --dry-run', async () => {
    const repo = tempRepo();
    const r = await init(repo, '--dry-run');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('would write');
    expect(existsSync(join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(existsSync(join(repo, 'leaklint.config.json'))).toBe(false);
    expect(r.stdout).toContain('would write .gitignore');
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
  });

  it('chains an existing hook, which keeps running first, and the hook blocks a staged secret', async () => {
    const repo = tempRepo();
    const marker = join(repo, 'old-hook-ran');
    writeFiles(repo, { '.git/hooks/pre-commit': `#!/bin/sh\ntouch '${marker}'\n` });
    chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    expect((await init(repo)).status).toBe(0);
    const hooks = join(repo, '.git', 'hooks');
    expect(readFileSync(join(hooks, 'pre-commit.before-leaklint'), 'utf8')).toContain('old-hook-ran');

    writeFiles(repo, { 'clean.txt': 'nothing to see\n' });
    git(repo, 'add', 'clean.txt');
    git(repo, 'commit', '-q', '-m', 'clean');
    expect(existsSync(marker)).toBe(true);

    writeFiles(repo, { 'train.py': `HF_TOKEN = "${fakeHfToken(7)}"\n` });
    git(repo, 'add', 'train.py');
    expect(() => git(repo, 'commit', '-q', '-m', 'leak')).toThrow();
    expect(git(repo, 'log', '--format=%s')).not.toContain('leak');
  });

  it('adds a line to .husky/pre-commit for a husky project', async () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'package.json': JSON.stringify({ name: 'x', devDependencies: { husky: '^9.0.0' } }, null, 2),
      '.husky/pre-commit': 'npm run lint\n',
    });
    const r = await init(repo);
    expect(r.stdout).toContain('husky');
    const hook = readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8');
    expect(hook).toBe(`npm run lint\nnode ${BIN} staged\n`);
    expect((await init(repo)).stdout).toContain('Nothing to do');
  });

  it('adds a lint-staged entry and the husky line that runs lint-staged', async () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'package.json': JSON.stringify(
        {
          name: 'x',
          devDependencies: { husky: '^9.0.0', 'lint-staged': '^16.0.0' },
          'lint-staged': { '*.py': 'black' },
        },
        null,
        2,
      ),
    });
    const r = await init(repo);
    expect(r.stdout).toContain('lint-staged');
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(pkg['lint-staged']).toEqual({ '*.py': 'black', '*': `node ${BIN} staged` });
    expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('npx --no-install lint-staged\n');
    expect((await init(repo)).stdout).toContain('Nothing to do');
  });

  it('runs the project’s own leaklint when the project depends on it', async () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'package.json': JSON.stringify({ name: 'x', devDependencies: { leaklint: '^0.1.0', husky: '^9.0.0' } }),
    });
    await init(repo);
    expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('npx --no-install leaklint staged\n');
  });

  it('prints the snippet for the pre-commit framework and leaves its files alone', async () => {
    const repo = tempRepo();
    writeFiles(repo, { '.pre-commit-config.yaml': 'repos: []\n' });
    const r = await init(repo);
    // A snippet every teammate can use: leaklint's public repository at this version's tag, never this machine's path.
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toContain('  - repo: https://github.com/leaklint/leaklint\n');
    expect(r.stdout).toContain(`    rev: v${version}\n`);
    expect(r.stdout).toContain('      - id: leaklint ');
    expect(r.stdout).toContain('      - id: leaklint-push ');
    expect(r.stdout).toContain('pre-commit install --hook-type pre-commit --hook-type pre-push');
    expect(r.stdout).not.toContain(ROOT);
    expect(r.stdout).not.toContain('repo: local');
    expect(readFileSync(join(repo, '.pre-commit-config.yaml'), 'utf8')).toBe('repos: []\n');
    expect(existsSync(join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('appends the credential-file patterns .gitignore lacks, keeping its own lines, once', async () => {
    const repo = tempRepo();
    writeFiles(repo, { '.gitignore': 'node_modules/\n.env\n' });
    const r = await init(repo);
    expect(r.stdout).toContain('wrote .gitignore');
    const text = readFileSync(join(repo, '.gitignore'), 'utf8');
    expect(text.startsWith('node_modules/\n.env\n')).toBe(true);
    for (const line of ['.env.*', '!.env.example', '.modal.toml', '.sentry-build-plugin', '*.pem'])
      expect(text).toContain(line);
    expect(text.match(/^\.env$/gm)).toHaveLength(1);
    expect((await leaklintIn(['gitignore'], { cwd: repo, env })).status).toBe(0);
    const again = await init(repo);
    expect(again.stdout).toContain('.gitignore already excludes');
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe(text);
  });

  it('adds the lint-staged entry without husky, and says that lint-staged needs a hook runner', async () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'package.json': JSON.stringify({ name: 'x', devDependencies: { 'lint-staged': '^16.0.0' } }, null, 2),
    });
    const r = await init(repo);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Detected: lint-staged');
    expect(r.stdout).toContain('needs a hook runner');
    expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))['lint-staged']).toEqual({
      '*': `node ${BIN} staged`,
    });
    expect(existsSync(join(repo, '.husky'))).toBe(false);
    expect(existsSync(join(repo, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('refuses to run outside a git repository (exit 2)', async () => {
    const r = await init(tempDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git repository');
  });

  it('applies the project’s own gitignore.required list when its config has one', async () => {
    const repo = tempRepo();
    writeFiles(repo, { 'leaklint.config.json': JSON.stringify({ gitignore: { required: ['.env', 'secrets/'] } }) });
    expect((await init(repo)).status).toBe(0);
    const text = readFileSync(join(repo, '.gitignore'), 'utf8');
    expect(text).toContain('secrets/');
    expect(text).not.toContain('.modal.toml');
  });
});
