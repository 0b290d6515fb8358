// Every positive fixture yields a finding of its provider; every negative
// yields nothing. Fixtures are whole-file cases and optional: a rule's own
// examples (test/rules/catalogue.test.ts) cover the rest.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/scan/engine.js';
import { Scanner, DEFAULT_MAX_FILE_SIZE } from '../../src/scan/scanner.js';
import { allRules, providerModules } from '../../rules/index.js';
import { ROOT } from '../helpers.js';

const FIXTURES = join(ROOT, 'fixtures');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

function scanFixture(base: string, file: string) {
  const scanner = new Scanner(new Engine(allRules), { moment: 'files', maxFileSize: DEFAULT_MAX_FILE_SIZE });
  // The path inside positive/ or negative/ is the name the file is scanned under, so path rules see `.env`, `.modal.toml` …
  scanner.add({ type: 'file', path: relative(base, file), origin: { kind: 'worktree' }, data: readFileSync(file) });
  return scanner.result();
}

for (const provider of Object.keys(providerModules)) {
  describe(`fixtures/${provider}`, () => {
    const positive = join(FIXTURES, provider, 'positive');
    const negative = join(FIXTURES, provider, 'negative');
    for (const file of filesUnder(positive)) {
      it(`positive/${relative(positive, file)} yields a ${provider} finding`, () => {
        const { findings } = scanFixture(positive, file);
        expect(findings.filter((f) => f.provider === provider).map((f) => f.ruleId)).not.toEqual([]);
      });
    }
    for (const file of filesUnder(negative)) {
      it(`negative/${relative(negative, file)} yields nothing`, () => {
        const { findings } = scanFixture(negative, file);
        expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.preview}`)).toEqual([]);
      });
    }
  });
}
