// Each rule's own examples (RuleBase.examples): every `match` text gives a
// finding of that rule, every `noMatch` text gives none of it. Content rules
// are run through the engine with every rule, as a scan would run them, so
// the placeholder filter and provider-over-catch-all precedence apply.
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine.js';
import { allRules } from '../rules/index.js';

const engine = new Engine(allRules);
const ruleIds = (text: string) => engine.scan({ path: 'example.txt', text, startLine: 1, origin: { kind: 'worktree' } }).map((f) => f.ruleId);

const withExamples = allRules.filter((r) => r.examples !== undefined);

describe('rule examples', () => {
  it('some rules carry examples', () => {
    expect(withExamples.length).toBeGreaterThan(0);
  });
  for (const rule of withExamples) {
    const { match, noMatch } = rule.examples!;
    it(`${rule.id}: its match examples are found, its noMatch examples are not`, () => {
      expect(match.length, `${rule.id} has match examples`).toBeGreaterThan(0);
      for (const text of match) {
        const found = rule.kind === 'path' ? rule.test(text, () => undefined) : ruleIds(text).includes(rule.id);
        expect(found, `${rule.id} should match: ${text.slice(0, 120)}`).toBe(true);
      }
      for (const text of noMatch) {
        const found = rule.kind === 'path' ? rule.test(text, () => undefined) : ruleIds(text).includes(rule.id);
        expect(found, `${rule.id} should not match: ${text.slice(0, 120)}`).toBe(false);
      }
    });
  }
});
