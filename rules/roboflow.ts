import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/keyed-rule.js';
import { BASE62, fakeToken } from '../src/fake-token.js';

// Roboflow documents no key format and keys carry no prefix: 20 letters and
// digits (observed). Found only by a Roboflow name or call.
const key = fakeToken(BASE62, 20, 801);

export const rules: Rule[] = [
  keyedRule({
    id: 'roboflow-api-key',
    provider: 'roboflow',
    title: 'Roboflow API key',
    why: 'A Roboflow private key downloads and uploads every dataset and model in its workspace and runs hosted inference on its billing.',
    severity: 'error',
    remediation: {
      rotate: 'Roboflow → workspace Settings → API Keys → Revoke (or Regenerate) the private API key',
      store: 'the CI or platform secret store (`gh secret set ROBOFLOW_API_KEY`), a Colab secret',
      read: 'the roboflow package reads ROBOFLOW_API_KEY from the environment by itself (`Roboflow()` with no key)',
    },
    helpUri: 'https://docs.roboflow.com/developer/authentication/find-your-roboflow-api-key',
    names: ['ROBOFLOW_API_KEY', 'ROBOFLOW_KEY', String.raw`Roboflow\(\s{0,8}api_key`],
    keywords: ['roboflow_api_key', 'roboflow_key', 'roboflow('],
    value: '[A-Za-z0-9]{20}',
    check: hasDigitAndLetter,
    examples: {
      match: [`rf = Roboflow(api_key="${key}")`, `ROBOFLOW_API_KEY=${key}`],
      noMatch: [`ROBOFLOW_API_KEY=${key}abc`, `rf = Roboflow(api_key=os.environ["ROBOFLOW_API_KEY"])`],
    },
  }),
];
