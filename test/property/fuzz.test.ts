// The slow cases of the fuzz run (`npm run fuzz`, which sets
// LEAKLINT_FUZZ_RUNS): a 20 MB single line, adversarial lines built from
// every rule's keywords, 100,000 tiny files and 100,000 refs. Skipped by
// `npm test`, which runs smaller versions (test/property/hardening.test.ts).
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../rules/index.js';
import { Engine } from '../../src/scan/engine.js';
import { Scanner } from '../../src/scan/scanner.js';
import type { ContentRule } from '../../src/types.js';
import { fakeHfToken, git, leaklint, tempDir, tempRepo, writeFiles } from '../helpers.js';

const FUZZ = Number(process.env.LEAKLINT_FUZZ_RUNS ?? 0) > 0;
const engine = new Engine(allRules);
const MB = 1024 * 1024;

function scan(path: string, data: Buffer) {
  const scanner = new Scanner(engine, { moment: 'files', maxFileSize: 32 * MB });
  scanner.add({ type: 'file', path, origin: { kind: 'worktree' }, data });
  return scanner.result();
}

describe.runIf(FUZZ)('fuzz: large and adversarial input', () => {
  it('a 20 MB single line with a token planted in the middle', { timeout: 600_000 }, () => {
    const token = fakeHfToken(701);
    const filler = 'lorem ipsum token key secret = x; '.repeat(Math.ceil((10 * MB) / 34));
    const line = `${filler} "${token}" ${filler}`;
    expect(line.length).toBeGreaterThan(20 * 1000 * 1000);
    const found = scan('one-line.txt', Buffer.from(line)).findings.filter((f) => f.secret === token);
    expect(found.length).toBe(1);
    expect(found[0]!.line).toBe(1);
  });

  // Each rule's keywords repeated along one long line with no token: the shape that makes a badly written pattern quadratic.
  const keywords = [
    ...new Set(allRules.filter((r): r is ContentRule => r.kind === 'content').flatMap((r) => r.keywords)),
  ];
  it('a 1 MB line of each rule keyword repeated (joined by spaces, `=`, quotes, brackets …) finishes', {
    timeout: 600_000,
  }, () => {
    const seps = [' ', '=', '\t', '"', '(', ':', '-', '/'];
    for (const [i, kw] of keywords.entries()) {
      const unit = `${kw}${seps[i % seps.length]}`;
      scan('k.txt', Buffer.from(unit.repeat(Math.ceil(MB / unit.length))));
    }
  });

  it('100,000 tiny files: all scanned, the one token found', { timeout: 600_000 }, () => {
    const dir = tempDir('leaklint-many-');
    const token = fakeHfToken(702);
    for (let d = 0; d < 100; d++) {
      const sub = join(dir, `d${d}`);
      mkdirSync(sub);
      for (let f = 0; f < 1000; f++)
        writeFileSync(join(sub, `f${f}.txt`), d === 57 && f === 321 ? `T = "${token}"\n` : `x${f}\n`);
    }
    const r = leaklint(['files', '.', '-f', 'json', '--show-secrets'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: Array<{ file: string; secret: string }>;
      summary: { filesScanned: number };
    };
    expect(report.summary.filesScanned).toBe(100_000);
    expect(report.findings.map((f) => [f.file, f.secret])).toEqual([[join('d57', 'f321.txt'), token]]);
  });

  it('100,000 refs: the secret is found once, and every ref that reaches it is counted', { timeout: 600_000 }, () => {
    const repo = tempRepo();
    const token = fakeHfToken(420);
    writeFiles(repo, { 'a.py': `T = "${token}"\n` });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'c');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const lines = ['# pack-refs with: peeled fully-peeled sorted'];
    for (let i = 0; i < 100_000; i++) lines.push(`${head} refs/heads/b${String(i).padStart(6, '0')}`);
    writeFileSync(join(repo, '.git', 'packed-refs'), lines.join('\n') + '\n');
    const r = leaklint(['history', '-f', 'json'], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    const findings = (
      JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; history?: { refs: string[]; refCount: number } }> }
    ).findings.filter((f) => f.ruleId === 'huggingface-user-token');
    expect(findings.length).toBe(1);
    expect(findings[0]!.history!.refCount).toBe(100_001);
    expect(findings[0]!.history!.refs).toEqual(Array.from({ length: 20 }, (_, i) => `b${String(i).padStart(6, '0')}`));
  });
});
