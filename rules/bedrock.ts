import type { Rule } from '../src/types.js';
import { LEFT, regexRule } from '../src/rulekit/rulekit.js';
import { BASE62, base64, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Amazon Bedrock console → API keys: delete the long-term key (it belongs to an IAM user named BedrockAPIKey-…: also `aws iam delete-service-specific-credential`); a short-term key cannot be revoked one by one — revoke the sessions of the role or user that generated it (IAM → Revoke active sessions)',
  store:
    'AWS Secrets Manager, or the CI secret store (`gh secret set AWS_BEARER_TOKEN_BEDROCK`); better, short-term keys generated at run time (`aws-bedrock-token-generator`) or plain IAM role credentials',
  read: 'the AWS SDKs read AWS_BEARER_TOKEN_BEDROCK from the environment by themselves',
};
const helpUri = 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html';

// Long-term keys: `ABSK` + base64, about 109–269 characters in all (peers'
// rules; AWS documents no format). Short-term keys: `bedrock-api-key-` + the
// base64 of a presigned `bedrock.amazonaws.com/…` URL, which AWS's token
// generator builds, so its encoding always starts `YmVkcm9jay`.
const longTerm = 'ABSK' + fakeToken(BASE62, 128, 1901);
const presigned = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA${fakeToken('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 1902)}%2F20260101%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Signature=${fakeToken('0123456789abcdef', 64, 1903)}&Version=1`;
const shortTerm = 'bedrock-api-key-' + base64(presigned);

export const rules: Rule[] = [
  regexRule({
    id: 'bedrock-api-key',
    provider: 'bedrock',
    title: 'Amazon Bedrock long-term API key',
    why: 'A long-term Bedrock API key calls every Bedrock model its IAM user’s policy allows, billed to the AWS account, until it expires or is deleted.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['absk'],
    pattern: new RegExp(`${LEFT}(?<secret>ABSK[A-Za-z0-9+/]{105,265}={0,2})(?![A-Za-z0-9+/=])`),
    visiblePrefix: 4,
    validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s.slice(4)),
    examples: {
      match: [`AWS_BEARER_TOKEN_BEDROCK=${longTerm}`, `"Authorization": "Bearer ${longTerm}"`],
      noMatch: [`AWS_BEARER_TOKEN_BEDROCK=${longTerm.slice(0, 60)}`, `ABSKIP_TESTS=1`],
    },
  }),
  regexRule({
    id: 'bedrock-short-term-api-key',
    provider: 'bedrock',
    title: 'Amazon Bedrock short-term API key',
    why: 'A short-term Bedrock API key carries its generator’s signed session: for up to 12 hours it calls Bedrock with that principal’s permissions.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['bedrock-api-key-'],
    pattern: /(?<secret>bedrock-api-key-YmVkcm9jay[A-Za-z0-9+/]{100,6000}={0,2})(?![A-Za-z0-9+/=])/,
    visiblePrefix: 16,
    examples: {
      match: [`AWS_BEARER_TOKEN_BEDROCK=${shortTerm}`],
      noMatch: ['AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay', `token_prefix = "bedrock-api-key-"`],
    },
  }),
];
