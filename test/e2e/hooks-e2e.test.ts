// The pre-commit integrations as users run them: husky 9 installed by its own
// `husky init`, lint-staged 16 driven by husky, the pre-commit framework's hook
// manifest and the GitHub Action's scan step, each in a real temp repository.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  BIN,
  GIT_TEST_ENV,
  ROOT,
  commit,
  fakeHfToken,
  git,
  leaklint,
  tempDir,
  tempRepo,
  writeFiles,
} from '../helpers.js';

const E2E_TIMEOUT = 120_000;

interface Run {
  status: number;
  output: string;
}

/** A process in `cwd` with a fixed git identity, no user or system git config and no husky user init. */
function run(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...GIT_TEST_ENV,
      XDG_CONFIG_HOME: tempDir('leaklint-xdg-'),
      NO_COLOR: '1',
      FORCE_COLOR: undefined,
      HUSKY: undefined,
      ...env,
    },
  });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

const gitCommit = (repo: string, message: string) => run(repo, 'git', ['commit', '-m', message]);

/**
 * What `npm init -y` and `npm install -D husky lint-staged` leave: npm's failing
 * stand-in test script, and node_modules holding the two tools (linked to this
 * project's copies, so nothing is downloaded).
 */
function nodeProject(devDependencies: Record<string, string>): string {
  const repo = tempRepo();
  writeFiles(repo, {
    'package.json':
      JSON.stringify(
        {
          name: 'demo',
          version: '1.0.0',
          scripts: { test: 'echo "Error: no test specified" && exit 1' },
          devDependencies,
        },
        null,
        2,
      ) + '\n',
    '.gitignore': 'node_modules/\n',
  });
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  const bins: Record<string, string> = { husky: 'bin.js', 'lint-staged': join('bin', 'lint-staged.js') };
  for (const name of Object.keys(devDependencies)) {
    symlinkSync(join(ROOT, 'node_modules', name), join(repo, 'node_modules', name));
    symlinkSync(join('..', name, bins[name]!), join(repo, 'node_modules', '.bin', name));
  }
  return repo;
}

/** `npx husky init`, as husky 9's docs say: sets core.hooksPath and writes the wrapper scripts. */
function huskyInit(repo: string): void {
  const r = run(repo, 'npx', ['--no-install', 'husky', 'init'], { npm_config_user_agent: 'npm/11' });
  expect(r.status, r.output).toBe(0);
  expect(git(repo, 'config', 'core.hooksPath').trim()).toBe('.husky/_');
  expect(statSync(join(repo, '.husky', '_', 'pre-commit')).mode & 0o111).not.toBe(0);
  expect(existsSync(join(repo, '.husky', '_', 'h'))).toBe(true);
  expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('npm test\n');
}

function leaklintInit(repo: string): string {
  const r = leaklint(['init'], { cwd: repo, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('husky 9 end to end', () => {
  it(
    'after `husky init` and `leaklint init`, a commit holding a token is refused and a clean one goes through',
    () => {
      const repo = nodeProject({ husky: '^9.1.7' });
      huskyInit(repo);
      const out = leaklintInit(repo);
      expect(out).toContain('Detected: husky');
      // The project does not depend on leaklint, so the hook runs this installation by absolute path.
      expect(out).toContain(`node ${BIN} staged`);
      // husky's placeholder `npm test` would fail every commit here (npm's stand-in test script), so init replaces it.
      expect(out).toContain('placeholder `npm test`');
      expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe(`node ${BIN} staged\n`);

      git(repo, 'add', '-A');
      const setup = gitCommit(repo, 'setup');
      expect(setup.status, setup.output).toBe(0);

      const token = fakeHfToken(11);
      writeFiles(repo, { 'train.py': `HF_TOKEN = "${token}"\n` });
      git(repo, 'add', 'train.py');
      const leak = gitCommit(repo, 'leak');
      expect(leak.status).not.toBe(0);
      expect(leak.output).toContain('train.py');
      expect(leak.output).toContain('huggingface');
      expect(leak.output).toContain('husky - pre-commit script failed');
      expect(leak.output).not.toContain(token);
      expect(git(repo, 'log', '--format=%s')).not.toContain('leak');

      writeFiles(repo, { 'train.py': 'HF_TOKEN = os.environ["HF_TOKEN"]\n' });
      git(repo, 'add', 'train.py');
      const clean = gitCommit(repo, 'read the token from the environment');
      expect(clean.status, clean.output).toBe(0);
      expect(git(repo, 'log', '-1', '--format=%s').trim()).toBe('read the token from the environment');
    },
    E2E_TIMEOUT,
  );

  it('keeps husky’s `npm test` line when the project has a real test script, and runs leaklint after it', () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'package.json': JSON.stringify({
        name: 'demo',
        scripts: { test: 'vitest run' },
        devDependencies: { husky: '^9.1.7' },
      }),
      '.husky/pre-commit': 'npm test\n',
    });
    const out = leaklintInit(repo);
    expect(out).not.toContain('placeholder');
    expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe(`npm test\nnode ${BIN} staged\n`);
  });

  it('replaces the placeholder only once: a second init has nothing to do', () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'package.json': JSON.stringify({ name: 'demo', devDependencies: { husky: '^9.1.7' } }),
      '.husky/pre-commit': 'pnpm test\n',
    });
    expect(leaklintInit(repo)).toContain('placeholder `pnpm test`');
    expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe(`node ${BIN} staged\n`);
    expect(leaklintInit(repo)).toContain('Nothing to do');
  });
});

describe('lint-staged 16 under husky end to end', () => {
  it(
    'scans only the index: a token left unstaged passes, a staged one blocks, and the unstaged edit survives',
    () => {
      const repo = nodeProject({ husky: '^9.1.7', 'lint-staged': '^16.4.0' });
      huskyInit(repo);
      const out = leaklintInit(repo);
      expect(out).toContain('Detected: lint-staged');
      expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))['lint-staged']).toEqual({
        '*': `node ${BIN} staged`,
      });
      expect(readFileSync(join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('npx --no-install lint-staged\n');

      git(repo, 'add', '-A');
      const setup = gitCommit(repo, 'setup');
      expect(setup.status, setup.output).toBe(0);
      expect(setup.output).toContain(`node ${BIN} staged`);

      // Partial staging: the clean version is staged, the token exists only in the working tree.
      const unstagedToken = fakeHfToken(12);
      writeFiles(repo, { 'train.py': 'import os\n' });
      git(repo, 'add', 'train.py');
      writeFiles(repo, { 'train.py': `import os\nHF_TOKEN = "${unstagedToken}"\n` });
      const partial = gitCommit(repo, 'partial');
      expect(partial.status, partial.output).toBe(0);
      expect(git(repo, 'show', 'HEAD:train.py')).toBe('import os\n');
      expect(readFileSync(join(repo, 'train.py'), 'utf8')).toBe(`import os\nHF_TOKEN = "${unstagedToken}"\n`);
      expect(git(repo, 'status', '--porcelain', '--', 'train.py')).toBe(' M train.py\n');

      // A staged token, with a further unstaged edit on top of it.
      const stagedToken = fakeHfToken(13);
      const staged = `import os\nHF_TOKEN = "${stagedToken}"\n`;
      writeFiles(repo, { 'train.py': staged });
      git(repo, 'add', 'train.py');
      writeFiles(repo, { 'train.py': `${staged}print("unstaged edit")\n` });
      const leak = gitCommit(repo, 'leak');
      expect(leak.status).not.toBe(0);
      expect(leak.output).toContain('train.py');
      expect(leak.output).toContain('huggingface');
      expect(leak.output).not.toContain(stagedToken);
      expect(git(repo, 'log', '--format=%s')).not.toContain('leak');
      // lint-staged hid the unstaged edit while the task ran and put everything back after the failure.
      expect(readFileSync(join(repo, 'train.py'), 'utf8')).toBe(`${staged}print("unstaged edit")\n`);
      expect(git(repo, 'show', ':train.py')).toBe(staged);
      expect(git(repo, 'stash', 'list')).toBe('');
    },
    E2E_TIMEOUT,
  );
});

interface PreCommitHook {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  stages?: string[];
}

/** The names of leaklint's commands, from its own help. */
function leaklintCommands(): string[] {
  const help = leaklint(['--help']).stdout;
  return [...help.matchAll(/^\s+leaklint (\w[\w-]*)/gm)].map((m) => m[1]!);
}

describe('.pre-commit-hooks.yaml (the pre-commit framework)', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as PreCommitHook[];
  const byId = new Map(hooks.map((h) => [h.id, h]));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  it('defines leaklint (pre-commit) and leaklint-push (pre-push) as node hooks that take no file names', () => {
    expect([...byId.keys()].sort()).toEqual(['leaklint', 'leaklint-push']);
    // The legacy stage names: the only ones pre-commit 3.0 (Debian 12) accepts; test/e2e/pre-commit-e2e.test.ts runs the real framework.
    expect(byId.get('leaklint')!.stages).toEqual(['commit']);
    expect(byId.get('leaklint-push')!.stages).toEqual(['push']);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(hook.pass_filenames).toBe(false);
    }
  });

  it('runs real leaklint commands through the package’s own bin', () => {
    const commands = leaklintCommands();
    expect(commands).toEqual(expect.arrayContaining(['staged', 'diff']));
    for (const hook of hooks) {
      const [bin, command] = hook.entry.split(/\s+/);
      expect(Object.keys(pkg.bin)).toContain(bin);
      expect(commands).toContain(command);
    }
    expect(byId.get('leaklint')!.entry).toBe('leaklint staged');
  });

  it('the pre-push entry scans the pushed range the framework hands it (PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF)', () => {
    const repo = tempRepo();
    const base = commit(repo, { 'README.md': 'demo\n' }, 'base');
    const token = fakeHfToken(14);
    const leaked = commit(repo, { 'train.py': `HF_TOKEN = "${token}"\n` }, 'leak');
    const args = byId.get('leaklint-push')!.entry.split(/\s+/).slice(1);
    const r = leaklint(args, {
      cwd: repo,
      env: { PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: leaked, GITHUB_ACTIONS: undefined, GITLAB_CI: undefined },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('train.py');
    expect(`${r.stdout}${r.stderr}`).not.toContain(token);
    const fixed = commit(repo, { 'train.py': 'HF_TOKEN = os.environ["HF_TOKEN"]\n' }, 'fix');
    const clean = leaklint(args, {
      cwd: repo,
      env: { PRE_COMMIT_FROM_REF: leaked, PRE_COMMIT_TO_REF: fixed, GITHUB_ACTIONS: undefined, GITLAB_CI: undefined },
    });
    expect(clean.status, clean.stderr).toBe(0);
  });
});

// The GitHub Action is run as a runner runs it in test/e2e/action.test.ts.
