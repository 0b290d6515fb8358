// The default .gitignore policy is the path rules' own ignore lines: one
// source of truth, so a new credential-file rule extends the policy by itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { ignorePolicy, missingPatterns, requiredPatterns } from '../../src/repo-checks/gitignore.js';
import type { PathRule } from '../../src/types.js';
import { ROOT, leaklint, tempRepo } from '../helpers.js';

const pathRules = allRules.filter((r): r is PathRule => r.kind === 'path');
const policy = ignorePolicy(allRules);

describe('the default .gitignore policy', () => {
  it('holds every path rule’s ignore lines and nothing else, each once', () => {
    const named = pathRules
      .flatMap((r) => [r.ignorePattern, ...(r.alsoIgnore ?? [])])
      .filter((p): p is string => p !== undefined);
    expect(named.length).toBeGreaterThan(10);
    expect(new Set(policy)).toEqual(new Set(named));
    expect(policy.length).toBe(new Set(policy).size);
    // The credential files the hand-kept list had missed are in it now.
    for (const p of ['.aws/', '.prefect/', '.pypirc', '.*_history', '.env', '.env.*', '*.pem'])
      expect(policy).toContain(p);
  });

  it('is what a project without its own list checks; a configured list replaces it', async () => {
    expect(await requiredPatterns(undefined)).toEqual(policy);
    expect(await requiredPatterns(['.env'])).toEqual(['.env']);
  });

  it('recognises each line when .gitignore holds it alone (directories and wildcards included)', () => {
    for (const line of policy) {
      const repo = tempRepo();
      writeFileSync(join(repo, '.gitignore'), `${line}\n`);
      const missing = missingPatterns(repo, policy);
      // The others stay missing (`.env.*` alone also covers `.env.sentry-build-plugin`).
      expect(missing.length, line).toBeGreaterThan(policy.length / 2);
      expect(missing, line).not.toContain(line);
    }
  });

  it('is what `leaklint gitignore --fix` appends, and then nothing is missing', () => {
    const repo = tempRepo();
    const fixed = leaklint(['gitignore', '--fix'], { cwd: repo });
    expect(fixed.stderr).toContain('added to .gitignore: ');
    const lines = readFileSync(join(repo, '.gitignore'), 'utf8').split('\n');
    for (const p of policy) expect(lines).toContain(p);
    const again = leaklint(['gitignore'], { cwd: repo });
    expect(again.stdout).toContain('0 findings');
    expect(again.status).toBe(0);
  });

  it('is listed in the Repository rules section of docs/rules.md', () => {
    const page = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    const section = page.split('## Repository rules\n')[1]!.split('\n## ')[0]!.replace(/\s+/g, ' ');
    for (const p of policy) expect(section, p).toContain(`\`${p}\``);
  });
});
