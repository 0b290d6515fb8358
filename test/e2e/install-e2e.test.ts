// leaklint installed the ways the README's Install section says, with the
// real npm, into fresh temp projects: the packed tarball, a git URL, and a
// one-off npx run. None of them may need a build or a dependency: the
// committed dist/ is the whole runtime.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_TEST_ENV, commit, fakeHfToken, git, tempDir, writeFiles } from '../helpers.js';
import { TAG, VERSION, checkoutSnapshot } from './checkout-snapshot.js';

const E2E_TIMEOUT = 180_000;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

let npmEnv: NodeJS.ProcessEnv;

/** npm (or npx) in `cwd`, with a private, empty cache and offline: nothing may come from a registry. */
function npm(cwd: string, cmd: 'npm' | 'npx', args: string[]): Run {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: npmEnv });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** An empty Node project, as `npm init -y` leaves one, that is also a git repository. */
function freshProject(): string {
  const dir = tempDir('leaklint-project-');
  writeFiles(dir, {
    'package.json': `${JSON.stringify({ name: 'demo', version: '1.0.0', private: true }, null, 2)}\n`,
    '.gitignore': 'node_modules/\n',
  });
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** What the project's node_modules holds besides npm's own bookkeeping. */
function installedPackages(project: string): string[] {
  return readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
}

let snapshot: string;

beforeAll(() => {
  snapshot = checkoutSnapshot();
  npmEnv = {
    ...process.env,
    ...GIT_TEST_ENV,
    npm_config_cache: tempDir('leaklint-npm-cache-'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NO_COLOR: '1',
  };
});

describe('npm pack and install (Node projects)', () => {
  it(
    'packs quietly into a tarball with the runtime and licence, which installs offline with no dependency and runs',
    () => {
      const out = tempDir('leaklint-pack-');
      const packed = npm(snapshot, 'npm', ['pack', '--pack-destination', out]);
      expect(packed.status, packed.stderr).toBe(0);
      // The pre-commit framework reads the tarball's name from this output: nothing else may be printed.
      expect(packed.stdout).toBe(`leaklint-${VERSION}.tgz\n`);
      const tarball = join(out, `leaklint-${VERSION}.tgz`);
      const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      expect(listing).toEqual(
        expect.arrayContaining([
          'package/LICENSE',
          'package/README.md',
          'package/bin/leaklint.js',
          'package/dist/leaklint.cjs',
          'package/dist/launch.cjs',
          'package/dist/triage-worker.cjs',
        ]),
      );
      expect(listing.filter((p) => /^package\/(src|test|fixtures|rules)\//.test(p))).toEqual([]);

      const project = freshProject();
      const installed = npm(project, 'npm', ['i', '-D', tarball]);
      expect(installed.status, installed.stderr).toBe(0);
      expect(installedPackages(project)).toEqual(['leaklint']);
      expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).devDependencies.leaklint).toContain(
        `leaklint-${VERSION}.tgz`,
      );

      const version = npm(project, 'npx', ['--no-install', 'leaklint', '--version']);
      expect(version.stdout).toBe(`${VERSION}\n`);
      expect(version.status).toBe(0);

      // A scan from the installed package: the audit finds a token committed in the project.
      const token = fakeHfToken(31);
      commit(project, { 'train.py': `HF_TOKEN = "${token}"\n` }, 'train');
      const audit = npm(project, 'npx', ['--no-install', 'leaklint']);
      expect(audit.stdout).toContain('train.py');
      expect(audit.stdout).toContain('huggingface');
      expect(audit.status).toBe(1);
      expect(`${audit.stdout}${audit.stderr}`).not.toContain(token);
    },
    E2E_TIMEOUT,
  );

  it(
    'installs from a git URL at a release tag offline: npm finds no build or prepare script to run, so installs no dev tooling',
    () => {
      const project = freshProject();
      const installed = npm(project, 'npm', ['i', '-D', `git+file://${snapshot}#${TAG}`]);
      expect(installed.status, installed.stderr).toBe(0);
      expect(installedPackages(project)).toEqual(['leaklint']);
      expect(existsSync(join(project, 'node_modules', 'leaklint', 'dist', 'leaklint.cjs'))).toBe(true);
      const version = npm(project, 'npx', ['--no-install', 'leaklint', '--version']);
      expect(version.stdout).toBe(`${VERSION}\n`);
      expect(version.status).toBe(0);

      // The staged scan, as the husky or lint-staged hook runs it.
      const token = fakeHfToken(32);
      writeFiles(project, { 'config.py': `HF_TOKEN = "${token}"\n` });
      git(project, 'add', 'config.py');
      const staged = npm(project, 'npx', ['--no-install', 'leaklint', 'staged']);
      expect(staged.stdout).toContain('config.py');
      expect(staged.status).toBe(1);
      expect(`${staged.stdout}${staged.stderr}`).not.toContain(token);
    },
    E2E_TIMEOUT,
  );

  it(
    'runs once without joining the project (a one-off audit with npx --package)',
    () => {
      const repo = tempDir('leaklint-audited-');
      git(repo, 'init', '-q', '-b', 'main');
      const token = fakeHfToken(33);
      commit(repo, { 'notebook.py': `HF_TOKEN = "${token}"\n` }, 'leak');
      commit(repo, { 'notebook.py': 'HF_TOKEN = os.environ["HF_TOKEN"]\n' }, 'removed again');
      const audit = npm(repo, 'npx', ['--yes', `--package=git+file://${snapshot}#${TAG}`, '--', 'leaklint']);
      // Gone from the working tree, still in history: the audit says so.
      expect(audit.stdout).toContain('notebook.py');
      expect(audit.status).toBe(1);
      expect(`${audit.stdout}${audit.stderr}`).not.toContain(token);
      expect(existsSync(join(repo, 'node_modules'))).toBe(false);
    },
    E2E_TIMEOUT,
  );
});
