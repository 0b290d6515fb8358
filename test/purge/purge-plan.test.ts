import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { base62, crc32 } from '../../src/rulekit/rulekit.js';
import {
  blobCallbackFile,
  buildPurgePlan,
  pathLine,
  replacementLines,
  replacementsFile,
} from '../../src/purge/plan.js';
import { ROOT, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';
import type { Finding } from '../../src/types.js';

const env = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const hasFilterRepo = spawnSync('git', ['filter-repo', '--version'], { encoding: 'utf8' }).status === 0;
if (!hasFilterRepo)
  console.warn(
    'purge-plan.test: git filter-repo is not installed: skipping the end-to-end purge test (apt-get install git-filter-repo; .ci/run installs it)',
  );

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
    ruleId: 'r',
    provider: 'p',
    severity: 'error',
    message: 'm',
    file: 'a.py',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    secret: '',
    preview: '',
    fingerprint: 'f',
    origin: { kind: 'worktree' },
    kind: 'content',
    ...over,
  };
}

/**
 * Each sample after what git filter-repo does to a blob (2.38's
 * get_replace_text and _tweak_blob, in Python): the literals, then the
 * regexes, of replacements.txt, on blobs without a NUL in their first 8 KiB;
 * then the blob callback on every blob.
 */
function applyAsFilterRepo(replacements: string, callback: string, samples: Buffer[]): Buffer[] {
  const script = String.raw`
import base64, json, re, sys
job = json.load(sys.stdin)
literals, regexes = [], []
for line in base64.b64decode(job['replacements']).splitlines():
  replacement = b'***REMOVED***'
  if b'==>' in line:
    line, replacement = line.rsplit(b'==>', 1)
  if line.startswith(b'regex:'):
    regexes.append((re.compile(line[6:]), replacement))
  elif line:
    literals.append((line[8:] if line.startswith(b'literal:') else line, replacement))
exec('def callback(blob, _do_not_use_this_var = None):\n  ' + '\n  '.join(job['callback'].splitlines()), globals())
class Blob: pass
out = []
for sample in job['samples']:
  blob = Blob()
  blob.data = base64.b64decode(sample)
  if b'\0' not in blob.data[0:8192]:
    for literal, replacement in literals: blob.data = blob.data.replace(literal, replacement)
    for regex, replacement in regexes: blob.data = regex.sub(replacement, blob.data)
  callback(blob)
  out.append(base64.b64encode(blob.data).decode())
print(json.dumps(out))
`;
  const input = JSON.stringify({
    replacements: Buffer.from(replacements).toString('base64'),
    callback,
    samples: samples.map((b) => b.toString('base64')),
  });
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as string[]).map((b) => Buffer.from(b, 'base64'));
}
const hasPython = spawnSync('python3', ['--version']).status === 0;

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('purge plan files', () => {
  it('writes each secret as a literal replaced by ***REMOVED***, longest first; one that another contains as a regex after it', () => {
    const plan = buildPurgePlan([
      finding({ secret: 'abc123456789' }),
      finding({ secret: 'abc1234567890xyz' }),
      finding({ secret: 'abc123456789', file: 'b.py' }),
    ]);
    // filter-repo replaces every literal before any regex: as a literal, the shorter one would break up the longer one's escaped forms.
    expect(plan.replacements).toEqual([
      'literal:abc1234567890xyz==>***REMOVED***',
      'regex:abc123456789==>***REMOVED***',
    ]);
    expect(plan.secrets).toHaveLength(2);
  });

  it('turns a key payload into a regex that allows the layout the rule stripped, and adds the JSON-escaped form of other secrets', () => {
    // filter-repo splits at the last `==>`, so a trailing `=` of the secret stays on its side.
    expect(replacementLines('AB+/=', true)).toEqual([
      `regex:A(?:\\s|\\\\[nr]|["',])*B(?:\\s|\\\\[nr]|["',])*(?:\\+|\\\\u002[bB])(?:\\s|\\\\[nr]|["',])*(?:\\/|\\\\/|\\\\u002[fF])(?:\\s|\\\\[nr]|["',])*(?:\\=|\\\\u003[dD])==>***REMOVED***`,
    ]);
    expect(replacementLines('c2VjcmV0==')).toEqual([
      'literal:c2VjcmV0====>***REMOVED***',
      'regex:c2VjcmV0(?:\\=|\\\\u003[dD])(?:\\=|\\\\u003[dD])==>***REMOVED***',
    ]);
    expect(replacementLines('line one\nline two')[0]).toBe('regex:line\\ one\\r?\\nline\\ two==>***REMOVED***');
    // Letters, digits, `_`, `-` and `.` are never escaped: no second pattern.
    expect(replacementLines('hf_abc-def.ghi')).toEqual(['literal:hf_abc-def.ghi==>***REMOVED***']);
  });

  it('purges both halves of a key pair: the id alone would be reported as half a credential', () => {
    const plan = buildPurgePlan([
      finding({
        secret: 'wJa9rXUtnFEMIK7MDENGbPxRfiCYzz3KEYq4Z1ab',
        pairId: 'AKIAQ7ZK3M5N2P4R6T8V',
        ruleId: 'aws-access-key',
      }),
    ]);
    expect(plan.replacements).toContain('literal:AKIAQ7ZK3M5N2P4R6T8V==>***REMOVED***');
    expect(plan.secrets).toEqual([expect.objectContaining({ ruleId: 'aws-access-key', withPartner: true })]);
  });

  it('names each credential file exactly: an anchored regex, never a literal that also matches a directory', () => {
    expect(pathLine('credentials')).toBe('regex:^credentials\\Z');
    expect(pathLine('#notes.env')).toBe('regex:^\\#notes\\.env\\Z');
    expect(pathLine('a==>b/.env')).toBe('regex:^a\\=\\=\\>b\\/\\.env\\Z');
    const plan = buildPurgePlan([
      finding({ kind: 'path', file: 'svc/.env' }),
      finding({ kind: 'path', file: '.netrc' }),
    ]);
    expect(plan.paths).toEqual(['regex:^\\.netrc\\Z', 'regex:^svc\\/\\.env\\Z']);
    expect(plan.replacements).toEqual([]);
  });

  it.skipIf(!hasPython)(
    'replaces every stored form of the secrets, as filter-repo applies the plan (UTF-16 with and without BOM, JSON escapes, keys in notebooks)',
    () => {
      const aws = 'wJa9rXUtnFEMI/K7MDENG+bPxRfiCYzz3KEYq4Z1';
      const hf = fakeHfToken(77);
      const pemLines = PEM.split('\n').slice(1, -2);
      const payload = pemLines.join('');
      const plan = buildPurgePlan([
        finding({ secret: aws, pairId: 'AKIAQ7ZK3M5N2P4R6T8V' }),
        finding({ secret: hf }),
        finding({ secret: payload, ruleId: 'private-key-pem', line: 1, endLine: 30 }),
      ]);
      const samples: Array<[string, Buffer]> = [
        ['utf-8', Buffer.from(`key = "${aws}"\nid = AKIAQ7ZK3M5N2P4R6T8V\n`)],
        ['JSON \\/', Buffer.from(JSON.stringify({ key: aws }).replace(/\//g, '\\/'))],
        [
          'JSON \\u002F, \\u002b',
          Buffer.from(JSON.stringify({ key: aws }).replace('/', '\\u002F').replace('+', '\\u002b')),
        ],
        ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`HF_TOKEN=${hf}\r\n`, 'utf16le')])],
        ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(`HF_TOKEN=${hf}\n`)])],
        ['UTF-16LE, odd offset, no BOM', Buffer.concat([Buffer.from([0x41]), Buffer.from(`${hf} ${aws}`, 'utf16le')])],
        ['UTF-16BE, no BOM', utf16be(`x ${aws}`)],
        [
          'PEM, CRLF, indented',
          Buffer.from(
            PEM.split('\n')
              .map((l) => `    ${l}`)
              .join('\r\n'),
          ),
        ],
        ['PEM in a JSON string', Buffer.from(JSON.stringify({ private_key: PEM }))],
        ['PEM in notebook source lines', Buffer.from(JSON.stringify({ source: PEM.split(/(?<=\n)/) }, null, 1))],
        ['PEM in UTF-16LE', Buffer.from(PEM.replace(/\n/g, '\r\n'), 'utf16le')],
      ];
      const after = applyAsFilterRepo(
        replacementsFile(plan),
        blobCallbackFile(plan),
        samples.map(([, b]) => b),
      );
      after.forEach((blob, i) => {
        const name = samples[i]![0];
        const text = name.includes('UTF-16BE')
          ? Buffer.from(blob.subarray(blob.length % 2))
              .swap16()
              .toString('utf16le')
          : name.includes('UTF-16')
            ? blob.subarray(name.includes('odd') ? 1 : 0).toString('utf16le')
            : blob.toString('utf8');
        expect(text, name).toContain('***REMOVED***');
        for (const secret of [aws, hf, 'AKIAQ7ZK3M5N2P4R6T8V', ...pemLines]) expect(text, name).not.toContain(secret);
      });
    },
  );
});

describe('leaklint purge-plan', () => {
  it('writes the plan outside the repository, owner-only, and prints the commands and warnings but no secret', async () => {
    const repo = leakyRepo();
    const out = join(tempDir(), 'plan');
    const r = await leaklintIn(['purge-plan', '--out', out], { cwd: repo, env });
    expect(r.status, r.stderr).toBe(0);
    for (const secret of [...Object.values(SECRETS), PEM_BODY_LINE]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(readFileSync(join(out, 'paths.txt'), 'utf8')).not.toContain(secret);
      expect(readFileSync(join(out, 'purge.sh'), 'utf8')).not.toContain(secret);
    }
    expect(statSync(out).mode & 0o777).toBe(0o700);
    expect(statSync(join(out, 'replacements.txt')).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'blob-callback.py')).mode & 0o777).toBe(0o600);
    expect(r.stdout).toContain(`--blob-callback ${join(out, 'blob-callback.py')}`);
    // No refs/replace/* left to push or to show up in the re-scan; the notes cloned and pushed.
    expect(r.stdout).toContain('--replace-refs delete-no-add');
    expect(r.stdout).toContain("git clone --no-local --config 'remote.origin.fetch=+refs/notes/*:refs/notes/*'");
    expect(r.stdout).toContain("git push --force origin 'refs/notes/*'");
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
    expect(readFileSync(join(out, 'paths.txt'), 'utf8')).toContain('regex:^\\.env\\Z\n');
  });

  it.skipIf(!hasFilterRepo)(
    'followed by purge.sh (git filter-repo on every ref) leaves a history in which leaklint history finds nothing',
    async () => {
      const repo = leakyRepo();
      const before = await leaklintIn(['history', '-f', 'json'], { cwd: repo, env });
      expect(before.status).toBe(1);
      expect(JSON.parse(before.stdout).findings.length).toBeGreaterThanOrEqual(5);

      const out = join(tempDir(), 'plan');
      expect((await leaklintIn(['purge-plan', '--out', out], { cwd: repo, env })).status).toBe(0);
      const clone = join(dirname(repo), `${basename(repo)}-purged`);
      git(dirname(repo), 'clone', '-q', '--no-local', repo, clone);
      const purge = spawnSync('sh', [join(out, 'purge.sh')], {
        cwd: clone,
        env: { ...process.env, ...env, NO_COLOR: '1' },
        encoding: 'utf8',
      });
      expect(purge.status, purge.stderr + purge.stdout).toBe(0);
      expect(purge.stderr).toContain('finds nothing');

      const after = await leaklintIn(['history', '-f', 'json'], { cwd: clone, env });
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
    },
  );

  it.skipIf(!hasFilterRepo)(
    'purge.sh refuses a clone that lacks the notes the repository has (exit 2), before rewriting anything',
    async () => {
      const repo = leakyRepo();
      git(repo, 'notes', 'add', '-m', `token ${fakeHfToken(95)}`, 'HEAD');
      const out = join(tempDir(), 'plan');
      expect((await leaklintIn(['purge-plan', '--out', out], { cwd: repo, env })).status).toBe(0);
      const clone = join(dirname(repo), `${basename(repo)}-plain`);
      git(dirname(repo), 'clone', '-q', '--no-local', repo, clone);
      const head = git(clone, 'rev-parse', 'HEAD');
      const purge = spawnSync('sh', [join(out, 'purge.sh')], {
        cwd: clone,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(purge.status).toBe(2);
      expect(purge.stderr).toContain('refs/notes/commits is not in this clone');
      expect(git(clone, 'rev-parse', 'HEAD')).toBe(head);
    },
  );

  it('says so and writes nothing when history holds nothing to purge (exit 0)', async () => {
    const repo = tempRepo();
    writeFiles(repo, { 'app.py': 'print("hello")\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'clean');
    const out = join(tempDir(), 'plan');
    const r = await leaklintIn(['purge-plan', '--out', out], { cwd: repo, env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nothing to purge');
    expect(existsSync(out)).toBe(false);
  });

  it('defaults to a directory beside the repository', async () => {
    const repo = leakyRepo();
    const r = await leaklintIn(['purge-plan'], { cwd: repo, env });
    expect(r.status).toBe(0);
    const dir = join(dirname(repo), `${basename(repo)}-leaklint-purge`);
    expect(existsSync(join(dir, 'replacements.txt'))).toBe(true);
    expect(r.stdout).toContain(join(dir, 'purge.sh'));
  });

  it('refuses a plan directory inside the work tree unless .gitignore excludes it (exit 2)', async () => {
    const repo = leakyRepo();
    const refused = await leaklintIn(['purge-plan', '--out', 'purge'], { cwd: repo, env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not ignored');
    expect(existsSync(join(repo, 'purge'))).toBe(false);
    writeFiles(repo, { '.gitignore': 'purge/\n' });
    expect((await leaklintIn(['purge-plan', '--out', 'purge'], { cwd: repo, env })).status).toBe(0);
  });

  it('refuses a non-empty directory that holds no earlier plan (exit 2)', async () => {
    const repo = leakyRepo();
    const out = tempDir();
    writeFiles(out, { 'notes.txt': 'mine\n' });
    const r = await leaklintIn(['purge-plan', '--out', out], { cwd: repo, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not empty');
  });

  it('exits 0 with nothing to purge in a repository without commits, and 2 outside a repository', async () => {
    const empty = await leaklintIn(['purge-plan', '--out', join(tempDir(), 'p')], { cwd: tempRepo(), env });
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('nothing to purge');
    const outside = await leaklintIn(['purge-plan'], { cwd: tempDir(), env });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('not a git repository');
  });
});

describe('stored forms of decoded and joined secrets', () => {
  it('reads back the text between a finding’s start and end, across lines too', async () => {
    const { spanOf } = await import('../../src/purge/stored-spans.js');
    const text = 'a: 1\nauth: aGY6eHl6MTIz\nT = ("hf_ab"\n     "cd")\n';
    expect(spanOf(text, { line: 2, column: 7, endLine: 2, endColumn: 19 })).toBe('aGY6eHl6MTIz');
    expect(spanOf(text, { line: 3, column: 6, endLine: 4, endColumn: 10 })).toBe('"hf_ab"\n     "cd"');
    expect(spanOf(text, { line: 9, column: 1, endLine: 9, endColumn: 4 })).toBeUndefined();
  });
});

describe('stored forms read back from history', () => {
  it('skip a file whose name holds a line break, so the answers for the other files stay in order', async () => {
    const { storedForms } = await import('../../src/purge/stored-spans.js');
    const repo = tempRepo();
    writeFiles(repo, { 'odd\nname.txt': 'x = 1\n', 'b.yaml': 'auth: c2VjcmV0LXZhbHVlLWhlcmU=\n' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'both');
    const sha = git(repo, 'rev-parse', 'HEAD').trim();
    const place = (file: string, column: number, endColumn: number) =>
      ({
        kind: 'content',
        secret: 'secret-value-here',
        file,
        line: 1,
        column,
        endLine: 1,
        endColumn,
        origin: { kind: 'commit', commit: { sha, author: 'a', date: '' } },
      }) as unknown as Finding;
    expect(storedForms(repo, [place('odd\nname.txt', 1, 6), place('b.yaml', 7, 31)], 1e6)).toEqual([
      'c2VjcmV0LXZhbHVlLWhlcmU=',
    ]);
  });
});
