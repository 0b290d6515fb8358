// Inline directives: leaklint's own and the peers', on the same line or the
// line before; suppressed findings are kept, counted and never fail a run.
import { describe, expect, it } from 'vitest';
import { inlineDirective } from '../../src/suppress/inline.js';
import { Engine } from '../../src/scan/engine.js';
import { DEFAULT_MAX_FILE_SIZE, Scanner } from '../../src/scan/scanner.js';
import { allRules } from '../../rules/index.js';
import { fakeHfToken, leaklint } from '../helpers.js';

const token = fakeHfToken(41);
const engine = new Engine(allRules);

function scan(text: string) {
  const scanner = new Scanner(engine, { moment: 'files', maxFileSize: DEFAULT_MAX_FILE_SIZE });
  scanner.add({ type: 'file', path: 'app.py', origin: { kind: 'worktree' }, data: Buffer.from(text) });
  return scanner.result();
}

const SAME_LINE = [
  'leaklint:allow',
  'gitleaks:allow',
  'pragma: allowlist secret',
  'secretlint-disable-line',
  'trufflehog:ignore',
  'ggignore',
  'kingfisher:ignore',
];
const NEXT_LINE = ['leaklint:allow-next-line', 'pragma: allowlist nextline secret', 'secretlint-disable-next-line'];

describe('inlineDirective', () => {
  for (const d of SAME_LINE) {
    it(`reads ${d} on the finding's own line, in any comment style and case`, () => {
      expect(inlineDirective(`x = 1  # ${d}`, undefined)).toBe(d);
      expect(inlineDirective(`x = 1; // ${d.toUpperCase()}`, undefined)).toBe(d);
      expect(inlineDirective(`<!-- ${d} --> x`, 'unrelated')).toBe(d);
      expect(inlineDirective('x = 1', `# ${d}`)).toBeUndefined();
    });
  }

  for (const d of NEXT_LINE) {
    it(`reads ${d} on the line before, and not on the finding's own line`, () => {
      expect(inlineDirective('x = 1', `# ${d}`)).toBe(d);
      expect(inlineDirective(`x = 1  # ${d}`, undefined)).toBeUndefined();
      expect(inlineDirective(`x = 1  # ${d}`, 'y = 2')).toBeUndefined();
    });
  }

  it('does not take longer words for directives', () => {
    expect(inlineDirective('x  # leaklint:allowed', undefined)).toBeUndefined();
    expect(inlineDirective('x  # gitleaks:allowlist', undefined)).toBeUndefined();
    expect(inlineDirective('x  # ggignores', undefined)).toBeUndefined();
  });

  it('still sees a same-line directive that follows a next-line one', () => {
    expect(inlineDirective('x  # leaklint:allow-next-line, leaklint:allow', undefined)).toBe('leaklint:allow');
  });

  it('ignores empty lines', () => {
    expect(inlineDirective('', '')).toBeUndefined();
  });
});

describe('suppressed findings', () => {
  it('are kept apart from findings, with the directive as the reason', () => {
    const r = scan(`a = "${token}"  # gitleaks:allow\nb = "${fakeHfToken(42)}"\n`);
    expect(r.findings.map((f) => f.line)).toEqual([2]);
    expect(r.suppressed.map((f) => [f.line, f.suppressed])).toEqual([[1, 'inline: gitleaks:allow']]);
  });

  it('apply to the next line only, not the one after', () => {
    const r = scan(`# leaklint:allow-next-line\na = "${token}"\nb = "${fakeHfToken(43)}"\n`);
    expect(r.suppressed.map((f) => f.line)).toEqual([2]);
    expect(r.findings.map((f) => f.line)).toEqual([3]);
  });

  it('do not let leaklint:allow-next-line silence its own line', () => {
    const r = scan(`a = "${token}"  # leaklint:allow-next-line\n`);
    expect(r.findings).toHaveLength(1);
    expect(r.suppressed).toHaveLength(0);
  });

  it('work on CRLF files too', () => {
    const r = scan(`# pragma: allowlist nextline secret\r\na = "${token}"\r\n`);
    expect(r.suppressed).toHaveLength(1);
  });
});

describe('suppression through the CLI', () => {
  const input = `# secretlint-disable-next-line\nA = "${token}"\nB = "${fakeHfToken(44)}"  # trufflehog:ignore\n`;

  it('counts suppressed findings in the JSON summary and exits 0', () => {
    const r = leaklint(['stdin', '-f', 'json'], { input });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ findings: 0, suppressed: 2 });
    expect(report.suppressed.map((f: { line: number; suppressed: string }) => [f.line, f.suppressed])).toEqual([
      [2, 'inline: secretlint-disable-next-line'],
      [3, 'inline: trufflehog:ignore'],
    ]);
    expect(r.stdout).not.toContain(token);
  });

  it('counts them in the human summary and exits 0', () => {
    const r = leaklint(['stdin'], { input });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 findings.*2 suppressed/);
    expect(r.stdout).not.toContain(token);
  });

  it('still fails on the findings that are not suppressed', () => {
    const r = leaklint(['stdin', '-f', 'json'], { input: `${input}C = "${fakeHfToken(45)}"\n` });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ findings: 1, suppressed: 2 });
  });
});
