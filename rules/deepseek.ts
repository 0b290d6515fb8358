import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/keyed-rule.js';
import { HEX, fakeToken } from '../src/fake-token.js';

// DeepSeek documents no key format: keys seen are `sk-` + 32 hex (observed),
// a prefix other OpenAI-compatible services share, so only a DeepSeek name
// attributes one.
const key = fakeToken(HEX, 32, 501);

export const rules: Rule[] = [
  keyedRule({
    id: 'deepseek-api-key',
    provider: 'deepseek',
    title: 'DeepSeek API key',
    why: 'A DeepSeek key spends its account’s prepaid balance on the DeepSeek API.',
    severity: 'error',
    remediation: {
      rotate: 'https://platform.deepseek.com/api_keys → delete the key, create a new one',
      store: 'the CI or platform secret store (`gh secret set DEEPSEEK_API_KEY`)',
      read: 'os.environ["DEEPSEEK_API_KEY"], passed to the OpenAI-compatible client with base_url https://api.deepseek.com',
    },
    helpUri: 'https://api-docs.deepseek.com/',
    names: ['DEEPSEEK_API_KEY', 'DEEPSEEK_KEY'],
    value: 'sk-[a-f0-9]{32}',
    visiblePrefix: 3,
    check: (v) => hasDigitAndLetter(v.slice(3)),
    examples: {
      match: [`DEEPSEEK_API_KEY=sk-${key}`, `"DEEPSEEK_API_KEY": "sk-${key}"`],
      noMatch: [`OPENAI_API_KEY=sk-${key}`, `DEEPSEEK_API_KEY=sk-${key.slice(0, 20)}`],
    },
  }),
];
