import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, leaklint } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('has the rules table that `leaklint rules --format markdown` prints', () => {
    const table = leaklint(['rules', '--format', 'markdown']).stdout.trim();
    expect(readme).toContain(table);
  });

  it('has a quick start of exactly two commands: run on this repository, run the tests', () => {
    const quick = readme.split('## Quick start')[1]!.split('```sh\n')[1]!.split('```')[0]!.trim().split('\n');
    expect(quick).toEqual(['npm install && npx leaklint', 'npm install && npm test']);
  });

  it('documents every command', async () => {
    const { commands } = await import('../src/commands/index.js');
    for (const c of commands) {
      const name = String(Array.isArray(c.command) ? c.command[0] : c.command).split(' ')[0]!;
      if (name === '$0') continue;
      expect(readme, name).toContain(`leaklint ${name}`);
    }
  });
});
