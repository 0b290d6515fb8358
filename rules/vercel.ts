import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit.js';
import { fakeValue } from '../src/example-values.js';

const remediation = {
  rotate: 'https://vercel.com/account/tokens → delete the token (or `vercel tokens rm <id>`), create a new one',
  store: 'Vercel project environment variables of the sensitive type, or GitHub Actions secrets (`gh secret set VERCEL_TOKEN`)',
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
  examples: {
    match: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'].map((prefix, i) => `VERCEL_TOKEN=${prefix}${fakeValue(40, 30 + i)}`),
    noMatch: [`vcx_${fakeValue(40, 35)}`, 'vcp_short', `deploy:vcp_${fakeValue(40, 36)}extra_tail`],
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
  pattern: /(?:VERCEL_TOKEN["']?\s{0,16}[=:]\s{0,16}["']?|vercel\b[^\n]{0,200}?--token[= ]["']?)(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])/i,
  validate: (s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s),
  examples: {
    match: [`VERCEL_TOKEN: ${fakeValue(24, 37)}`, `vercel deploy --prod --token ${fakeValue(24, 38)}`],
    noMatch: ['VERCEL_TOKEN: ${{ secrets.VERCEL_TOKEN }}', 'vercel deploy --token "$VERCEL_TOKEN"'],
  },
});

export const rules: Rule[] = [prefixed, classic];
