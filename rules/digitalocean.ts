import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter } from '../src/rulekit/keyed-rule.js';
import { HEX, fakeToken } from '../src/rulekit/fake-token.js';

// DigitalOcean's prefixed tokens (since 2021): `dop_v1_` personal access
// tokens, `doo_v1_` OAuth access tokens, `dor_v1_` OAuth refresh tokens,
// each + 64 hex (the length is observed).
const body = fakeToken(HEX, 64, 1801);
const KINDS: Record<string, string> = {
  p: 'DigitalOcean personal access token',
  o: 'DigitalOcean OAuth access token',
  r: 'DigitalOcean OAuth refresh token',
};

export const rules: Rule[] = [
  regexRule({
    id: 'digitalocean-token',
    provider: 'digitalocean',
    title: 'DigitalOcean API token',
    why: 'A DigitalOcean token with write scope creates, changes and destroys Droplets, databases, Spaces and DNS records billed to the team.',
    severity: 'error',
    remediation: {
      rotate:
        'https://cloud.digitalocean.com/account/api/tokens → the token’s More menu → Delete (OAuth tokens: revoke the app’s authorization), then generate a new one with custom scopes and an expiry',
      store: 'the CI secret store (`gh secret set DIGITALOCEAN_ACCESS_TOKEN`)',
      read: 'doctl and the Terraform provider read DIGITALOCEAN_ACCESS_TOKEN (the provider also DIGITALOCEAN_TOKEN) from the environment by themselves',
    },
    helpUri: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: new RegExp(`${LEFT}(?<secret>do(?<kind>[por])_v1_(?<body>[a-f0-9]{64}))${RIGHT}`),
    visiblePrefix: 7,
    validate: (_s, m) => (hasDigitAndLetter(m.groups!.body!) ? { message: KINDS[m.groups!.kind!]! } : false),
    examples: {
      match: [`DIGITALOCEAN_ACCESS_TOKEN=dop_v1_${body}`, `refresh_token: dor_v1_${body}`],
      noMatch: [`dop_v1_${body.slice(0, 40)}`, `dox_v1_${body}`],
    },
  }),
];
