import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, leaklint, tempDir } from '../helpers.js';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
// The README is a user's page; the rules table, the commands and the configuration live in docs/.
const rulesPage = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
const commandsPage = readFileSync(join(ROOT, 'docs', 'commands.md'), 'utf8');
const configurationPage = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');

describe('README and docs/', () => {
  it('docs/rules.md has the rules table that `leaklint rules --format markdown` prints', () => {
    const table = leaklint(['rules', '--format', 'markdown']).stdout.trim();
    expect(rulesPage).toContain(table);
  });

  it('has the rules table as `npm run docs` writes it from the current sources', async () => {
    const gen = (await import(pathToFileURL(join(ROOT, 'scripts', 'gen-docs.mjs')).href)) as {
      spliceRulesTable(readme: string, table: string): string;
      rulesTable(): Promise<string>;
    };
    const { loadRules } = await import('../../src/scan/rule-set.js');
    const { renderRules } = await import('../../src/commands/rules.js');
    const table = renderRules(await loadRules(), 'markdown');
    expect(table).toContain('| `huggingface-user-token` | huggingface | content | error |');
    // The script's own bundle of the sources renders the same table.
    expect(await gen.rulesTable()).toBe(table);
    expect(
      gen.spliceRulesTable(rulesPage, table),
      'the rules table in docs/rules.md is stale: run `npm run docs`',
    ).toBe(rulesPage);
    // A stale table (a rule missing) is caught.
    const stale = rulesPage.replace(/^\| `groq-api-key` .*\n/m, '');
    expect(stale).not.toBe(rulesPage);
    expect(gen.spliceRulesTable(stale, table)).toBe(rulesPage);
  });

  it('has a quick start of exactly two commands: run on this repository, run the tests', () => {
    const quick = readme.split('## Quick start')[1]!.split('```sh\n')[1]!.split('```')[0]!.trim().split('\n');
    expect(quick).toEqual(['npm install && npx leaklint', 'npm install && npm test']);
  });

  it('documents every command', async () => {
    const { commands } = await import('../../src/commands/index.js');
    for (const c of commands) {
      const name = String(Array.isArray(c.command) ? c.command[0] : c.command).split(' ')[0]!;
      if (name === '$0') continue;
      expect(commandsPage, name).toContain(`leaklint ${name}`);
    }
  });

  it('shows a configuration example that leaklint accepts, project rule and overrides included', () => {
    const example = configurationPage.split('## Configuration')[1]!.split('```json\n')[1]!.split('```')[0]!;
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

describe('README: Install', () => {
  const install = readme.split('## Install\n')[1]!.split('\n## ')[0]!;

  it('comes before anything about developing leaklint', () => {
    expect(readme.indexOf('## Install\n')).toBeGreaterThan(0);
    expect(readme.indexOf('## Install\n')).toBeLessThan(readme.indexOf('## Quick start'));
    expect(readme.indexOf('## Install\n')).toBeLessThan(readme.indexOf('## The three moments'));
    expect(readme).not.toContain('## Development');
    for (const audience of [
      '### In a Node project',
      '### In a Python project (the pre-commit framework)',
      '### In CI',
      '### A one-off audit',
    ])
      expect(install).toContain(audience);
  });

  it('names the current release everywhere it pins one', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const pins = [...readme.matchAll(/(?:#|@|rev: |leaklint-)v?(\d+\.\d+\.\d+)\b/g)].map((m) => m[1]);
    expect(pins.length).toBeGreaterThan(4);
    expect(new Set(pins)).toEqual(new Set([version]));
  });

  it('shows the pre-commit snippet and install command that `leaklint init` prints', () => {
    const repo = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: repo });
    writeFileSync(join(repo, '.pre-commit-config.yaml'), 'repos:\n');
    const printed = leaklint(['init', '--dry-run'], { cwd: repo }).stdout.split('\n');
    const from = printed.findIndex((l) => l.startsWith('Add to .pre-commit-config.yaml'));
    const snippet = printed.slice(
      from + 1,
      printed.findIndex((l) => l.startsWith('then run: ')),
    );
    expect(snippet.length).toBeGreaterThan(3);
    const shown = install.split('```yaml\n')[1]!.split('```')[0]!;
    expect(shown).toBe(`repos:\n${snippet.join('\n')}\n`);
    const command = printed.find((l) => l.startsWith('then run: '))!.slice('then run: '.length);
    expect(install).toContain(`\`\`\`sh\n${command}\n\`\`\``);
  });
});
