import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit.js';
import { HEX_DIGITS, fakeValue } from '../src/example-values.js';

const remediation = {
  rotate: 'https://api.slack.com/apps → the app → OAuth & Permissions: revoke or reinstall (enable token rotation there)',
  store: 'the CI or platform secret store (`gh secret set SLACK_BOT_TOKEN`)',
  read: 'SLACK_BOT_TOKEN / SLACK_APP_TOKEN from the environment',
};
const helpUri = 'https://api.slack.com/authentication/token-types';

// Example values (see RuleBase.examples), made at load time so leaklint's scan of its own source stays clean.
const digits = (n: number, seed: number) => fakeValue(n, seed, '0123456789');
const TEAM = `T${fakeValue(9, 21, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;

/**
 * The shapes seen in Slack's docs and in the wild (lengths vary and peers disagree):
 * - `xoxb-`/`xoxp-`/`xoxo-`/`xoxs-` + 1 to 3 groups of 6–14 digits + an
 *   alphanumeric tail (bot tokens end in 24 characters, some legacy user and
 *   test tokens in a short hex run of 8 to 32);
 * - a version digit then a long body: rotating tokens `xoxe.xoxp-1-…` /
 *   `xoxe.xoxb-1-…`, refresh tokens `xoxe-1-…`;
 * - legacy workspace app tokens `xoxa-2-…` / `xoxr-…`, a version digit then
 *   digit groups or a tail of their own.
 */
function isSlackTokenShape(secret: string): boolean {
  const parts = secret.replace(/^xoxe\./, '').split('-').slice(1);
  const tail = parts.pop()!;
  const groups = parts;
  if (groups.length === 0) return false;
  const version = /^\d{1,2}$/.test(groups[0]!);
  const digitGroups = (version ? groups.slice(1) : groups).every((g) => /^\d{6,14}$/.test(g));
  if (!digitGroups) return false;
  if (version && groups.length === 1) return tail.length >= 8 && (/^xox[ar]/.test(secret) || tail.length >= 40);
  if (groups.length - (version ? 1 : 0) === 0) return false;
  return tail.length >= 18 || /^[0-9a-f]{8,32}$/.test(tail);
}

const token = regexRule({
  id: 'slack-token',
  provider: 'slack',
  title: 'Slack token',
  why: 'A Slack token reads and posts messages, files and member lists in the workspace as its bot or user.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['xox', 'xapp-'],
  // Groups bounded, and digits-then-dash fixes where each group ends: one attempt reads at most a few hundred characters.
  pattern: new RegExp(
    `${LEFT}(?<secret>(?:xoxe\\.)?xox[abeoprs]-(?:\\d{1,14}-){1,4}[A-Za-z0-9]{8,400}|xapp-\\d-[A-Z0-9]{8,14}-\\d{8,14}-[A-Za-z0-9]{32,80})${RIGHT_WITH_DASH}`,
  ),
  validate: (secret) => secret.startsWith('xapp-') || isSlackTokenShape(secret),
  visiblePrefix: (s) => s.indexOf('-') + 1,
  examples: {
    match: [
      `SLACK_BOT_TOKEN=xoxb-${digits(12, 1)}-${digits(13, 2)}-${fakeValue(24, 3)}`,
      `xoxe.xoxp-1-${fakeValue(140, 4)}`,
      `xoxe-1-${fakeValue(140, 5)}`,
      `xoxa-2-${digits(11, 6)}-${digits(12, 7)}-${digits(12, 8)}-${fakeValue(64, 9, HEX_DIGITS)}`,
      `xoxb-${digits(11, 10)}-${fakeValue(24, 11)}`,
      `xoxp-${digits(10, 12)}-${digits(10, 13)}-${digits(11, 14)}-${fakeValue(10, 15, HEX_DIGITS)}`,
    ],
    noMatch: ['SLACK_BOT_TOKEN="xoxb-your-token"', `xoxe.xoxp-1-${'x'.repeat(100)}`, `xoxb-${digits(12, 16)}`],
  },
});

const webhook = regexRule({
  id: 'slack-webhook',
  provider: 'slack',
  title: 'Slack incoming webhook URL',
  why: 'Anyone with the webhook URL can post messages into the channel it belongs to.',
  severity: 'error',
  remediation: { ...remediation, rotate: 'https://api.slack.com/apps → the app → Incoming Webhooks: remove the URL and create a new one' },
  helpUri: 'https://api.slack.com/messaging/webhooks',
  keywords: ['hooks.slack.com'],
  // services/T…/B…/secret; workflows/T…/A…/<digits>/secret and triggers/T…/<digits>/secret (one or two ids between team and secret).
  pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/(?:[A-Z0-9]{6,24}\/){1,2}(?<secret>[A-Za-z0-9]{20,64})(?![A-Za-z0-9])/,
  examples: {
    match: [
      `https://hooks.slack.com/services/${TEAM}/B${fakeValue(10, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${fakeValue(24, 18)}`,
      `https://hooks.slack.com/workflows/${TEAM}/A${fakeValue(10, 19, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${digits(18, 20)}/${fakeValue(32, 22)}`,
      `https://hooks.slack.com/triggers/${TEAM}/${digits(13, 23)}/${fakeValue(32, 24, HEX_DIGITS)}`,
    ],
    noMatch: ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'https://hooks.slack.com/services/T123/B456/short'],
  },
});

export const rules: Rule[] = [token, webhook];
