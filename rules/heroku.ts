import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE64URL, fakeToken, fakeUuid } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Heroku Dashboard → Account settings → API Key → Regenerate (OAuth authorizations: `heroku authorizations:revoke <id>`, then `heroku authorizations:create`)',
  store:
    'the CI secret store (`gh secret set HEROKU_API_KEY`); app settings belong in config vars (`heroku config:set`), never in the repository',
  read: 'the Heroku CLI reads HEROKU_API_KEY from the environment by itself',
};
const helpUri = 'https://devcenter.heroku.com/articles/authentication';

// Heroku's newer API keys and authorizations start `HRKU-` (the prefix
// secret scanners validate against api.heroku.com); the body's exact length
// is not documented (a range is allowed). Older keys are UUIDs, found only
// by a Heroku name.
const current = 'HRKU-' + fakeToken(BASE64URL, 60, 2701);
const legacy = fakeUuid(2702);

export const rules: Rule[] = [
  regexRule({
    id: 'heroku-api-key',
    provider: 'heroku',
    title: 'Heroku API key',
    why: 'A Heroku API key acts as its user: it deploys, scales and deletes apps, and reads their config vars, which hold the apps’ own secrets.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['hrku-'],
    pattern: new RegExp(`${LEFT}(?<secret>HRKU-(?<body>[A-Za-z0-9_-]{40,80}))${RIGHT_WITH_DASH}`),
    visiblePrefix: 5,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`HEROKU_API_KEY=${current}`, `Authorization: Bearer ${current}`],
      noMatch: [`HRKU-${fakeToken(BASE64URL, 20, 2703)}`, `HRKU-TOKEN-FORMAT`],
    },
  }),
  keyedRule({
    id: 'heroku-legacy-api-key',
    provider: 'heroku',
    title: 'Heroku API key (UUID, older format)',
    why: 'An older Heroku API key acts as its user: it deploys and deletes apps and reads their config vars.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['HEROKU_API_KEY', 'HEROKU_API_TOKEN', 'HEROKU_TOKEN', 'HEROKU_AUTH_TOKEN'],
    value: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    examples: {
      match: [`HEROKU_API_KEY=${legacy}`, `heroku_api_key: "${legacy}"`],
      noMatch: [`HEROKU_APP_ID=${legacy}`, `HEROKU_API_KEY=${legacy.slice(0, 23)}`],
    },
  }),
];
