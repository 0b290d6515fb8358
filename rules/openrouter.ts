import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit.js';
import { hasDigitAndLetter } from '../src/keyed-rule.js';
import { HEX, fakeToken } from '../src/fake-token.js';

// `sk-or-v1-` + 64 lower-case hex: the format OpenRouter itself lists among
// the secrets its guardrails recognise.
const body = fakeToken(HEX, 64, 1401);

export const rules: Rule[] = [
  regexRule({
    id: 'openrouter-api-key',
    provider: 'openrouter',
    title: 'OpenRouter API key',
    why: 'An OpenRouter key spends its account’s credit on every model OpenRouter routes to, up to the key’s limit.',
    severity: 'error',
    remediation: {
      rotate: 'https://openrouter.ai/settings/keys → delete (or disable) the key, create a new one with a credit limit',
      store: 'the CI or platform secret store (`gh secret set OPENROUTER_API_KEY`)',
      read: 'os.environ["OPENROUTER_API_KEY"], passed to the OpenAI-compatible client with base_url https://openrouter.ai/api/v1',
    },
    helpUri: 'https://openrouter.ai/docs/api-reference/authentication',
    keywords: ['sk-or-v1-'],
    pattern: new RegExp(`${LEFT}(?<secret>sk-or-v1-(?<body>[a-f0-9]{64}))${RIGHT}`),
    visiblePrefix: 9,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`OPENROUTER_API_KEY=sk-or-v1-${body}`, `"Authorization": "Bearer sk-or-v1-${body}"`],
      noMatch: [`sk-or-v1-${body.slice(0, 48)}`, `sk-or-v1-${body}0`],
    },
  }),
];
