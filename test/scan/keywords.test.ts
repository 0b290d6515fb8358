import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeywordMatcher } from '../../src/scan/keywords.js';

/** Every occurrence of every keyword, ASCII case-insensitive, the slow obvious way. */
function naive(keywords: string[], text: string): string[] {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const hits: string[] = [];
  keywords.forEach((kw, k) => {
    for (let at = lower.indexOf(kw); at !== -1; at = lower.indexOf(kw, at + 1)) hits.push(`${at}:${k}`);
  });
  return hits.sort();
}

const sorted = (hits: { keyword: number; start: number }[]) => hits.map((h) => `${h.start}:${h.keyword}`).sort();

describe('KeywordMatcher', () => {
  // Few letters, so keywords overlap, nest and share suffixes (the fail links that matter).
  const word = fc.stringMatching(/^[ab_:/-]{1,6}$/);
  const text = fc.stringMatching(/^[abAB_:/\-xé\n]{0,200}$/);

  it('finds exactly the occurrences a naive search finds, in text and in UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), text, (keywords, t) => {
        const m = new KeywordMatcher(keywords);
        const expected = naive(keywords, t);
        expect(sorted(m.search(t))).toEqual(expected);
        // Byte offsets equal character offsets while the text is ASCII.
        if (!/[^\x00-\x7f]/.test(t)) expect(sorted(m.searchBytes(Buffer.from(t)))).toEqual(expected);
        else expect(m.searchBytes(Buffer.from(t)).length).toBe(expected.length);
      }),
      { numRuns: Number(process.env.LEAKLINT_FUZZ_RUNS ?? 200) },
    );
  });

  it('finds the same, in the same order, in bytes long enough to be walked as two halves at once', () => {
    const long = fc.stringMatching(/^[abAB_:/\-x\n]{100,3000}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), long, (keywords, t) => {
        const m = new KeywordMatcher(keywords);
        const inOrder = (hits: { keyword: number; start: number }[]) => hits.map((h) => `${h.start}:${h.keyword}`);
        expect(sorted(m.searchBytes(Buffer.from(t)))).toEqual(naive(keywords, t));
        expect(inOrder(m.searchBytes(Buffer.from(t)))).toEqual(inOrder(m.search(t)));
      }),
      { numRuns: Number(process.env.LEAKLINT_FUZZ_RUNS ?? 300) },
    );
  });

  it('reports the rules’ real keywords wherever they occur, whatever their case', () => {
    const keywords = ['hf_', 'api_org_', 'pnu_', 'token', 'secret', '://', 'sk-ant-', 'ghp_'];
    const m = new KeywordMatcher(keywords);
    const t = 'x = "HF_abc" # Token and SECRET via https://h and sk-ant-api and ghp_';
    expect(sorted(m.search(t))).toEqual(naive(keywords, t));
    expect(m.search(t).length).toBe(6);
  });
});
