import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit.js';
import { ALNUM, fake } from '../src/fakes.js';

export const rules: Rule[] = [
  regexRule({
    id: 'groq-api-key',
    provider: 'groq',
    title: 'Groq API key',
    why: 'A Groq key spends its organization’s quota and credit on the Groq API.',
    severity: 'error',
    remediation: {
      rotate: 'https://console.groq.com/keys → delete the key, create a new one',
      store: 'the CI or platform secret store (`gh secret set GROQ_API_KEY`)',
      read: 'the Groq SDK reads GROQ_API_KEY from the environment by itself',
    },
    helpUri: 'https://console.groq.com/docs/quickstart',
    keywords: ['gsk_'],
    pattern: new RegExp(`${LEFT}(?<secret>gsk_[A-Za-z0-9]{50,54})${RIGHT}`),
    visiblePrefix: 4,
    get examples() {
      return {
        match: [`GROQ_API_KEY=gsk_${fake(52, ALNUM, 'groq')}`],
        noMatch: [`gsk_${fake(40, ALNUM, 'groq-short')}`, 'GROQ_API_KEY=gsk_...'],
      };
    },
  }),
];
