// leaklint's hooks under the real pre-commit framework (whatever `pre-commit`
// is on PATH: .ci/run installs Debian's 3.0.x, the oldest release the hooks
// support), from a repository snapshot of the checkout as it is now. The
// framework clones it, installs it with npm and runs the committed dist/:
// nothing is built. The snapshot's package.json has no devDependencies, which
// the framework's `npm install` would otherwise fetch for every environment
// (a minute each); what it proves is unchanged: the hooks run from the
// committed runtime alone. This file's three installs run at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_TEST_ENV, commit, fakeHfToken, git, leaklint, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { TAG, checkoutSnapshot } from './checkout-snapshot.js';

const E2E_TIMEOUT = 300_000;

const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommitVersion.status === 0;
if (!hasPreCommit)
  console.warn(
    'pre-commit-e2e.test: the pre-commit framework is not installed: skipping its end-to-end tests (apt-get install pre-commit; .ci/run installs it)',
  );

interface Run {
  status: number;
  output: string;
}

let env: NodeJS.ProcessEnv;
let snapshot: string;
let tryRepos: Promise<{ token: string; found: Run; passed: Run }>;
const running = new Set<ChildProcess>();

// A run filtered to one test leaves the try-repo installs started in beforeAll behind: stop them.
afterAll(() => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
});

/** A command in `cwd` with the test git identity and the file's own pre-commit store; resolves when it exits. */
function run(cwd: string, cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // Its own process group, so that what is still running when the file ends (npm under pre-commit) can be stopped.
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('close', (code) => {
      running.delete(child);
      resolve({ status: code ?? -1, output });
    });
  });
}

beforeAll(() => {
  if (!hasPreCommit) return;
  snapshot = checkoutSnapshot({ runtimeOnly: true });
  env = {
    ...process.env,
    ...GIT_TEST_ENV,
    PRE_COMMIT_HOME: tempDir('leaklint-pre-commit-home-'),
    // Nothing to fetch (no dependencies): npm must not ask a registry either.
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    GITHUB_ACTIONS: undefined,
    GITLAB_CI: undefined,
  };
  // Each try-repo installs leaklint into a store of its own, which takes a while (npm): both start now and
  // run while the other test does, which has its own install.
  const token = fakeHfToken(41);
  const leaky = tempRepo();
  commit(leaky, { 'train.py': `HF_TOKEN = "${token}"\n` }, 'train');
  const clean = tempRepo();
  commit(clean, { 'train.py': 'HF_TOKEN = os.environ["HF_TOKEN"]\n' }, 'train');
  const tryRepo = (repo: string) => run(repo, 'pre-commit', ['try-repo', snapshot, 'leaklint', '--all-files']);
  tryRepos = Promise.all([tryRepo(leaky), tryRepo(clean)]).then(([found, passed]) => ({
    token,
    found: found!,
    passed: passed!,
  }));
});

describe(`the pre-commit framework (${hasPreCommit ? preCommitVersion.stdout.trim() : 'not installed'})`, () => {
  it.skipIf(!hasPreCommit)(
    'the snippet `leaklint init` prints installs both hooks: a commit holding a token is blocked, and so is a push of one committed with --no-verify',
    async () => {
      const repo = tempRepo();
      writeFiles(repo, { '.pre-commit-config.yaml': 'repos:\n' });
      const init = leaklint(['init'], { cwd: repo });
      expect(init.status, init.stderr).toBe(0);
      const lines = init.stdout.split('\n');
      const from = lines.findIndex((l) => l.startsWith('Add to .pre-commit-config.yaml'));
      const to = lines.findIndex((l) => l.startsWith('then run: '));
      expect(from).toBeGreaterThan(-1);
      expect(to).toBeGreaterThan(from);
      const snippet = lines.slice(from + 1, to).join('\n');
      expect(snippet).toContain(`rev: ${TAG}`);
      // The snippet names the public repository; here the framework clones the snapshot of this checkout in its place.
      writeFileSync(
        join(repo, '.pre-commit-config.yaml'),
        `repos:\n${snippet.replace(/repo: \S+/, `repo: ${snapshot}`)}\n`,
      );
      const install = await run(repo, 'sh', ['-c', lines[to]!.slice('then run: '.length)]);
      expect(install.status, install.output).toBe(0);

      // A clean commit through the real git hook: the framework installs leaklint and the scan passes.
      git(repo, 'add', '-A');
      const first = await run(repo, 'git', ['commit', '-m', 'set up leaklint']);
      expect(first.output).toMatch(/leaklint \(credentials in staged changes\)\.+Passed/);
      expect(first.status, first.output).toBe(0);
      const remote = tempDir('leaklint-remote-');
      git(remote, 'init', '-q', '--bare', '-b', 'main');
      git(repo, 'remote', 'add', 'origin', remote);
      const firstPush = await run(repo, 'git', ['push', '-u', 'origin', 'main']);
      expect(firstPush.output).toMatch(/leaklint \(credentials in pushed commits\)\.+Passed/);
      expect(firstPush.status, firstPush.output).toBe(0);

      const token = fakeHfToken(42);
      writeFiles(repo, { 'train.py': `HF_TOKEN = "${token}"\n` });
      git(repo, 'add', 'train.py');
      const blocked = await run(repo, 'git', ['commit', '-m', 'train']);
      expect(blocked.output).toMatch(/leaklint \(credentials in staged changes\)\.+Failed/);
      expect(blocked.output).toContain('train.py');
      expect(blocked.status).toBe(1);
      expect(blocked.output).not.toContain(token);

      // Skipped once: the push hook scans the commits being pushed and stops them.
      git(repo, 'commit', '-q', '--no-verify', '-m', 'train');
      const pushed = await run(repo, 'git', ['push', 'origin', 'main']);
      expect(pushed.output).toMatch(/leaklint \(credentials in pushed commits\)\.+Failed/);
      expect(pushed.output).toContain('train.py');
      expect(pushed.status).not.toBe(0);
      expect(pushed.output).not.toContain(token);
      expect(git(remote, 'log', '--format=%s', 'main').trim()).toBe('set up leaklint');
      expect(readFileSync(join(repo, '.pre-commit-config.yaml'), 'utf8')).toContain(`rev: ${TAG}`);
    },
    E2E_TIMEOUT,
  );
  it.skipIf(!hasPreCommit)(
    '`pre-commit try-repo <leaklint> leaklint --all-files` fails on a repository holding a token and passes on a clean one',
    async () => {
      const { token, found, passed } = await tryRepos;
      expect(found.output).toMatch(/leaklint \(credentials in staged changes\)\.+Failed/);
      expect(found.output).toContain('train.py');
      expect(found.output).toContain('huggingface');
      expect(found.status).toBe(1);
      expect(found.output).not.toContain(token);
      expect(passed.output).toMatch(/leaklint \(credentials in staged changes\)\.+Passed/);
      expect(passed.status, passed.output).toBe(0);
    },
    E2E_TIMEOUT,
  );
});
