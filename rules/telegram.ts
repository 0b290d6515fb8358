import type { Rule } from '../src/types.js';
import { regexRule } from '../src/rulekit.js';
import { BASE64URL, DIGITS, fakeToken } from '../src/fake-token.js';

// Telegram's documented example token is `<bot id>:<35 characters>`; every
// token seen since 2015 has `AA` as the secret part's first two characters
// (observed), which makes `:AA` an anchor that a bare `id:secret` lacks.
const token = `${fakeToken('123456789', 1, 3001)}${fakeToken(DIGITS, 9, 3002)}:AA${fakeToken(BASE64URL, 33, 3003)}`;

export const rules: Rule[] = [
  regexRule({
    id: 'telegram-bot-token',
    provider: 'telegram',
    title: 'Telegram bot token',
    why: 'A Telegram bot token controls the bot: it reads every message sent to it and sends messages as it to every chat it is in.',
    severity: 'error',
    remediation: {
      rotate: 'in Telegram, @BotFather → /mybots → the bot → API Token → Revoke current token (or /revoke)',
      store: 'the platform or CI secret store (`gh secret set TELEGRAM_BOT_TOKEN`)',
      read: 'os.environ["TELEGRAM_BOT_TOKEN"] / process.env.TELEGRAM_BOT_TOKEN, passed to the bot library',
    },
    helpUri: 'https://core.telegram.org/bots/api#authorizing-your-bot',
    keywords: [':aa'],
    pattern: /(?:(?<![A-Za-z0-9_:])|(?<=\/bot))(?<secret>[1-9][0-9]{5,11}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/,
    visiblePrefix: 0,
    validate: (secret) => {
      const body = secret.slice(secret.indexOf(':') + 3);
      return /[a-z]/.test(body) && /[A-Z]/.test(body);
    },
    examples: {
      match: [`TELEGRAM_BOT_TOKEN=${token}`, `https://api.telegram.org/bot${token}/getMe`],
      noMatch: [`ts = "12:AA:${fakeToken(BASE64URL, 33, 3004)}"`, `TELEGRAM_BOT_TOKEN=${token.slice(0, 30)}`],
    },
  }),
];
