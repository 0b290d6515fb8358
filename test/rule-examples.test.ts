// Every rule's own examples (RuleBase.examples): each `match` gives a finding
// of that rule, each `noMatch` none of it. Content rules scan the example as
// a file's text; path rules test the example as a path.
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine.js';
import { allRules } from '../rules/index.js';

const engine = new Engine(allRules);

function ruleIdsFor(rule: (typeof allRules)[number], example: string): string[] {
  if (rule.kind === 'path') return rule.test(example, () => undefined) ? [rule.id] : [];
  return engine.scan({ path: 'example.txt', text: example, startLine: 1, origin: { kind: 'worktree' } }).map((f) => f.ruleId);
}

describe('rule examples', () => {
  const withExamples = allRules.filter((r) => r.examples);
  it('some rules carry examples', () => {
    expect(withExamples.length).toBeGreaterThan(0);
  });
  for (const rule of withExamples) {
    it(`${rule.id}: has at least one match and one noMatch, and each behaves`, () => {
      const { match, noMatch } = rule.examples!;
      expect(match.length, 'match examples').toBeGreaterThan(0);
      expect(noMatch.length, 'noMatch examples').toBeGreaterThan(0);
      for (const [i, example] of match.entries()) expect(ruleIdsFor(rule, example), `match[${i}]`).toContain(rule.id);
      for (const [i, example] of noMatch.entries()) expect(ruleIdsFor(rule, example), `noMatch[${i}]`).not.toContain(rule.id);
    });
  }
});
