import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, DIGITS, HEX, UPPER_ALNUM, fake } from '../src/rulekit/fakes.js';

const remediation = {
  rotate:
    'https://api.slack.com/apps → the app → OAuth & Permissions: revoke or reinstall (enable token rotation there)',
  store: 'the CI or platform secret store (`gh secret set SLACK_BOT_TOKEN`)',
  read: 'SLACK_BOT_TOKEN / SLACK_APP_TOKEN from the environment',
};
const helpUri = 'https://api.slack.com/authentication/token-types';

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
  const parts = secret
    .replace(/^xoxe\./, '')
    .split('-')
    .slice(1);
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
  get examples() {
    return {
      match: [
        `SLACK_BOT_TOKEN=xoxb-${fake(12, DIGITS, 'slack-1')}-${fake(13, DIGITS, 'slack-2')}-${fake(24, ALNUM, 'slack-3')}`,
        `SLACK_APP_TOKEN=xapp-1-A${fake(10, UPPER_ALNUM, 'slack-4')}-${fake(13, DIGITS, 'slack-5')}-${fake(64, ALNUM, 'slack-6')}`,
        `xoxe.xoxp-1-${fake(140, ALNUM, 'slack-rotating')}`,
        `xoxe-1-${fake(140, ALNUM, 'slack-refresh')}`,
        `xoxa-2-${fake(11, DIGITS, 'slack-xoxa-1')}-${fake(12, DIGITS, 'slack-xoxa-2')}-${fake(12, DIGITS, 'slack-xoxa-3')}-${fake(64, HEX, 'slack-xoxa-4')}`,
        `xoxb-${fake(11, DIGITS, 'slack-short-1')}-${fake(24, ALNUM, 'slack-short-2')}`,
        `xoxp-${fake(10, DIGITS, 'slack-hex-1')}-${fake(10, DIGITS, 'slack-hex-2')}-${fake(11, DIGITS, 'slack-hex-3')}-${fake(10, HEX, 'slack-hex-4')}`,
      ],
      noMatch: [
        'SLACK_BOT_TOKEN=xoxb-your-bot-token',
        `xoxb-${fake(12, DIGITS, 'slack-7')}-${fake(10, ALNUM, 'slack-8')}`,
        `xoxe.xoxp-1-${'x'.repeat(100)}`,
        `xoxb-${fake(12, DIGITS, 'slack-9')}`,
      ],
    };
  },
});

const webhook = regexRule({
  id: 'slack-webhook',
  provider: 'slack',
  title: 'Slack incoming webhook URL',
  why: 'Anyone with the webhook URL can post messages into the channel it belongs to.',
  severity: 'error',
  remediation: {
    ...remediation,
    rotate: 'https://api.slack.com/apps → the app → Incoming Webhooks: remove the URL and create a new one',
  },
  helpUri: 'https://api.slack.com/messaging/webhooks',
  keywords: ['hooks.slack.com'],
  // services/T…/B…/secret; workflows/T…/A…/<digits>/secret and triggers/T…/<digits>/secret (one or two ids between team and secret).
  pattern:
    /hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/(?:[A-Z0-9]{6,24}\/){1,2}(?<secret>[A-Za-z0-9]{20,64})(?![A-Za-z0-9])/,
  get examples() {
    const team = `T${fake(9, UPPER_ALNUM, 'slack-team')}`;
    return {
      match: [
        `SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T${fake(8, UPPER_ALNUM, 'slack-w1')}/B${fake(10, UPPER_ALNUM, 'slack-w2')}/${fake(24, ALNUM, 'slack-w3')}`,
        `https://hooks.slack.com/workflows/${team}/A${fake(10, UPPER_ALNUM, 'slack-wf-1')}/${fake(18, DIGITS, 'slack-wf-2')}/${fake(32, ALNUM, 'slack-wf-3')}`,
        `https://hooks.slack.com/triggers/${team}/${fake(13, DIGITS, 'slack-tr-1')}/${fake(32, HEX, 'slack-tr-2')}`,
      ],
      noMatch: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T000/B000/XXXX',
        'https://hooks.slack.com/services/',
        'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      ],
    };
  },
});

export const rules: Rule[] = [token, webhook];
