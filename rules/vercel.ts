import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, LETTERS, fake } from '../src/rulekit/fakes.js';

const remediation = {
  rotate: 'https://vercel.com/account/tokens → delete the token (or `vercel tokens rm <id>`), create a new one',
  store:
    'Vercel project environment variables of the sensitive type, or GitHub Actions secrets (`gh secret set VERCEL_TOKEN`)',
  read: '`vercel --token "$VERCEL_TOKEN"` with VERCEL_TOKEN from the CI secret store',
};
const helpUri = 'https://vercel.com/docs/rest-api#creating-an-access-token';

const prefixed = regexRule({
  id: 'vercel-token',
  provider: 'vercel',
  title: 'Vercel access token',
  why: 'A Vercel token deploys, reads environment variables and changes projects of its owner’s teams.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
  // The five prefixes: vcp_ personal, vci_ integration, vca_ app access, vcr_ app refresh, vck_ AI Gateway key.
  pattern: new RegExp(`${LEFT}(?<secret>vc[pikar]_[A-Za-z0-9]{20,60})${RIGHT}`),
  visiblePrefix: 4,
  get examples() {
    return {
      match: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'].map(
        (prefix) => `VERCEL_TOKEN=${prefix}${fake(24, ALNUM, `vercel-${prefix}`)}`,
      ),
      noMatch: [`vcp_${fake(12, ALNUM, 'vercel-short')}`, 'VERCEL_TOKEN=vcp_...'],
    };
  },
});

// Classic tokens have no prefix: only a Vercel name or flag next to them says what they are.
const classic = regexRule({
  id: 'vercel-classic-token',
  provider: 'vercel',
  title: 'Vercel access token (unprefixed, classic format)',
  why: 'A Vercel token deploys, reads environment variables and changes projects of its owner’s teams.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['vercel'],
  pattern:
    /(?:VERCEL_TOKEN["']?\s{0,16}[=:]\s{0,16}["']?|vercel\b[^\n]{0,200}?--token[= ]["']?)(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])/i,
  validate: (s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s),
  get examples() {
    return {
      match: [
        `VERCEL_TOKEN=${fake(24, ALNUM, 'vercel-classic')}`,
        `npx vercel deploy --prod --token ${fake(24, ALNUM, 'vercel-classic-2')}`,
      ],
      // Twenty-four letters with no digit are a word or a name, not a token.
      noMatch: [`VERCEL_TOKEN=${fake(24, LETTERS, 'vercel-letters')}`, 'vercel deploy --token "$VERCEL_TOKEN"'],
    };
  },
});

export const rules: Rule[] = [prefixed, classic];
