import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, leaklint, tempDir } from './helpers.js';
import { writeFileSync } from 'node:fs';

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

  it('shows a configuration example that leaklint accepts, project rule and overrides included', () => {
    const example = readme.split('## Configuration')[1]!.split('```json\n')[1]!.split('```')[0]!;
    const file = join(tempDir(), 'leaklint.config.json');
    writeFileSync(file, example);
    const r = leaklint(['rules', '--format', 'json', '--config', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rules = JSON.parse(r.stdout) as { id: string; severity: string }[];
    expect(rules.find((x) => x.id === 'acme-api-key')).toBeTruthy();
    expect(rules.find((x) => x.id === 'generic-secret-assignment')!.severity).toBe('warning');
  });
});
