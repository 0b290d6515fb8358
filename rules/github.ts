import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, hasValidCrc32Checksum, regexRule } from '../src/rulekit.js';
import { ALNUM, fake, fakeWithCrc32 } from '../src/fakes.js';

const remediation = {
  rotate: 'https://github.com/settings/tokens (fine-grained: https://github.com/settings/personal-access-tokens) → delete the token; OAuth apps: Settings → Applications → Revoke',
  store: 'GitHub Actions secrets (`gh secret set NAME`), or better no PAT at all: the job’s GITHUB_TOKEN with a `permissions:` block, or a GitHub App token',
  read: '`${{ secrets.NAME }}` in workflows; GH_TOKEN / GITHUB_TOKEN from the environment in scripts',
};
const helpUri = 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation';

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
  pattern: new RegExp(`${LEFT}(?<secret>(?<kind>gh[pousr])_(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
  visiblePrefix: 4,
  get examples() {
    return {
      match: [`GH_TOKEN=ghp_${fakeWithCrc32('github-ghp')}`, `git clone https://x-access-token:ghs_${fakeWithCrc32('github-ghs')}@github.com/acme/app.git`],
      // Thirty-six characters that fail the checksum are not a token.
      noMatch: [`GH_TOKEN=ghp_${fake(36, ALNUM, 'github-bad-crc')}`],
    };
  },
  // The last six characters are a CRC-32 of the rest: made-up strings fail it.
  validate(_s, m) {
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
      noMatch: [`github_pat_${fake(22, ALNUM, 'github-pat-3')}_${fake(40, ALNUM, 'github-pat-4')}`, 'github_pat_ is the prefix of fine-grained tokens'],
    };
  },
});

export const rules: Rule[] = [classic, fineGrained];
