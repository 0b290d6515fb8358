import type { Rule } from '../src/types.js';
import { regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, UPPER_ALNUM, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate: 'ClearML Web UI → Settings → Workspace → App Credentials: revoke the leaked credentials, create new ones',
  store:
    'the CI or platform secret store (`gh secret set CLEARML_API_SECRET_KEY`); on agents, their own clearml.conf outside the repository',
  read: 'the clearml package reads CLEARML_API_ACCESS_KEY and CLEARML_API_SECRET_KEY from the environment by itself',
};
const helpUri = 'https://clear.ml/docs/latest/docs/configs/clearml_conf/';

// ClearML documents no format: access keys seen are 20–32 upper-case letters
// and digits (an id, not secret on its own), secret keys about 50 letters
// and digits (observed). Found by ClearML's names, or as `secret_key` in a
// clearml.conf `api { credentials { … } }` block.
const secret = fakeToken(BASE62, 50, 2801);
const access = fakeToken(UPPER_ALNUM, 30, 2802);

export const rules: Rule[] = [
  keyedRule({
    id: 'clearml-secret-key',
    provider: 'clearml',
    title: 'ClearML API secret key',
    why: 'With its access key, a ClearML secret key reads and writes every project, experiment, model and dataset of the workspace, and queues work on its agents.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['CLEARML_API_SECRET_KEY', 'TRAINS_API_SECRET_KEY', 'CLEARML_SECRET_KEY'],
    value: '[A-Za-z0-9]{30,80}',
    check: hasDigitAndLetter,
    examples: {
      match: [`CLEARML_API_SECRET_KEY=${secret}`, `TRAINS_API_SECRET_KEY: "${secret}"`],
      noMatch: [`CLEARML_API_ACCESS_KEY=${access}`, `CLEARML_API_SECRET_KEY=${secret.slice(0, 20)}`],
    },
  }),
  regexRule({
    id: 'clearml-conf-secret-key',
    provider: 'clearml',
    title: 'ClearML secret key in a clearml.conf credentials block',
    why: '`clearml-init` writes the workspace’s access and secret key into clearml.conf in plain text; a committed copy publishes them.',
    severity: 'error',
    remediation: {
      ...remediation,
      note: 'clearml.conf belongs in the home directory (~/clearml.conf) of each machine, not in the repository.',
    },
    helpUri,
    keywords: ['secret_key'],
    contextLines: 8,
    pattern: /"?secret_key"?\s{0,16}[=:]\s{0,16}"?(?<secret>[A-Za-z0-9]{30,80})(?![A-Za-z0-9])/,
    validate(secret, _m, ctx) {
      // A generic `secret_key` counts only inside ClearML's api block: its server keys or host sit a few lines away.
      return hasDigitAndLetter(secret) && /\b(?:api_server|web_server|files_server)\b|clear\.ml/.test(ctx.text);
    },
    examples: {
      match: [
        `api {\n  api_server: https://api.clear.ml\n  credentials {\n    "access_key" = "${access}"\n    "secret_key" = "${secret}"\n  }\n}`,
      ],
      noMatch: [
        `aws {\n  s3 {\n    secret_key: "${secret}"\n  }\n}`,
        `api {\n  api_server: https://api.clear.ml\n  credentials { "secret_key" = "" }\n}`,
      ],
    },
  }),
];
