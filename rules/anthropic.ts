import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';

const remediation = {
  rotate:
    'Anthropic Console → Settings → API keys (https://console.anthropic.com/settings/keys, moving to platform.claude.com): disable or delete the key, then create a new one',
  store: 'the CI or platform secret store (`gh secret set ANTHROPIC_API_KEY`), with workspace-scoped keys',
  read: 'the Anthropic SDK reads ANTHROPIC_API_KEY from the environment by itself',
};
const helpUri = 'https://docs.anthropic.com/en/api/getting-started';

function keyRule(id: string, kind: 'api' | 'admin', knownVersion: string, title: string, why: string) {
  return regexRule({
    id,
    provider: 'anthropic',
    title,
    why,
    severity: 'error',
    remediation,
    helpUri,
    keywords: [`sk-ant-${kind}`],
    pattern: new RegExp(`${LEFT}(?<secret>sk-ant-${kind}(?<version>\\d{2})-[A-Za-z0-9_-]{93}AA)${RIGHT_WITH_DASH}`),
    visiblePrefix: (s) => s.indexOf('-', 8) + 1,
    get examples() {
      return {
        match: [`ANTHROPIC_API_KEY=sk-ant-${kind}${knownVersion}-${fake(93, ALNUM, id)}AA`],
        noMatch: [
          `sk-ant-${kind}${knownVersion}-${fake(90, ALNUM, `${id}-short`)}AA`,
          `sk-ant-${kind}${knownVersion}-...`,
        ],
      };
    },
    // The version digits could move on; an unknown one is still probably a key.
    validate: (_s, m) =>
      m.groups!.version === knownVersion
        ? true
        : { severity: 'warning', message: `${title} (unknown key version ${m.groups!.version})` },
  });
}

export const rules: Rule[] = [
  keyRule(
    'anthropic-api-key',
    'api',
    '03',
    'Anthropic API key',
    'An Anthropic key spends its workspace’s credit on the Claude API.',
  ),
  keyRule(
    'anthropic-admin-key',
    'admin',
    '01',
    'Anthropic Admin API key',
    'An Admin key manages the organization: members, workspaces and other API keys.',
  ),
];
