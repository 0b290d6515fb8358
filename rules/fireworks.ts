import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'https://app.fireworks.ai/settings/users/api-keys → delete the key (or `firectl delete api-key <id>`), create a new one',
  store: 'the CI or platform secret store (`gh secret set FIREWORKS_API_KEY`)',
  read: 'the Fireworks SDK reads FIREWORKS_API_KEY from the environment by itself',
};
const helpUri = 'https://docs.fireworks.ai/getting-started/quickstart';

// Fireworks documents no format: keys seen are `fw_` + 24 letters and digits
// (observed). `fw_` also starts many identifiers (`fw_version`): only a
// Fireworks name attributes a value.
const key = 'fw_' + fakeToken(BASE62, 24, 2301);

export const rules: Rule[] = [
  keyedRule({
    id: 'fireworks-api-key',
    provider: 'fireworks',
    title: 'Fireworks AI API key',
    why: 'A Fireworks key runs inference, fine-tuning and deployments on its account’s billing.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['FIREWORKS_API_KEY', 'FIREWORKS_KEY', 'FIREWORKS_AI_API_KEY', String.raw`Fireworks\(\s{0,8}api_key`],
    keywords: ['fireworks_api_key', 'fireworks_key', 'fireworks_ai_api_key', 'fireworks('],
    value: '(?:fw_)?[A-Za-z0-9]{20,48}',
    visiblePrefix: 0,
    check: hasDigitAndLetter,
    examples: {
      match: [`FIREWORKS_API_KEY=${key}`, `FIREWORKS_API_KEY="${key.slice(3)}"`],
      noMatch: [`FIREWORKS_API_KEY=${key.slice(0, 15)}`, `FIREWORKS_ACCOUNT_ID=fireworks`],
    },
  }),
];
