import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, prefixLength, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';

// Every current OpenAI key carries `T3BlbkFJ` (base64 of "OpenAI"): the one
// reliable way to tell it from the many other `sk-` keys.
const apiKey = regexRule({
  id: 'openai-api-key',
  provider: 'openai',
  title: 'OpenAI API key',
  why: 'An OpenAI key spends its organization’s credit and reads its files, assistants and fine-tuned models.',
  severity: 'error',
  remediation: {
    rotate:
      'https://platform.openai.com/api-keys → revoke the key (project keys also under Project settings) and create a new one',
    store:
      'the platform or CI secret store (`gh secret set OPENAI_API_KEY`); prefer project-scoped or service-account keys for servers',
    read: 'the OpenAI SDK reads OPENAI_API_KEY from the environment by itself',
  },
  helpUri: 'https://platform.openai.com/docs/api-reference/authentication',
  keywords: ['T3BlbkFJ'],
  pattern: new RegExp(
    `${LEFT}(?<secret>sk-(?:(?:proj|svcacct|admin|service)-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80})${RIGHT_WITH_DASH}`,
  ),
  visiblePrefix: (s) => prefixLength(s, 12),
  get examples() {
    return {
      match: [
        `OPENAI_API_KEY=sk-proj-${fake(74, ALNUM, 'openai-1')}T3BlbkFJ${fake(74, ALNUM, 'openai-2')}`,
        `openai.api_key = "sk-${fake(20, ALNUM, 'openai-3')}T3BlbkFJ${fake(20, ALNUM, 'openai-4')}"`,
      ],
      // Other `sk-` keys (many providers use the prefix) lack the marker.
      noMatch: [
        `sk-${fake(48, ALNUM, 'openai-5')}`,
        `sk-proj-${fake(10, ALNUM, 'openai-6')}T3BlbkFJ${fake(10, ALNUM, 'openai-7')}`,
      ],
    };
  },
});

export const rules: Rule[] = [apiKey];
