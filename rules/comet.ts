import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, fakeToken } from '../src/rulekit/fake-token.js';

// Comet documents no key format and keys carry no prefix: 25 letters and
// digits (observed). Found only where a Comet name is assigned one
// (environment, `.comet.config`'s `api_key` under `[comet]` is left to the
// generic rule).
const key = fakeToken(BASE62, 25, 701);

export const rules: Rule[] = [
  keyedRule({
    id: 'comet-api-key',
    provider: 'comet',
    title: 'Comet (Comet ML / Opik) API key',
    why: 'A Comet key reads and writes every experiment, model registry entry and artifact in its owner’s workspaces.',
    severity: 'error',
    remediation: {
      rotate: 'Comet → account settings → API Keys: delete the key and generate a new one',
      store: 'the CI or platform secret store (`gh secret set COMET_API_KEY`), an HF Space secret or a Colab secret',
      read: 'comet_ml (and Opik) read COMET_API_KEY / OPIK_API_KEY from the environment by themselves; call `comet_ml.login()` without a key',
    },
    helpUri: 'https://www.comet.com/docs/v2/guides/experiment-management/configure-sdk/',
    names: [
      'COMET_API_KEY',
      'OPIK_API_KEY',
      'COMET_REST_API_KEY',
      String.raw`comet_ml\.(?:login|start|Experiment|API)\([^)\n]{0,200}?api_key`,
    ],
    keywords: ['comet_api_key', 'opik_api_key', 'comet_rest_api_key', 'comet_ml.'],
    value: '[A-Za-z0-9]{20,40}',
    check: hasDigitAndLetter,
    examples: {
      match: [`COMET_API_KEY=${key}`, `experiment = comet_ml.Experiment(project_name="demo-run", api_key="${key}")`],
      noMatch: [`COMET_API_KEY=${key.slice(0, 12)}`, `COMET_PROJECT_NAME=image-classification`],
    },
  }),
];
