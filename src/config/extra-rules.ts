// Rules a project declares in its configuration. Their patterns run on the
// linear-time engine (configured-regex.ts), with a time budget per file that
// the engine enforces; the rest is what built-in rules have.
import type { ContentRule, RuleMatch } from '../types.js';
import type { ExtraRuleConfig } from './config.js';
import { CONFIGURED_TIME_BUDGET_MS, configuredPattern } from './configured-regex.js';
import { entropy } from '../rulekit/placeholder.js';

function extraRule(r: ExtraRuleConfig, source?: string): ContentRule {
  const { re, hasSecretGroup } = configuredPattern(r.regex);
  return {
    kind: 'content',
    id: r.id,
    provider: r.provider,
    title: r.title,
    why: `A project rule (${source ?? 'configuration'}): ${r.title}.`,
    severity: r.severity,
    remediation: r.remediation,
    keywords: r.keywords,
    timeBudgetMs: CONFIGURED_TIME_BUDGET_MS,
    match(text, ctx) {
      const out: RuleMatch[] = [];
      const m = re.matcher(text);
      // Each search is linear in the text; between searches, the file's budget is checked.
      while (m.find()) {
        // The secret is the named group `secret` when it took part in the match, else the whole match.
        const inGroup = hasSecretGroup && m.start('secret') >= 0;
        const start = inGroup ? m.start('secret') : m.start();
        const end = inGroup ? m.end('secret') : m.end();
        if (end > start) {
          const secret = text.slice(start, end);
          if (r.entropy === undefined || entropy(secret) >= r.entropy)
            out.push({ start, end, secret, visiblePrefix: 0 });
        }
        if (ctx.deadline !== undefined && performance.now() > ctx.deadline) {
          ctx.cutShort = true;
          break;
        }
      }
      return out;
    },
  };
}

export function extraRules(rules: readonly ExtraRuleConfig[], source?: string): ContentRule[] {
  return rules.map((r) => extraRule(r, source));
}
