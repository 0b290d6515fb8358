import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit.js';
import { ALNUM, DIGITS, UPPER_ALNUM, fake } from '../src/fakes.js';

const remediation = {
  rotate: 'https://api.slack.com/apps → the app → OAuth & Permissions: revoke or reinstall (enable token rotation there)',
  store: 'the CI or platform secret store (`gh secret set SLACK_BOT_TOKEN`)',
  read: 'SLACK_BOT_TOKEN / SLACK_APP_TOKEN from the environment',
};
const helpUri = 'https://api.slack.com/authentication/token-types';

const token = regexRule({
  id: 'slack-token',
  provider: 'slack',
  title: 'Slack token',
  why: 'A Slack token reads and posts messages, files and member lists in the workspace as its bot or user.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['xox', 'xapp-'],
  pattern: new RegExp(
    `${LEFT}(?<secret>(?:xoxe\\.)?xox[abeoprs]-(?:\\d{6,14}-){1,3}[A-Za-z0-9]{20,64}|xapp-\\d-[A-Z0-9]{8,14}-\\d{8,14}-[A-Za-z0-9]{32,80})${RIGHT_WITH_DASH}`,
  ),
  visiblePrefix: (s) => s.indexOf('-') + 1,
  get examples() {
    return {
      match: [
        `SLACK_BOT_TOKEN=xoxb-${fake(12, DIGITS, 'slack-1')}-${fake(13, DIGITS, 'slack-2')}-${fake(24, ALNUM, 'slack-3')}`,
        `SLACK_APP_TOKEN=xapp-1-A${fake(10, UPPER_ALNUM, 'slack-4')}-${fake(13, DIGITS, 'slack-5')}-${fake(64, ALNUM, 'slack-6')}`,
      ],
      noMatch: ['SLACK_BOT_TOKEN=xoxb-your-bot-token', `xoxb-${fake(12, DIGITS, 'slack-7')}-${fake(10, ALNUM, 'slack-8')}`],
    };
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
  get examples() {
    return {
      match: [`SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T${fake(8, UPPER_ALNUM, 'slack-w1')}/B${fake(10, UPPER_ALNUM, 'slack-w2')}/${fake(24, ALNUM, 'slack-w3')}`],
      noMatch: ['SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T000/B000/XXXX', 'https://hooks.slack.com/services/'],
    };
  },
  pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,14}\/(?<secret>[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/,
});

export const rules: Rule[] = [token, webhook];
