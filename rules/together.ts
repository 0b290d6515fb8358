import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit.js';
import { hasDigitAndLetter, keyedRule } from '../src/keyed-rule.js';
import { BASE64URL, HEX, fakeToken } from '../src/fake-token.js';

const remediation = {
  rotate: 'https://api.together.ai/settings/api-keys → revoke the key, create a new one',
  store: 'the CI or platform secret store (`gh secret set TOGETHER_API_KEY`), an HF Space secret or a Colab secret',
  read: 'the Together SDK reads TOGETHER_API_KEY from the environment by itself (`Together()` with no key)',
};
const helpUri = 'https://docs.together.ai/reference/authentication-1';

// Together documents no format. Newer keys seen start `tgp_v1_` (observed);
// older ones are 64 hex with no prefix, found only by a Together name.
const current = 'tgp_v1_' + fakeToken(BASE64URL, 43, 2201);
const legacy = fakeToken(HEX, 64, 2202);

export const rules: Rule[] = [
  regexRule({
    id: 'together-api-key',
    provider: 'together',
    title: 'Together AI API key',
    why: 'A Together key runs inference and fine-tuning jobs on its account’s credit and reads its uploaded files.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['tgp_v1_'],
    pattern: new RegExp(`${LEFT}(?<secret>tgp_v1_(?<body>[A-Za-z0-9_-]{40,64}))${RIGHT_WITH_DASH}`),
    visiblePrefix: 7,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`TOGETHER_API_KEY=${current}`, `client = Together(api_key="${current}")`],
      noMatch: [`tgp_v1_${legacy.slice(0, 20)}`, `tgp_v1_config = load()`],
    },
  }),
  keyedRule({
    id: 'together-legacy-api-key',
    provider: 'together',
    title: 'Together AI API key (64-hex, older format)',
    why: 'An older Together key stays valid until revoked and spends its account’s credit.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY', 'TOGETHERAI_API_KEY', String.raw`Together\(\s{0,8}api_key`],
    keywords: ['together_api_key', 'together_ai_api_key', 'togetherai_api_key', 'together('],
    value: '[a-f0-9]{64}',
    check: hasDigitAndLetter,
    examples: {
      match: [`TOGETHER_API_KEY=${legacy}`, `client = Together(api_key="${legacy}")`],
      noMatch: [`TOGETHER_MODEL_SHA=${legacy}`, `TOGETHER_API_KEY=${legacy.slice(0, 40)}`],
    },
  }),
];
