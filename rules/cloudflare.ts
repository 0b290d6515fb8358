import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, BASE64URL, HEX, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Cloudflare dashboard → My Profile → API Tokens (account tokens: Manage Account → API Tokens): Roll the token, or delete it; the Global API Key: View → Change',
  store:
    'the CI secret store (`gh secret set CLOUDFLARE_API_TOKEN`), Workers secrets (`wrangler secret put`) for values a Worker needs',
  read: 'wrangler and the Terraform provider read CLOUDFLARE_API_TOKEN from the environment by themselves',
};
const helpUri = 'https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/';

// Documented: tokens created or rolled now are `cfk_` (Global API Key),
// `cfut_` (user API token) or `cfat_` (account API token) + 40 characters +
// a checksum (its length and alphabet are not given: letters and digits are
// assumed). Older tokens are 40 URL-safe characters and older Global API
// Keys 37 hex, with no prefix: found only by a Cloudflare name.
const scannable = 'cfut_' + fakeToken(BASE62, 48, 2601);
const legacyToken = fakeToken(BASE64URL, 40, 2602);
const legacyGlobal = fakeToken(HEX, 37, 2603);
const KINDS: Record<string, string> = {
  cfk: 'Cloudflare Global API Key',
  cfut: 'Cloudflare user API token',
  cfat: 'Cloudflare account API token',
};

export const rules: Rule[] = [
  regexRule({
    id: 'cloudflare-api-token',
    provider: 'cloudflare',
    title: 'Cloudflare API token',
    why: 'A Cloudflare token changes DNS, firewall rules, Workers and Pages of the zones and accounts it covers (a Global API Key: everything its user can do).',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['cfk_', 'cfut_', 'cfat_'],
    pattern: new RegExp(`${LEFT}(?<secret>(?<kind>cfk|cfut|cfat)_(?<body>[A-Za-z0-9]{42,60}))${RIGHT}`),
    visiblePrefix: (s) => s.indexOf('_') + 1,
    validate: (_s, m) => (hasDigitAndLetter(m.groups!.body!) ? { message: KINDS[m.groups!.kind!]! } : false),
    examples: {
      match: [`CLOUDFLARE_API_TOKEN=${scannable}`, `"Authorization": "Bearer ${scannable}"`],
      noMatch: [`cfut_${fakeToken(BASE62, 30, 2604)}`, `cfat_settings = {}`],
    },
  }),
  keyedRule({
    id: 'cloudflare-legacy-api-token',
    provider: 'cloudflare',
    title: 'Cloudflare API token (unprefixed, older format)',
    why: 'An older Cloudflare API token stays valid until rolled or deleted and changes what its permissions cover (DNS, Workers, firewall).',
    severity: 'error',
    remediation,
    helpUri,
    names: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN', 'CLOUDFLARE_TOKEN', 'CF_DNS_API_TOKEN'],
    value: '[A-Za-z0-9_-]{40}',
    check: hasDigitAndLetter,
    examples: {
      match: [`CLOUDFLARE_API_TOKEN=${legacyToken}`, `export CF_API_TOKEN="${legacyToken}"`],
      noMatch: [
        `CLOUDFLARE_ACCOUNT_ID=${legacyGlobal.slice(0, 32)}`,
        `CLOUDFLARE_API_TOKEN=${legacyToken.slice(0, 30)}`,
      ],
    },
  }),
  keyedRule({
    id: 'cloudflare-global-api-key',
    provider: 'cloudflare',
    title: 'Cloudflare Global API Key (unprefixed, older format)',
    why: 'The Global API Key, with its account email, does everything its user can do in every account and zone.',
    severity: 'error',
    remediation,
    helpUri,
    names: [
      'CLOUDFLARE_API_KEY',
      'CF_API_KEY',
      'CLOUDFLARE_GLOBAL_API_KEY',
      'CF_GLOBAL_API_KEY',
      'CLOUDFLARE_AUTH_KEY',
      'X-Auth-Key',
    ],
    value: '[a-f0-9]{37}',
    check: hasDigitAndLetter,
    examples: {
      match: [`CLOUDFLARE_API_KEY=${legacyGlobal}`, `-H "X-Auth-Key: ${legacyGlobal}"`],
      noMatch: [`CLOUDFLARE_API_KEY=${legacyGlobal}0`, `CLOUDFLARE_ZONE_ID=${legacyGlobal.slice(0, 32)}`],
    },
  }),
];
