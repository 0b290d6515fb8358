// rules/index.ts, rules/*.ts and fixtures/* stay in step.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, providerModules } from '../rules/index.js';
import { ROOT } from './helpers.js';

describe('rule catalogue', () => {
  const modules = readdirSync(join(ROOT, 'rules'))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''));

  it('indexes every module in rules/', () => {
    expect(Object.keys(providerModules).sort()).toEqual(modules.sort());
  });

  it('has a fixtures folder with positives and negatives for every module, and no orphan folders', () => {
    const folders = readdirSync(join(ROOT, 'fixtures')).sort();
    expect(folders).toEqual(modules.sort());
    for (const m of modules) {
      for (const side of ['positive', 'negative']) {
        const dir = join(ROOT, 'fixtures', m, side);
        expect(existsSync(dir) && readdirSync(dir).length > 0, `${dir} has fixtures`).toBe(true);
      }
    }
  });

  it('gives every module at least one rule, each with a unique id and its module as provider', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [name, rules] of Object.entries(providerModules)) {
      expect(rules.length, `${name} has rules`).toBeGreaterThan(0);
      for (const r of rules) expect(r.provider).toBe(name);
    }
  });

  it('describes every rule: title, why, remediation', () => {
    for (const r of allRules) {
      expect(r.title.length, r.id).toBeGreaterThan(5);
      expect(r.why.length, r.id).toBeGreaterThan(10);
      expect(r.remediation, r.id).toBeTruthy();
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});
