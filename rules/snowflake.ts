import type { Rule } from '../src/types.js';
import { keyedRule } from '../src/rulekit/keyed-rule.js';
import { isStandInPassword, isSyntheticSecret } from '../src/rulekit/value-shapes.js';
import { BASE64URL, fakeToken } from '../src/rulekit/fake-token.js';

// Snowflake has no token format of its own to find (passwords are free-form,
// key-pair auth uses PEM keys, which the private-key rule finds): the
// password is found only where a Snowflake name or connect call assigns it.
const password = fakeToken(BASE64URL, 18, 901);

export const rules: Rule[] = [
  keyedRule({
    id: 'snowflake-password',
    provider: 'snowflake',
    title: 'Snowflake password or access token',
    why: 'A Snowflake password or programmatic access token logs in as its user: it queries and changes every database and warehouse that user’s roles reach, on the account’s credits.',
    severity: 'error',
    remediation: {
      rotate:
        'Snowsight → user menu → My profile → change the password (admins: `ALTER USER <name> SET PASSWORD = …`; for a programmatic access token `ALTER USER <name> REMOVE PROGRAMMATIC ACCESS TOKEN <token_name>`)',
      store:
        'the CI or platform secret store (`gh secret set SNOWFLAKE_PASSWORD`), or a cloud secret manager; better, key-pair or OAuth authentication for services',
      read: 'os.environ["SNOWFLAKE_PASSWORD"], passed to `snowflake.connector.connect(password=…)`; the Snowflake CLI reads SNOWFLAKE_PASSWORD by itself',
    },
    helpUri: 'https://docs.snowflake.com/en/user-guide/admin-user-management',
    names: [
      'SNOWFLAKE_PASSWORD',
      'SNOWFLAKE_PWD',
      'SNOWSQL_PWD',
      'SNOWFLAKE_TOKEN',
      'SNOWFLAKE_PAT',
      String.raw`snowflake\.connector\.connect\([^)]{0,300}?password`,
    ],
    keywords: [
      'snowflake_password',
      'snowflake_pwd',
      'snowsql_pwd',
      'snowflake_token',
      'snowflake_pat',
      'snowflake.connector.connect',
    ],
    value: String.raw`[^\s"'\`,;#)]{8,256}`,
    valueAlphabet: String.raw`^\s"'\`,;#)`,
    minEntropy: 2.5,
    check(value) {
      if (isStandInPassword(value)) return false;
      if (isSyntheticSecret(value))
        return { severity: 'warning', message: 'Possible Snowflake password (looks made up for a test)' };
      return true;
    },
    examples: {
      match: [
        `SNOWFLAKE_PASSWORD=${password}`,
        `conn = snowflake.connector.connect(user="etl", account="xy12345", password="${password}")`,
      ],
      noMatch: [
        `SNOWFLAKE_PASSWORD=\${SNOWFLAKE_PASSWORD}`,
        `conn = snowflake.connector.connect(user="etl", password=os.environ["SNOWFLAKE_PASSWORD"])`,
      ],
    },
  }),
];
