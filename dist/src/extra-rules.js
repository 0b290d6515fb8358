import { regexRule } from './rulekit.js';
import { entropy } from './placeholder.js';
export function extraRules(rules, source) {
    return rules.map((r) => regexRule({
        id: r.id,
        provider: r.provider,
        title: r.title,
        why: `A project rule (${source ?? 'configuration'}): ${r.title}.`,
        severity: r.severity,
        remediation: r.remediation,
        keywords: r.keywords,
        pattern: new RegExp(r.regex),
        ...(r.entropy !== undefined ? { validate: (secret) => entropy(secret) >= r.entropy } : {}),
    }));
}
