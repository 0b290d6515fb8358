// The launcher's start-up machinery for a history walk: the young
// generation held at its first size (see keepYoungGenerationSmall).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { walksHistory } from '../../src/launch.js';
import { ROOT, fakeHfToken, git, leaklint, tempRepo, writeFiles } from '../helpers.js';

describe('a history walk on the main thread', () => {
  it('is what history, audit and no command at all ask for, and no other command', () => {
    for (const argv of [[], ['history'], ['audit', '--format', 'json'], ['--format', 'json'], ['history', 'main']])
      expect(walksHistory(argv), argv.join(' ')).toBe(true);
    for (const argv of [['staged'], ['diff', 'HEAD~1..HEAD'], ['files'], ['rules'], ['init']])
      expect(walksHistory(argv), argv.join(' ')).toBe(false);
  });

  /** The young generation's size (MB) after a run that keeps most of what it allocates, in a fresh Node. */
  const youngGenerationAfterSurvivors = (hold: boolean): number => {
    const script = `
      ${hold ? `require(${JSON.stringify(join(ROOT, 'dist', 'launch.cjs'))}).keepYoungGenerationSmall();` : ''}
      const kept = [];
      for (let i = 0; i < 400000; i++) kept.push({ id: 'blob' + i, path: 'src/file' + (i % 5000) + '.py', n: i });
      const space = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      process.stdout.write(String(space.space_size / 1048576) + ' ' + kept.length);`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Number(out.split(' ')[0]);
  };

  it('keeps the young generation at its first size where V8 would grow it', () => {
    const grown = youngGenerationAfterSurvivors(false);
    const held = youngGenerationAfterSurvivors(true);
    // A Node on which the flag no longer works (or no longer exists) fails here, not in a user's terminal.
    expect(grown).toBeGreaterThan(held);
    expect(held).toBeLessThanOrEqual(2);
  });

  it('prints nothing of it: an audit reports its finding and no V8 message', () => {
    const repo = tempRepo();
    writeFiles(repo, { 'train.py': `HF_TOKEN = "${fakeHfToken(7)}"\n` });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'add training script');
    const r = leaklint(['history', '--format', 'json'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('huggingface-user-token');
    expect(r.stderr).not.toMatch(/flag|V8|Error/i);
  });
});
