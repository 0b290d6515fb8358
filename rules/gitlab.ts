import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';

const remediation = {
  rotate:
    'https://gitlab.com/-/user_settings/personal_access_tokens → revoke (or `POST /api/v4/personal_access_tokens/self/rotate`); project and group tokens in their settings',
  store: 'GitLab CI/CD variables, masked, hidden and protected; better an OIDC ID token or CI_JOB_TOKEN',
  read: '`$GITLAB_TOKEN` (a CI/CD variable) in jobs',
};
const helpUri = 'https://docs.gitlab.com/security/tokens/';

// Self-managed instances may put their own prefix in front (`acme-glpat-…`): LEFT allows a dash before.
const pat = regexRule({
  id: 'gitlab-personal-access-token',
  provider: 'gitlab',
  title: 'GitLab personal access token',
  why: 'A GitLab token acts as its user: with the api scope it reads and writes every project they can reach.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['glpat-'],
  pattern: new RegExp(
    `${LEFT}(?<secret>glpat-(?:[A-Za-z0-9_-]{20}|[A-Za-z0-9_-]{27,300}\\.[A-Za-z0-9]{2,12}))${RIGHT_WITH_DASH}`,
  ),
  visiblePrefix: 6,
  get examples() {
    return {
      match: [
        `GITLAB_TOKEN=glpat-${fake(20, ALNUM, 'gitlab-pat')}`,
        `token: glpat-${fake(36, ALNUM, 'gitlab-pat-2')}.${fake(9, ALNUM, 'gitlab-pat-3')}`,
      ],
      noMatch: [`glpat-${fake(19, ALNUM, 'gitlab-pat-short')}`, 'GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx'],
    };
  },
});

const PREFIXES = ['gldt', 'glrt', 'glptt', 'glft', 'glimt', 'glagent', 'gloas', 'glsoat', 'glcbt', 'glffct'];

const other = regexRule({
  id: 'gitlab-token',
  provider: 'gitlab',
  title: 'GitLab token (deploy, runner, trigger, feed, OAuth or other)',
  why: 'GitLab deploy, runner, trigger and application tokens read code, run jobs or act for an application.',
  severity: 'error',
  remediation: {
    ...remediation,
    rotate:
      'revoke and recreate it where it was issued: the project or group’s Settings → Access tokens or Repository → Deploy tokens, CI/CD → Runners or Pipeline trigger tokens, or Admin → Applications',
  },
  helpUri,
  keywords: [...PREFIXES.map((p) => `${p}-`), 'GR1348941'],
  pattern: new RegExp(
    `${LEFT}(?<secret>(?:${PREFIXES.join('|')})-[A-Za-z0-9_-]{20,300}|GR1348941[A-Za-z0-9_-]{20})${RIGHT_WITH_DASH}`,
  ),
  visiblePrefix: (s) => (s.startsWith('GR1348941') ? 9 : s.indexOf('-') + 1),
  get examples() {
    return {
      match: [
        `RUNNER_TOKEN=glrt-${fake(24, ALNUM, 'gitlab-runner')}`,
        `registration-token: GR1348941${fake(20, ALNUM, 'gitlab-registration')}`,
      ],
      noMatch: [`glrt-${fake(12, ALNUM, 'gitlab-runner-short')}`, 'gldt-deploy-token-name'],
    };
  },
});

export const rules: Rule[] = [pat, other];
