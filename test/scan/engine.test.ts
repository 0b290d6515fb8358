// The engine in isolation: chunks in, findings out. Rules here are small
// stand-ins so each test says exactly what the engine does with them.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/scan/engine.js';
import { regexRule } from '../../src/rulekit/rulekit.js';
import { fingerprint, normalisePath, preview } from '../../src/report/redact.js';
import type { Chunk } from '../../src/types.js';
import { allRules } from '../../rules/index.js';
import { fakeHfToken, spyRule } from '../helpers.js';

const token = fakeHfToken(11);
const engine = new Engine(allRules);

function chunk(text: string, extra: Partial<Chunk> = {}): Chunk {
  return { path: 'app/settings.py', text, startLine: 1, origin: { kind: 'worktree' }, ...extra };
}

describe('positions', () => {
  it('reports 1-based line and column, and the end of the secret', () => {
    const [f] = engine.scan(chunk(`import os\n\n  HF = "${token}"\n`));
    expect(f).toMatchObject({
      ruleId: 'huggingface-user-token',
      line: 3,
      column: 9,
      endLine: 3,
      endColumn: 9 + token.length,
    });
    expect(f!.secret).toBe(token);
  });

  it('finds a secret on the first column of the first line and on a last line without a newline', () => {
    const found = engine.scan(chunk(`${token}\nx = 1\ny = "${fakeHfToken(12)}"`));
    expect(found.map((f) => [f.line, f.column])).toEqual([
      [1, 1],
      [3, 6],
    ]);
  });

  it('offsets lines by startLine for chunks taken from the middle of a file', () => {
    const [f] = engine.scan(chunk(`a\nb\nT = "${token}"\n`, { startLine: 40 }));
    expect(f).toMatchObject({ line: 42, column: 6, endLine: 42 });
  });

  it('maps diff-style chunks through lineNumbers', () => {
    const text = `first added\nT = "${token}"\nlast added\n`;
    const [f] = engine.scan(chunk(text, { startLine: 1, lineNumbers: [7, 19, 20] }));
    expect(f).toMatchObject({ line: 19, column: 6, endLine: 19, endColumn: 6 + token.length });
  });

  it('gives multi-line secrets an endLine on a later line', () => {
    const { rule } = spyRule('spy-multiline', ['begin'], /BEGIN[\s\S]*?END/);
    const [f] = new Engine([rule]).scan(chunk('x\n  BEGIN\nbody\nEND tail\n', { startLine: 10 }));
    // A rule only sees its keyword's own line unless it asks for context: ask for some.
    expect(f).toBeUndefined();
    const { rule: wide } = spyRule('spy-multiline-wide', ['begin'], /BEGIN[\s\S]*?END/, { contextLines: 3 });
    const [g] = new Engine([wide]).scan(chunk('x\n  BEGIN\nbody\nEND tail\n', { startLine: 10 }));
    expect(g).toMatchObject({ line: 11, column: 3, endLine: 13, endColumn: 4 });
  });

  it('carries the notebook cell onto the finding', () => {
    const [f] = engine.scan(chunk(`print(1)\nT = "${token}"\n`, { path: 'nb.ipynb', cell: 4 }));
    expect(f).toMatchObject({ cell: 4, line: 2 });
  });

  it('sorts findings by line then column, whatever the rule order', () => {
    const late = spyRule('spy-late', ['zeta'], /zeta/);
    const early = spyRule('spy-early', ['alpha'], /alpha/);
    const found = new Engine([late.rule, early.rule]).scan(chunk('zeta alpha\nalpha zeta\n'));
    expect(found.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['spy-late', 1, 1],
      ['spy-early', 1, 6],
      ['spy-early', 2, 1],
      ['spy-late', 2, 7],
    ]);
  });
});

describe('keyword prefilter', () => {
  it('never calls a rule whose keywords are absent', () => {
    const spy = spyRule('spy-absent', ['zqkeyword'], /zqkeyword/);
    new Engine([spy.rule]).scan(chunk(`nothing to see\n${token}\n`.repeat(50)));
    expect(spy.windows).toEqual([]);
  });

  it('matches keywords case-insensitively', () => {
    const spy = spyRule('spy-case', ['mytoken'], /MyToken=\w+/);
    const found = new Engine([spy.rule]).scan(chunk('x\nMyToken=Qm7rWz2k\n'));
    expect(found).toHaveLength(1);
    expect(spy.windows).toEqual(['MyToken=Qm7rWz2k']);
  });

  it('hands a rule only the lines around its keyword hits', () => {
    const spy = spyRule('spy-window', ['needle'], /needle/);
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
    lines[9] = 'a needle here';
    lines[59] = 'another needle';
    new Engine([spy.rule]).scan(chunk(lines.join('\n')));
    expect(spy.windows).toEqual(['a needle here', 'another needle']);
  });

  it('widens windows by contextLines and merges the ones that touch', () => {
    const spy = spyRule('spy-context', ['needle'], /needle/, { contextLines: 1 });
    const lines = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
    lines[4] = 'needle 5';
    lines[6] = 'needle 7';
    lines[15] = 'needle 16';
    const found = new Engine([spy.rule]).scan(chunk(lines.join('\n')));
    expect(spy.windows).toEqual(['l4\nneedle 5\nl6\nneedle 7\nl8', 'l15\nneedle 16\nl17']);
    expect(found.map((f) => f.line)).toEqual([5, 7, 16]);
  });

  it('calls each rule once per window even when a line holds several keyword hits', () => {
    const spy = spyRule('spy-many', ['ab', 'cd'], /ab|cd/);
    const found = new Engine([spy.rule]).scan(chunk('ab cd ab cd\n'));
    expect(spy.windows).toEqual(['ab cd ab cd']);
    expect(found).toHaveLength(4);
  });

  it('lets two rules share a keyword and calls each of them', () => {
    const one = spyRule('spy-one', ['shared'], /shared/);
    const two = spyRule('spy-two', ['shared'], /shared/);
    new Engine([one.rule, two.rule]).scan(chunk('x\nshared\n'));
    expect(one.windows).toEqual(['shared']);
    expect(two.windows).toEqual(['shared']);
  });
});

describe('fallback rules', () => {
  const provider = regexRule({
    id: 'spy-provider',
    provider: 'spy',
    title: 'provider token',
    why: 'test rule',
    severity: 'error',
    remediation: {},
    keywords: ['tok_'],
    pattern: /(?<secret>tok_[A-Za-z]{20})/,
    visiblePrefix: 4,
  });
  const generic = regexRule({
    id: 'spy-generic',
    provider: 'spy',
    title: 'generic assignment',
    why: 'test rule',
    severity: 'warning',
    remediation: {},
    keywords: ['secret'],
    fallback: true,
    pattern: /secret\s*=\s*"(?<secret>[^"]+)"/,
  });
  const e = new Engine([provider, generic]);

  it('drops a fallback finding that overlaps a provider finding', () => {
    const found = e.scan(chunk('secret = "tok_QwErTyUiOpAsDfGhJkLz"\n'));
    expect(found.map((f) => f.ruleId)).toEqual(['spy-provider']);
  });

  it('keeps a fallback finding on other text', () => {
    const found = e.scan(chunk('secret = "Zq8vR2mKp4Lw9xNc"\nother = "tok_QwErTyUiOpAsDfGhJkLz"\n')); // leaklint:allow
    expect(found.map((f) => f.ruleId)).toEqual(['spy-generic', 'spy-provider']);
  });

  it('applies the placeholder filter to every match, after the public prefix', () => {
    expect(e.scan(chunk(`other = "tok_${'a'.repeat(20)}"\nsecret = "<your secret>"\n`))).toEqual([]);
  });
});

describe('inline suppression in the engine', () => {
  it('marks the finding rather than dropping it', () => {
    const [f] = engine.scan(chunk(`T = "${token}"  # leaklint:allow\n`));
    expect(f!.suppressed).toBe('inline: leaklint:allow');
  });

  it('does not treat the previous chunk line as the previous file line in diff chunks', () => {
    // Added lines 5 and 9: the directive on line 5 speaks about line 6, not line 9.
    const text = `# leaklint:allow-next-line\nT = "${token}"\n`;
    const [gap] = engine.scan(chunk(text, { lineNumbers: [5, 9] }));
    expect(gap!.suppressed).toBeUndefined();
    const [adjacent] = engine.scan(chunk(text, { lineNumbers: [5, 6] }));
    expect(adjacent!.suppressed).toBe('inline: leaklint:allow-next-line');
  });
});

describe('redaction', () => {
  it('keeps the public prefix and the last characters, never the raw value', () => {
    const [f] = engine.scan(chunk(`T = "${token}"\n`));
    expect(f!.preview).toBe(`hf_********${token.slice(-4)}`);
    expect(f!.preview).not.toContain(token.slice(3, -4));
  });

  it('shows fewer trailing characters of shorter secrets, none of very short ones', () => {
    expect(preview('abcdefghijklmnopqrstuvwx')).toBe('********uvwx');
    expect(preview('abcdefghijklmnop')).toBe('********nop');
    expect(preview('abcdefghij')).toBe('********ij');
    expect(preview('abcdefghi')).toBe('********');
    expect(preview('pnu_abcdefghij', 4)).toBe('pnu_********ij');
  });

  it('normalises paths to one spelling', () => {
    expect(normalisePath('a\\b.txt', 'win32')).toBe('a/b.txt');
    expect(normalisePath('./a/b.txt')).toBe('a/b.txt');
    expect(normalisePath('././a/b.txt')).toBe('a/b.txt');
  });

  it('keeps a backslash outside Windows, where it is a file-name character', () => {
    expect(normalisePath('back\\slash.py', 'linux')).toBe('back\\slash.py');
    expect(normalisePath('./back\\slash.py', 'darwin')).toBe('back\\slash.py');
  });

  it('fingerprints rule, normalised path and secret: same for every spelling of the path', () => {
    const fp = fingerprint('huggingface-user-token', 'a/b.txt', token);
    expect(fingerprint('huggingface-user-token', normalisePath('a\\b.txt', 'win32'), token)).toBe(fp);
    expect(fingerprint('huggingface-user-token', './a/b.txt', token)).toBe(fp);
    expect(fingerprint('huggingface-user-token', 'a/b.txt', fakeHfToken(12))).not.toBe(fp);
    expect(fingerprint('huggingface-org-token', 'a/b.txt', token)).not.toBe(fp);
    expect(fingerprint('huggingface-user-token', 'a/c.txt', token)).not.toBe(fp);
    expect(fp).not.toContain(token);
  });

  it('gives the same fingerprint wherever the secret sits in the file', () => {
    const [a] = engine.scan(chunk(`T = "${token}"\n`, { path: './a/b.txt' }));
    const [b] = engine.scan(
      chunk(`\n\n\n   T = "${token}"\n`, { path: normalisePath('a\\b.txt', 'win32'), startLine: 30 }),
    );
    expect(a!.file).toBe('a/b.txt');
    expect(b!.file).toBe('a/b.txt');
    expect(b!.line).toBe(33);
    expect(b!.fingerprint).toBe(a!.fingerprint);
  });
});

describe('rule examples', () => {
  it('are built only when asked for: a scan never makes the fakes a rule documents itself with', () => {
    let built = 0;
    const rule = regexRule({
      id: 'spy-examples',
      provider: 'spy',
      title: 'example-bearing rule',
      why: 'test rule',
      severity: 'error',
      remediation: {},
      keywords: ['tok_'],
      pattern: /(?<secret>tok_[A-Za-z]{20})/,
      get examples() {
        built++;
        return { match: ['tok_abcdefghijklmnopqrst'], noMatch: [] };
      },
    });
    const engine = new Engine([rule]);
    const found = engine.scan({
      path: 'a.txt',
      text: 'x = tok_QwErTyUiOpAsDfGhJkLz\n',
      startLine: 1,
      origin: { kind: 'worktree' },
    });
    expect(found.map((f) => f.ruleId)).toEqual(['spy-examples']);
    expect(built).toBe(0);
    expect(rule.examples?.match).toHaveLength(1);
    expect(built).toBe(1);
  });
});
