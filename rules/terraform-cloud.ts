import type { PathRule, Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter } from '../src/rulekit/keyed-rule.js';
import { BASE62, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'HCP Terraform → User settings → Tokens (team and organization tokens: the team’s or organization’s API token page): delete the token, create a new one with an expiry',
  store:
    'the CI secret store (`gh secret set TF_API_TOKEN`), read by `hashicorp/setup-terraform` as `cli_config_credentials_token`; better, dynamic credentials (workload identity) for runs',
  read: 'Terraform reads TF_TOKEN_app_terraform_io from the environment, the tfe provider TFE_TOKEN; `terraform login` keeps the token in ~/.terraform.d/credentials.tfrc.json, outside the repository',
};

// HashiCorp documents no format: API tokens seen are a 14-character id,
// `.atlasv1.`, and 60–70 letters and digits (observed).
const id = fakeToken(BASE62, 14, 1701);
const secret = fakeToken(BASE62, 67, 1702);

const credentialsFile: PathRule = {
  kind: 'path',
  id: 'terraform-cloud-credentials-file',
  provider: 'terraform-cloud',
  title: 'Terraform CLI credentials file (credentials.tfrc.json)',
  why: '`terraform login` writes API tokens for HCP Terraform and private registries into this file in plain text.',
  severity: 'error',
  remediation: {
    ...remediation,
    note: 'The file belongs in ~/.terraform.d only: remove it from the repository and rotate the tokens it held.',
  },
  ignorePattern: 'credentials.tfrc.json',
  test: (path) => /(^|\/)credentials\.tfrc\.json$/.test(path),
  examples: {
    match: ['.terraform.d/credentials.tfrc.json', 'credentials.tfrc.json'],
    noMatch: ['docs/credentials.tfrc.json.md', 'terraform.tfvars'],
  },
};

export const rules: Rule[] = [
  regexRule({
    id: 'terraform-cloud-api-token',
    provider: 'terraform-cloud',
    title: 'HCP Terraform (Terraform Cloud/Enterprise) API token',
    why: 'A Terraform Cloud token can queue and apply runs and read state files, which hold every secret the infrastructure uses, in each workspace its user or team reaches.',
    severity: 'error',
    remediation,
    helpUri: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
    keywords: ['.atlasv1.'],
    pattern: new RegExp(
      `${LEFT}(?<secret>[A-Za-z0-9]{14}\\.atlasv1\\.(?<body>[A-Za-z0-9_=-]{60,70}))${RIGHT_WITH_DASH}`,
    ),
    visiblePrefix: 0,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`TF_API_TOKEN=${id}.atlasv1.${secret}`, `"token": "${id}.atlasv1.${secret}"`],
      noMatch: [`${id}.atlasv1.${secret.slice(0, 40)}`, `provider "tfe" { hostname = "app.terraform.io" } # atlasv1`],
    },
  }),
  credentialsFile,
];
