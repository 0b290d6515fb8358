import type { PathRule, Rule } from '../src/types.js';
import { LEFT, RIGHT, hasValidCrc32Checksum, regexRule } from '../src/rulekit/rulekit.js';
import { isPlaceholder } from '../src/rulekit/placeholder.js';
import { ALNUM, fake, fakeUuid, fakeWithCrc32 } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate: 'https://www.npmjs.com/settings/<user>/tokens, or `npm token list` then `npm token revoke <id>`',
  store:
    'npm Trusted Publishing (OIDC from GitHub Actions or GitLab CI, no token at all); otherwise a CI secret NPM_TOKEN',
  read: '`//registry.npmjs.org/:_authToken=${NPM_TOKEN}` in .npmrc, with NPM_TOKEN (or NODE_AUTH_TOKEN for actions/setup-node) from the environment',
};
const helpUri = 'https://docs.npmjs.com/about-access-tokens';

const token = regexRule({
  id: 'npm-access-token',
  provider: 'npm',
  title: 'npm access token',
  why: 'An npm token can publish new versions of every package its owner maintains: a supply-chain risk for all their users.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['npm_'],
  pattern: new RegExp(`${LEFT}(?<secret>npm_(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
  visiblePrefix: 4,
  get examples() {
    return {
      match: [
        `NPM_TOKEN=npm_${fakeWithCrc32('npm')}`,
        `//registry.npmjs.org/:_authToken=npm_${fakeWithCrc32('npm-2')}`,
      ],
      noMatch: [`NPM_TOKEN=npm_${fake(36, ALNUM, 'npm-bad-crc')}`],
    };
  },
  // Same CRC-32 checksum scheme as GitHub's tokens.
  validate: (_s, m) => hasValidCrc32Checksum(m.groups!.body!),
});

const legacy = regexRule({
  id: 'npm-legacy-auth-token',
  provider: 'npm',
  title: 'npm auth token (UUID, legacy format) in an _authToken setting',
  why: 'Legacy npm tokens were retired in 2025, but one in history may still be live on a private registry.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['_authToken'],
  get examples() {
    return {
      match: [`//registry.npmjs.org/:_authToken=${fakeUuid('npm-legacy')}`],
      noMatch: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', `build_id=${fakeUuid('npm-legacy-2')}`],
    };
  },
  pattern:
    /_authToken\s*=\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/i,
});

const AUTH_LINE = /^[ \t]*(?:\S*:)?(?:_authToken|_auth|_password)[ \t]*=[ \t]*["']?([^\s"']+)/gm;

const npmrc: PathRule = {
  kind: 'path',
  id: 'npm-npmrc-with-token',
  provider: 'npm',
  title: '.npmrc holding a literal auth token',
  why: 'A project .npmrc is committed with the code; a literal _authToken in it publishes the token.',
  severity: 'error',
  remediation: { ...remediation, note: 'Replace the value with `${NPM_TOKEN}` and rotate the token.' },
  get examples() {
    return {
      match: [
        `.npmrc\n//registry.npmjs.org/:_authToken=npm_${fakeWithCrc32('npmrc')}\n`,
        `packages/app/.npmrc\n@acme:registry=https://npm.acme.dev/\n//npm.acme.dev/:_password=${fake(16, ALNUM, 'npmrc-2')}\n`,
      ],
      noMatch: ['.npmrc\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', '.npmrc\nsave-exact=true\n'],
    };
  },
  test(path, content) {
    if (!/(^|\/)\.npmrc$/.test(path)) return false;
    const text = content();
    if (text === undefined) return false;
    for (const m of allMatches(AUTH_LINE, text)) if (!isPlaceholder(m[1]!)) return true;
    return false;
  },
};

export const rules: Rule[] = [token, legacy, npmrc];
