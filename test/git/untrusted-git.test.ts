// A repository handed over by someone else (an audit before publishing, CI
// on a fork's pull request) may carry a .git/config written to attack the
// scanner, and a user's own ~/.gitconfig may change what git prints. These
// tests build such repositories and check that leaklint's git runs none of
// their code, fetches nothing and reads what is really stored.
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  GIT_TEST_ENV,
  commit,
  fakeHfToken,
  git,
  leaklint,
  leaklintIn,
  tempDir,
  tempRepo,
  writeFiles,
} from '../helpers.js';

const TOKEN = fakeHfToken(71);

interface Finding {
  file: string;
  ruleId: string;
  history?: { firstCommit: { sha: string } };
}

function json(stdout: string): { findings: Finding[]; summary: { warnings: string[] } } {
  return JSON.parse(stdout) as { findings: Finding[]; summary: { warnings: string[] } };
}

/** What a run warned about: in the JSON report, or on stderr (purge-plan). */
function warnings(r: { stdout: string; stderr: string }): string {
  return r.stdout.startsWith('{') ? json(r.stdout).summary.warnings.join('\n') : r.stderr;
}

/** A script that leaves `<markers>/<name>.ran` when anything runs it. */
function markerScript(path: string, markers: string, name: string): void {
  writeFileSync(path, `#!/bin/sh\ntouch '${join(markers, name)}.ran'\nexit 1\n`);
  chmodSync(path, 0o755);
}

const ran = (markers: string) => readdirSync(markers).filter((f) => f.endsWith('.ran'));

/** git as a user would run it on the repository, with nothing of leaklint's policy. */
function plainGit(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  try {
    execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_TEST_ENV, ...env }, stdio: 'ignore' });
  } catch {
    // Only whether the marker appeared matters.
  }
}

/** The commands that read history, each with whatever it needs to run here. */
function historyCommands(): Array<{ name: string; args: string[] }> {
  return [
    { name: 'history', args: ['history', '-f', 'json'] },
    { name: 'audit', args: ['audit', '-f', 'json'] },
    { name: 'purge-plan', args: ['purge-plan', '--out', join(tempDir('leaklint-plan-'), 'plan')] },
  ];
}

/**
 * Run a history command; assert the secret was found before anything else is
 * asserted. In-process, unless `env` is to reach leaklint's git as well,
 * which takes a process of its own.
 */
async function expectFound(
  repo: string,
  cmd: { name: string; args: string[] },
  env: NodeJS.ProcessEnv = {},
  incomplete = false,
) {
  const r =
    Object.keys(env).length > 0 ? leaklint(cmd.args, { cwd: repo, env }) : await leaklintIn(cmd.args, { cwd: repo });
  if (cmd.name === 'purge-plan') {
    // A plan made from a history with an unread object says so: exit 3 (incomplete).
    expect(r.status, r.stderr).toBe(incomplete ? 3 : 0);
    expect(r.stdout).toContain('1 secret and 0 credential files to purge');
  } else {
    expect(r.status, r.stderr).toBe(1);
    expect(json(r.stdout).findings.map((f) => f.file)).toContain('a.py');
  }
  return r;
}

describe('signature verification never runs a program the repository names', () => {
  /** A secret, then a signed commit, in a repository whose config verifies signatures with its own script. */
  function signedRepo(): { repo: string; markers: string } {
    const repo = tempRepo();
    const markers = tempDir('leaklint-markers-');
    commit(repo, { 'b.py': 'x = 1\n' }, 'base');
    const first = commit(repo, { 'a.py': `T = "${TOKEN}"\n` }, 'add');
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}').trim();
    // The object `git commit -S` writes: a gpgsig header git log hands to gpg.program when it shows signatures.
    const body = [
      `tree ${tree}`,
      `parent ${first}`,
      'author Test Author <author@example.com> 1700000000 +0000',
      'committer Test Author <author@example.com> 1700000000 +0000',
      'gpgsig -----BEGIN PGP SIGNATURE-----',
      ' ',
      ' iQEzBAABCAAdFiEEZmFrZSBzaWduYXR1cmUgZm9yIGEgdGVzdA==',
      ' -----END PGP SIGNATURE-----',
      '',
      'signed',
      '',
    ].join('\n');
    writeFileSync(join(markers, 'commit.txt'), body);
    const signed = git(repo, 'hash-object', '-t', 'commit', '-w', join(markers, 'commit.txt')).trim();
    git(repo, 'update-ref', 'refs/heads/main', signed);
    git(repo, 'reset', '-q', '--hard');
    // A relative path: it travels with a tarball of the repository.
    markerScript(join(repo, '.git', 'x.sh'), markers, 'gpg');
    git(repo, 'config', 'log.showSignature', 'true');
    git(repo, 'config', 'gpg.program', '.git/x.sh');
    return { repo, markers };
  }

  it('the set-up runs the script under plain git log', () => {
    const { repo, markers } = signedRepo();
    plainGit(repo, ['log', '-1']);
    expect(ran(markers)).toEqual(['gpg.ran']);
  });

  for (const cmd of historyCommands()) {
    it(`leaklint ${cmd.name}`, async () => {
      const { repo, markers } = signedRepo();
      await expectFound(repo, cmd);
      expect(ran(markers)).toEqual([]);
    });
  }

  it('leaklint diff', async () => {
    const { repo, markers } = signedRepo();
    const r = await leaklintIn(['diff', 'HEAD~2..HEAD', '-f', 'json'], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    expect(ran(markers)).toEqual([]);
  });
});

describe('an absent object is never fetched, whatever transport the repository allows', () => {
  /**
   * A secret, then a commit whose c.txt blob is deleted, in a repository that
   * names a promisor remote: git would fetch the blob from it on first read.
   * `ext`: the remote is an `ext::` command. `file`: a local path whose
   * upload-pack is the repository's own script.
   */
  function promisorRepo(transport: 'ext' | 'file'): { repo: string; markers: string } {
    const repo = tempRepo();
    const markers = tempDir('leaklint-markers-');
    commit(repo, { 'a.py': `T = "${TOKEN}"\n` }, 'add');
    commit(repo, { 'c.txt': 'absent\n', 'd.txt': 'present\n' }, 'more');
    const blob = git(repo, 'rev-parse', 'HEAD:c.txt').trim();
    execFileSync('rm', [join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2))]);
    if (transport === 'ext') {
      git(repo, 'config', 'remote.origin.url', `ext::sh -c touch% ${join(markers, 'ext.ran')}`);
      git(repo, 'config', 'protocol.ext.allow', 'always');
    } else {
      markerScript(join(repo, '.git', 'up.sh'), markers, 'upload-pack');
      git(repo, 'config', 'remote.origin.url', join(markers, 'elsewhere.git'));
      git(repo, 'config', 'remote.origin.uploadpack', join(repo, '.git', 'up.sh'));
      git(repo, 'config', 'protocol.file.allow', 'always');
    }
    git(repo, 'config', 'remote.origin.promisor', 'true');
    return { repo, markers };
  }

  for (const transport of ['ext', 'file'] as const) {
    it(`${transport}: the set-up runs the command when plain git reads the blob`, () => {
      const { repo, markers } = promisorRepo(transport);
      plainGit(repo, ['cat-file', '-p', 'HEAD:c.txt']);
      expect(ran(markers).length).toBe(1);
    });

    for (const cmd of historyCommands()) {
      it(`${transport}: leaklint ${cmd.name}`, async () => {
        const { repo, markers } = promisorRepo(transport);
        await expectFound(repo, cmd, {}, true);
        expect(ran(markers)).toEqual([]);
      });
    }

    it(`${transport}: leaklint diff`, async () => {
      const { repo, markers } = promisorRepo(transport);
      const r = await leaklintIn(['diff', 'HEAD~1..HEAD', '-f', 'json'], { cwd: repo });
      // The blob cannot be read: an error or an incomplete scan, never a fetch.
      expect(r.status, r.stderr).not.toBe(-1);
      expect(ran(markers)).toEqual([]);
    });
  }
});

describe('configuration does not change what leaklint reads', () => {
  it('log.showRoot=false in ~/.gitconfig does not hide the root commit', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `T = "${TOKEN}"\n` }, 'root');
    const home = tempDir('leaklint-home-');
    writeFiles(home, { '.gitconfig': '[log]\n\tshowRoot = false\n' });
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_GLOBAL: undefined };
    for (const cmd of historyCommands()) {
      const r = await expectFound(repo, cmd, env);
      if (cmd.name === 'history') expect(json(r.stdout).findings).toHaveLength(1);
    }
  });

  it('an inherited pathspec mode (GIT_LITERAL_PATHSPECS=1) does not empty a staged scan of named files', () => {
    const repo = tempRepo();
    commit(repo, { 'b.py': 'x = 1\n' }, 'base');
    writeFiles(repo, { 'a.py': `T = "${TOKEN}"\n` });
    git(repo, 'add', 'a.py');
    const r = leaklint(['staged', 'a.py', '-f', 'json'], { cwd: repo, env: { GIT_LITERAL_PATHSPECS: '1' } });
    expect(r.status, r.stderr).toBe(1);
    expect(json(r.stdout).findings.map((f) => f.file)).toEqual(['a.py']);
  });

  it('i18n.logOutputEncoding=UTF-16 still reads every commit', async () => {
    const repo = tempRepo();
    commit(repo, { 'b.py': 'x = 1\n' }, 'base');
    commit(repo, { 'a.py': `T = "${TOKEN}"\n` }, 'leak');
    git(repo, 'config', 'i18n.logOutputEncoding', 'UTF-16');
    for (const cmd of historyCommands()) await expectFound(repo, cmd);
    const history = await leaklintIn(['history', '-f', 'json'], { cwd: repo });
    expect(history.stderr).toContain('scanned 2 commits');
    const diff = await leaklintIn(['diff', 'HEAD~1..HEAD', '-f', 'json'], { cwd: repo });
    expect(diff.status, diff.stderr).toBe(1);
    expect(json(diff.stdout).findings.map((f) => f.file)).toEqual(['a.py']);
  });

  it('keys that reshape git log and git diff output change no finding', async () => {
    const build = () => {
      const repo = tempRepo();
      commit(repo, { 'a.py': `T = "${TOKEN}"\n`, 'old.txt': 'one\ntwo\nthree\n' }, 'root');
      commit(repo, { 'b.py': `x = 1\n\n\nU = "${fakeHfToken(72)}"\n`, 'old.txt': 'one\nTWO\nthree\n' }, 'second');
      writeFiles(repo, {
        'staged.py': `x = 2\nV = "${fakeHfToken(73)}"\n`,
        'b.py': `x = 1\n\ny = 2\nU = "${fakeHfToken(72)}"\nW = "${fakeHfToken(74)}"\n`,
      });
      git(repo, 'add', '-A');
      return repo;
    };
    const clean = build();
    const hostile = build();
    execFileSync('sh', ['-c', 'cat >> .git/config'], {
      cwd: hostile,
      input: [
        '[log]',
        '\tshowRoot = false',
        '\tdecorate = full',
        '\tabbrevCommit = true',
        '[i18n]',
        '\tlogOutputEncoding = UTF-16',
        '[core]',
        '\tquotePath = false',
        '\tbigFileThreshold = 1',
        '[color]',
        '\tui = always',
        '\tdiff = always',
        '[diff]',
        '\tnoprefix = true',
        '\tmnemonicPrefix = true',
        '\trenames = copies',
        '\trelative = true',
        '\tinterHunkContext = 20',
        '\tcontext = 10',
        '\tsubmodule = log',
        '\talgorithm = patience',
        '\tsuppressBlankEmpty = true',
        '\tcolorMoved = zebra',
        '',
      ].join('\n'),
    });
    const view = async (repo: string, args: string[]) => {
      const r = await leaklintIn([...args, '-f', 'json'], { cwd: repo });
      const findings = json(r.stdout).findings as unknown as Array<Record<string, unknown>>;
      return {
        status: r.status,
        findings: findings.map(({ file, line, column, ruleId, fingerprint }) => ({
          file,
          line,
          column,
          ruleId,
          fingerprint,
        })),
      };
    };
    for (const args of [['history'], ['audit'], ['diff', 'HEAD~1..HEAD'], ['staged']]) {
      const want = await view(clean, args);
      expect(want.findings.length, args.join(' ')).toBeGreaterThan(0);
      expect(await view(hostile, args), args.join(' ')).toEqual(want);
    }
  });
});

describe('history is read as clone and push transfer it', () => {
  /** a.py's secret is added in one commit and deleted in the next. */
  function leakThenDelete() {
    const repo = tempRepo();
    commit(repo, { 'b.py': 'x = 1\n' }, 'base');
    const leak = commit(repo, { 'a.py': `T = "${TOKEN}"\n` }, 'leak');
    git(repo, 'rm', '-q', 'a.py');
    git(repo, 'commit', '-q', '-m', 'delete');
    return { repo, leak };
  }

  it('a replace ref that hides the commit adding a secret: the secret is reported and the ref named', async () => {
    const { repo, leak } = leakThenDelete();
    // A stand-in for the leak commit with the base's tree: git log shows it instead.
    const clean = git(repo, 'commit-tree', '-p', `${leak}~1`, '-m', 'leak', `${leak}~1^{tree}`).trim();
    git(repo, 'replace', leak, clean);
    expect(git(repo, 'log', '--all', '--raw', '--format=%H')).not.toContain('a.py');
    for (const cmd of historyCommands()) {
      const r = await expectFound(repo, cmd);
      expect(warnings(r)).toContain(`refs/replace/${leak}`);
    }
    const r = await leaklintIn(['history', '-f', 'json'], { cwd: repo });
    expect(json(r.stdout).findings[0]!.history!.firstCommit.sha).toBe(leak);
  });

  it('a grafts file that cuts the history short: every commit is read and the file named', async () => {
    const { repo } = leakThenDelete();
    writeFiles(repo, { '.git/info/grafts': `${git(repo, 'rev-parse', 'HEAD').trim()}\n` });
    expect(git(repo, 'log', '--all', '--raw', '--format=%H')).not.toContain('a.py');
    for (const cmd of historyCommands()) {
      const r = await expectFound(repo, cmd);
      expect(warnings(r)).toContain('grafts');
    }
  });
});

describe('a value from the command line is never read by git as an option', () => {
  for (const cmd of historyCommands()) {
    it(`leaklint ${cmd.name} --ref=--output=FILE writes nothing and exits 2`, async () => {
      const repo = tempRepo();
      commit(repo, { 'a.py': `T = "${TOKEN}"\n` }, 'add');
      const file = join(tempDir('leaklint-out-'), 'written-by-git');
      const r = await leaklintIn([...cmd.args, `--ref=--output=${file}`], { cwd: repo });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--ref');
      expect(r.stderr).toContain('option');
      expect(existsSync(file)).toBe(false);
    });
  }

  it('a ref that is a plain name still works', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `T = "${TOKEN}"\n` }, 'add');
    const r = await leaklintIn(['history', '-f', 'json', '--ref', 'main'], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    expect(json(r.stdout).findings).toHaveLength(1);
  });
});
