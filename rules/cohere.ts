import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, fakeToken } from '../src/rulekit/fake-token.js';

// Cohere documents no key format and keys carry no prefix: 40 letters and
// digits (observed). Found only where a Cohere name is assigned one.
const key = fakeToken(BASE62, 40, 301);

export const rules: Rule[] = [
  keyedRule({
    id: 'cohere-api-key',
    provider: 'cohere',
    title: 'Cohere API key',
    why: 'A Cohere key calls every Cohere model on its owner’s account and billing (trial keys are rate-limited, production keys are billed).',
    severity: 'error',
    remediation: {
      rotate: 'https://dashboard.cohere.com/api-keys → delete the key, create a new one',
      store: 'the CI or platform secret store (`gh secret set CO_API_KEY`), an HF Space secret or a Colab secret',
      read: 'the Cohere SDK reads CO_API_KEY from the environment by itself (`cohere.ClientV2()` with no key)',
    },
    helpUri: 'https://docs.cohere.com/docs/rate-limits',
    names: [
      'COHERE_API_KEY',
      'COHERE_KEY',
      'CO_API_KEY',
      'COHERE_API_TOKEN',
      String.raw`cohere\.Client(?:V2)?\(\s{0,8}api_key`,
    ],
    keywords: ['cohere_api_key', 'cohere_key', 'co_api_key', 'cohere_api_token', 'cohere.client'],
    value: '[A-Za-z0-9]{40}',
    check: hasDigitAndLetter,
    examples: {
      match: [`COHERE_API_KEY=${key}`, `os.environ["CO_API_KEY"] = "${key}"`, `co = cohere.ClientV2(api_key="${key}")`],
      noMatch: [`COHERE_API_KEY=${key.slice(0, 32)}`, `COHERE_MODEL=command-r-plus-08-2024-preview-release`],
    },
  }),
];
