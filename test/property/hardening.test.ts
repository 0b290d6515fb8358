// Untrusted repositories: symlinks out of the repository, path traversal in
// tree entries, odd file names, many refs, big blobs and oddly quoted config.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

interface JsonReport {
  findings: Array<{
    ruleId: string;
    file: string;
    secret: string;
    message: string;
    history?: { refs: string[]; refCount: number };
  }>;
  summary: { warnings: string[]; skippedLarge: number };
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

function commitAll(repo: string, msg = 'c'): void {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', msg);
}

describe('symlinks pointing outside the repository are never followed', () => {
  function setup() {
    const outside = tempDir('leaklint-outside-');
    const token = fakeHfToken(401);
    writeFiles(outside, { 'secret.txt': `HF = "${token}"\n`, 'dir/inner.txt': `HF = "${token}"\n` });
    const repo = tempRepo();
    writeFiles(repo, { 'app.py': 'x = 1\n' });
    symlinkSync(join(outside, 'secret.txt'), join(repo, 'tracked-link.txt'));
    symlinkSync(join(outside, 'dir'), join(repo, 'tracked-dir'));
    commitAll(repo);
    symlinkSync(join(outside, 'secret.txt'), join(repo, 'untracked-link.txt'));
    symlinkSync(join(outside, 'dir'), join(repo, 'untracked-dir'));
    return { repo, outside, token };
  }

  for (const args of [
    ['files'],
    ['files', '--untracked'],
    ['files', '.'],
    ['files', 'tracked-dir'],
    ['files', 'untracked-dir'],
    ['files', 'tracked-link.txt'],
    ['staged'],
    ['history'],
    ['audit'],
  ]) {
    it(`leaklint ${args.join(' ')}`, async () => {
      const { repo, token } = setup();
      const r = await leaklintIn([...args, '-f', 'json', '--show-secrets'], { cwd: repo });
      expect(r.stdout + r.stderr).not.toContain(token);
      expect([0, 1]).toContain(r.status);
    });
  }

  it('a directory walk outside git does not follow them either', async () => {
    const { outside, token } = setup();
    const plain = tempDir('leaklint-plain-');
    writeFiles(plain, { 'a.txt': 'nothing\n' });
    symlinkSync(join(outside, 'secret.txt'), join(plain, 'link.txt'));
    symlinkSync(join(outside, 'dir'), join(plain, 'dir-link'));
    for (const args of [['files', '.'], ['audit']]) {
      const r = await leaklintIn([...args, '-f', 'json', '--show-secrets'], { cwd: plain });
      expect(r.stdout + r.stderr).not.toContain(token);
      expect(r.status).toBe(0);
    }
  });
});

describe('path traversal in tree entries', () => {
  it('a tree entry named ../../x is reported under that name and nothing is read or written outside the target', async () => {
    const parent = tempDir('leaklint-parent-');
    const repo = join(parent, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    const token = fakeHfToken(404);
    const secretBlob = execFileSync('git', ['hash-object', '-w', '--stdin'], {
      cwd: repo,
      input: `HF = "${token}"\n`,
      encoding: 'utf8',
    }).trim();
    // git's own commands refuse such names; a hostile repository can still hold them.
    const entry = (mode: string, name: string, oid: string) =>
      Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, 'hex')]);
    const tree = entry('100644', '../../evil.py', secretBlob);
    const treeOid = execFileSync('git', ['hash-object', '-w', '-t', 'tree', '--literally', '--stdin'], {
      cwd: repo,
      input: tree,
      encoding: 'utf8',
    }).trim();
    const commit = execFileSync('git', ['commit-tree', treeOid, '-m', 'evil'], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'a',
        GIT_AUTHOR_EMAIL: 'a@b',
        GIT_COMMITTER_NAME: 'a',
        GIT_COMMITTER_EMAIL: 'a@b',
      },
    }).trim();
    git(repo, 'update-ref', 'refs/heads/main', commit);
    const before = readdirSync(parent).sort();
    const r = await leaklintIn(['history', '-f', 'json'], { cwd: repo });
    expect(r.status, r.stderr + r.stdout).toBe(1);
    const files = json(r.stdout).findings.map((f) => f.file);
    expect(files).toContain('../../evil.py');
    expect(readdirSync(parent).sort()).toEqual(before);
    expect(r.stdout + r.stderr).not.toContain(token);
  });
});

describe('file names with newlines, quotes, spaces, backslashes, non-ASCII and leading dashes', () => {
  // A backslash is an ordinary file-name character outside Windows: the finding keeps it.
  const NAMES = [
    'new\nline.py',
    'q"uo\'te.py',
    'with space.py',
    'ünï字.py',
    '-n.py',
    '--help.py',
    'tab\there.py',
    ' lead.py',
    'back\\slash.py',
  ];

  function repoWith(stage: 'committed' | 'staged') {
    const repo = tempRepo();
    writeFiles(repo, { 'base.txt': 'x\n' });
    commitAll(repo, 'base');
    const tokens = new Map<string, string>();
    NAMES.forEach((name, i) => {
      const token = fakeHfToken(410 + i);
      tokens.set(name, token);
      writeFileSync(join(repo, name), `T = "${token}"\n`);
    });
    git(repo, 'add', '-A');
    if (stage === 'committed') git(repo, 'commit', '-q', '-m', 'names');
    return { repo, tokens };
  }

  for (const [stage, args] of [
    ['committed', ['files']],
    ['committed', ['history']],
    ['committed', ['audit']],
    ['committed', ['diff', 'HEAD~1..HEAD']],
    ['staged', ['staged']],
    ['staged', ['files']],
  ] as const) {
    it(`${stage}, leaklint ${args.join(' ')}: each finding names its exact path`, async () => {
      const { repo, tokens } = repoWith(stage);
      const r = await leaklintIn([...args, '-f', 'json', '--show-secrets'], { cwd: repo });
      expect(r.status, r.stderr).toBe(1);
      const found = new Map(json(r.stdout).findings.map((f) => [f.secret, f.file]));
      for (const [name, token] of tokens) expect(found.get(token), JSON.stringify(name)).toBe(name);
    });
  }

  it('explicit paths with leading dashes work after --', async () => {
    const { repo, tokens } = repoWith('committed');
    const r = await leaklintIn(['files', '-f', 'json', '--show-secrets', '--', '-n.py', '--help.py'], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    expect(
      json(r.stdout)
        .findings.map((f) => f.secret)
        .sort(),
    ).toEqual([tokens.get('-n.py'), tokens.get('--help.py')].sort());
  });

  it('an explicit path with a backslash names that one file, in files and staged', async () => {
    const { repo, tokens } = repoWith('staged');
    for (const cmd of ['files', 'staged']) {
      const r = await leaklintIn([cmd, '-f', 'json', '--show-secrets', '--', 'back\\slash.py'], { cwd: repo });
      expect(r.status, `${cmd}: ${r.stderr}`).toBe(1);
      expect(json(r.stdout).findings.map((f) => [f.file, f.secret])).toEqual([
        ['back\\slash.py', tokens.get('back\\slash.py')],
      ]);
    }
  });
});

describe('big repositories', () => {
  // 100,000 refs run under `npm run fuzz` (test/property/fuzz.test.ts); here a few thousand, a size the plain run finishes in a second.
  it('5,000 refs: the secret is found once, every ref that reaches it is counted, and the first 20 are named', async () => {
    const repo = tempRepo();
    const token = fakeHfToken(420);
    writeFiles(repo, { 'a.py': `T = "${token}"\n` });
    commitAll(repo);
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const lines = ['# pack-refs with: peeled fully-peeled sorted'];
    for (let i = 0; i < 5_000; i++) lines.push(`${head} refs/heads/b${String(i).padStart(6, '0')}`);
    writeFileSync(join(repo, '.git', 'packed-refs'), lines.join('\n') + '\n');
    const r = await leaklintIn(['history', '-f', 'json'], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    const findings = json(r.stdout).findings.filter((f) => f.ruleId === 'huggingface-user-token');
    expect(findings.length).toBe(1);
    expect(findings[0]!.history!.refCount).toBe(5_001);
    // The branches in for-each-ref order (b000000 … before main), 20 of them: a report does not grow with findings × refs.
    expect(findings[0]!.history!.refs).toEqual(Array.from({ length: 20 }, (_, i) => `b${String(i).padStart(6, '0')}`));
  });

  it('a blob over --max-file-size is skipped with a warning, in history, staged and files', async () => {
    const repo = tempRepo();
    const token = fakeHfToken(421);
    writeFiles(repo, { 'small.txt': 'x\n' });
    commitAll(repo);
    // A key-file name makes a path rule want to peek at the content: over the limit it must not be read either.
    const pemHeader = ['-----BEGIN', 'RSA', 'PRIVATE', 'KEY-----'].join(' ');
    writeFiles(repo, {
      'big.txt': `T = "${token}"\n` + 'x'.repeat(300_000),
      'big.key': `${pemHeader}\n` + 'A'.repeat(300_000),
    });
    git(repo, 'add', 'big.txt', 'big.key');
    const staged = await leaklintIn(['staged', '-f', 'json', '--max-file-size', '100000'], { cwd: repo });
    git(repo, 'commit', '-q', '-m', 'big');
    for (const r of [
      staged,
      await leaklintIn(['history', '-f', 'json', '--max-file-size', '100000'], { cwd: repo }),
      await leaklintIn(['files', '-f', 'json', '--max-file-size', '100000'], { cwd: repo }),
    ]) {
      expect(r.status, r.stderr).toBe(0);
      const report = json(r.stdout);
      expect(report.findings).toEqual([]);
      expect(report.summary.skippedLarge).toBe(2);
      expect(report.summary.warnings.join('\n')).toMatch(/skipped big\.txt: .*--max-file-size/);
      expect(report.summary.warnings.join('\n')).toMatch(/skipped big\.key: .*--max-file-size/);
    }
  });
});

describe('oddly quoted .gitmodules and .git/config', () => {
  it('finds the credential, quotes the suggested command, and never crashes', async () => {
    const repo = tempRepo();
    const token = fakeHfToken(430);
    writeFiles(repo, { 'a.txt': 'x\n' });
    commitAll(repo);
    writeFiles(repo, {
      '.gitmodules': [
        '[submodule "we\\"ird ] name"]',
        '\tpath = "sub dir"',
        `\turl = "https://user:${token}@huggingface.co/acme/model" ; a comment`,
        '[submodule "multi"]',
        '\turl = https://example.com/\\',
        'continued.git',
        '[submodule "empty"]',
        '\turl',
        '',
      ].join('\n'),
    });
    execFileSync('git', [
      'config',
      '--file',
      join(repo, '.git', 'config'),
      'remote.x; touch pwned #.url',
      `https://oauth2:${fakeHfToken(431)}@huggingface.co/acme/x`,
    ]);
    const r = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    const remote = json(r.stdout).findings.filter((f) => f.ruleId === 'repo-remote-url-credential');
    expect(remote.map((f) => f.file).sort()).toEqual(['.git/config', '.gitmodules']);
    const fix = remote.find((f) => f.file === '.git/config')!.message;
    expect(fix).toContain(`git remote set-url 'x; touch pwned #' https://huggingface.co/acme/x`);
    expect(r.stdout).not.toContain(token);
  });

  it('a .gitmodules git cannot parse is skipped with a warning, not a crash, and the audit says it is incomplete', async () => {
    const repo = tempRepo();
    writeFiles(repo, { 'a.txt': 'x\n', '.gitmodules': '[submodule "unterminated\n\turl = "https://x\n' });
    commitAll(repo);
    const r = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    // Its URLs were not checked: exit 3 (incomplete) unless an error finding gives 1.
    expect([1, 3], r.stderr).toContain(r.status);
    expect(json(r.stdout).summary.warnings.join('\n')).toMatch(/\.gitmodules/);
  });
});
