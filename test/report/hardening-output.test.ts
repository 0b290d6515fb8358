// Output safety: no raw secret on error paths or progress lines, report files
// 0600 and written atomically, interrupts that stop promptly and leave
// nothing behind, and clear errors when the report cannot be written.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { scrubInternalError, scrubSecrets } from '../../src/report/scrub.js';
import { jsonErrorMessage } from '../../src/config/json-error.js';
import { allRules } from '../../rules/index.js';
import { progressPrinter } from '../../src/commands/history.js';
import { scanHistory } from '../../src/sources/history/walk.js';
import { Engine } from '../../src/scan/engine.js';
import { Scanner } from '../../src/scan/scanner.js';

function leakyRepo(token = fakeHfToken(501)) {
  const repo = tempRepo();
  writeFiles(repo, { 'app.py': `HF = "${token}"\n` });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'leak');
  return { repo, token };
}

/** The token minus its prefix and last characters: none of it may be printed either. */
const middle = (token: string) => token.slice(3, -4);

describe('report files', () => {
  it('are created 0600, replace an existing file atomically, and leave no temporary file', async () => {
    const { repo } = leakyRepo();
    const dir = tempDir();
    const out = join(dir, 'report.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    const r = await leaklintIn(['history', '-f', 'json', '-o', out], { cwd: repo });
    expect(r.status).toBe(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.length).toBe(1);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('a full disk is a clear error (exit 2)', async () => {
    const { repo } = leakyRepo();
    const r = await leaklintIn(['history', '-f', 'json', '-o', '/dev/full'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write the report to \/dev\/full: no space left on the device \(ENOSPC\)/);
  });

  it('an unwritable --output is a clear error (exit 2)', async () => {
    const { repo } = leakyRepo();
    const missing = join(tempDir(), 'no', 'such', 'dir', 'r.json');
    const r1 = await leaklintIn(['history', '-o', missing], { cwd: repo });
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/cannot write the report to .*r\.json: no such directory \(ENOENT\)/);
    const r2 = await leaklintIn(['history', '-o', tempDir()], { cwd: repo });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/cannot write the report to .*: it is a directory/);
  });
});

describe('no raw secret on error paths', () => {
  it('a git error quoting a secret (a ref named after it) prints the preview only', async () => {
    const { repo, token } = leakyRepo();
    for (const args of [
      ['history', '--ref', token],
      ['diff', `${token}..HEAD`],
    ]) {
      const r = await leaklintIn(args, { cwd: repo });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/leaklint: /);
      expect(r.stderr).not.toContain(middle(token));
    }
  });

  it('a configuration or baseline with a JSON syntax error does not quote its text', async () => {
    const { repo, token } = leakyRepo();
    // (A trailing comma is allowed in a configuration: a missing one is the error.)
    writeFileSync(join(repo, 'leaklint.config.json'), `{"allowlist": {"values": ["${token}" "x"]}}`);
    const r = await leaklintIn(['files'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/leaklint\.config\.json:1:\d+: expected ',' or '\]'/);
    expect(r.stderr).not.toContain(middle(token).slice(-8));
    writeFileSync(join(repo, 'leaklint.config.json'), '{}');
    writeFileSync(join(repo, 'bl.json'), `{"entries": [${token}]}`);
    const b = await leaklintIn(['files', '--baseline', 'bl.json'], { cwd: repo });
    expect(b.status).toBe(2);
    expect(b.stderr).not.toContain(middle(token).slice(0, 8));
    expect(jsonErrorMessage(new SyntaxError(`Unexpected token 'h', "{"a": hf_AbCdEfG"... is not valid JSON`))).toBe(
      `Unexpected token 'h' (not valid JSON)`,
    );
  });

  it('an internal error (message and stack) is scrubbed before it is printed', async () => {
    const token = fakeHfToken(502);
    const err = new Error(`cannot parse ${token} in line 3`);
    const shown = await scrubInternalError(err);
    expect(shown).toMatch(/^cannot parse hf_\*+\w{4} in line 3$/);
    expect(scrubSecrets(err.stack!, allRules)).not.toContain(token);
  });

  it('progress lines carry counts only', async () => {
    const { repo, token } = leakyRepo(fakeHfToken(503));
    const written: string[] = [];
    const stderr = Object.assign(
      { write: (s: string) => written.push(s) > 0 },
      { isTTY: true },
    ) as unknown as NodeJS.WritableStream;
    const progress = progressPrinter({ stderr, stdout: process.stdout, stdin: process.stdin, cwd: repo, env: {} })!;
    const scanner = new Scanner(new Engine(allRules), { moment: 'audit', maxFileSize: 1e6 });
    await scanHistory(repo, scanner, { refs: [], includeStash: false, maxFileSize: 1e6, progress });
    progress({ commits: 1, blobs: 1, blobsDone: 1, bytes: 100 });
    expect(scanner.findings.map((f) => f.secret)).toEqual([token]);
    expect(written.length).toBeGreaterThan(0);
    for (const line of written)
      expect(line).toMatch(/^\r\d+ commits, blobs \d+\/\d+, [\d.]+ (?:B|KiB|MiB) scanned, [\d.]+ (?:B|KiB|MiB)\/s +$/);
  });
});

describe('interrupting a scan', () => {
  /** A `git` first on PATH that hangs in `git log` (as on a huge repository) and records its pid. */
  function slowGit(): { bin: string; pidFile: string } {
    const bin = tempDir('leaklint-bin-');
    const pidFile = join(bin, 'log.pid');
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\nfor a; do if [ "$a" = log ]; then echo $$ > '${pidFile}'; exec sleep 300; fi; done\nexec /usr/bin/git "$@"\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    return { bin, pidFile };
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} exits ${code}, ends the git child and leaves no report file`, { timeout: 60_000 }, async () => {
      const { repo } = leakyRepo();
      const { bin, pidFile } = slowGit();
      const outDir = tempDir();
      const child = spawn(process.execPath, [BIN, 'history', '-f', 'json', '-o', join(outDir, 'r.json')], {
        cwd: repo,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '')
        await new Promise((r) => setTimeout(r, 50));
      const gitPid = Number(readFileSync(pidFile, 'utf8'));
      child.kill(signal);
      const status = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
      expect(status).toBe(code);
      expect(stderr).toContain(`interrupted (${signal})`);
      for (let i = 0; i < 100 && alive(gitPid); i++) await new Promise((r) => setTimeout(r, 50));
      expect(alive(gitPid)).toBe(false);
      expect(readdirSync(outDir)).toEqual([]);
    });
  }
});
