import type { ContentRule, PathRule, Rule, RuleMatch } from '../src/types.js';
import {
  LEFT,
  RIGHT,
  isAlnumByte,
  isAsciiSpace,
  isHexByte,
  regexRule,
  userinfoMayFollow,
} from '../src/rulekit/rulekit.js';
import { isPlaceholder } from '../src/rulekit/placeholder.js';
import { BASE64, HEX, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

/** An org token's payload as sentry-cli writes it: base64 of a JSON object with `iat`, `url`, `region_url` and `org`. */
const orgPayload = (org: string) =>
  Buffer.from(
    JSON.stringify({ iat: 1767225600.5, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org }),
  ).toString('base64');
const fakeUserToken = () => `sntryu_${fake(64, HEX, 'sentry-user')}`;

const remediation = {
  rotate:
    'Sentry → Settings → Developer Settings → Organization Tokens (personal tokens: https://sentry.io/settings/account/api/auth-tokens/) → revoke, then create a new one',
  store:
    'the CI secret store (`gh secret set SENTRY_AUTH_TOKEN`, Vercel sensitive env vars, EAS secrets); locally a git-ignored .env.sentry-build-plugin',
  read: 'sentry-cli and the bundler plugins read SENTRY_AUTH_TOKEN from the environment; in GitHub Actions `${{ secrets.SENTRY_AUTH_TOKEN }}`',
};
const helpUri = 'https://docs.sentry.io/account/auth-tokens/';

/** The structure sentry-cli checks: base64 JSON with string `org` and `region_url`, and a 43-character secret of 32 bytes. */
export function isValidOrgToken(payload: string, secret: string): boolean {
  if (!/^[A-Za-z0-9+/]{43}$/.test(secret) || Buffer.from(secret, 'base64').length !== 32) return false;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return false;
  }
  if (!json || typeof json !== 'object') return false;
  const { org, region_url: regionUrl, url } = json as Record<string, unknown>;
  return (
    typeof org === 'string' &&
    typeof regionUrl === 'string' &&
    (url === undefined || url === null || typeof url === 'string')
  );
}

const orgToken = regexRule({
  id: 'sentry-org-token',
  provider: 'sentry',
  title: 'Sentry organization auth token',
  why: 'An org token uploads source maps and releases and, depending on its scopes, can read and change the organization’s projects.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['sntrys_'],
  // Standard base64 ends in `+` or `/` at times, so the right edge is "no base64 character", not \b.
  pattern: new RegExp(
    `${LEFT}(?<secret>sntrys_(?<payload>eyJpYXQiO[A-Za-z0-9+/]+={0,2})_(?<key>[A-Za-z0-9+/]{43}))(?![A-Za-z0-9+/=_])`,
  ),
  visiblePrefix: 7,
  get examples() {
    return {
      match: [`SENTRY_AUTH_TOKEN=sntrys_${orgPayload('acme')}_${fake(43, BASE64, 'sentry-org')}`],
      // A payload without `org` and a secret one character short are not what sentry-cli accepts.
      noMatch: [
        `sntrys_${Buffer.from(JSON.stringify({ iat: 1767225600.5 })).toString('base64')}_${fake(43, BASE64, 'sentry-org-2')}`,
        `sntrys_${orgPayload('acme')}_${fake(42, BASE64, 'sentry-org-3')}`,
      ],
    };
  },
  validate: (_s, m) => isValidOrgToken(m.groups!.payload!, m.groups!.key!),
});

const userToken = regexRule({
  id: 'sentry-user-token',
  provider: 'sentry',
  title: 'Sentry user auth token',
  why: 'A personal Sentry token acts as its owner in every organization they belong to.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['sntryu_'],
  pattern: new RegExp(`${LEFT}(?<secret>sntryu_[a-f0-9]{64})${RIGHT}`),
  visiblePrefix: 7,
  get examples() {
    return {
      match: [`SENTRY_AUTH_TOKEN: ${fakeUserToken()}`],
      noMatch: [`sntryu_${fake(63, HEX, 'sentry-user-short')}`, 'SENTRY_AUTH_TOKEN: sntryu_<your token>'],
    };
  },
});

const CLI_CONFIG = /(^|\/)(\.sentryclirc|sentrycli\.ini)$/;

/**
 * Whether the legacy pattern can match with its key ending at `end`: every
 * key ends in its keyword, so what follows is an optional quote, blanks,
 * `=` or `:`, blanks, an optional quote and 64 hex digits. Keyword-dense
 * code (`max_tokens = …`, `token=api_key`) is passed over without a window.
 * A byte over 127 may be a blank to the pattern: then it may match.
 */
function hexAssignedAt(bytes: Uint8Array, end: number): boolean {
  const n = Math.min(bytes.length, end + 512); // past that it cannot tell, and says true
  let i = end;
  if (i < n && (bytes[i] === 34 || bytes[i] === 39)) i++;
  while (i < n && isAsciiSpace(bytes[i]!)) i++;
  if (i >= n) return n < bytes.length;
  if (bytes[i]! >= 128) return true;
  if (bytes[i] !== 61 && bytes[i] !== 58) return false;
  i++;
  while (i < n && isAsciiSpace(bytes[i]!)) i++;
  if (i < n && (bytes[i] === 34 || bytes[i] === 39)) i++;
  if (i + 64 > n) return n < bytes.length || (i < n && bytes[i]! >= 128);
  if (bytes[i]! >= 128) return true;
  for (let k = 0; k < 64; k++) if (!isHexByte(bytes[i + k]!)) return false;
  return i + 64 >= bytes.length || !isAlnumByte(bytes[i + 64]!);
}

/** A bare 64-hex is a release SHA or debug id unless a Sentry token key holds it. */
const legacyToken = regexRule({
  id: 'sentry-legacy-token',
  provider: 'sentry',
  title: 'Sentry auth token (unprefixed, legacy format)',
  why: 'Tokens made before Sentry added prefixes still work and act as their owner.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['sentry_auth_token', 'auth.token', 'token'],
  hitCanMatch: (bytes, _start, end) => hexAssignedAt(bytes, end),
  pattern:
    /(?<key>SENTRY_AUTH_TOKEN|auth\.token|(?<![\w.-])token)["']?\s*[=:]\s*["']?(?<secret>[a-fA-F0-9]{64})(?![A-Za-z0-9])/i,
  validate: (_s, m, ctx) => m.groups!.key!.toLowerCase() !== 'token' || CLI_CONFIG.test(ctx.path),
  get examples() {
    return {
      match: [
        `SENTRY_AUTH_TOKEN=${fake(64, HEX, 'sentry-legacy')}`,
        `defaults.url=https://sentry.io/\nauth.token=${fake(64, HEX, 'sentry-legacy-2')}`,
      ],
      // A bare `token` holding 64 hex outside sentry-cli's config is a release SHA or debug id.
      noMatch: [
        `release_token: ${fake(64, HEX, 'sentry-legacy-3')}`,
        `SENTRY_AUTH_TOKEN=${fake(40, HEX, 'sentry-legacy-4')}`,
      ],
    };
  },
});

const DSN =
  /\b[a-z][a-z0-9+.-]{1,15}:\/\/(?<pub>[a-f0-9]{32}):(?<secret>[a-f0-9]{32})@[A-Za-z0-9.-]+(?::\d+)?\/(?:[^\s"'/?#]+\/)*\d+/g;

/** Only the legacy `public:secret@` DSN is a credential; the modern public-key DSN is public by design. */
const dsnSecret: ContentRule = {
  kind: 'content',
  id: 'sentry-dsn-secret',
  provider: 'sentry',
  title: 'Sentry DSN carrying a secret key',
  why: 'The `:secret` part of a legacy DSN authenticates event submission and API calls as the project key; unlike the public key it must not be published.',
  severity: 'error',
  remediation: {
    rotate: 'Sentry → [Project] → Settings → SDK Setup → Client Keys (DSN): create a new key and disable the old one',
    store:
      'the environment (SENTRY_DSN) or nowhere: code needs only the public DSN form (`https://<public key>@…`), since sending events takes no secret',
    read: 'SENTRY_DSN from the environment, or the public DSN in code',
  },
  helpUri: 'https://docs.sentry.io/concepts/key-terms/dsn-explainer/',
  keywords: ['://'],
  hitCanMatch: (bytes, _start, end) => userinfoMayFollow(bytes, end),
  get examples() {
    return {
      match: [
        `SENTRY_DSN=https://${fake(32, HEX, 'sentry-dsn-pub')}:${fake(32, HEX, 'sentry-dsn')}@o4504.ingest.sentry.io/4505`,
      ],
      // The modern DSN carries only the public key: public by design.
      noMatch: [`SENTRY_DSN=https://${fake(32, HEX, 'sentry-dsn-pub-2')}@o4504.ingest.sentry.io/4505`],
    };
  },
  match(text) {
    const out: RuleMatch[] = [];
    for (const m of allMatches(DSN, text)) {
      const start = m.index! + m[0].indexOf(`:${m.groups!.secret}@`) + 1;
      out.push({ start, end: start + 32, secret: m.groups!.secret! });
    }
    return out;
  },
};

const TOKEN_LINE = /^[ \t]*(?:token|auth\.token|api_key)[ \t]*[=:][ \t]*["']?([^\s"'#;]+)/im;

function holdsToken(content: () => string | undefined): boolean {
  const text = content();
  if (text === undefined) return false;
  const m = TOKEN_LINE.exec(text);
  if (!m) return false;
  const value = m[1]!;
  return !isPlaceholder(value, /^sntry[su]_/.test(value) ? 7 : 0);
}

const buildPluginEnv: PathRule = {
  kind: 'path',
  id: 'sentry-build-plugin-env',
  provider: 'sentry',
  title: 'Sentry wizard’s .env.sentry-build-plugin',
  why: '@sentry/wizard writes SENTRY_AUTH_TOKEN into this file under a "DO NOT commit" header; committed, the token is public.',
  severity: 'error',
  remediation: {
    ...remediation,
    note: 'The Sentry wizard writes this file for local builds: keep it on your machine, ignored.',
  },
  ignorePattern: '.env.sentry-build-plugin',
  get examples() {
    return {
      match: ['.env.sentry-build-plugin', 'apps/web/.env.sentry-build-plugin'],
      noMatch: ['sentry-build-plugin.config.js', 'docs/env.sentry-build-plugin.md'],
    };
  },
  test: (path) => /(^|\/)\.env\.sentry-build-plugin$/.test(path),
};

const cliConfig: PathRule = {
  kind: 'path',
  id: 'sentry-cli-config',
  provider: 'sentry',
  title: 'sentry-cli configuration holding an auth token',
  why: '`sentry-cli login` writes the token into .sentryclirc; sentry.properties may hold auth.token. Either, committed, publishes it.',
  severity: 'error',
  remediation: {
    ...remediation,
    note: 'Drop the token line (org, project and url can stay) or the whole file, and ignore .sentryclirc.',
  },
  ignorePattern: '.sentryclirc',
  get examples() {
    return {
      match: [
        `.sentryclirc\n[auth]\ntoken=${fakeUserToken()}\n`,
        `ios/sentry.properties\ndefaults.org=acme\nauth.token=${fakeUserToken()}\n`,
      ],
      noMatch: [
        '.sentryclirc\n[defaults]\norg=acme\nproject=web\n',
        '.sentryclirc\n[auth]\ntoken=${SENTRY_AUTH_TOKEN}\n',
      ],
    };
  },
  test: (path, content) => (CLI_CONFIG.test(path) || /(^|\/)sentry\.properties$/.test(path)) && holdsToken(content),
};

export const rules: Rule[] = [orgToken, userToken, legacyToken, dsnSecret, buildPluginEnv, cliConfig];
