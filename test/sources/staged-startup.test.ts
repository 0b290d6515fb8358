// `leaklint staged` runs on every commit, so its start-up is kept short: the
// launcher starts its two git processes before the CLI is loaded, binary
// blobs come from one `git cat-file --batch`, and compiled code is kept in a
// cache. None of that may change what a run reports; these tests hold the
// process counts and the answers, including from places where the early
// start cannot be used.
import { describe, expect, it } from 'vitest';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fakeHfToken, git, gitCallLog, leaklint, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { cacheDir, loadCachedCommonJs } from '../../src/start/code-cache.js';

const TOKEN = fakeHfToken(41);

/** The git subcommands a run made (cat-file with its mode), sorted. */
function loggingGit(): { env: NodeJS.ProcessEnv; calls: () => string[] } {
  const shim = gitCallLog();
  return {
    env: shim.env,
    calls: () =>
      shim
        .calls()
        .map(([command, first]) => (command === 'cat-file' ? `${command} ${first}` : command!))
        .sort(),
  };
}

function committed(files: Record<string, string>): string {
  const repo = tempRepo();
  writeFiles(repo, files);
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  return repo;
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8'));

/** UTF-16LE with a byte-order mark: git sees NUL bytes (binary), the scanner decodes it as text. */
function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('leaklint staged: git processes', () => {
  it('runs one rev-parse and one diff for a plain commit, from the top and with paths', () => {
    const repo = committed({ 'a.py': 'a = 1\n', 'b.py': 'b = 1\n' });
    writeFiles(repo, { 'a.py': `A = "${TOKEN}"\n`, 'b.py': 'b = 2\n' });
    git(repo, 'add', '.');
    for (const args of [[], ['a.py'], [join(repo, 'a.py'), 'b.py']]) {
      const shim = loggingGit();
      const r = leaklint(['staged', '-f', 'json', ...args], { cwd: repo, env: shim.env });
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['a.py']);
      expect(shim.calls()).toEqual(['diff', 'rev-parse']);
    }
  });

  it('gives the same answer from a subdirectory, where the early diff is not used', () => {
    const repo = committed({ 'sub/a.py': 'a = 1\n', 'top.py': 't = 1\n' });
    writeFiles(repo, { 'sub/a.py': `A = "${TOKEN}"\n`, 'top.py': `T = "${TOKEN}"\n` });
    git(repo, 'add', '.');
    const sub = join(repo, 'sub');
    const all = leaklint(['staged', '-f', 'json'], { cwd: sub });
    expect(
      JSON.parse(all.stdout)
        .findings.map((f: { file: string }) => f.file)
        .sort(),
    ).toEqual(['sub/a.py', 'top.py']);
    const one = leaklint(['staged', '-f', 'json', 'a.py'], { cwd: sub });
    expect(JSON.parse(one.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['sub/a.py']);
    const up = leaklint(['staged', '-f', 'json', '../top.py'], { cwd: sub });
    expect(JSON.parse(up.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['top.py']);
  });

  it('reads every binary blob of the commit through one cat-file, after one size check for all', () => {
    const repo = committed({ 'x.txt': 'x\n' });
    writeFiles(repo, {
      'notes-utf16.txt': utf16(`first\nTOKEN=${TOKEN}\n`),
      'image.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]),
      'big.bin': Buffer.concat([Buffer.alloc(4096, 0), Buffer.from(`T=${TOKEN}`)]),
      // A key file whose name alone does not decide: the path rule reads its blob (binary here) from the same batch.
      'server.key': Buffer.concat([Buffer.from('-----BEGIN RSA PRIVATE KEY-----\n'), Buffer.from([0, 1, 0, 2])]),
    });
    git(repo, 'add', '.');
    const shim = loggingGit();
    const r = leaklint(['staged', '-f', 'json', '--max-file-size', '1000'], { cwd: repo, env: shim.env });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(
      report.findings.map((f: { file: string; ruleId: string; line: number }) => [f.file, f.ruleId, f.line]).sort(),
    ).toEqual([
      ['notes-utf16.txt', 'huggingface-user-token', 2],
      ['server.key', 'private-key-file', 1],
    ]);
    expect(report.summary.skippedBinary).toBe(2);
    expect(report.summary.skippedLarge).toBe(1);
    expect(shim.calls()).toEqual(['cat-file --batch', 'cat-file --batch-check', 'diff', 'rev-parse']);
  });

  it('asks the sizes of the blobs path rules read once for the commit, then reads each', () => {
    const repo = committed({ 'x.txt': 'x\n' });
    writeFiles(repo, {
      '.npmrc': 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=q7Zr2LmX9pWvB4nKc8Td\n',
      'deploy/credentials': '[default]\naws_access_key_id = QWxhZGRpbjpvcGVuIHNlc2FtZQ\n',
      'ok.py': 'x = 2\n',
    });
    git(repo, 'add', '.');
    const shim = loggingGit();
    const r = leaklint(['staged', '-f', 'json'], { cwd: repo, env: shim.env });
    expect(r.status).toBe(1);
    const rules = JSON.parse(r.stdout).findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`);
    expect(rules).toContain('.npmrc npm-npmrc-with-token');
    expect(rules).toContain('deploy/credentials aws-credentials-file');
    expect(shim.calls()).toEqual(['cat-file --batch-check', 'cat-file blob', 'cat-file blob', 'diff', 'rev-parse']);
  });

  it('reads nothing but the diff for a commit of text files, new ones included', () => {
    const repo = committed({ 'x.txt': 'x\n' });
    writeFiles(repo, { 'new.py': 'n = 1\n', 'x.txt': 'y\n' });
    git(repo, 'add', '.');
    const shim = loggingGit();
    const r = leaklint(['staged', '-f', 'json'], { cwd: repo, env: shim.env });
    expect(r.status).toBe(0);
    expect(shim.calls()).toEqual(['diff', 'rev-parse']);
  });

  it('still names a missing binary blob (a partial index) as unreadable', () => {
    const repo = committed({ 'x.txt': 'x\n' });
    writeFiles(repo, { 'gone.bin': Buffer.from([0, 1, 2, 3]) });
    git(repo, 'add', 'gone.bin');
    const oid = git(repo, 'rev-parse', ':gone.bin').trim();
    execFileSync('rm', ['-f', join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2))]);
    const r = leaklint(['staged', '-f', 'json'], { cwd: repo });
    const report = JSON.parse(r.stdout);
    expect(report.summary.warnings.join('\n')).toContain(`blob ${oid} is missing`);
  });
});

describe('leaklint staged: compiled-code cache', () => {
  function stagedRepo(): string {
    const repo = committed({ 'a.py': 'a = 1\n' });
    writeFiles(repo, { 'a.py': `A = "${TOKEN}"\n` });
    git(repo, 'add', '.');
    return repo;
  }

  it('writes a cache on the first run and reports the same with it', () => {
    const repo = stagedRepo();
    const dir = tempDir('leaklint-cache-');
    const first = leaklint(['staged', '-f', 'json'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: dir } });
    expect(cacheFiles(dir)).toHaveLength(1);
    const file = join(dir, cacheFiles(dir)[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = statSync(file).mtimeMs;
    const second = leaklint(['staged', '-f', 'json'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: dir } });
    expect(second).toEqual(first);
    expect(first.status).toBe(1);
    // A cache that was used is not written again.
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('writes no cache after a usage error, and writes it after the next run, which did its work', () => {
    const repo = stagedRepo();
    const dir = tempDir('leaklint-cache-');
    const failed = leaklint(['staged', '--format', 'nonesuch'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: dir } });
    expect(failed.status).toBe(2);
    expect(cacheFiles(dir)).toHaveLength(0);
    const done = leaklint(['staged', '-f', 'json'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: dir } });
    expect(done.status).toBe(1);
    expect(cacheFiles(dir)).toHaveLength(1);
  });

  it('ignores a damaged cache (flipped bytes, cut short, garbage) and replaces it', () => {
    const repo = stagedRepo();
    const dir = tempDir('leaklint-cache-');
    const clean = leaklint(['staged', '-f', 'json'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: dir } });
    const file = join(dir, cacheFiles(dir)[0]!);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    for (let i = Math.floor(flipped.length / 2); i < flipped.length; i += 97) flipped[i] = flipped[i]! ^ 0x5a;
    for (const damaged of [
      flipped,
      good.subarray(0, Math.floor(good.length / 3)),
      Buffer.from('not a cache at all'),
      Buffer.alloc(0),
    ]) {
      writeFileSync(file, damaged);
      const r = leaklint(['staged', '-f', 'json'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: dir } });
      expect(r).toEqual(clean);
      // Rejected, so written again from this run's compiled code.
      expect(readFileSync(file).equals(damaged)).toBe(false);
    }
  });

  it('runs as usual when the cache directory cannot be made or is not private', () => {
    const repo = stagedRepo();
    const base = tempDir('leaklint-cache-');
    const clean = leaklint(['staged', '-f', 'json'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: join(base, 'private') } });
    // A path under a regular file cannot be a directory, whoever runs the test (root included).
    writeFileSync(join(base, 'file'), 'x');
    const blocked = leaklint(['staged', '-f', 'json'], {
      cwd: repo,
      env: { LEAKLINT_CACHE_DIR: join(base, 'file', 'cache') },
    });
    expect(blocked).toEqual(clean);
    const shared = join(base, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const open = leaklint(['staged', '-f', 'json'], { cwd: repo, env: { LEAKLINT_CACHE_DIR: shared } });
    expect(open).toEqual(clean);
    expect(existsSync(shared) && cacheFiles(shared)).toEqual([]);
  });
});

describe('loadCachedCommonJs', () => {
  function script(dir: string, body: string): string {
    const file = join(dir, 'mod.cjs');
    writeFileSync(file, body);
    return file;
  }

  it('runs a script as require would, then from the cache, and not from a cache of another version of it', () => {
    const dir = tempDir('leaklint-cache-');
    const cache = join(dir, 'cache');
    mkdirSync(cache, { mode: 0o700 });
    const file = script(
      dir,
      'exports.twice = (n) => 2 * n;\nexports.where = __filename;\nexports.path = require("node:path").sep;\n',
    );
    const first = loadCachedCommonJs(file, 't', cache);
    expect(first.cacheUsed).toBe(false);
    expect((first.exports.twice as (n: number) => number)(21)).toBe(42);
    expect(first.exports.where).toBe(file);
    expect(first.exports.path).toBe('/');
    first.save();
    const second = loadCachedCommonJs(file, 't', cache);
    expect(second.cacheUsed).toBe(true);
    expect((second.exports.twice as (n: number) => number)(4)).toBe(8);
    // Same length, different code (V8 alone would take the old code): the source checksum tells them apart.
    script(
      dir,
      'exports.twice = (n) => 3 * n;\nexports.where = __filename;\nexports.path = require("node:path").sep;\n',
    );
    const changed = loadCachedCommonJs(file, 't', cache);
    expect(changed.cacheUsed).toBe(false);
    expect((changed.exports.twice as (n: number) => number)(2)).toBe(6);
  });

  it('does not hand V8 cached code whose checksum fails, and works with no cache directory', () => {
    const dir = tempDir('leaklint-cache-');
    const file = script(dir, 'module.exports = { answer: [1, 2, 3].map((x) => x * 2) };\n');
    loadCachedCommonJs(file, 'c', dir).save();
    const [name] = cacheFiles(dir);
    const raw = readFileSync(join(dir, name!));
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0xff;
    writeFileSync(join(dir, name!), raw);
    const damaged = loadCachedCommonJs(file, 'c', dir);
    expect(damaged.cacheUsed).toBe(false);
    expect(damaged.exports.answer).toEqual([2, 4, 6]);
    const none = loadCachedCommonJs(file, 'c', undefined);
    expect(none.exports.answer).toEqual([2, 4, 6]);
    none.save();
  });
});

describe('cacheDir', () => {
  it('makes a private directory and refuses one that others could write to, a symlink, or a path under a file', () => {
    const base = tempDir('leaklint-cache-');
    const made = join(base, 'a', 'b');
    expect(cacheDir({ LEAKLINT_CACHE_DIR: made })).toBe(made);
    expect(statSync(made).mode & 0o777).toBe(0o700);
    const open = join(base, 'open');
    mkdirSync(open);
    chmodSync(open, 0o775);
    expect(cacheDir({ LEAKLINT_CACHE_DIR: open })).toBeUndefined();
    const link = join(base, 'link');
    symlinkSync(made, link);
    expect(cacheDir({ LEAKLINT_CACHE_DIR: link })).toBeUndefined();
    writeFileSync(join(base, 'file'), 'x');
    expect(cacheDir({ LEAKLINT_CACHE_DIR: join(base, 'file', 'c') })).toBeUndefined();
  });
});
