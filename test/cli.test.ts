import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHfToken, git, leaklint, tempDir, tempRepo, writeFiles } from './helpers.js';

const token = fakeHfToken(3);

describe('leaklint files', () => {
  it('exits 1 naming the file and line, with the secret redacted', () => {
    const dir = tempDir();
    writeFiles(dir, { 'train.py': `import os\nHF_TOKEN = "${token}"\n` });
    const r = leaklint(['files', 'train.py'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('train.py');
    expect(r.stdout).toMatch(/\b2:\d+\b/);
    expect(r.stdout).toContain('huggingface-user-token');
    expect(r.stdout).not.toContain(token);
    expect(r.stdout).toContain(`hf_********${token.slice(-4)}`);
  });

  it('shows the raw secret with --show-secrets', () => {
    const dir = tempDir();
    writeFiles(dir, { 'train.py': `HF_TOKEN = "${token}"\n` });
    const r = leaklint(['files', 'train.py', '--show-secrets'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(token);
  });

  it('exits 0 on a clean tree and says what it scanned', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': 'print("hello")\n' });
    const r = leaklint(['files', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 findings.*1 file/);
  });

  it('prints the JSON contract, redacted by default', () => {
    const dir = tempDir();
    writeFiles(dir, { 'notes.md': `token: ${token}\n` });
    const r = leaklint(['files', 'notes.md', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    const [f] = report.findings;
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'provider', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'secret', 'fingerprint', 'remediation']));
    expect(f).toMatchObject({ ruleId: 'huggingface-user-token', provider: 'huggingface', severity: 'error', file: 'notes.md', line: 1, column: 8, endLine: 1, endColumn: 8 + token.length });
    expect(f.secret).not.toBe(token);
    expect(r.stdout).not.toContain(token);
    expect(report.summary).toMatchObject({ findings: 1, error: 1, suppressed: 0, filesScanned: 1 });
  });

  it('keeps the fingerprint when lines are added above the secret', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `T = "${token}"\n` });
    const first = JSON.parse(leaklint(['files', 'a.py', '-f', 'json'], { cwd: dir }).stdout).findings[0];
    writeFiles(dir, { 'a.py': `# header\n\nT = "${token}"\n` });
    const second = JSON.parse(leaklint(['files', 'a.py', '-f', 'json'], { cwd: dir }).stdout).findings[0];
    expect(second.line).toBe(3);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('scans the tracked files of the repository by default, untracked ones with --untracked, and honours .gitignore', () => {
    const repo = tempRepo();
    writeFiles(repo, { 'tracked.py': 'x = 1\n', '.gitignore': 'ignored.py\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'init');
    writeFiles(repo, { 'untracked.py': `T = "${token}"\n`, 'ignored.py': `T = "${fakeHfToken(4)}"\n` });
    expect(leaklint(['files'], { cwd: repo }).status).toBe(0);
    const r = leaklint(['files', '--untracked', '-f', 'json'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['untracked.py']);
  });

  it('skips binary files and counts them', () => {
    const dir = tempDir();
    writeFiles(dir, { 'model.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(token)]) });
    const r = leaklint(['files', '.', '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary.skippedBinary).toBe(1);
  });

  it('skips files over the size limit with a warning', () => {
    const dir = tempDir();
    writeFiles(dir, { 'big.txt': `${'a'.repeat(2000)}\n${token}\n` });
    const r = leaklint(['files', '.', '--max-file-size', '1000', '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.skippedLarge).toBe(1);
    expect(report.summary.warnings.join('\n')).toContain('big.txt');
  });

  it('reads CRLF, CR-only, UTF-8 BOM and UTF-16 files with true line numbers', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'crlf.txt': `a\r\nb\r\nT=${token}\r\n`,
      'cr.txt': `a\rT=${token}\r`,
      'bom.txt': `\uFEFFT=${token}\n`,
      'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`a\nT=${token}\n`, 'utf16le')]),
    });
    const r = leaklint(['files', '.', '-f', 'json'], { cwd: dir });
    const lines = Object.fromEntries(JSON.parse(r.stdout).findings.map((f: { file: string; line: number; column: number }) => [f.file, [f.line, f.column]]));
    expect(lines).toEqual({ 'crlf.txt': [3, 3], 'cr.txt': [2, 3], 'bom.txt': [1, 3], 'utf16le.txt': [2, 3] });
  });

  it('does not follow symlinks', () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.txt': `T=${token}\n` });
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'ok.txt'), 'fine\n');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    expect(leaklint(['files', '.'], { cwd: dir }).status).toBe(0);
  });
});

describe('notebooks', () => {
  const notebook = (cells: unknown[]) => JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

  it('names the cell and the line within it, in sources and in text outputs', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'train.ipynb': notebook([
        { cell_type: 'markdown', source: ['# Training\n'] },
        { cell_type: 'code', source: ['import os\n', `os.environ["HF_TOKEN"] = "${token}"\n`], outputs: [] },
        { cell_type: 'code', source: ['print(os.environ)\n'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`{'HF_TOKEN': '${fakeHfToken(9)}'}\n`] }] },
      ]),
    });
    const r = leaklint(['files', 'train.ipynb', '-f', 'json'], { cwd: dir });
    const found = JSON.parse(r.stdout).findings.map((f: { cell: number; line: number }) => [f.cell, f.line]);
    expect(found).toEqual([
      [2, 2],
      [3, 1],
    ]);
  });

  it('skips image outputs, so base64 PNGs are not findings', () => {
    const dir = tempDir();
    const png = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)).toString('base64');
    writeFiles(dir, {
      'plot.ipynb': notebook([{ cell_type: 'code', source: ['plot()\n'], outputs: [{ output_type: 'display_data', data: { 'image/png': png, 'text/plain': ['<Figure>'] } }] }]),
    });
    expect(leaklint(['files', 'plot.ipynb'], { cwd: dir }).status).toBe(0);
  });

  it('falls back to plain text for a malformed notebook', () => {
    const dir = tempDir();
    writeFiles(dir, { 'broken.ipynb': `{"cells": [ "HF_TOKEN=${token}"` });
    const r = leaklint(['files', 'broken.ipynb', '-f', 'json'], { cwd: dir });
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
    it(`honours ${name} and counts the finding as suppressed`, () => {
      const r = leaklint(['stdin', '-f', 'json'], { input: text + '\n' });
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.findings).toHaveLength(0);
      expect(report.summary.suppressed).toBe(1);
      expect(report.suppressed[0].secret).not.toBe(token);
    });
  }

  it('does not let a next-line directive silence its own line', () => {
    const r = leaklint(['stdin'], { input: `T = "${token}"  # leaklint:allow-next-line\n` });
    expect(r.status).toBe(1);
  });

  it('says how many findings were suppressed in the human summary', () => {
    const r = leaklint(['stdin'], { input: `T = "${token}"  # leaklint:allow\n` });
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
    it(text, () => {
      const r = leaklint(['stdin', '-f', 'json'], { input: text + '\n' });
      expect(JSON.parse(r.stdout).findings).toEqual([]);
      expect(r.status).toBe(0);
    });
  }
});

describe('usage', () => {
  it('exits 2 on an unknown option and on an unknown format', () => {
    expect(leaklint(['files', '--nope']).status).toBe(2);
    const r = leaklint(['stdin', '--format', 'yaml'], { input: 'x\n' });
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

  it('exits 2 naming the bad key in a config file', () => {
    const dir = tempDir();
    writeFiles(dir, { 'leaklint.config.json': '{"allowlsit": {}}' });
    const r = leaklint(['files', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('allowlsit');
  });

  it('accepts - as stdin and names the input with --path so path rules apply', () => {
    const r = leaklint(['-', '--path', '.modal.toml', '-f', 'json'], { input: 'environment = "main"\n' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].ruleId).toBe('modal-config-file');
  });

  it('writes --output with mode 0600', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const r = leaklint(['stdin', '-f', 'json', '--output', out], { input: `T=${token}\n` });
    expect(r.status).toBe(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).not.toContain(token);
  });
});
