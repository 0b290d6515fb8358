// Rules a project declares in its configuration, compiled like built-in ones.
import type { ContentRule } from './types.js';
import type { Config } from './config.js';
import { regexRule } from './rulekit.js';
import { entropy } from './placeholder.js';

export function extraRules(config: Config): ContentRule[] {
  return config.rules.map((r) =>
    regexRule({
      id: r.id,
      provider: r.provider,
      title: r.title,
      why: `A project rule (${config.source ?? 'configuration'}): ${r.title}.`,
      severity: r.severity,
      remediation: r.remediation,
      keywords: r.keywords,
      pattern: new RegExp(r.regex),
      ...(r.entropy !== undefined ? { validate: (secret: string) => entropy(secret) >= r.entropy! } : {}),
    }),
  );
}
