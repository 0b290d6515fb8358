import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { HEX, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Datadog → Organization Settings → API Keys (or Application Keys): create a new key, move clients to it, then revoke the leaked one',
  store:
    'the CI or platform secret store (`gh secret set DD_API_KEY`); on Kubernetes a Secret referenced by the Agent’s `apiKeyExistingSecret`',
  read: 'the Datadog Agent, libraries and CLI read DD_API_KEY and DD_APP_KEY from the environment by themselves',
};
const helpUri = 'https://docs.datadoghq.com/account_management/api-app-keys/';

// Datadog keys carry no prefix: API keys are 32 hex, application keys 40 hex
// (observed; Datadog documents no format). A git SHA is 40 hex too: only a
// Datadog name tells them apart.
const apiKey = fakeToken(HEX, 32, 1101);
const appKey = fakeToken(HEX, 40, 1102);

export const rules: Rule[] = [
  keyedRule({
    id: 'datadog-api-key',
    provider: 'datadog',
    title: 'Datadog API key',
    why: 'A Datadog API key submits metrics, logs and events into the organization (costing money and polluting monitors) and, with an application key, reads its data.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['DD_API_KEY', 'DATADOG_API_KEY', 'DD_CLIENT_API_KEY'],
    value: '[a-f0-9]{32}',
    check: hasDigitAndLetter,
    examples: {
      match: [`DD_API_KEY=${apiKey}`, `DATADOG_API_KEY: "${apiKey}"`],
      noMatch: [`DD_API_KEY=${appKey}`, `DD_SITE=datadoghq.eu`],
    },
  }),
  keyedRule({
    id: 'datadog-application-key',
    provider: 'datadog',
    title: 'Datadog application key',
    why: 'A Datadog application key, with an API key, reads and changes the organization’s dashboards, monitors, logs and users with its owner’s permissions.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['DD_APP_KEY', 'DD_APPLICATION_KEY', 'DATADOG_APP_KEY', 'DATADOG_APPLICATION_KEY', 'DD_CLIENT_APP_KEY'],
    value: '[a-f0-9]{40}',
    check: hasDigitAndLetter,
    examples: {
      match: [`DD_APP_KEY=${appKey}`, `export DATADOG_APPLICATION_KEY="${appKey}"`],
      noMatch: [`DD_APP_KEY=${apiKey}`, `DD_APPLICATION_KEY_NAME=ci-dashboards`],
    },
  }),
];
