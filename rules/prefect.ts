import type { PathRule, Rule } from '../src/types.js';
import { LEFT, RIGHT, looksLikeIdentifier, regexRule } from '../src/rulekit/rulekit.js';
import { isPlaceholder } from '../src/rulekit/placeholder.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate:
    'Prefect Cloud (https://app.prefect.cloud) → account icon, bottom left → API Keys (service accounts: Account → Service Accounts → regenerate); delete the leaked key and create a new one with an expiry',
  store:
    'the CI secret store (`gh secret set PREFECT_API_KEY`) or the worker’s environment; other credentials a flow needs go in a Prefect Secret block (`Secret(value=…).save("name")`)',
  read: 'Prefect reads PREFECT_API_KEY from the environment by itself; in flows, `Secret.load("name").get()`',
};
const helpUri = 'https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys';

function keyRule(id: string, prefix: 'pnu_' | 'pnb_', title: string, why: string) {
  return regexRule({
    id,
    provider: 'prefect',
    title,
    why,
    severity: 'error',
    remediation,
    helpUri,
    keywords: [prefix],
    pattern: new RegExp(`${LEFT}(?<secret>${prefix}(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
    visiblePrefix: 4,
    get examples() {
      return {
        match: [`PREFECT_API_KEY=${prefix}${fake(36, ALNUM, id)}`],
        noMatch: [
          `${prefix}${fake(35, ALNUM, `${id}-short`)}`,
          `PREFECT_API_KEY=${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
        ],
      };
    },
    validate: (_s, m) => !looksLikeIdentifier(m.groups!.body!),
  });
}

const userKey = keyRule(
  'prefect-user-key',
  'pnu_',
  'Prefect Cloud user API key',
  'A Prefect user key acts as its owner in every workspace they can reach: it can read flow runs, blocks and secrets, and start deployments.',
);
const serviceAccountKey = keyRule(
  'prefect-service-account-key',
  'pnb_',
  'Prefect Cloud service-account API key',
  'A service-account key gives a machine identity’s access to its workspaces, usually with enough rights to run and change deployments.',
);

const authString = regexRule({
  id: 'prefect-auth-string',
  provider: 'prefect',
  title: 'Prefect server basic-auth string (PREFECT_API_AUTH_STRING)',
  why: 'The `user:password` pair guards a self-hosted Prefect server; whoever has it can drive that server.',
  severity: 'error',
  remediation: {
    rotate: 'change the password on the Prefect server (PREFECT_SERVER_API_AUTH_STRING) and on every client',
    store: 'the CI or platform secret store, set as the PREFECT_API_AUTH_STRING environment variable',
    read: 'Prefect reads PREFECT_API_AUTH_STRING from the environment by itself',
  },
  keywords: ['API_AUTH_STRING'],
  get examples() {
    return {
      match: [['PREFECT_API_AUTH_STRING="admin', fake(20, ALNUM, 'prefect-auth')].join(':') + '"'],
      noMatch: ['PREFECT_API_AUTH_STRING="$PREFECT_AUTH"', 'PREFECT_API_URL="http://127.0.0.1:4200/api"'],
    };
  },
  pattern: /PREFECT_(?:SERVER_)?API_AUTH_STRING["']?\s*(?:=|:)\s*["']?(?<secret>[^\s"':$]{1,128}:[^\s"']{4,256})/i,
});

const KEY_IN_PROFILE = /PREFECT_API_(?:KEY|AUTH_STRING)\s*=\s*["']([^"'\n]+)["']/g;

const profiles: PathRule = {
  kind: 'path',
  id: 'prefect-profiles-file',
  provider: 'prefect',
  title: 'Prefect profiles.toml holding an API key',
  why: '`prefect cloud login` writes the key into profiles.toml in plain text; a committed copy publishes it.',
  severity: 'error',
  remediation: { ...remediation, note: 'Keep Prefect settings in the environment; profiles belong in ~/.prefect.' },
  ignorePattern: '.prefect/',
  get examples() {
    return {
      match: [
        `.prefect/profiles.toml\n[profiles.cloud]\nPREFECT_API_KEY = "pnu_${fake(36, ALNUM, 'prefect-profile')}"\n`,
      ],
      noMatch: [
        '.prefect/profiles.toml\n[profiles.local]\nPREFECT_API_URL = "http://127.0.0.1:4200/api"\n',
        'profiles.toml.md',
      ],
    };
  },
  test(path, content) {
    if (!/(^|\/)profiles\.toml$/.test(path)) return false;
    const text = content();
    if (text === undefined) return false;
    for (const m of allMatches(KEY_IN_PROFILE, text)) {
      const value = m[1]!;
      if (!isPlaceholder(value, /^pn[ub]_/.test(value) ? 4 : 0)) return true;
    }
    return false;
  },
};

export const rules: Rule[] = [userKey, serviceAccountKey, authString, profiles];
