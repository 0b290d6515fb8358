import type { Rule } from '../src/types.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, HEX, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Twilio Console → Account → API keys & tokens: promote the secondary auth token (Request a secondary token, then Promote), or delete a leaked API key and create a new one',
  store:
    'the CI or platform secret store (`gh secret set TWILIO_AUTH_TOKEN`); prefer an API key + secret per application over the account auth token',
  read: 'the Twilio SDKs read TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY with TWILIO_API_SECRET, from the environment',
};
const helpUri = 'https://www.twilio.com/docs/iam/api-keys';

// Twilio's public identifiers have documented prefixes (`AC` account SID,
// `SK` API key SID, each + 32 hex); the secrets beside them do not: the auth
// token is 32 hex and an API key secret 32 letters and digits (observed).
// Only a Twilio name tells them apart from any other hash.
const token = fakeToken(HEX, 32, 1001);
const secret = fakeToken(BASE62, 32, 1002);

export const rules: Rule[] = [
  keyedRule({
    id: 'twilio-auth-token',
    provider: 'twilio',
    title: 'Twilio auth token or API key secret',
    why: 'With the account SID, a Twilio auth token or API key secret sends messages and places calls billed to the account and reads its message logs.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['TWILIO_AUTH_TOKEN', 'TWILIO_API_SECRET', 'TWILIO_TOKEN', 'TWILIO_SECRET', 'TWILIO_API_KEY_SECRET'],
    value: '[A-Za-z0-9]{32}',
    check: hasDigitAndLetter,
    examples: {
      match: [`TWILIO_AUTH_TOKEN=${token}`, `twilio_api_secret: "${secret}"`],
      noMatch: [`TWILIO_ACCOUNT_SID=AC${token}`, `TWILIO_AUTH_TOKEN=${token.slice(0, 24)}`],
    },
  }),
];
