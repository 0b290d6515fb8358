import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/keyed-rule.js';
import { BASE62, fakeToken } from '../src/fake-token.js';

// Mistral documents no key format and keys carry no prefix: 32 letters and
// digits (observed). Found only where a Mistral name is assigned one.
const key = fakeToken(BASE62, 32, 401);

export const rules: Rule[] = [
  keyedRule({
    id: 'mistral-api-key',
    provider: 'mistral',
    title: 'Mistral AI API key',
    why: 'A Mistral key calls the Mistral API (chat, embeddings, fine-tuning, files) on its workspace’s billing.',
    severity: 'error',
    remediation: {
      rotate: 'https://console.mistral.ai/api-keys → delete the key, create a new one (set an expiry)',
      store: 'the CI or platform secret store (`gh secret set MISTRAL_API_KEY`), an HF Space secret or a Colab secret',
      read: 'os.environ["MISTRAL_API_KEY"], passed as `Mistral(api_key=os.environ["MISTRAL_API_KEY"])`',
    },
    helpUri: 'https://docs.mistral.ai/getting-started/quickstart/',
    names: ['MISTRAL_API_KEY', 'MISTRAL_KEY', 'MISTRALAI_API_KEY', String.raw`Mistral(?:Client)?\(\s{0,8}api_key`],
    keywords: ['mistral_api_key', 'mistral_key', 'mistralai_api_key', 'mistral('],
    value: '[A-Za-z0-9]{32}',
    check: hasDigitAndLetter,
    examples: {
      match: [`MISTRAL_API_KEY=${key}`, `client = Mistral(api_key="${key}")`],
      noMatch: [`MISTRAL_API_KEY=${key}xyz`, `MISTRAL_MODEL=mistral-large-latest`],
    },
  }),
];
