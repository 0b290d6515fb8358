// Rules find every match of their global patterns with `allMatches`, which
// must give what `matchAll` gives, empty matches and surrogate pairs included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allMatches } from '../../src/rulekit/matches.js';
import { runs } from '../helpers.js';

const summary = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, m[0], { ...m.groups }]);

describe('allMatches', () => {
  const patterns = [/a+|b*/g, /(?<x>[a-c])\d?/g, /\p{L}*/gu, /(?:)/gu, /x(?=y)|/gi, /[\s\S]/gv];
  it('finds what matchAll finds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', 'x', 'y', '😀', '\uD800', ' ') }),
        (re, text) => {
          expect(summary(allMatches(re, text))).toEqual(summary([...text.matchAll(re)]));
          expect(re.lastIndex).toBe(0);
        },
      ),
      { numRuns: runs(500) },
    );
  });
  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => allMatches(/a/, 'a')).toThrow(TypeError);
  });
});
