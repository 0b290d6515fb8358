// Ctrl-C and a CI timeout's SIGTERM must stop a long scan promptly, also while
// it scans synchronously (history's rule pass over thousands of blobs, the
// deduplication, a tree of files): within a couple of seconds, exit 130/143,
// no report file. Before the scans gave the event loop a turn now and then,
// the signal was handled a minute later, after the full report was written.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, GIT_TEST_ENV, git, tempDir, tempRepo } from '../helpers.js';
import { OFF_THREAD_MIN_BLOBS } from '../../src/sources/history/blob-feed.js';

/**
 * A history dense with candidates, built with fast-import in a second:
 * `blobs` files of `lines` assignments of high-entropy values (fake, made
 * from a seeded generator), every blob a rule match to scan in full.
 */
function denseRepo(blobs: number, lines: number): string {
  const repo = tempRepo();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = 12345;
  const word = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      s += alphabet[(x >>> 8) % 62];
    }
    return s;
  };
  const parts: string[] = [];
  for (let c = 0; c * 100 < blobs; c++) {
    parts.push(`commit refs/heads/main\ncommitter Test <t@example.com> ${1700000000 + c} +0000\ndata 7\ncommit\n`);
    for (let b = c * 100; b < Math.min(blobs, (c + 1) * 100); b++) {
      let body = '';
      for (let l = 0; l < lines; l++) body += `password_${l} = "${word(24)}"\n`;
      parts.push(`M 100644 inline src/f${b}.py\ndata ${Buffer.byteLength(body)}\n${body}`);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: repo,
    input: parts.join(''),
    env: { ...process.env, ...GIT_TEST_ENV },
    maxBuffer: 1 << 30,
  });
  return repo;
}

/** A `git` first on PATH that creates `marker` when the named git command starts, then runs the real git. */
function markingGit(command: string): { bin: string; marker: string } {
  const bin = tempDir('leaklint-bin-');
  const marker = join(bin, 'started');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(bin, 'git'),
    `#!/bin/sh\nfor a; do if [ "$a" = ${command} ]; then : > '${marker}'; break; fi; done\nexec '${real}' "$@"\n`,
  );
  chmodSync(join(bin, 'git'), 0o755);
  return { bin, marker };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Start leaklint, wait until `gitCommand` has started and the scan has run a
 * while, send `signal`, and say how the process ended and how long that took.
 */
async function interrupt(
  args: string[],
  cwd: string,
  gitCommand: string,
  signal: NodeJS.Signals,
  env: NodeJS.ProcessEnv = {},
) {
  const { bin, marker } = markingGit(gitCommand);
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, ...GIT_TEST_ENV, ...env, PATH: `${bin}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  let running = true;
  void closed.then(() => (running = false));
  while (!existsSync(marker) && running) await sleep(20);
  // Well into the scan: blobs (or files) are being read and scanned on the main thread.
  await sleep(1500);
  expect(running, `leaklint ended before the signal: ${stderr}`).toBe(true);
  const sent = Date.now();
  child.kill(signal);
  // Today's code answers within a few hundred milliseconds; the old one only after the whole scan.
  const status = await Promise.race([closed, sleep(20_000).then(() => 'still running' as const)]);
  const took = Date.now() - sent;
  if (status === 'still running') child.kill('SIGKILL');
  return { status, took, stderr };
}

describe('a signal during a long synchronous scan', () => {
  // Past OFF_THREAD_MIN_BLOBS, so triage workers read the blobs and the main thread scans a backlog of their answers.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`history: ${signal} while blobs are scanned exits ${code} within seconds and writes no report`, {
      timeout: 60_000,
    }, async () => {
      const repo = denseRepo(OFF_THREAD_MIN_BLOBS + 400, 60);
      const out = tempDir();
      // Workers asked for: a repository this small is otherwise read on the main thread (see workerPlan).
      const r = await interrupt(['history', '-f', 'json', '-o', join(out, 'report.json')], repo, 'cat-file', signal, {
        LEAKLINT_WORKERS: '2',
      });
      expect(r.stderr).toContain(`interrupted (${signal}): no report written`);
      expect(r.status).toBe(code);
      expect(r.took).toBeLessThan(3000);
      expect(readdirSync(out)).toEqual([]);
    });
  }

  // The same on the main thread alone: there each chunk of cat-file's output is a turn of the event loop anyway,
  // so this guards the paced loops (scan, grouping, refs) rather than reproducing the old delay.
  it('history on the main thread only (no workers): SIGTERM exits 143 within seconds and writes no report', {
    timeout: 60_000,
  }, async () => {
    const repo = denseRepo(1200, 120);
    const out = tempDir();
    const r = await interrupt(['history', '-f', 'json', '-o', join(out, 'report.json')], repo, 'cat-file', 'SIGTERM', {
      LEAKLINT_WORKERS: '0',
    });
    expect(r.stderr).toContain('interrupted (SIGTERM): no report written');
    expect(r.status).toBe(143);
    expect(r.took).toBeLessThan(3000);
    expect(readdirSync(out)).toEqual([]);
  });

  it('files: SIGINT while a tree of files is scanned exits 130 within seconds and writes no report', {
    timeout: 60_000,
  }, async () => {
    const repo = denseRepo(1500, 120);
    git(repo, 'checkout', '-q', '-f', 'main');
    const out = tempDir();
    const r = await interrupt(['files', '-f', 'json', '-o', join(out, 'report.json')], repo, 'ls-files', 'SIGINT');
    expect(r.stderr).toContain('interrupted (SIGINT): no report written');
    expect(r.status).toBe(130);
    expect(r.took).toBeLessThan(3000);
    expect(readdirSync(out)).toEqual([]);
  });
});
