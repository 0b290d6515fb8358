import type { Rule } from '../src/types.js';
import { LEFT, regexRule } from '../src/rulekit/rulekit.js';
import { isPlaceholder } from '../src/rulekit/placeholder.js';
import { base64, fakeUuid } from '../src/rulekit/fake-token.js';

// A Neptune API token is the base64 of a JSON object that starts with its
// `api_address` (`{"api_address":"https://app.neptune.ai","api_url":…,
// "api_key":…}`), so every token starts `eyJhcGlfYWRkcmVzcyI6`. Decoding it
// and finding the `api_key` inside tells a token from a truncated copy.
const token = base64(
  JSON.stringify({ api_address: 'https://app.neptune.ai', api_url: 'https://app.neptune.ai', api_key: fakeUuid(2001) }),
);

function holdsApiKey(secret: string): boolean {
  try {
    const json: unknown = JSON.parse(Buffer.from(secret, 'base64').toString('utf8'));
    const key = (json as { api_key?: unknown }).api_key;
    return typeof key === 'string' && key.length >= 16 && !isPlaceholder(key);
  } catch {
    return false;
  }
}

export const rules: Rule[] = [
  regexRule({
    id: 'neptune-api-token',
    provider: 'neptune',
    title: 'neptune.ai API token',
    why: 'A Neptune API token reads and writes every project, run and model its owner (or service account) can reach.',
    severity: 'error',
    remediation: {
      rotate:
        'neptune.ai → user menu → Get your API token → Reset (service accounts: workspace settings → Service accounts → reset the token)',
      store: 'the CI or platform secret store (`gh secret set NEPTUNE_API_TOKEN`), a Colab secret',
      read: 'the neptune client reads NEPTUNE_API_TOKEN from the environment by itself (`neptune.init_run()` with no api_token)',
    },
    helpUri: 'https://docs.neptune.ai/setup/setting_api_token/',
    keywords: ['eyjhcglfywrkcmvzcyi6'],
    pattern: new RegExp(`${LEFT}(?<secret>eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/]{40,600}={0,2})(?![A-Za-z0-9+/=])`),
    visiblePrefix: 0,
    validate: (s) => holdsApiKey(s),
    examples: {
      match: [`NEPTUNE_API_TOKEN=${token}`, `run = neptune.init_run(project="team/demo", api_token="${token}")`],
      noMatch: [
        `NEPTUNE_API_TOKEN=${token.slice(0, 60)}`,
        `NEPTUNE_API_TOKEN=${base64(JSON.stringify({ api_address: 'https://app.neptune.ai', api_url: 'https://app.neptune.ai' }))}`,
      ],
    },
  }),
];
