import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit.js';
import { BASE64URL, fakeToken } from '../src/fake-token.js';

// `SG.` is documented; the two parts after it, 22 and 43 URL-safe base64
// characters separated by `.`, are what issued keys look like (observed).
const id = fakeToken(BASE64URL, 22, 1501);
const secret = fakeToken(BASE64URL, 43, 1502);

export const rules: Rule[] = [
  regexRule({
    id: 'sendgrid-api-key',
    provider: 'sendgrid',
    title: 'SendGrid API key',
    why: 'A SendGrid key sends mail from the account’s verified domains (phishing that passes SPF and DKIM) and, with full access, reads contacts and changes settings.',
    severity: 'error',
    remediation: {
      rotate: 'SendGrid → Settings → API Keys → the key’s menu → Delete, then create a new one with restricted access',
      store: 'the CI or platform secret store (`gh secret set SENDGRID_API_KEY`)',
      read: 'os.environ["SENDGRID_API_KEY"], passed to `SendGridAPIClient(os.environ["SENDGRID_API_KEY"])`',
    },
    helpUri: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
    keywords: ['sg.'],
    pattern: new RegExp(`${LEFT}(?<secret>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${RIGHT_WITH_DASH}`),
    visiblePrefix: 3,
    validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s.slice(3)) && /[A-Z]/.test(s.slice(3)),
    examples: {
      match: [`SENDGRID_API_KEY=SG.${id}.${secret}`, `sg = SendGridAPIClient("SG.${id}.${secret}")`],
      noMatch: [`SG.${id}.${secret.slice(0, 30)}`, `import SG.${id}`],
    },
  }),
];
