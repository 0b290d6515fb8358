// Rules for credentials without a distinctive shape of their own (a Cohere
// key is 40 letters and digits, a Datadog key 32 hex): found only where a
// name that belongs to the provider is assigned a value of the right shape
// (`COHERE_API_KEY=…`, `"DD_API_KEY": "…"`, `os.environ["X"] = "…"`,
// `os.environ.setdefault("X", "…")`, `Roboflow(api_key="…")`). The value
// alone would flood any scan with hashes and ids.
import type { ContentRule, RuleBase, RuleMatch } from '../types.js';
import { regexRule } from './rulekit.js';
import { entropy } from './placeholder.js';
import { nonSecretShape } from './value-shapes.js';
import { looksLikeIdentifier } from './rulekit.js';

/** `name` with every ASCII letter matching either case (`co_api` → `[cC][oO]_[aA][pP][iI]`): names are case-blind, values are not. */
export function anyCase(name: string): string {
  // Escapes (`\s`, `\.`), classes and counted repetitions are kept as written.
  return name.replace(/\\.|\[[^\]]{0,40}\]|\{[^}]{0,12}\}|[A-Za-z]/g, (c) =>
    c.length === 1 ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c,
  );
}

export interface KeyedRuleSpec extends RuleBase {
  /**
   * Names that introduce the value, as regex sources matched case-blind
   * (letters only): environment variable names, or a call and its argument
   * (`Roboflow\(\s{0,8}api_key`). Bounded, no nested quantifiers.
   */
  names: string[];
  /** The value's shape, a regex source with bounded quantifiers (`[a-f0-9]{32}`). */
  value: string;
  /** Characters that may not follow the value (the value's own alphabet), as a class body. */
  valueAlphabet?: string;
  /** Literal keywords for the engine's prefilter; default: the names, when they are plain words. */
  keywords?: string[];
  /** Lowest Shannon entropy (bits per character) a real value has; default 3. */
  minEntropy?: number;
  /** A further check on the value: false drops it, an object keeps it with overrides. */
  check?: (value: string) => boolean | Partial<RuleMatch>;
  visiblePrefix?: number;
}

/**
 * NAME, then up to two closing quotes/brackets (`"]` of `os.environ["X"]`),
 * then `=`, `:`, `:=`, `=>` or a call's `,`, then an optional string quote
 * (with a Python prefix), then the value.
 */
export function keyedPattern(names: string[], value: string, valueAlphabet = 'A-Za-z0-9_\\-'): RegExp {
  return new RegExp(
    String.raw`(?<![A-Za-z0-9_])(?:${names.map(anyCase).join('|')})["'\]]{0,2}\s{0,16}(?::=|=>|=|:|,)\s{0,16}(?:[rbfu]?["'\`])?(?<secret>${value})(?![${valueAlphabet}])`,
  );
}

export function keyedRule(spec: KeyedRuleSpec): ContentRule {
  const { names, value, valueAlphabet, keywords, minEntropy = 3, check, visiblePrefix, ...base } = spec;
  return regexRule({
    ...base,
    keywords: keywords ?? names,
    pattern: keyedPattern(names, value, valueAlphabet),
    ...(visiblePrefix !== undefined ? { visiblePrefix } : {}),
    validate(secret) {
      // Names and words (`CohereApiKeyFromVault`), versions, ids and low-entropy runs are not keys.
      if (looksLikeIdentifier(secret) || nonSecretShape(secret) !== undefined) return false;
      if (entropy(secret) < minEntropy) return false;
      return check ? check(secret) : true;
    },
  });
}

/** Whether `value` mixes the character classes a generated key of this alphabet has (a digit, and letters). */
export function hasDigitAndLetter(value: string): boolean {
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}
