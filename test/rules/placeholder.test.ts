// The shared placeholder filter: stand-ins and templates are not leaks, and
// values shaped like real tokens are never mistaken for stand-ins.
import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../src/rulekit/placeholder.js';
import { Engine } from '../../src/scan/engine.js';
import { allRules } from '../../rules/index.js';
import { fakeHfToken } from '../helpers.js';
// @ts-expect-error: a plain ES module of the bench, without type declarations
import { generator } from '../../bench/secrets.mjs';

/** Deterministic random numbers (the bench's mulberry32), so a failure can be replayed. */
const seededRandom = (seed: number): (() => number) => generator(seed);

function randomString(random: () => number, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LETTERS}0123456789`;

describe('isPlaceholder: stand-ins', () => {
  const cases: Array<[string, string, number?]> = [
    ['a run of one character', `hf_Qw${'a'.repeat(6)}Zr8Pm`, 3],
    ['a run of digits', 'k3Lp000000vQ'],
    ['an ascending sequence', 'Qp7abcdefRt'],
    ['a descending digit sequence', 'Zq9876543Lw'],
    ['an ascending digit sequence', 'key_123456_Lw'],
    ['x runs', `hf_${'x'.repeat(34)}`, 3],
    ['upper-case X runs', `pnu_${'X'.repeat(36)}`, 4],
    ['a short x run', 'sk-abcXXXXXqw'],
    ['your… at the start', 'your_api_key_value'],
    ['YOUR_TOKEN_HERE', 'hf_YOUR_TOKEN_HERE', 3],
    ['your…here', 'hf_your_huggingface_token_here', 3],
    ['…here at the end', 'Qm7_token_here'],
    ['an angle-bracket template', '<Your Prefect Cloud API Key>'],
    ['a shell variable in braces', '${HF_TOKEN}'],
    ['a GitHub Actions expression', '${{ secrets.HF_TOKEN }}'],
    ['an escaped Actions expression', '$${{secrets.HF_TOKEN}}'],
    ['a Jinja variable', '{{ hf_token }}'],
    ['a Windows variable', '%HF_TOKEN%'],
    ['a bare shell variable', '$HF_TOKEN'],
    ['a command substitution', '$(openssl rand -hex 32)'],
    ['a Python format field', '%(password)s'],
    ['example', 'sk_live_Example4Rt9Qz'],
    ['sample', 'SampleKey7Qw'],
    ['dummy', 'dummy-secret-value'],
    ['fake at the start', 'fake_Qw8zLp'],
    ['fake as a word', 'my-fake-Qw8zLp'],
    ['test…token', 'my_test_token_42'],
    ['testapikey', 'TESTAPIKEY9'],
    ['notareal', 'notarealtokenQw8'],
    ['not_a_real', 'not_a_real_key'],
    ['redacted', 'REDACTED'],
    ['changeme', 'changeme'],
    ['change_me', 'Change_Me_Now'],
    ['masked stars', '***'],
    ['masked stars inside', 'hf_abc***xyz', 3],
    ['an ellipsis', 'hf_Qw8zLp...', 3],
    ['a reference to the environment', 'os.environ["HF_TOKEN"]'],
    ['an empty body after the prefix', 'hf_', 3],
    ['few distinct characters', 'abababababab'],
  ];
  for (const [name, value, prefix] of cases) {
    it(`${name}: ${value}`, () => {
      expect(isPlaceholder(value, prefix ?? 0)).toBe(true);
    });
  }
});

describe('isPlaceholder: real-looking values', () => {
  it('does not flag 200 random 34-letter Hugging Face bodies', () => {
    const random = seededRandom(20240601);
    const flagged: string[] = [];
    for (let i = 0; i < 200; i++) {
      const value = `hf_${randomString(random, LETTERS, 34)}`;
      if (isPlaceholder(value, 3)) flagged.push(value);
    }
    expect(flagged).toEqual([]);
  });

  it('does not flag 200 random 36-character alphanumeric bodies behind a prefix', () => {
    const random = seededRandom(77);
    const flagged: string[] = [];
    for (let i = 0; i < 200; i++) {
      const value = `pnu_${randomString(random, ALNUM, 36)}`;
      if (isPlaceholder(value, 4)) flagged.push(value);
    }
    expect(flagged).toEqual([]);
  });

  it('does not flag the helpers’ fake tokens that fixtures and tests rely on', () => {
    for (let seed = 1; seed <= 50; seed++) expect(isPlaceholder(fakeHfToken(seed), 3), fakeHfToken(seed)).toBe(false);
  });

  it('does not take short words buried inside a random body for placeholders', () => {
    expect(isPlaceholder('Qw8heRe9zPmTesTx4Lk', 0)).toBe(false);
    expect(isPlaceholder('hf_QmcontestLrWzPvbNaYkTuDjEhGsFiCoXq', 3)).toBe(false); // leaklint:allow
    expect(isPlaceholder('Lk4yourmQ8zPw', 0)).toBe(false);
  });

  it('allows short runs and short sequences', () => {
    expect(isPlaceholder('Qw8aaaaaZr', 0)).toBe(false);
    expect(isPlaceholder('Qw8abcdeZr', 0)).toBe(false);
    expect(isPlaceholder('Zq98765Lw', 0)).toBe(false);
  });

  it('ignores the public prefix for the shape checks', () => {
    // "hf_" then a body starting with a 5-run: the prefix does not extend it.
    expect(isPlaceholder('hf_fffffQwLpZr8mNbVcXy', 3)).toBe(false);
  });
});

describe('placeholders from the issue, over every rule', () => {
  const engine = new Engine(allRules);
  const values: Array<[string, string]> = [
    [`hf_${'x'.repeat(34)}`, 'HF_TOKEN'],
    ['hf_YOUR_TOKEN_HERE', 'HF_TOKEN'],
    ['hf_your_huggingface_token_here', 'HF_TOKEN'],
    ['hf_abc123', 'HF_TOKEN'],
    [`pnu_${'X'.repeat(36)}`, 'PREFECT_API_KEY'],
    ['<Your Prefect Cloud API Key>', 'PREFECT_API_KEY'],
    ['${{ secrets.HF_TOKEN }}', 'HF_TOKEN'],
    ['$${{secrets.HF_TOKEN}}', 'HF_TOKEN'],
    ['SECRET=$(openssl rand -hex 32)', ''],
    ['https://your-sentry-dsn@sentry.io/12345', 'SENTRY_DSN'],
  ];
  const scan = (path: string, text: string) =>
    engine.scan({ path, text, startLine: 1, origin: { kind: 'worktree' } }).map((f) => `${f.ruleId} ${f.preview}`);

  for (const [value, key] of values) {
    it(`${value} alone`, () => {
      expect(scan('notes.txt', `${value}\n`)).toEqual([]);
    });
    const assignment = key ? `${key}=${value}` : value;
    it(`${assignment} in a .env file`, () => {
      expect(scan('.env', `# settings\n${assignment}\n`)).toEqual([]);
      expect(scan('.env', `export ${key ? `${key}="${value}"` : value}\n`)).toEqual([]);
    });
  }
});

describe('short placeholder words at the edge of a random body', () => {
  it('count when written as a word, not when random case happens to spell one', () => {
    expect(isPlaceholder('hf_demoAbcQwErTyUiOpAsDfGhJkLzXcVbNm', 3)).toBe(true);
    expect(isPlaceholder('hf_QwErTyUiOpAsDfGhJkLzXcVbNmAbcMock', 3)).toBe(true);
    expect(isPlaceholder('hf_QwErTyUiOpAsDfGhJkLzXcVbNmAbcmOcK', 3)).toBe(false);
    expect(isPlaceholder('hf_tEsTQwErTyUiOpAsDfGhJkLzXcVbNmAbc', 3)).toBe(false);
  });
});
