// Which rules a scan runs, and a plain-data recipe from which another thread
// (the history audit's triage worker) builds exactly the same content rules.
import type { ContentRule, Rule } from '../types.js';
import type { Config, ExtraRuleConfig } from '../config/config.js';
import { ConfigError, checkRuleIds } from '../config/config.js';
import { extraRules } from '../config/extra-rules.js';

/** Built-in rules and the repository rules, loaded on demand (a text-only start-up never pays for them twice). */
export async function loadRules(): Promise<Rule[]> {
  const { allRules } = await import('../../rules/index.js');
  const { repoRules } = await import('../repo-checks/rules.js');
  return [...allRules, ...repoRules];
}

/** Built-in rules, the repository rules and the project's own, checked against the config's rule ids. */
export async function rulesFor(config: Config): Promise<Rule[]> {
  const builtIn = await loadRules();
  const ids = new Set(builtIn.map((r) => r.id));
  for (const r of config.rules) {
    if (ids.has(r.id))
      throw new ConfigError(`${config.source ?? 'configuration'}: rules: "${r.id}" is already a built-in rule id`);
    ids.add(r.id);
  }
  checkRuleIds(config, ids);
  return [...builtIn, ...extraRules(config.rules, config.source)];
}

/** What a worker thread needs to rebuild a scan's content rules: structured-clonable, no functions. */
export interface RuleSetRecipe {
  /** The content rules' ids, in the engine's order (its keyword numbering follows it). */
  ids: string[];
  /** The project's own rules, as configured. */
  extra: ExtraRuleConfig[];
  source?: string;
}

export function recipeOf(rules: readonly Rule[], config: Config): RuleSetRecipe {
  return {
    ids: rules.filter((r) => r.kind === 'content').map((r) => r.id),
    extra: config.rules,
    ...(config.source !== undefined ? { source: config.source } : {}),
  };
}

/** The content rules a recipe names, in its order. Throws when one is unknown (the two sides disagree). */
export async function contentRulesFrom(recipe: RuleSetRecipe): Promise<ContentRule[]> {
  const { allRules } = await import('../../rules/index.js');
  const byId = new Map<string, Rule>();
  for (const r of [...allRules, ...extraRules(recipe.extra, recipe.source)]) byId.set(r.id, r);
  return recipe.ids.map((id) => {
    const rule = byId.get(id);
    if (rule?.kind !== 'content') throw new Error(`rule ${id} is not a content rule this build knows`);
    return rule;
  });
}
