import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit.js';
import { hasDigitAndLetter } from '../src/keyed-rule.js';
import { BASE62, fakeToken } from '../src/fake-token.js';

// Perplexity documents the `pplx-` prefix only; the body seen is 48 letters
// and digits (observed), so a small range is allowed.
const body = fakeToken(BASE62, 48, 1201);

export const rules: Rule[] = [
  regexRule({
    id: 'perplexity-api-key',
    provider: 'perplexity',
    title: 'Perplexity API key',
    why: 'A Perplexity key spends its group’s credit on the Sonar API.',
    severity: 'error',
    remediation: {
      rotate: 'https://www.perplexity.ai/account/api/keys → delete the key, generate a new one',
      store: 'the CI or platform secret store (`gh secret set PERPLEXITY_API_KEY`)',
      read: 'os.environ["PERPLEXITY_API_KEY"] (the perplexity SDK reads it by itself)',
    },
    helpUri: 'https://docs.perplexity.ai/getting-started/quickstart',
    keywords: ['pplx-'],
    pattern: new RegExp(`${LEFT}(?<secret>pplx-(?<body>[A-Za-z0-9]{40,56}))${RIGHT}`),
    visiblePrefix: 5,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`PERPLEXITY_API_KEY=pplx-${body}`, `headers = {"Authorization": "Bearer pplx-${body}"}`],
      noMatch: [`pplx-${body.slice(0, 20)}`, `npm install pplx-client`],
    },
  }),
];
