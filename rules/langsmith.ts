import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter } from '../src/rulekit/keyed-rule.js';
import { HEX, fakeToken } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'LangSmith → Settings → API Keys: delete the key (trash icon in the Actions column), then create a new one with an expiry',
  store:
    'the CI or platform secret store (`gh secret set LANGSMITH_API_KEY`); service keys for applications, personal access tokens only for personal scripts',
  read: 'the LangSmith SDK reads LANGSMITH_API_KEY (or the older LANGCHAIN_API_KEY) from the environment by itself',
};
const helpUri = 'https://docs.langchain.com/langsmith/create-account-api-key';

// LangSmith does not publish the layout: keys seen are `lsv2_pt_` (personal
// access token) or `lsv2_sk_` (service key), 32 hex, `_`, 10 hex; older
// keys were `ls__` + 32 hex (observed).
const a = fakeToken(HEX, 32, 201);
const b = fakeToken(HEX, 10, 202);

export const rules: Rule[] = [
  regexRule({
    id: 'langsmith-api-key',
    provider: 'langsmith',
    title: 'LangSmith API key',
    why: 'A LangSmith key reads every trace it can reach, prompts and outputs included, and writes runs, datasets and prompts in its workspaces.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['lsv2_', 'ls__'],
    pattern: new RegExp(
      `${LEFT}(?<secret>lsv2_(?<kind>pt|sk)_(?<body>[a-f0-9]{32})_[a-f0-9]{10}|ls__(?<legacy>[a-f0-9]{32}))${RIGHT}`,
    ),
    visiblePrefix: (s) => (s.startsWith('lsv2_') ? 8 : 4),
    validate(_s, m) {
      const g = m.groups!;
      if (!hasDigitAndLetter(g.body ?? g.legacy!)) return false;
      if (g.legacy) return { message: 'LangSmith API key (ls__, older format)' };
      return { message: g.kind === 'pt' ? 'LangSmith personal access token' : 'LangSmith service key' };
    },
    examples: {
      match: [`LANGSMITH_API_KEY=lsv2_pt_${a}_${b}`, `"apiKey": "lsv2_sk_${a}_${b}"`, `LANGCHAIN_API_KEY="ls__${a}"`],
      noMatch: [`LANGSMITH_API_KEY=lsv2_pt_${a}`, `lsv2_pt_${a}_${b}extra`],
    },
  }),
];
