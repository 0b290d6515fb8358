// The CLI behaves like the tools users know: help and examples, usage errors
// that cost no scan and say what was meant, configuration files with
// comments, quiet clean runs, right counts, and reports that stay short and
// say what to do first.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commit, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { commands } from '../../src/commands/index.js';
import { parseJsonc, stripJsonc } from '../../src/config/jsonc.js';
import { closest } from '../../src/util/suggest.js';
import { groupRemediation, remediationSteps } from '../../src/report/remediation.js';
import { parseConfig } from '../../src/config/config.js';
import { allRules } from '../../rules/index.js';
import type { Finding } from '../../src/types.js';

const FULL_IGNORE =
  '.env\n.env.*\n!.env.example\n.env.sentry-build-plugin\n.modal.toml\n.sentryclirc\n.netrc\n.git-credentials\n*.pem\nid_rsa*\n_local_secrets.py\n.hf_secrets\n*.secret\n';

/** A repository whose one commit holds a token in train.py (and a complete .gitignore). */
function leakyRepo(): string {
  const repo = tempRepo();
  commit(repo, { '.gitignore': FULL_IGNORE, 'train.py': `HF_TOKEN = "${fakeHfToken(71)}"\n` }, 'leak');
  return repo;
}

describe('help', () => {
  it('-h prints the help and exits 0, at the top and for a command', async () => {
    const top = await leaklintIn(['-h']);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('Commands:');
    const staged = await leaklintIn(['staged', '-h']);
    expect(staged.status).toBe(0);
    expect(staged.stdout).toContain('leaklint staged [paths..]');
  });

  it('`leaklint help <command>` prints that command’s help; an unknown one is a usage error that names the closest', async () => {
    const r = await leaklintIn(['help', 'diff']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('leaklint diff [range]');
    expect(r.stdout).toContain('--allow-empty');
    const bad = await leaklintIn(['help', 'stagde']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean "staged"?');
  });

  it('every command’s help shows examples', async () => {
    for (const c of commands) {
      const name = (Array.isArray(c.command) ? c.command[0]! : c.command).split(' ')[0]!;
      const r = await leaklintIn([name, '--help']);
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toContain('Examples:');
      for (const [line] of c.examples) expect(r.stdout, name).toContain(line.replace(/\$0/g, 'leaklint'));
    }
  });
});

describe('usage errors: exit 2, said before any scan, with what was probably meant', () => {
  it('an unknown command', async () => {
    const r = await leaklintIn(['stged']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "stged"; did you mean "staged"?');
  });

  it('an unknown option', async () => {
    const r = await leaklintIn(['files', '--formt', 'json'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option --formt; did you mean --format?');
  });

  it('an unknown format, before the history is read', async () => {
    const r = await leaklintIn(['history', '--format', 'sarf'], { cwd: leakyRepo() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown format: sarf; did you mean "sarif"?');
    expect(r.stderr).not.toContain('scanned');
  });

  it('an unknown format on the pre-commit fast path', async () => {
    const r = await leaklintIn(['staged', '-f', 'jsn'], { cwd: tempRepo() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "json"?');
  });

  it('an --output in a directory that does not exist, before the history is read', async () => {
    const target = join(tempDir(), 'no-such-dir', 'report.sarif');
    const r = await leaklintIn(['history', '-f', 'sarif', '-o', target], { cwd: leakyRepo() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`cannot write the report to ${target}: no such directory`);
    expect(r.stderr).not.toContain('scanned');
  });

  it('format names in any case', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `T = "${fakeHfToken(72)}"\n` });
    const r = await leaklintIn(['files', 'a.py', '--format', 'JSON'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].ruleId).toBe('huggingface-user-token');
    const rules = await leaklintIn(['rules', '-f', 'Markdown']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toContain('| rule | provider |');
  });

  it("lists each content rule with its keywords in JSON (what a keyword prefilter such as the bench's ripgrep pass searches for)", async () => {
    const r = await leaklintIn(['rules', '-f', 'json']);
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as Array<{ id: string; kind: string; keywords?: string[] }>;
    expect(listed.find((x) => x.id === 'huggingface-user-token')?.keywords).toEqual(['hf_']);
    for (const rule of listed) expect(rule.keywords !== undefined, rule.id).toBe(rule.kind === 'content');
  });
});

describe('configuration files', () => {
  it('may hold // and /* */ comments and trailing commas', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'leaklint.config.json':
        '{\n  // fixtures hold fake tokens\n  "allowlist": { "paths": ["fixtures/**", /* more later */ ], },\n  "ignorePaths": ["http://x//y", "/*not a comment*/"],\n}\n',
      'fixtures/a.py': `T = "${fakeHfToken(73)}"\n`,
    });
    const r = await leaklintIn(['files', '.', '-f', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).suppressed).toHaveLength(1);
  });

  it('the stripper leaves strings alone and keeps every offset', () => {
    const text = '{"a": "x // y /* z */ \\" // w", // c\n "b": [1, 2,], /* d\n e */ "c": 3,}';
    const plain = stripJsonc(text);
    expect(plain).toHaveLength(text.length);
    expect(JSON.parse(plain)).toEqual({ a: 'x // y /* z */ " // w', b: [1, 2], c: 3 });
    expect(parseJsonc(text).locate('c')).toEqual({ line: 3, column: 7 });
  });

  it('a syntax error names the line and column', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'leaklint.config.json': '{\n  "ignorePaths": ["a" "b"]\n}\n' });
    const r = await leaklintIn(['files', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`leaklint.config.json:2:23: expected ',' or ']'`);
  });

  it('an unknown key names its line and column and the key that was meant', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'leaklint.config.json': '{\n  "allowlist": {\n    "pathz": ["x/**"]\n  }\n}\n' });
    const r = await leaklintIn(['files', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('leaklint.config.json:3:5: "allowlist.pathz" is not a known key; did you mean "paths"?');
  });

  it('an unknown rule id names the rule that was meant', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'leaklint.config.json': '{\n  "disabledRules": ["huggingface-user-tokn"]\n}\n' });
    const r = await leaklintIn(['files', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'leaklint.config.json:2:21: "disabledRules" names an unknown rule "huggingface-user-tokn"; did you mean "huggingface-user-token"?',
    );
  });

  it('a key holding dots or brackets is still placed (and never loops)', () => {
    const json = parseJsonc('{\n  "severity": { "x[": "loud" }\n}');
    expect(() => parseConfig(json.value, 'c.json', json.locate)).toThrow(
      /^c\.json:2:17: "severity\.x\[" must be one of error, warning, info$/,
    );
    expect(() => parseConfig({ severity: { 'a.b]': 'loud' } }, 'c.json', () => undefined)).toThrow(
      /^c\.json: "severity\.a\.b\]"/,
    );
  });

  it('suggests nothing for a name far from every known one', () => {
    expect(closest('staegd', ['staged', 'diff'])).toBe('staged');
    expect(closest('banana', ['staged', 'diff'])).toBeUndefined();
  });
});

describe('--quiet and counts', () => {
  it('--quiet prints nothing at all on a clean run', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': 'x = 1\n' }, 'clean');
    // Whatever the default policy lists today, so the audit has no .gitignore warning to give.
    expect((await leaklintIn(['gitignore', '--fix', '--quiet'], { cwd: repo })).stderr).toBe('');
    commit(repo, { 'a.py': 'x = 2\n' }, 'edit');
    writeFiles(repo, { 'b.py': 'y = 2\n' });
    git(repo, 'add', 'b.py');
    for (const args of [['files'], ['history'], ['audit'], ['staged'], ['diff', 'HEAD~1..HEAD'], ['gitignore']]) {
      const r = await leaklintIn([...args, '--quiet'], { cwd: repo });
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout + r.stderr, args.join(' ')).toBe('');
    }
    // and still reports a finding
    writeFiles(repo, { 'c.py': `T = "${fakeHfToken(74)}"\n` });
    git(repo, 'add', 'c.py');
    const found = await leaklintIn(['staged', '--quiet'], { cwd: repo });
    expect(found.status).toBe(1);
    expect(found.stdout).toContain('c.py:1:');
  });

  it('says "1 commit", and an audit counts the files HEAD holds once', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': FULL_IGNORE, 'a.py': 'x = 1\n' }, 'one');
    const history = await leaklintIn(['history'], { cwd: repo });
    expect(history.stderr).toContain('scanned 1 commit, 2 unique file versions');
    const audit = await leaklintIn(['audit'], { cwd: repo });
    expect(audit.stderr).toContain('audited 1 commit (2 unique file versions)');
    expect(audit.stdout).toContain('2 files scanned');
    // An uncommitted edit is a file version of its own.
    writeFiles(repo, { 'a.py': 'x = 2\n' });
    expect((await leaklintIn(['audit'], { cwd: repo })).stdout).toContain('3 files scanned');
  });

  it('`leaklint gitignore` says what it checked instead of "0 files scanned"', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': 'node_modules/\n' }, 'init');
    const r = await leaklintIn(['gitignore'], { cwd: repo });
    expect(r.stdout).toContain('repo-gitignore-missing-patterns');
    expect(r.stdout).toContain('checked the .gitignore policy');
    expect(r.stdout).not.toContain('files scanned');
  });
});

describe('reports that scale and say what to do first', () => {
  it('50 findings of one rule: one line each, the rule’s advice once, the first step in the summary', async () => {
    const dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 1; i <= 50; i++) files[`m${i}.py`] = `HF_TOKEN = "${fakeHfToken(200 + i)}"\n`;
    writeFiles(dir, files);
    const r = await leaklintIn(['files', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('50 findings (50 error');
    const why = allRules.find((x) => x.id === 'huggingface-user-token')!.why;
    expect(r.stdout.split(why)).toHaveLength(2);
    expect(r.stdout.split('\n').filter((l) => /^m\d+\.py:1:\d+ {2}error/.test(l))).toHaveLength(50);
    expect(r.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(60);
    expect(r.stdout).toMatch(/\nFirst: Remove the value from the file\. \(huggingface-user-token\)\n/);
  });

  it('a blocked commit says, after the findings, how to handle a false positive and what skipping costs', async () => {
    const repo = tempRepo();
    writeFiles(repo, { 'train.py': `HF_TOKEN = "${fakeHfToken(75)}"\n` });
    git(repo, 'add', 'train.py');
    const r = await leaklintIn(['staged'], { cwd: repo });
    expect(r.status).toBe(1);
    const finding = r.stdout.indexOf('train.py:1:');
    expect(finding).toBeGreaterThanOrEqual(0);
    const footer = r.stdout.slice(r.stdout.indexOf('The commit was blocked'));
    expect(r.stdout.indexOf('The commit was blocked')).toBeGreaterThan(finding);
    expect(footer).toContain('leaklint:allow');
    expect(footer).toContain('leaklint baseline');
    expect(footer).toContain('git commit --no-verify');
    expect(footer).toMatch(/skips every pre-commit hook/);
  });
});

describe('remediation text', () => {
  const rule = (id: string) => allRules.find((r) => r.id === id)!;
  const finding = (id: string, file: string, over: Partial<Finding> = {}): Finding => ({
    ruleId: id,
    provider: rule(id).provider,
    severity: 'error',
    message: rule(id).title,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    secret: 'v',
    preview: '*',
    fingerprint: 'f',
    origin: { kind: 'staged' },
    kind: rule(id).kind === 'path' ? 'path' : 'content',
    ...over,
  });

  it('every rule’s store reads as a sentence after "Keep the value in"', () => {
    for (const r of allRules)
      if (r.remediation.store) expect(r.remediation.store, r.id).not.toMatch(/^(keep|put|store|use|move|set)\b/i);
    expect(
      remediationSteps(rule('sentry-dsn-secret'), finding('sentry-dsn-secret', 'app.py'), 'files').join('\n'),
    ).not.toMatch(/in keep/);
  });

  it('.env.production is ignored by a pattern that covers it', () => {
    const steps = remediationSteps(
      rule('credential-files-dotenv'),
      finding('credential-files-dotenv', 'svc/.env.production'),
      'precommit',
    ).join('\n');
    expect(steps).toContain(`echo '.env.*' >> .gitignore`);
    expect(steps).not.toContain(`echo '.env' >>`);
  });

  it('a staged .env holding a token is unstaged, not also edited', async () => {
    const repo = tempRepo();
    writeFiles(repo, { '.env': `HF_TOKEN=${fakeHfToken(76)}\n` });
    git(repo, 'add', '.env');
    const r = await leaklintIn(['staged'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('huggingface-user-token');
    expect(r.stdout).toContain('git rm --cached -- .env');
    expect(r.stdout).not.toContain('git restore --staged -- .env');
  });

  it('the tracked-but-ignored rule names the file, never a <file> placeholder', async () => {
    const repo = tempRepo();
    commit(repo, { 'creds.txt': 'x\n' }, 'add');
    commit(repo, { '.gitignore': `${FULL_IGNORE}creds.txt\n` }, 'ignore');
    const r = await leaklintIn(['gitignore'], { cwd: repo });
    expect(r.stdout).toContain('repo-tracked-ignored-file');
    expect(r.stdout).toContain('git rm --cached -- creds.txt');
    expect(r.stdout).not.toContain('<file>');
  });

  it('a pre-push hook is told to rewrite before pushing, not to force-push', async () => {
    const repo = tempRepo();
    const base = commit(repo, { 'README.md': '# x\n' }, 'base');
    const head = commit(repo, { 'train.py': `HF_TOKEN = "${fakeHfToken(77)}"\n` }, 'leak');
    const r = await leaklintIn(['diff'], {
      cwd: repo,
      env: { PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: head, GITHUB_ACTIONS: '', GITLAB_CI: '' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`git rebase -i ${head.slice(0, 12)}^`);
    expect(r.stdout).toContain('no force-push is needed');
    expect(r.stdout).not.toMatch(/then force-push/);
  });

  it('the audit lists as files to remove only those HEAD still holds', async () => {
    const repo = tempRepo();
    commit(repo, { '.gitignore': 'node_modules/\n', '.env': 'A=1\n', '.netrc': 'machine x\n' }, 'add');
    git(repo, 'rm', '-q', '.env');
    git(repo, 'commit', '-q', '-m', 'drop .env');
    const r = await leaklintIn(['audit'], { cwd: repo });
    expect(r.stdout).toContain('credential-files-dotenv');
    expect(r.stdout).toContain('files to remove from the repository: .netrc\n');
  });

  it('one rule’s advice names all its files in one command', () => {
    const r = rule('huggingface-user-token');
    const steps = groupRemediation(r, [finding(r.id, 'a.py'), finding(r.id, 'b c.py')], 'precommit').join('\n');
    expect(steps).toContain(`git restore --staged -- a.py 'b c.py'`);
  });
});

describe('leaklint init', () => {
  it('lint-staged runs the project’s leaklint directly, and the starter config holds no empty list', async () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'package.json': JSON.stringify(
        { name: 'x', devDependencies: { leaklint: '^0.1.0', 'lint-staged': '^16.0.0' } },
        null,
        2,
      ),
    });
    const r = await leaklintIn(['init'], {
      cwd: repo,
      env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))['lint-staged']).toEqual({
      '*': 'leaklint staged',
    });
    const starter = readFileSync(join(repo, 'leaklint.config.json'), 'utf8');
    expect(starter).toContain('"allowlist"');
    expect(starter).not.toMatch(/\[\s*\]/);
    expect(parseJsonc(starter).value).toEqual({});
    expect((await leaklintIn(['rules'], { cwd: repo })).status).toBe(0);
  });
});
