import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit.js';
import { ALNUM, fake } from '../src/fakes.js';

export const rules: Rule[] = [
  regexRule({
    id: 'replicate-api-token',
    provider: 'replicate',
    title: 'Replicate API token',
    why: 'A Replicate token runs models billed to its owner and reads their predictions and deployments.',
    severity: 'error',
    remediation: {
      rotate: 'https://replicate.com/account/api-tokens → delete the token, create a new one',
      store: 'a CI secret REPLICATE_API_TOKEN, a Modal Secret or an HF Space secret',
      read: 'the Replicate client reads REPLICATE_API_TOKEN from the environment by itself',
    },
    helpUri: 'https://replicate.com/docs/topics/security/api-tokens',
    keywords: ['r8_'],
    pattern: new RegExp(`${LEFT}(?<secret>r8_[A-Za-z0-9]{37})${RIGHT}`),
    visiblePrefix: 3,
    get examples() {
      return {
        match: [`REPLICATE_API_TOKEN=r8_${fake(37, ALNUM, 'replicate')}`],
        noMatch: [`r8_${fake(30, ALNUM, 'replicate-short')}`, 'REPLICATE_API_TOKEN=r8_...'],
      };
    },
  }),
];
