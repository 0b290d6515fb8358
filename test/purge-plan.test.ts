import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ROOT, fakeHfToken, git, leaklint, tempDir, tempRepo, writeFiles } from './helpers.js';
import { base62, crc32 } from '../src/rulekit.js';
import { buildPurgePlan, pathLine, replacementLine } from '../src/purge.js';
import type { Finding } from '../src/types.js';

const env = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const hasFilterRepo = spawnSync('git', ['filter-repo', '--version'], { encoding: 'utf8' }).status === 0;
if (!hasFilterRepo) console.warn('purge-plan.test: git filter-repo is not installed: skipping the end-to-end purge test (apt-get install git-filter-repo; .ci/run installs it)');

const letters = (seed: number, n: number) => fakeHfToken(seed).slice(3, 3 + n);
const githubBody = letters(91, 30);
const SECRETS = {
  removed: fakeHfToken(90),
  inHead: `pnu_${letters(92, 30)}Q7m2Xk`,
  tagOnly: `ghp_${githubBody}${base62(crc32(githubBody), 6)}`,
  dotenv: `sk-proj-${letters(93, 20)}T3BlbkFJ${letters(94, 20)}`,
};
// A fake key of the right shape, from the allowlisted fixtures, with CRLF line endings.
const PEM = readFileSync(join(ROOT, 'fixtures', 'private-key', 'positive', 'server.pem'), 'utf8');
const PEM_BODY_LINE = PEM.split('\n')[1]!;

/** Secrets that were committed and removed, one still in HEAD, one reachable only from a tag, a committed .env and a key. */
function leakyRepo(): string {
  const repo = tempRepo();
  writeFiles(repo, { 'README.md': '# demo\n' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  writeFiles(repo, {
    'train.py': `HF_TOKEN = "${SECRETS.removed}"\n`,
    'flows/deploy.sh': `export PREFECT_API_KEY=${SECRETS.inHead}\n`,
    '.env': `OPENAI_API_KEY=${SECRETS.dotenv}\n`,
    'certs/server.pem': PEM.replace(/\n/g, '\r\n'),
  });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'train');
  git(repo, 'rm', '-q', '--cached', '.env', 'train.py', 'certs/server.pem');
  git(repo, 'commit', '-q', '-m', 'remove the secrets');
  git(repo, 'checkout', '-q', '-b', 'release');
  writeFiles(repo, { 'ci.yml': `token: ${SECRETS.tagOnly}\n` });
  git(repo, 'add', 'ci.yml');
  git(repo, 'commit', '-q', '-m', 'release');
  git(repo, 'tag', 'v1');
  git(repo, 'checkout', '-q', 'main');
  git(repo, 'branch', '-q', '-D', 'release');
  return repo;
}

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'r', provider: 'p', severity: 'error', message: 'm', file: 'a.py', line: 1, column: 1, endLine: 1, endColumn: 2,
    secret: '', preview: '', fingerprint: 'f', origin: { kind: 'worktree' }, kind: 'content', ...over,
  };
}

describe('purge plan files', () => {
  it('writes each secret as a literal replaced by ***REMOVED***, longest first', () => {
    const plan = buildPurgePlan([finding({ secret: 'abc123456789' }), finding({ secret: 'abc1234567890xyz' }), finding({ secret: 'abc123456789', file: 'b.py' })]);
    expect(plan.replacements).toEqual(['literal:abc1234567890xyz==>***REMOVED***', 'literal:abc123456789==>***REMOVED***']);
    expect(plan.secrets).toHaveLength(2);
  });

  it('turns a key payload the scanner read across lines into a regex that allows line breaks and indentation', () => {
    // filter-repo splits at the last `==>`, so a trailing `=` of the secret stays on its side.
    expect(replacementLine('AB+/=', true)).toBe('regex:A\\s*B\\s*\\+\\s*\\/\\s*\\===>***REMOVED***');
    expect(replacementLine('c2VjcmV0==')).toBe('literal:c2VjcmV0====>***REMOVED***');
    expect(replacementLine('line one\nline two')).toBe('regex:line\\ one\\r?\\nline\\ two==>***REMOVED***');
  });

  it('lists credential files as literal paths, and odd names as anchored regexes', () => {
    expect(pathLine('.env')).toBe('literal:.env');
    expect(pathLine('#notes.env')).toBe('literal:#notes.env');
    expect(pathLine('a==>b/.env')).toBe('regex:^a\\=\\=\\>b\\/\\.env$');
    const plan = buildPurgePlan([finding({ kind: 'path', file: 'svc/.env' }), finding({ kind: 'path', file: '.netrc' })]);
    expect(plan.paths).toEqual(['literal:.netrc', 'literal:svc/.env']);
    expect(plan.replacements).toEqual([]);
  });
});

describe('leaklint purge-plan', () => {
  it('writes the plan outside the repository, owner-only, and prints the commands and warnings but no secret', () => {
    const repo = leakyRepo();
    const out = join(tempDir(), 'plan');
    const r = leaklint(['purge-plan', '--out', out], { cwd: repo, env });
    expect(r.status, r.stderr).toBe(0);
    for (const secret of [...Object.values(SECRETS), PEM_BODY_LINE]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(readFileSync(join(out, 'paths.txt'), 'utf8')).not.toContain(secret);
      expect(readFileSync(join(out, 'purge.sh'), 'utf8')).not.toContain(secret);
    }
    expect(statSync(out).mode & 0o777).toBe(0o700);
    expect(statSync(join(out, 'replacements.txt')).mode & 0o777).toBe(0o600);
    expect(r.stdout).toContain(join(out, 'replacements.txt'));
    expect(r.stdout).toMatch(/rotate every secret/i);
    expect(r.stdout).toMatch(/forks/);
    expect(r.stdout).toMatch(/pull-request/);
    expect(r.stdout).toMatch(/re-clone/);
    expect(r.stdout).toContain('git push --force --all');
    expect(r.stdout).toContain(`git filter-repo --replace-text ${join(out, 'replacements.txt')}`);
    expect(r.stdout).toContain('--paths-from-file');
    expect(r.stdout).toMatch(/leaklint\.js history/);

    const replacements = readFileSync(join(out, 'replacements.txt'), 'utf8');
    for (const secret of Object.values(SECRETS)) expect(replacements).toContain(`literal:${secret}==>***REMOVED***`);
    expect(readFileSync(join(out, 'paths.txt'), 'utf8')).toContain('literal:.env\n');
  });

  it.skipIf(!hasFilterRepo)('followed by purge.sh (git filter-repo on every ref) leaves a history in which leaklint history finds nothing', () => {
    const repo = leakyRepo();
    const before = leaklint(['history', '-f', 'json'], { cwd: repo, env });
    expect(before.status).toBe(1);
    expect(JSON.parse(before.stdout).findings.length).toBeGreaterThanOrEqual(5);

    const out = join(tempDir(), 'plan');
    expect(leaklint(['purge-plan', '--out', out], { cwd: repo, env }).status).toBe(0);
    const clone = join(dirname(repo), `${basename(repo)}-purged`);
    git(dirname(repo), 'clone', '-q', '--no-local', repo, clone);
    const purge = spawnSync('sh', [join(out, 'purge.sh')], { cwd: clone, env: { ...process.env, ...env, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(purge.status, purge.stderr + purge.stdout).toBe(0);
    expect(purge.stderr).toContain('finds nothing');

    const after = leaklint(['history', '-f', 'json'], { cwd: clone, env });
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout).findings).toEqual([]);
    const everything = git(clone, 'log', '-p', '--all', '--format=%H %s');
    for (const secret of [...Object.values(SECRETS), PEM_BODY_LINE]) expect(everything).not.toContain(secret);
    expect(git(clone, 'log', '--all', '--format=%s', '--', '.env')).toBe('');
    // The rest of the history is kept: the tag and the files that held no secret.
    expect(git(clone, 'tag')).toContain('v1');
    expect(git(clone, 'show', 'v1:ci.yml')).toContain('***REMOVED***');
    expect(git(clone, 'show', 'HEAD:flows/deploy.sh')).toContain('***REMOVED***');
    expect(git(clone, 'show', 'HEAD:README.md')).toBe('# demo\n');
  });

  it('says so and writes nothing when history holds nothing to purge (exit 0)', () => {
    const repo = tempRepo();
    writeFiles(repo, { 'app.py': 'print("hello")\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'clean');
    const out = join(tempDir(), 'plan');
    const r = leaklint(['purge-plan', '--out', out], { cwd: repo, env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nothing to purge');
    expect(existsSync(out)).toBe(false);
  });

  it('defaults to a directory beside the repository', () => {
    const repo = leakyRepo();
    const r = leaklint(['purge-plan'], { cwd: repo, env });
    expect(r.status).toBe(0);
    const dir = join(dirname(repo), `${basename(repo)}-leaklint-purge`);
    expect(existsSync(join(dir, 'replacements.txt'))).toBe(true);
    expect(r.stdout).toContain(join(dir, 'purge.sh'));
  });

  it('refuses a plan directory inside the work tree unless .gitignore excludes it (exit 2)', () => {
    const repo = leakyRepo();
    const refused = leaklint(['purge-plan', '--out', 'purge'], { cwd: repo, env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not ignored');
    expect(existsSync(join(repo, 'purge'))).toBe(false);
    writeFiles(repo, { '.gitignore': 'purge/\n' });
    expect(leaklint(['purge-plan', '--out', 'purge'], { cwd: repo, env }).status).toBe(0);
  });

  it('refuses a non-empty directory that holds no earlier plan (exit 2)', () => {
    const repo = leakyRepo();
    const out = tempDir();
    writeFiles(out, { 'notes.txt': 'mine\n' });
    const r = leaklint(['purge-plan', '--out', out], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not empty');
  });

  it('exits 0 with nothing to purge in a repository without commits, and 2 outside a repository', () => {
    const empty = leaklint(['purge-plan', '--out', join(tempDir(), 'p')], { cwd: tempRepo(), env });
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('nothing to purge');
    const outside = leaklint(['purge-plan'], { cwd: tempDir(), env });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('not a git repository');
  });
});
