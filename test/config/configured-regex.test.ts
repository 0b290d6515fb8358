// Patterns from a configuration are the scanned repository's own text when a
// pull request brings its config: they must not stall CI. They run on a
// linear-time engine (RE2), and a configured rule or allowlist pattern that
// still runs long on a file stops there with a warning naming it and the file.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leaklint, tempRepo, writeFiles } from '../helpers.js';
import { compileConfigured } from '../../src/config/configured-regex.js';
import { extraRules } from '../../src/config/extra-rules.js';
import { compileConfig, parseConfig } from '../../src/config/config.js';
import type { Finding } from '../../src/types.js';
import { Engine } from '../../src/scan/engine.js';
import { Scanner } from '../../src/scan/scanner.js';

/** The patterns that took 18–30 s on JavaScript's engine, and the 34-byte line they took it on. */
const BACKTRACKERS = ['tok_(a|[ab])*!', 'tok_(a{1,30}){1,30}!'];
const LINE = `tok_${'a'.repeat(30)}`;

/** Deterministic letters and digits (fake token bodies). */
function word(seed: number, n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += alphabet[(x >>> 8) % 62];
  }
  return s;
}

function repoWithConfig(config: unknown, files: Record<string, string>): string {
  const repo = tempRepo();
  writeFileSync(join(repo, 'leaklint.config.json'), JSON.stringify(config));
  writeFiles(repo, files);
  return repo;
}

describe('configured patterns run on a linear-time engine', () => {
  it('compiles the patterns that backtrack catastrophically in JavaScript for RE2, with a secret group and JS flags', () => {
    expect(LINE.length).toBe(34);
    for (const source of BACKTRACKERS) {
      const p = compileConfigured(source);
      if (typeof p === 'string') throw new Error(p);
      // RE2's answer on the line that stalled JavaScript's engine for half a minute.
      expect(p.re.test(LINE)).toBe(false);
      expect(p.re.test(`${LINE}!`)).toBe(true);
    }
    const named = compileConfigured('key=(?<secret>[a-z]+)');
    expect(typeof named !== 'string' && named.hasSecretGroup).toBe(true);
    const i = compileConfigured('acme_[a-z]+', 'i');
    expect(typeof i !== 'string' && i.re.test('ACME_KEY')).toBe(true);
    expect(compileConfigured('a', 'v')).toMatch(/flags "v"/);
  });

  it('a configured rule finds its matches with RE2, the named group as the secret and UTF-16 offsets', () => {
    const [rule] = extraRules([
      {
        id: 'acme-key',
        provider: 'acme',
        title: 'ACME key',
        regex: 'acme_key=(?<secret>ak_[A-Za-z0-9]{20})',
        keywords: ['acme_key'],
        severity: 'error',
        remediation: {},
      },
    ]);
    const token = `ak_${word(7, 20)}`;
    const text = `é😀 acme_key=${token} acme_key=${token}`;
    const found = rule!.match(text, { path: 'x' });
    expect(found.map((m) => m.secret)).toEqual([token, token]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(token);
  });

  for (const regex of BACKTRACKERS) {
    it(`a rule ${regex} scans the 34-byte line in well under the 18–30 s it took`, { timeout: 60_000 }, () => {
      const repo = repoWithConfig({ rules: [{ id: 'tok-rule', regex, keywords: ['tok_'] }] }, { 'f.txt': `${LINE}\n` });
      const started = Date.now();
      const r = leaklint(['files', 'f.txt', '-f', 'json'], { cwd: repo });
      const took = Date.now() - started;
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).summary.filesScanned).toBe(1);
      expect(r.status).toBe(0);
      expect(took).toBeLessThan(10_000);
    });
  }

  it('the same patterns as allowlist regexes judge a finding holding the 34-byte line at once', {
    timeout: 60_000,
  }, () => {
    const config = parseConfig(
      { allowlist: { regexes: BACKTRACKERS }, overrides: [{ files: '**', allowlist: { regexes: BACKTRACKERS } }] },
      'leaklint.config.json',
    );
    const { accept } = compileConfig(config);
    const finding = { ruleId: 'tok-rule', file: 'f.txt', secret: LINE } as Finding;
    const started = Date.now();
    expect(accept(finding)).toBeUndefined();
    expect(accept({ ...finding, secret: `${LINE}!` })).toBe('config: allowlisted pattern');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('time budgets of configured patterns', () => {
  // Linear, but slow per character: near the program cap, with case folding over Unicode classes.
  const SLOW = '(?i)tok_(?:[\\pL\\pN]{1,30}){1,30}\\bz';

  it('a rule that runs out of its time on a file stops there: a warning names the rule and the file, counted incomplete', {
    timeout: 60_000,
  }, () => {
    const slow = `${Array.from({ length: 400 }, (_, i) => `x tok_${word(i + 1, 900)}`).join('\n')}\n`;
    const repo = repoWithConfig(
      {
        rules: [
          { id: 'slow-rule', regex: SLOW, keywords: ['tok_'] },
          { id: 'acme-key', regex: 'acme_[A-Za-z0-9]{24}', keywords: ['acme_'], severity: 'warning' },
        ],
      },
      { 'slow.txt': slow, 'ok.txt': `key = acme_${word(3, 24)}\n` },
    );
    const started = Date.now();
    const r = leaklint(['files', '.', '-f', 'json'], { cwd: repo });
    const took = Date.now() - started;
    const report = JSON.parse(r.stdout);
    // The other rule still ran: the scan went on past the slow file.
    expect(report.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`)).toEqual([
      'acme-key ok.txt',
    ]);
    expect(report.summary.warnings.join('\n')).toMatch(
      /rule slow-rule ran out of its 1000 ms on slow\.txt: .*the scan is incomplete/,
    );
    // No error finding, but a file not fully searched: the incomplete scan's exit code.
    expect(r.status).toBe(3);
    // 400 windows at ~0.1 s each unbounded; a budget of 1 s (twice: the first pass, then the full scan) bounds it.
    expect(took).toBeLessThan(15_000);
  });

  it('the engine counts the file as incomplete and keeps what the rule found before its deadline', () => {
    const [rule] = extraRules([
      {
        id: 'slow-rule',
        provider: 'custom',
        title: 'slow',
        regex: `(?i)(?<secret>tok_[a-z0-9]{5})|${SLOW}`,
        keywords: ['tok_'],
        severity: 'error',
        remediation: {},
      },
    ]);
    rule!.timeBudgetMs = 1;
    const scanner = new Scanner(new Engine([rule!]), { moment: 'files', maxFileSize: 1e7 });
    const text = `tok_k3y9z\n${Array.from({ length: 2000 }, (_, i) => `x tok_${word(i + 1, 900)}`).join('\n')}\n`;
    scanner.add({ type: 'chunk', chunk: { path: 'slow.txt', text, startLine: 1, origin: { kind: 'worktree' } } });
    expect(scanner.findings.map((f) => f.secret)).toContain('tok_k3y9z');
    expect(scanner.stats.unread).toBe(1);
    expect(scanner.stats.warnings).toEqual([expect.stringMatching(/^rule slow-rule ran out of its 1 ms on slow\.txt/)]);
  });

  it('an allowlist pattern that runs out of time on a file stops judging it: its findings are reported, with a warning naming the key', {
    timeout: 60_000,
  }, () => {
    const lines = Array.from({ length: 300 }, (_, i) => `t = tok_${word(i + 11, 200)}`).join('\n');
    const repo = repoWithConfig(
      {
        rules: [{ id: 'tok-rule', regex: 'tok_[A-Za-z0-9]{200}', keywords: ['tok_'] }],
        allowlist: { regexes: [SLOW] },
      },
      { 'many.txt': `${lines}\n` },
    );
    const r = leaklint(['files', '.', '-f', 'json'], { cwd: repo });
    const report = JSON.parse(r.stdout);
    expect(report.findings.length).toBe(300);
    expect(report.suppressed.length).toBe(0);
    expect(report.summary.warnings.join('\n')).toMatch(/allowlist\.regexes\[0\] ran out of its 1000 ms on many\.txt/);
    expect(r.status).toBe(1);
  });
});
