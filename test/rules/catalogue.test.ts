// A rule is one file in rules/: rules/index.ts is generated from the folder,
// and every rule carries its own examples, run here through the real engine.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules, providerModules } from '../../rules/index.js';
import { Engine } from '../../src/scan/engine.js';
import { Scanner, DEFAULT_MAX_FILE_SIZE } from '../../src/scan/scanner.js';
import type { Finding, Rule } from '../../src/types.js';
import { repoRules } from '../../src/repo-checks/rules.js';
import { gitignoreFindings, ignorePolicy } from '../../src/repo-checks/gitignore.js';
import { remoteFindings } from '../../src/repo-checks/remotes.js';
import { extraHeaderFindings } from '../../src/repo-checks/extraheader.js';
import { untrackedEnvFindings } from '../../src/repo-checks/untracked-env.js';
import { ROOT, git, tempRepo, writeFiles } from '../helpers.js';

const engine = new Engine(allRules);

/** A path example's (or repository example's) path, and the file content after its first line, if any. */
function splitFile(example: string): { path: string; content: string } {
  const nl = example.indexOf('\n');
  return nl === -1 ? { path: example, content: '' } : { path: example.slice(0, nl), content: example.slice(nl + 1) };
}

/** Content examples are a file's text, path examples a file at that path: both through the scanner, as `leaklint files` reads them. */
function scanExample(rule: Rule, example: string): Finding[] {
  const scanner = new Scanner(engine, { moment: 'files', maxFileSize: DEFAULT_MAX_FILE_SIZE });
  const { path, content } = rule.kind === 'path' ? splitFile(example) : { path: 'example.txt', content: example };
  scanner.add({ type: 'file', path, origin: { kind: 'worktree' }, data: Buffer.from(content) });
  const { findings, suppressed } = scanner.result();
  expect(suppressed).toEqual([]);
  return findings;
}

/**
 * A repository example: one file committed to a fresh repository, lines
 * appended to its .git/config, or (`untracked:PATH`) a file left untracked.
 */
function repoExample(example: string): Finding[] {
  const repo = tempRepo();
  const split = splitFile(example);
  const untracked = split.path.startsWith('untracked:');
  const path = untracked ? split.path.slice('untracked:'.length) : split.path;
  if (path === '.git/config') appendFileSync(join(repo, '.git', 'config'), split.content);
  else {
    writeFiles(repo, { [path]: split.content });
    if (!untracked) {
      // Tracked even when the example ignores it: a file committed before its ignore rule.
      git(repo, 'add', '-f', '--', path);
      git(repo, 'commit', '-q', '-m', 'example');
    }
  }
  const untrackedOptions = { maxFileSize: DEFAULT_MAX_FILE_SIZE, accept: () => undefined, isIgnored: () => false };
  return [
    ...gitignoreFindings(repo, ignorePolicy(allRules)),
    ...remoteFindings(repo, engine),
    ...extraHeaderFindings(repo, engine),
    ...untrackedEnvFindings(repo, engine, untrackedOptions),
  ];
}

const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);

describe('rule catalogue', () => {
  const modules = readdirSync(join(ROOT, 'rules'))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''));

  it('indexes every module in rules/', () => {
    expect(Object.keys(providerModules).sort()).toEqual(modules.sort());
  });

  it('has rules/index.ts as `npm run docs` generates it from the folder', async () => {
    const gen = (await import(pathToFileURL(join(ROOT, 'scripts', 'gen-docs.mjs')).href)) as {
      indexSource(files: string[]): string;
    };
    expect(readFileSync(join(ROOT, 'rules', 'index.ts'), 'utf8'), 'rules/index.ts is stale: run `npm run docs`').toBe(
      gen.indexSource(readdirSync(join(ROOT, 'rules'))),
    );
  });

  it('has no fixture folder without its module (folders are for whole-file cases, and optional)', () => {
    for (const folder of readdirSync(join(ROOT, 'fixtures'))) expect(modules).toContain(folder);
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

  it('gives every rule, repository rules included, examples that must and must not match', () => {
    for (const r of [...allRules, ...repoRules]) {
      expect(r.examples?.match.length ?? 0, `${r.id} has match examples`).toBeGreaterThan(0);
      expect(r.examples?.noMatch.length ?? 0, `${r.id} has noMatch examples`).toBeGreaterThan(0);
    }
  });
});

describe('rule examples', () => {
  for (const rule of allRules) {
    it(`${rule.id}: its examples`, () => {
      const { match = [], noMatch = [] } = rule.examples ?? {};
      for (const example of match)
        expect(ids(scanExample(rule, example)), `match: ${JSON.stringify(example)}`).toContain(rule.id);
      for (const example of noMatch)
        expect(ids(scanExample(rule, example)), `noMatch: ${JSON.stringify(example)}`).not.toContain(rule.id);
    });
  }

  for (const rule of repoRules) {
    it(`${rule.id}: its examples, each in a fresh repository`, () => {
      const { match = [], noMatch = [] } = rule.examples ?? {};
      for (const example of match)
        expect(ids(repoExample(example)), `match: ${JSON.stringify(example)}`).toContain(rule.id);
      for (const example of noMatch)
        expect(ids(repoExample(example)), `noMatch: ${JSON.stringify(example)}`).not.toContain(rule.id);
    });
  }
});
