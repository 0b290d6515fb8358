// Rules a project declares in its configuration, compiled like built-in ones.
import type { ContentRule } from './types.js';
import type { ExtraRuleConfig } from './config.js';
import { regexRule } from './rulekit.js';
import { entropy } from './placeholder.js';

export function extraRules(rules: readonly ExtraRuleConfig[], source?: string): ContentRule[] {
  return rules.map((r) =>
    regexRule({
      id: r.id,
      provider: r.provider,
      title: r.title,
      why: `A project rule (${source ?? 'configuration'}): ${r.title}.`,
      severity: r.severity,
      remediation: r.remediation,
      keywords: r.keywords,
      pattern: new RegExp(r.regex),
      ...(r.entropy !== undefined ? { validate: (secret: string) => entropy(secret) >= r.entropy! } : {}),
    }),
  );
}
