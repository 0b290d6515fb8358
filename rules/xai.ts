import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit.js';
import { hasDigitAndLetter } from '../src/keyed-rule.js';
import { BASE62, fakeToken } from '../src/fake-token.js';

// xAI documents no format: keys seen are `xai-` + 80 letters and digits
// (observed); a small range is allowed around that length.
const body = fakeToken(BASE62, 80, 1301);

export const rules: Rule[] = [
  regexRule({
    id: 'xai-api-key',
    provider: 'xai',
    title: 'xAI (Grok) API key',
    why: 'An xAI key calls the Grok models on its team’s prepaid credit or invoiced billing.',
    severity: 'error',
    remediation: {
      rotate: 'https://console.x.ai → API Keys: delete the key, create a new one (restrict its models and endpoints)',
      store: 'the CI or platform secret store (`gh secret set XAI_API_KEY`)',
      read: 'os.environ["XAI_API_KEY"] (the xai-sdk reads it by itself)',
    },
    helpUri: 'https://docs.x.ai/docs/overview',
    keywords: ['xai-'],
    pattern: new RegExp(`${LEFT}(?<secret>xai-(?<body>[A-Za-z0-9]{70,90}))${RIGHT}`),
    visiblePrefix: 4,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`XAI_API_KEY=xai-${body}`, `client = Client(api_key="xai-${body}")`],
      noMatch: [`XAI_API_KEY=xai-${body.slice(0, 40)}`, `model = "xai-grok-4-fast-reasoning"`],
    },
  }),
];
