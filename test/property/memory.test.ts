// Bounded memory, measured: the CLI's peak resident set size while it scans a
// 300 MB blob and a long history. Part of `npm run fuzz` only (it writes
// hundreds of megabytes through git); `npm test` skips it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, fakeHfToken, git, tempDir, tempRepo, writeFiles } from '../helpers.js';

const FUZZ = Number(process.env.LEAKLINT_FUZZ_RUNS ?? 0) > 0;
const MB = 1024 * 1024;
const GNU_TIME = '/usr/bin/time';

/** GNU time reports the peak RSS (in KiB) of the process it runs, as the kernel counted it. */
function gnuTimeWorks(): boolean {
  const out = join(tempDir('leaklint-time-'), 'rss');
  const r = spawnSync(GNU_TIME, ['-f', '%M', '-o', out, process.execPath, '-e', '0']);
  if (r.error || r.status !== 0) return false;
  return /^\d+\s*$/.test(readFileSync(out, 'utf8'));
}
const HAVE_TIME = FUZZ && gnuTimeWorks();
const NO_TIME = `${GNU_TIME} (GNU time) is not available: peak memory cannot be measured; install it (Debian: apt-get install time) to run this check`;

interface Measured {
  status: number;
  peakMB: number;
  report: { findings: Array<{ file: string; secret: string }>; summary: { skippedLarge: number; warnings: string[] } };
  stderr: string;
}

/** Run the built CLI under GNU time; the report is read from stdout, the peak RSS from time's own file. */
function measured(cwd: string, args: string[]): Measured {
  const rssFile = join(tempDir('leaklint-rss-'), 'rss');
  const r = spawnSync(
    GNU_TIME,
    ['-f', '%M', '-o', rssFile, process.execPath, BIN, ...args, '-f', 'json', '--show-secrets'],
    {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * MB,
    },
  );
  const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  return { status: r.status ?? -1, peakMB: kib / 1024, report: JSON.parse(r.stdout), stderr: r.stderr };
}

describe.runIf(FUZZ)('bounded memory (peak RSS of the CLI)', () => {
  it('300 MB blobs staged, in history and in the work tree are skipped, the small file beside them is still scanned', {
    timeout: 600_000,
  }, (ctx) => {
    if (!HAVE_TIME) {
      console.warn(NO_TIME);
      ctx.skip(NO_TIME);
    }
    const repo = tempRepo();
    const token = fakeHfToken(801);
    writeFiles(repo, { 'app.py': `HF_TOKEN = "${token}"\n` });
    // Sparse files: 300 MB on paper, nothing held in this process. One has a
    // key-file name, so the path rules that peek at content are exercised too.
    for (const [name, size] of [
      ['big.bin', 300 * MB],
      ['big.key', 301 * MB],
    ] as const) {
      writeFileSync(join(repo, name), '');
      truncateSync(join(repo, name), size);
    }
    git(repo, 'add', '-A');
    const staged = measured(repo, ['staged']);
    git(repo, 'commit', '-q', '-m', 'big blobs and a small file');

    for (const cmd of ['staged', 'history', 'files']) {
      const m = cmd === 'staged' ? staged : measured(repo, [cmd]);
      console.info(`leaklint ${cmd} with two 300 MB blobs: peak RSS ${m.peakMB.toFixed(0)} MB`);
      expect(m.status, `${cmd}: ${m.stderr}`).toBe(1);
      expect(m.report.findings.filter((f) => f.secret === token).map((f) => f.file)).toEqual(['app.py']);
      expect(m.report.summary.skippedLarge, cmd).toBe(2);
      const warnings = m.report.summary.warnings.join('\n');
      expect(warnings).toMatch(/skipped big\.bin: /);
      expect(warnings).toMatch(/skipped big\.key: /);
      expect(m.peakMB, `${cmd} peak RSS`).toBeLessThan(200);
    }
  });

  it('a history of 20,000 commits', { timeout: 600_000 }, (ctx) => {
    if (!HAVE_TIME) {
      console.warn(NO_TIME);
      ctx.skip(NO_TIME);
    }
    const repo = tempRepo();
    const token = fakeHfToken(802);
    const COMMITS = 20_000;
    // One fast-import stream: each commit rewrites one of 200 small files; one commit plants the token.
    const parts: string[] = [];
    for (let i = 1; i <= COMMITS; i++) {
      const body = i === 12_345 ? `HF_TOKEN = "${token}"\n` : `value = ${i}\n`;
      const msg = `commit ${i}`;
      parts.push(
        `commit refs/heads/main\nmark :${i}\ncommitter Test <t@example.com> ${1_600_000_000 + i} +0000\n`,
        `data ${Buffer.byteLength(msg)}\n${msg}\n`,
        i > 1 ? `from :${i - 1}\n` : '',
        `M 100644 inline src/m${i % 200}.py\ndata ${Buffer.byteLength(body)}\n${body}\n`,
      );
    }
    const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo, input: parts.join('') });
    expect(imported.status, imported.stderr.toString()).toBe(0);

    const m = measured(repo, ['history']);
    console.info(`leaklint history over ${COMMITS} commits: peak RSS ${m.peakMB.toFixed(0)} MB`);
    expect(m.status, m.stderr).toBe(1);
    expect(m.report.findings.filter((f) => f.secret === token).map((f) => f.file)).toEqual(['src/m145.py']);
    expect(m.peakMB).toBeLessThan(300);
  });
});
