import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, fakeHfToken, git, leaklint, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';

const token = fakeHfToken(3);

describe('leaklint files', () => {
  it('exits 1 naming the file and line, with the secret redacted', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'train.py': `import os\nHF_TOKEN = "${token}"\n` });
    const r = await leaklintIn(['files', 'train.py'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('train.py');
    expect(r.stdout).toMatch(/\b2:\d+\b/);
    expect(r.stdout).toContain('huggingface-user-token');
    expect(r.stdout).not.toContain(token);
    expect(r.stdout).toContain(`hf_********${token.slice(-4)}`);
  });

  it('shows the raw secret with --show-secrets', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'train.py': `HF_TOKEN = "${token}"\n` });
    const r = await leaklintIn(['files', 'train.py', '--show-secrets'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(token);
  });

  it('exits 0 on a clean tree and says what it scanned', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': 'print("hello")\n' });
    const r = await leaklintIn(['files', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 findings.*1 file/);
  });

  it('prints the JSON contract, redacted by default', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'notes.md': `token: ${token}\n` });
    const r = await leaklintIn(['files', 'notes.md', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    const [f] = report.findings;
    expect(Object.keys(f)).toEqual(
      expect.arrayContaining([
        'ruleId',
        'provider',
        'severity',
        'message',
        'file',
        'line',
        'column',
        'endLine',
        'endColumn',
        'secret',
        'fingerprint',
        'remediation',
      ]),
    );
    expect(f).toMatchObject({
      ruleId: 'huggingface-user-token',
      provider: 'huggingface',
      severity: 'error',
      file: 'notes.md',
      line: 1,
      column: 8,
      endLine: 1,
      endColumn: 8 + token.length,
    });
    expect(f.secret).not.toBe(token);
    expect(r.stdout).not.toContain(token);
    expect(report.summary).toMatchObject({ findings: 1, error: 1, suppressed: 0, filesScanned: 1 });
  });

  it('keeps the fingerprint when lines are added above the secret', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `T = "${token}"\n` });
    const first = JSON.parse((await leaklintIn(['files', 'a.py', '-f', 'json'], { cwd: dir })).stdout).findings[0];
    writeFiles(dir, { 'a.py': `# header\n\nT = "${token}"\n` });
    const second = JSON.parse((await leaklintIn(['files', 'a.py', '-f', 'json'], { cwd: dir })).stdout).findings[0];
    expect(second.line).toBe(3);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('scans the tracked files of the repository by default, untracked ones with --untracked, and honours .gitignore', async () => {
    const repo = tempRepo();
    writeFiles(repo, { 'tracked.py': 'x = 1\n', '.gitignore': 'ignored.py\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'init');
    writeFiles(repo, { 'untracked.py': `T = "${token}"\n`, 'ignored.py': `T = "${fakeHfToken(4)}"\n` });
    expect((await leaklintIn(['files'], { cwd: repo })).status).toBe(0);
    const r = await leaklintIn(['files', '--untracked', '-f', 'json'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['untracked.py']);
  });

  it('skips binary files and counts them', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'model.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(token)]) });
    const r = await leaklintIn(['files', '.', '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary.skippedBinary).toBe(1);
  });

  it('skips files over the size limit with a warning', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'big.txt': `${'a'.repeat(2000)}\n${token}\n` });
    const r = await leaklintIn(['files', '.', '--max-file-size', '1000', '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.skippedLarge).toBe(1);
    expect(report.summary.warnings.join('\n')).toContain('big.txt');
  });

  it('reads CRLF, CR-only, UTF-8 BOM and UTF-16 files with true line numbers', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'crlf.txt': `a\r\nb\r\nT=${token}\r\n`,
      'cr.txt': `a\rT=${token}\r`,
      'bom.txt': `\uFEFFT=${token}\n`,
      'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`a\nT=${token}\n`, 'utf16le')]),
      'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`a\nT=${token}\n`, 'utf16le').swap16()]),
      'invalid-utf8.txt': Buffer.concat([
        Buffer.from([0xc3, 0x28, 0xff, 0x0a, 0xe2, 0x82]),
        Buffer.from(`\nT=${token}\n`),
      ]),
    });
    const r = await leaklintIn(['files', '.', '-f', 'json'], { cwd: dir });
    const lines = Object.fromEntries(
      JSON.parse(r.stdout).findings.map((f: { file: string; line: number; column: number }) => [
        f.file,
        [f.line, f.column],
      ]),
    );
    expect(lines).toEqual({
      'crlf.txt': [3, 3],
      'cr.txt': [2, 3],
      'bom.txt': [1, 3],
      'utf16le.txt': [2, 3],
      'utf16be.txt': [2, 3],
      'invalid-utf8.txt': [3, 3],
    });
  });

  it('does not follow symlinks', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.txt': `T=${token}\n` });
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'ok.txt'), 'fine\n');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    expect((await leaklintIn(['files', '.'], { cwd: dir })).status).toBe(0);
    // Named on the command line, a symlink is still not read through.
    expect((await leaklintIn(['files', 'link.txt'], { cwd: dir })).status).toBe(0);
  });

  it('does not wait on a named pipe in the tree, and reads past it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': `T=${token}\n` });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const r = await leaklintIn(['files', 'pipe', 'a.txt', '-f', 'json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['a.txt']);
  });
});

describe('notebooks', () => {
  const notebook = (cells: unknown[]) => JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

  it('names the cell and the line within it, in sources and in text outputs', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'train.ipynb': notebook([
        { cell_type: 'markdown', source: ['# Training\n'] },
        { cell_type: 'code', source: ['import os\n', `os.environ["HF_TOKEN"] = "${token}"\n`], outputs: [] },
        {
          cell_type: 'code',
          source: ['print(os.environ)\n'],
          outputs: [{ output_type: 'stream', name: 'stdout', text: [`{'HF_TOKEN': '${fakeHfToken(9)}'}\n`] }],
        },
      ]),
    });
    const r = await leaklintIn(['files', 'train.ipynb', '-f', 'json'], { cwd: dir });
    const found = JSON.parse(r.stdout).findings.map((f: { cell: number; line: number }) => [f.cell, f.line]);
    expect(found).toEqual([
      [2, 2],
      [3, 1],
    ]);
  });

  it('skips image outputs, so base64 PNGs are not findings', async () => {
    const dir = tempDir();
    const png = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)).toString('base64');
    writeFiles(dir, {
      'plot.ipynb': notebook([
        {
          cell_type: 'code',
          source: ['plot()\n'],
          outputs: [{ output_type: 'display_data', data: { 'image/png': png, 'text/plain': ['<Figure>'] } }],
        },
      ]),
    });
    expect((await leaklintIn(['files', 'plot.ipynb'], { cwd: dir })).status).toBe(0);
  });

  it('falls back to plain text for a malformed notebook', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'broken.ipynb': `{"cells": [ "HF_TOKEN=${token}"` });
    const r = await leaklintIn(['files', 'broken.ipynb', '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
  });
});

describe('suppression', () => {
  const directives: Array<[string, string]> = [
    ['leaklint:allow', `T = "${token}"  # leaklint:allow`],
    ['gitleaks:allow', `T = "${token}"  # gitleaks:allow`],
    ['pragma: allowlist secret', `T = "${token}"  # pragma: allowlist secret`],
    ['secretlint-disable-line', `T = "${token}"  // secretlint-disable-line`],
    ['trufflehog:ignore', `T = "${token}"  # trufflehog:ignore`],
    ['ggignore', `T = "${token}"  # ggignore`],
    ['kingfisher:ignore', `T = "${token}"  # kingfisher:ignore`],
    ['leaklint:allow-next-line', `# leaklint:allow-next-line\nT = "${token}"`],
    ['pragma: allowlist nextline secret', `# pragma: allowlist nextline secret\nT = "${token}"`],
    ['secretlint-disable-next-line', `// secretlint-disable-next-line\nT = "${token}"`],
  ];
  for (const [name, text] of directives) {
    it(`honours ${name} and counts the finding as suppressed`, async () => {
      const r = await leaklintIn(['stdin', '-f', 'json'], { input: text + '\n' });
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.findings).toHaveLength(0);
      expect(report.summary.suppressed).toBe(1);
      expect(report.suppressed[0].secret).not.toBe(token);
    });
  }

  it('does not let a next-line directive silence its own line', async () => {
    const r = await leaklintIn(['stdin'], { input: `T = "${token}"  # leaklint:allow-next-line\n` });
    expect(r.status).toBe(1);
  });

  it('says how many findings were suppressed in the human summary', async () => {
    const r = await leaklintIn(['stdin'], { input: `T = "${token}"  # leaklint:allow\n` });
    expect(r.stdout).toMatch(/1 suppressed/);
  });
});

describe('placeholders from the issue stay quiet', () => {
  const quiet = [
    `hf_${'x'.repeat(34)}`,
    'hf_YOUR_TOKEN_HERE',
    'hf_your_huggingface_token_here',
    'hf_abc123',
    `pnu_${'X'.repeat(36)}`,
    'PREFECT_API_KEY=<Your Prefect Cloud API Key>',
    'HF_TOKEN: ${{ secrets.HF_TOKEN }}',
    'HF_TOKEN: $${{secrets.HF_TOKEN}}',
    'SECRET=$(openssl rand -hex 32)',
    'SENTRY_DSN=https://your-sentry-dsn@sentry.io/12345',
    'API_TOKEN=%API_TOKEN%',
    'API_TOKEN=$API_TOKEN',
    'password: changeme',
    'client_secret: "***"',
    'auth_token = "REDACTED"',
  ];
  for (const text of quiet) {
    it(text, async () => {
      const r = await leaklintIn(['stdin', '-f', 'json'], { input: text + '\n' });
      expect(JSON.parse(r.stdout).findings).toEqual([]);
      expect(r.status).toBe(0);
    });
  }
});

describe('usage', () => {
  it('exits 2 on an unknown option and on an unknown format', async () => {
    expect((await leaklintIn(['files', '--nope'])).status).toBe(2);
    const r = await leaklintIn(['stdin', '--format', 'yaml'], { input: 'x\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('yaml');
  });

  it('lists the exit codes in --help', () => {
    const r = leaklint(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0\s+no finding/);
    expect(r.stdout).toMatch(/1\s+findings/);
    expect(r.stdout).toMatch(/2\s+usage/);
  });

  it('exits 2 naming the bad key in a config file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'leaklint.config.json': '{"allowlsit": {}}' });
    const r = await leaklintIn(['files', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('allowlsit');
  });

  it('accepts - as stdin and names the input with --path so path rules apply', () => {
    const r = leaklint(['-', '--path', '.modal.toml', '-f', 'json'], { input: 'environment = "main"\n' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].ruleId).toBe('modal-config-file');
  });

  it('writes --output with mode 0600', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const r = await leaklintIn(['stdin', '-f', 'json', '--output', out], { input: `T=${token}\n` });
    expect(r.status).toBe(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).not.toContain(token);
  });
});

describe('the files command, end to end', () => {
  it('scans a directory: exits 1, names file and line, never prints the raw token', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app/config.py': `import os\n\nHF_TOKEN = "${token}"\n`, 'README.md': '# demo\n' });
    const r = await leaklintIn(['files', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('config.py');
    expect(r.stdout).toMatch(/\b3:13\b/);
    expect(r.stdout + r.stderr).not.toContain(token);
    expect(r.stdout).toMatch(/1 finding \(1 error/);
  });

  it('keeps exactly the JSON contract', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.env.txt': `HF_TOKEN=${token}\n` });
    const report = JSON.parse((await leaklintIn(['files', '.', '--format', 'json'], { cwd: dir })).stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['version', 'findings', 'summary']));
    expect(report.findings).toHaveLength(1);
    const [f] = report.findings;
    expect(Object.keys(f).sort()).toEqual([
      'column',
      'endColumn',
      'endLine',
      'file',
      'fingerprint',
      'line',
      'message',
      'provider',
      'remediation',
      'ruleId',
      'secret',
      'severity',
    ]);
    expect(f).toMatchObject({
      file: 'a.env.txt',
      line: 1,
      column: 10,
      endLine: 1,
      endColumn: 10 + token.length,
      secret: `hf_********${token.slice(-4)}`,
    });
    expect(f.fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    expect(Array.isArray(f.remediation) && f.remediation.length > 0).toBe(true);
    expect(report.summary).toMatchObject({
      findings: 1,
      error: 1,
      warning: 0,
      info: 0,
      suppressed: 0,
      filesScanned: 1,
      skippedBinary: 0,
      skippedLarge: 0,
      warnings: [],
    });
  });

  it('gives the same fingerprint for the same secret whichever way the path is spelled', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a/b.txt': `T=${token}\n` });
    const fp = async (arg: string) =>
      JSON.parse((await leaklintIn(['files', arg, '-f', 'json'], { cwd: dir })).stdout).findings[0].fingerprint;
    expect(await fp('./a/b.txt')).toBe(await fp('a/b.txt'));
    expect(await fp('a')).toBe(await fp('a/b.txt'));
  });

  it('names files from the repository top when run in a subdirectory, so config globs and fingerprints agree', async () => {
    const repo = tempRepo();
    writeFiles(repo, {
      'leaklint.config.json': JSON.stringify({ allowlist: { paths: ['docs/**'] } }),
      'docs/guide.md': `T=${token}\n`,
      'src/app/keys.py': `T = "${fakeHfToken(5)}"\n`,
    });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'init');
    const fromTop = JSON.parse((await leaklintIn(['files', '-f', 'json'], { cwd: repo })).stdout);
    const fromSub = JSON.parse((await leaklintIn(['files', '-f', 'json'], { cwd: join(repo, 'src') })).stdout);
    const fromDocs = JSON.parse((await leaklintIn(['files', '.', '-f', 'json'], { cwd: join(repo, 'docs') })).stdout);
    expect(fromTop.findings.map((f: { file: string }) => f.file)).toEqual(['src/app/keys.py']);
    expect(fromSub.findings.map((f: { file: string }) => f.file)).toEqual(['src/app/keys.py']);
    expect(fromSub.findings[0].fingerprint).toBe(fromTop.findings[0].fingerprint);
    expect(fromDocs.findings).toEqual([]);
    expect(fromDocs.summary.suppressed).toBe(1);
  });

  it('names the skipped large file in the human report', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'weights.csv': `${'1,'.repeat(600)}\n${token}\n`, 'small.txt': 'ok\n' });
    const r = await leaklintIn(['files', '.', '--max-file-size', '1000'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/weights\.csv.*--max-file-size/);
    expect(r.stdout).toMatch(/1 over the size limit skipped/);
  });

  it('rejects a --max-file-size that is not a positive number instead of skipping everything', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `T = "${token}"\n` });
    for (const bad of ['abc', '0', '-1']) {
      const r = await leaklintIn(['files', '.', `--max-file-size=${bad}`], { cwd: dir });
      expect(r.status, bad).toBe(2);
      expect(r.stdout, bad).toBe('');
    }
  });

  it('counts binary files in the human summary', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
    const r = await leaklintIn(['files', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 binary skipped/);
  });

  it('exits 0 on the project’s own repository (fixtures are allowlisted by its config)', async () => {
    const r = await leaklintIn(['files', '--quiet'], { cwd: ROOT });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('stdin', () => {
  it('scans piped text as stdin and as -, naming it by --path', () => {
    for (const cmd of ['stdin', '-']) {
      const r = leaklint([cmd, '--path', 'config/.env', '-f', 'json'], { input: `# settings\nHF_TOKEN=${token}\n` });
      expect(r.status, cmd).toBe(1);
      const findings = JSON.parse(r.stdout).findings as Array<{ ruleId: string; file: string; line: number }>;
      expect(
        findings.find((f) => f.ruleId === 'huggingface-user-token'),
        cmd,
      ).toMatchObject({ file: 'config/.env', line: 2 });
      // Named .env, the input is also a credential file in its own right.
      expect(
        findings.map((f) => f.ruleId),
        cmd,
      ).toContain('credential-files-dotenv');
    }
  });

  it('exits 0 on clean input', async () => {
    const r = await leaklintIn(['stdin'], { input: 'print("hello")\n' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 findings/);
  });
});

describe('output styles', () => {
  const ANSI = /\u001b\[/;
  const input = `T = "${token}"\n`;

  it('prints no ANSI escapes with --no-color or NO_COLOR, even when FORCE_COLOR is set', () => {
    expect(
      leaklint(['stdin', '--no-color'], { input, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout,
    ).not.toMatch(ANSI);
    expect(leaklint(['stdin'], { input, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    // Not a terminal and nothing forced: plain.
    expect(leaklint(['stdin'], { input, env: { NO_COLOR: undefined } }).stdout).not.toMatch(ANSI);
  });

  it('colours the report when FORCE_COLOR is set (and NO_COLOR is unset or empty)', () => {
    const forced = leaklint(['stdin'], { input, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.status).toBe(1);
    expect(forced.stdout).toMatch(ANSI);
    expect(forced.stdout).not.toContain(token);
    expect(leaklint(['stdin'], { input, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
  });

  it('never colours JSON', () => {
    const r = leaklint(['stdin', '-f', 'json'], { input, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(ANSI);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('--quiet prints one line per finding and the summary, no advice', async () => {
    const full = await leaklintIn(['stdin'], { input });
    const quiet = await leaklintIn(['stdin', '--quiet'], { input });
    expect(quiet.status).toBe(1);
    expect(full.stdout).toContain('→');
    expect(quiet.stdout).not.toContain('→');
    const lines = quiet.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.filter((l) => l.includes('huggingface-user-token'))).toHaveLength(1);
    expect(lines[lines.length - 1]).toMatch(/1 finding/);
    expect((await leaklintIn(['stdin', '-q'], { input })).stdout).toBe(quiet.stdout);
  });
});

describe('usage errors', () => {
  it('exits 2 on an unknown command without scanning anything', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `T = "${token}"\n` });
    const r = await leaklintIn(['scna'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('scna');
  });

  it('exits 2 on an unknown flag without running the command', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `T = "${token}"\n` });
    const r = await leaklintIn(['files', '.', '--shwo-secrets'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('shwo-secrets');
    expect(r.stderr).not.toContain(token);
  });

  it('exits 2 on a path that does not exist', async () => {
    const dir = tempDir();
    const r = await leaklintIn(['files', 'missing.py'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing.py');
  });

  it('lists the commands and exit codes in --help', () => {
    const r = leaklint(['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['files', 'stdin']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toMatch(/Exit codes/);
    const files = leaklint(['files', '--help']);
    expect(files.status).toBe(0);
    expect(files.stdout).toMatch(/--max-file-size/);
    expect(files.stdout).toMatch(/--untracked/);
  });
});
