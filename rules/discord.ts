import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { BASE64URL, DIGITS, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Discord Developer Portal → the application → Bot → Reset Token (webhooks: the channel’s Integrations → Webhooks → delete the webhook and create a new one)',
  store: 'the platform or CI secret store (`gh secret set DISCORD_TOKEN`)',
  read: 'os.environ["DISCORD_TOKEN"] / process.env.DISCORD_TOKEN, passed to `client.run(…)` / `client.login(…)`',
};
const helpUri = 'https://discord.com/developers/docs/reference#authentication';

// Discord documents no bot-token layout: tokens seen are three dot-separated
// URL-safe base64 parts, the first being the base64 of the bot's numeric
// user id (observed). Decoding that part to 17–20 digits is the check.
// Webhook URLs are documented: /api/webhooks/<id>/<token>.
const userId = fakeToken('123456789', 1, 2901) + fakeToken(DIGITS, 18, 2902);
const botToken = `${Buffer.from(userId).toString('base64url')}.${fakeToken(BASE64URL, 6, 2903)}.${fakeToken(BASE64URL, 38, 2904)}`;
const webhookToken = fakeToken(BASE64URL, 68, 2905);

function firstPartIsUserId(token: string): boolean {
  const first = token.slice(0, token.indexOf('.'));
  return /^[1-9][0-9]{16,19}$/.test(Buffer.from(first, 'base64url').toString('latin1'));
}

export const rules: Rule[] = [
  regexRule({
    id: 'discord-bot-token',
    provider: 'discord',
    title: 'Discord bot token',
    why: 'A Discord bot token logs in as the bot: it reads and sends messages and acts with the bot’s permissions in every server it has joined.',
    severity: 'error',
    remediation,
    helpUri,
    // Where bot tokens are written: beside Discord's name, or passed to `client.run(…)` / `client.login(…)`.
    keywords: ['discord', '.run(', '.login('],
    contextLines: 3,
    pattern: new RegExp(
      `${LEFT}(?<secret>[MNO][A-Za-z0-9_-]{22,26}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40})${RIGHT_WITH_DASH}`,
    ),
    visiblePrefix: 0,
    validate: (secret) => firstPartIsUserId(secret),
    examples: {
      match: [`DISCORD_TOKEN=${botToken}`, `client.run("${botToken}")`],
      noMatch: [
        `DISCORD_TOKEN=${Buffer.from('not-a-user-id-ok').toString('base64url')}.${fakeToken(BASE64URL, 6, 2906)}.${fakeToken(BASE64URL, 38, 2907)}`,
        `client.run(os.environ["DISCORD_TOKEN"])`,
      ],
    },
  }),
  regexRule({
    id: 'discord-webhook-url',
    provider: 'discord',
    title: 'Discord webhook URL',
    why: 'Anyone with a webhook URL posts into its channel under any name and avatar (phishing, spam) until the webhook is deleted.',
    severity: 'error',
    remediation,
    helpUri: 'https://discord.com/developers/docs/resources/webhook',
    keywords: ['discord.com/api', 'discordapp.com/api'],
    pattern:
      /https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d{1,2})?\/webhooks\/\d{17,20}\/(?<secret>[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/,
    visiblePrefix: 0,
    examples: {
      match: [`DISCORD_WEBHOOK=https://discord.com/api/webhooks/${userId}/${webhookToken}`],
      noMatch: [
        `https://discord.com/api/webhooks/${userId}/{token}`,
        `https://discord.com/api/v10/channels/${userId}/messages`,
      ],
    },
  }),
];
