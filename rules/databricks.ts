import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter } from '../src/rulekit/keyed-rule.js';
import { HEX, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Databricks workspace → your user name → Settings → Developer → Access tokens → Manage: revoke the token (admins: Settings → Advanced → Personal access tokens, or the Token Management API)',
  store:
    'a CI secret (`gh secret set DATABRICKS_TOKEN`); inside Databricks, a secret scope (`databricks secrets put-secret <scope> <key>`); for machines, OAuth credentials of a service principal instead of a personal token',
  read: 'the Databricks SDK and CLI read DATABRICKS_HOST and DATABRICKS_TOKEN from the environment by themselves; in notebooks, `dbutils.secrets.get(scope, key)`',
};

// Databricks does not publish the format: issued personal access tokens are
// `dapi` + 32 lower-case hex, on Azure followed by `-<digit>` (observed).
const hex = fakeToken(HEX, 32, 101);

export const rules: Rule[] = [
  regexRule({
    id: 'databricks-access-token',
    provider: 'databricks',
    title: 'Databricks personal access token',
    why: 'A Databricks personal access token acts as its user in one workspace: it reads tables and secret scopes and runs jobs on clusters the account pays for.',
    severity: 'error',
    remediation,
    helpUri: 'https://docs.databricks.com/en/dev-tools/auth/pat.html',
    keywords: ['dapi'],
    pattern: new RegExp(`${LEFT}(?<secret>dapi(?<body>[a-f0-9]{32})(?:-\\d)?)${RIGHT_WITH_DASH}`),
    visiblePrefix: 4,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`DATABRICKS_TOKEN=dapi${hex}`, `token = "dapi${hex}-2"`],
      noMatch: [`DATABRICKS_TOKEN=dapi${hex.slice(0, 31)}`, `from databricks import sdk  # dapi_client`],
    },
  }),
];
