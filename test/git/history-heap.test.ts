// A history walk's heap settings (see git/history-heap.ts), set at
// launch and again when each triage worker is online, since a new isolate
// resets the young generation's growth: seen through that growth.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walksHistory } from '../../src/git/history-heap.js';
import { OFF_THREAD_MIN_BLOBS } from '../../src/sources/history/blob-feed.js';
import { BIN, GIT_TEST_ENV, tempDir, tempRepo } from '../helpers.js';

/** A script that keeps 400,000 small objects, then prints the young generation's size in MB. */
const SURVIVORS = `
  const kept = [];
  for (let i = 0; i < 400000; i++) kept.push({ id: 'blob' + i, path: 'src/file' + (i % 5000) + '.py', n: i });
  const young = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  process.stderr.write('young generation: ' + young.space_size / 1048576 + ' MB for ' + kept.length + '\\n');`;

/** A history of `blobs` distinct small files, made in one git fast-import. */
function manyBlobs(blobs: number): string {
  const repo = tempRepo();
  const parts: string[] = [];
  for (let c = 0; c * 500 < blobs; c++) {
    parts.push(`commit refs/heads/main\ncommitter Test <t@example.com> ${1700000000 + c} +0000\ndata 7\ncommit\n`);
    for (let b = c * 500; b < Math.min(blobs, (c + 1) * 500); b++)
      parts.push(`M 100644 inline src/f${b}.py\ndata ${String(b).length + 9}\nvalue = ${b}\n`);
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: repo,
    input: parts.join(''),
    env: { ...process.env, ...GIT_TEST_ENV },
  });
  return repo;
}

describe('the main thread of a history walk', () => {
  it('is what history, audit and no command at all ask for, and no other command', () => {
    for (const argv of [[], ['history'], ['audit', '--format', 'json'], ['--format', 'json'], ['history', 'main']])
      expect(walksHistory(argv), argv.join(' ')).toBe(true);
    for (const argv of [['staged'], ['diff', 'HEAD~1..HEAD'], ['files'], ['rules'], ['init']])
      expect(walksHistory(argv), argv.join(' ')).toBe(false);
  });

  it('keeps its young generation small through an audit with triage workers, and prints nothing of it', () => {
    const repo = manyBlobs(OFF_THREAD_MIN_BLOBS + 500);
    // Run once the command is done: its workers have come and gone, and the flag is what they left.
    const probe = join(tempDir(), 'probe.cjs');
    writeFileSync(probe, `process.on('exit', () => { ${SURVIVORS} });`);
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['-r', probe, BIN, ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LEAKLINT_WORKERS: '2' },
      });
    const young = (stderr: string) => Number(/young generation: (\d+(?:\.\d+)?) MB for 400000/.exec(stderr)?.[1]);
    const audit = run(['history']);
    expect(audit.stderr).toContain(`scanned 5 commits, ${OFF_THREAD_MIN_BLOBS + 500} unique file versions`);
    expect(audit.status).toBe(0);
    // 2 MB at first; one growth may come between a worker's isolate and its coming online.
    expect(young(audit.stderr)).toBeLessThanOrEqual(4);
    expect(audit.stderr).not.toMatch(/flag|V8|Error/i);
    // The same survivors after a command that does not hold it: V8 grows it (the probe can tell).
    const files = run(['files']);
    expect(files.status).toBe(0);
    expect(young(files.stderr)).toBeGreaterThan(young(audit.stderr));
  });
});
