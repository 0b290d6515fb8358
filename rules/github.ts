import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, RIGHT_WITH_DASH, hasValidCrc32Checksum, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, fake, fakeWithCrc32 } from '../src/rulekit/fakes.js';
import { decodeJwt } from '../src/rulekit/jwt.js';

/** base64url of JSON, for the example installation token's JWT parts. */
const jsonPart = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const remediation = {
  rotate:
    'https://github.com/settings/tokens (fine-grained: https://github.com/settings/personal-access-tokens) → delete the token; OAuth apps: Settings → Applications → Revoke',
  store:
    'GitHub Actions secrets (`gh secret set NAME`), or better no PAT at all: the job’s GITHUB_TOKEN with a `permissions:` block, or a GitHub App token',
  read: '`${{ secrets.NAME }}` in workflows; GH_TOKEN / GITHUB_TOKEN from the environment in scripts',
};
const helpUri =
  'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation';

const KINDS: Record<string, string> = {
  ghp: 'GitHub personal access token (classic)',
  gho: 'GitHub OAuth access token',
  ghu: 'GitHub App user-to-server token',
  ghs: 'GitHub App installation token',
  ghr: 'GitHub refresh token',
};

const classic = regexRule({
  id: 'github-token',
  provider: 'github',
  title: 'GitHub token',
  why: 'A GitHub token acts as its user or app: depending on scopes it reads private code, pushes commits and changes settings.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  // Classic: prefix + 36 base62 ending in a checksum. Installation tokens also come as `ghs_<app id>_<JWT>`.
  pattern: new RegExp(
    `${LEFT}(?<secret>(?<kind>gh[pousr])_(?<body>[A-Za-z0-9]{36})${RIGHT}|ghs_(?<app>\\d{1,12})_(?<jwt>eyJ[A-Za-z0-9_-]{2,4096}\\.eyJ[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{16,2048})${RIGHT_WITH_DASH})`,
  ),
  visiblePrefix: 4,
  get examples() {
    return {
      match: [
        `GH_TOKEN=ghp_${fakeWithCrc32('github-ghp')}`,
        `git clone https://x-access-token:ghs_${fakeWithCrc32('github-ghs')}@github.com/acme/app.git`,
        `GITHUB_TOKEN=ghs_804213_${jsonPart({ alg: 'RS256', typ: 'JWT' })}.${jsonPart({ iss: 804213, iat: 1767225600, exp: 1767229200 })}.${fake(342, `${ALNUM}-_`, 'github-ghs-jwt')}`,
      ],
      // Thirty-six characters that fail the checksum are not a token; nor is a `ghs_<id>_` run whose JWT parts do not decode.
      noMatch: [
        `GH_TOKEN=ghp_${fake(36, ALNUM, 'github-bad-crc')}`,
        `ghs_804213_eyJ${fake(40, ALNUM, 'github-ghs-1')}.eyJ${fake(40, ALNUM, 'github-ghs-2')}.${fake(40, ALNUM, 'github-ghs-3')}`,
      ],
    };
  },
  // The last six characters are a CRC-32 of the rest: made-up strings fail it.
  validate(_s, m) {
    if (m.groups!.jwt !== undefined) {
      // The JWT-bearing form has no checksum: its header and claims must decode, as every real one does.
      return decodeJwt(m.groups!.jwt)
        ? { severity: 'warning', message: `${KINDS.ghs} (app ${m.groups!.app}, short-lived)` }
        : false;
    }
    if (!hasValidCrc32Checksum(m.groups!.body!)) return false;
    const kind = m.groups!.kind!;
    // Installation tokens expire within an hour: worth removing, rarely still live.
    if (kind === 'ghs') return { severity: 'warning', message: `${KINDS[kind]} (short-lived)` };
    return { message: KINDS[kind]! };
  },
});

const fineGrained = regexRule({
  id: 'github-fine-grained-pat',
  provider: 'github',
  title: 'GitHub fine-grained personal access token',
  why: 'A fine-grained token acts as its user on the repositories and permissions it was granted.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['github_pat_'],
  pattern: new RegExp(`${LEFT}(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${RIGHT}`),
  visiblePrefix: 11,
  get examples() {
    return {
      match: [`GITHUB_TOKEN=github_pat_${fake(22, ALNUM, 'github-pat-1')}_${fake(59, ALNUM, 'github-pat-2')}`],
      noMatch: [
        `github_pat_${fake(22, ALNUM, 'github-pat-3')}_${fake(40, ALNUM, 'github-pat-4')}`,
        'github_pat_ is the prefix of fine-grained tokens',
      ],
    };
  },
});

export const rules: Rule[] = [classic, fineGrained];
