// The purge plan, run for real: a repository with every kind of finding
// leaklint reports (the fixtures' fakes, path rules included) and every form
// a secret hides in (UTF-16 files, JSON escapes, key pairs, git notes), then
// the plan's purge.sh with the real git filter-repo, then a re-scan.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathLine } from '../../src/purge/plan.js';
import { GIT_TEST_ENV, ROOT, fakeHfToken, git, leaklint, tempDir, tempRepo, writeFiles } from '../helpers.js';

const env = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const hasFilterRepo = spawnSync('git', ['filter-repo', '--version'], { encoding: 'utf8' }).status === 0;

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);

// Fakes of the right shape that no fixture holds.
const HF_LE = fakeHfToken(301);
const HF_BE = fakeHfToken(302);
const AWS_ID = 'AKIAQ7ZK3M5N2P4R6T8V';
const AWS_SECRET = 'wJa9rXUtnFEMI/K7MDENG+bPxRfiCYzz3KEYq4Z1';
const MODAL_ID = 'ak-Q4m8Zr2Lx7Wd9Kp3Nb6Tc1';
const MODAL_SECRET = 'as-V5h2Jq8Rn4Yt7Gm1Xc9Fs3';
const NB_HF = fakeHfToken(303);
const NOTE_HF = fakeHfToken(304);
const PEM = readFileSync(join(ROOT, 'fixtures', 'private-key', 'positive', 'server.pem'), 'utf8');

/** Every fixture that should be found, copied under fx/<provider>/. */
function copyFixtures(repo: string): void {
  for (const provider of readdirSync(join(ROOT, 'fixtures'))) {
    cpSync(join(ROOT, 'fixtures', provider, 'positive'), join(repo, 'fx', provider), { recursive: true });
  }
}

/** A notebook as a JSON writer that escapes `/` and `+` would save it (Jupyter saves them as they are). */
function escapedNotebook(): string {
  const notebook = {
    cells: [
      {
        cell_type: 'code',
        metadata: {},
        outputs: [],
        source: [
          'import boto3\n',
          `s3 = boto3.client("s3", aws_access_key_id="${AWS_ID}",\n`,
          `    aws_secret_access_key="${AWS_SECRET}")\n`,
          `login(token="${NB_HF}")\n`,
        ],
      },
      { cell_type: 'code', metadata: {}, outputs: [], source: ['KEY = """\n', ...PEM.split(/(?<=\n)/), '"""\n'] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(notebook, null, 1).replace(
    /[/+]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function leakyRepo(): string {
  const repo = tempRepo();
  writeFiles(repo, { 'README.md': '# demo\n', 'src/app.py': 'print("hello")\n' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');

  copyFixtures(repo);
  const le = `HF_TOKEN = "${HF_LE}"\r\n`;
  const be = `HF_TOKEN = "${HF_BE}"\n`;
  writeFiles(repo, {
    // An AWS shared credentials file at the root, where a code package of that name comes later.
    credentials: readFileSync(join(ROOT, 'fixtures', 'aws', 'positive', 'credentials')),
    'win/settings-le.txt': Buffer.concat([BOM_LE, Buffer.from(le, 'utf16le')]),
    'win/settings-be.txt': Buffer.concat([BOM_BE, utf16be(be)]),
    // The same values without a BOM (read as UTF-16 by the NUL pattern): the byte forms go all the same.
    'win/raw-le.bin': Buffer.from(`token ${HF_BE}\n`, 'utf16le'),
    'win/raw-be.bin': utf16be(`token ${HF_LE}\n`),
    'notebooks/train.ipynb': escapedNotebook(),
    // A credential file still in HEAD: the purge drops it there too.
    'service/.env': readFileSync(join(ROOT, 'fixtures', 'credential-files', 'positive', '.env')),
    'deploy/modal.env.sh': `export MODAL_TOKEN_ID=${MODAL_ID}\nexport MODAL_TOKEN_SECRET=${MODAL_SECRET}\n`,
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'add the training set-up');
  git(repo, 'notes', 'add', '-m', `deployed with HF_TOKEN=${NOTE_HF}`, 'HEAD');
  git(repo, 'tag', 'v1');
  // Most of it is removed again; a few secrets stay in HEAD.
  git(repo, 'rm', '-rq', '--cached', 'fx', 'credentials', 'win', 'notebooks');
  execFileSync('rm', ['-rf', join(repo, 'fx'), join(repo, 'credentials'), join(repo, 'win'), join(repo, 'notebooks')]);
  git(repo, 'commit', '-q', '-m', 'remove the secrets');
  writeFiles(repo, {
    'credentials/__init__.py': 'from .store import load\n',
    'credentials/store.py': 'def load(name):\n    return open(name).read()\n',
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'credentials package');
  return repo;
}

/** Every object the repository holds, as raw bytes (the notes, unreachable leftovers and all). */
function allObjects(repo: string): Buffer {
  return execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], {
    cwd: repo,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...GIT_TEST_ENV },
  });
}

/** HEAD's files and their contents. */
function headFiles(repo: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const path of git(repo, 'ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean)) {
    out.set(
      path,
      execFileSync('git', ['show', `HEAD:${path}`], { cwd: repo, env: { ...process.env, ...GIT_TEST_ENV } }),
    );
  }
  return out;
}

describe.skipIf(!hasFilterRepo)('purge-plan, purge.sh and a re-scan', () => {
  it('leave no finding of any severity, no secret in any form in any object, and HEAD intact but for the credential files', () => {
    const repo = leakyRepo();
    const before = leaklint(['history', '-f', 'json', '--show-secrets'], { cwd: repo, env });
    expect(before.status, before.stderr).toBe(1);
    const found = JSON.parse(before.stdout).findings as { ruleId: string; secret: string; file: string }[];
    const rules = new Set(found.map((f) => f.ruleId));
    // Every provider's fixtures are found, content and path rules alike, and the special cases too.
    for (const provider of readdirSync(join(ROOT, 'fixtures')))
      expect(
        found.some((f) => f.file.startsWith(`fx/${provider}/`)),
        provider,
      ).toBe(true);
    for (const rule of [
      'aws-credentials-file',
      'modal-config-file',
      'private-key-file',
      'credential-files-dotenv',
      'private-key-pem',
    ])
      expect(rules, rule).toContain(rule);
    for (const file of ['service/.env', 'deploy/modal.env.sh', 'notebooks/train.ipynb', 'credentials'])
      expect(
        found.some((f) => f.file === file),
        file,
      ).toBe(true);
    // Each UTF-16 value is found once, in whichever of its two files (with and without a BOM) comes first.
    for (const secret of [HF_LE, HF_BE])
      expect(
        found.some((f) => f.secret === secret && f.file.startsWith('win/')),
        secret.slice(0, 3),
      ).toBe(true);
    expect(found.some((f) => f.secret === NOTE_HF)).toBe(true);

    const out = join(tempDir(), 'plan');
    const plan = leaklint(['purge-plan', '--out', out], { cwd: repo, env });
    expect(plan.status, plan.stderr).toBe(0);
    // The clone command printed is the one to run: it carries the notes.
    const clone = join(dirname(repo), `${basename(repo)}-purged`);
    const cloneLine = plan.stdout.split('\n').find((l) => l.trim().startsWith('git clone'))!;
    expect(cloneLine).toContain('refs/notes/*');
    const cloneArgs = cloneLine
      .trim()
      .split(/\s+/)
      .slice(1, -2)
      .map((a) => a.replace(/^'|'$/g, ''));
    git(dirname(repo), ...cloneArgs, repo, clone);
    expect(plan.stdout).toMatch(/git push --force origin 'refs\/notes\/\*'/);

    const purge = spawnSync('sh', [join(out, 'purge.sh')], {
      cwd: clone,
      env: { ...process.env, ...env, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(purge.status, purge.stderr + purge.stdout).toBe(0);

    const after = leaklint(['history', '-f', 'json'], { cwd: clone, env });
    const report = JSON.parse(after.stdout);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([]);
    expect(report.summary.warnings).toEqual([]);
    expect(after.status).toBe(0);
    expect(git(clone, 'for-each-ref', 'refs/replace/')).toBe('');
    expect(git(clone, 'for-each-ref', '--format=%(refname)', 'refs/notes/')).toBe('refs/notes/commits\n');

    // No form of any secret the scan found survives in any object.
    const objects = allObjects(clone);
    // (A path rule's finding carries its path as its secret.)
    const secrets = new Set([
      ...found.filter((f) => f.secret !== f.file).map((f) => f.secret),
      AWS_ID,
      MODAL_ID,
      HF_LE,
      HF_BE,
    ]);
    for (const secret of secrets) {
      if (!secret || found.find((f) => f.secret === secret)?.ruleId.startsWith('private-key-')) continue;
      for (const form of [Buffer.from(secret), Buffer.from(secret, 'utf16le'), utf16be(secret)])
        expect(objects.includes(form), secret.slice(0, 4)).toBe(false);
    }
    for (const line of PEM.split('\n').slice(1, -2))
      expect(objects.includes(Buffer.from(line)), 'PEM line').toBe(false);

    // HEAD keeps every file but the credential files paths.txt lists; only secrets changed in the others.
    const listed = readFileSync(join(out, 'paths.txt'), 'utf8');
    const was = headFiles(repo);
    const now = headFiles(clone);
    expect(now.get('credentials/__init__.py')?.toString()).toBe('from .store import load\n');
    expect(now.get('credentials/store.py')?.toString()).toBe('def load(name):\n    return open(name).read()\n');
    expect(now.get('README.md')?.toString()).toBe('# demo\n');
    const dropped = [...was.keys()].filter((p) => !now.has(p));
    expect(dropped.length).toBeGreaterThan(0);
    for (const path of dropped) expect(listed.split('\n'), path).toContain(pathLine(path));
    for (const [path, content] of now) {
      if (!content.equals(was.get(path)!)) expect(content.toString(), path).toContain('***REMOVED***');
    }
  });
});
