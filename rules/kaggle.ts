import type { PathRule, Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { isPlaceholder } from '../src/rulekit/placeholder.js';
import { HEX, fakeToken } from '../src/rulekit/fake-token.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate:
    'https://www.kaggle.com/settings → API: Expire the leaked token (or “Expire API Token” for the legacy key), then create a new one',
  store: 'a Kaggle Notebook or Colab secret, or the CI secret store (`gh secret set KAGGLE_API_TOKEN`)',
  read: 'the kaggle package reads KAGGLE_API_TOKEN (or KAGGLE_USERNAME with KAGGLE_KEY) from the environment by itself; kaggle.json belongs in ~/.kaggle only',
};
const helpUri = 'https://www.kaggle.com/docs/api';

// Kaggle documents no format. Legacy keys (kaggle.json's `key`, KAGGLE_KEY)
// are 32 hex; the newer API tokens are `KGAT_` + 32 hex (observed).
const hex = fakeToken(HEX, 32, 2401);

const KEY_IN_FILE = /"key"\s{0,16}:\s{0,16}"([^"\n]{1,256})"/g;

const kaggleJson: PathRule = {
  kind: 'path',
  id: 'kaggle-json-file',
  provider: 'kaggle',
  title: 'Kaggle API credentials file (kaggle.json)',
  why: 'kaggle.json is the file Kaggle’s “Create New Token” downloads: it holds the account’s username and API key in plain text.',
  severity: 'error',
  remediation: {
    ...remediation,
    note: 'Keep kaggle.json in ~/.kaggle (mode 600) on each machine, never in a repository.',
  },
  ignorePattern: 'kaggle.json',
  test(path, content) {
    if (!/(^|\/)kaggle\.json$/.test(path)) return false;
    const text = content();
    // Unread (too large, or a path-only source): the name alone says what it is.
    if (text === undefined) return true;
    for (const m of allMatches(KEY_IN_FILE, text))
      if (!isPlaceholder(m[1]!, m[1]!.startsWith('KGAT_') ? 5 : 0)) return true;
    return false;
  },
  // A path rule that looks inside: the example's first line is the path, the rest the file.
  get examples() {
    const file = `{"username":"ada","key":"${fakeToken(HEX, 32, 2402)}"}`;
    return {
      match: [`kaggle.json\n${file}`, `notebooks/.kaggle/kaggle.json\n${file}`],
      noMatch: [`kaggle.json.example\n${file}`, 'docs/kaggle.md', 'kaggle.json\n{"username":"ada","key":"<your-key>"}'],
    };
  },
};

export const rules: Rule[] = [
  regexRule({
    id: 'kaggle-api-token',
    provider: 'kaggle',
    title: 'Kaggle API token',
    why: 'A Kaggle API token acts as its account: it downloads competition data under the account’s accepted rules, and publishes or overwrites its datasets, models and notebooks.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['kgat_'],
    pattern: new RegExp(`${LEFT}(?<secret>KGAT_(?<body>[a-f0-9]{32}))${RIGHT}`),
    visiblePrefix: 5,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`KAGGLE_API_TOKEN=KGAT_${hex}`, `os.environ["KAGGLE_API_TOKEN"] = "KGAT_${hex}"`],
      noMatch: [`KGAT_${hex.slice(0, 20)}`, `KGAT_${hex}${hex}`],
    },
  }),
  keyedRule({
    id: 'kaggle-api-key',
    provider: 'kaggle',
    title: 'Kaggle API key (legacy kaggle.json key)',
    why: 'A legacy Kaggle key, with its username, acts as the account: it downloads competition data and publishes or overwrites its datasets, models and notebooks.',
    severity: 'error',
    remediation,
    helpUri,
    names: ['KAGGLE_KEY', 'KAGGLE_API_KEY', String.raw`"username"\s{0,4}:\s{0,4}"[^"\n]{1,64}"\s{0,4},\s{0,4}"key`],
    keywords: ['kaggle_key', 'kaggle_api_key', '"username"'],
    value: '[a-f0-9]{32}',
    check: hasDigitAndLetter,
    examples: {
      match: [`KAGGLE_KEY=${hex}`, `{"username":"data-sci-17","key":"${hex}"}`],
      noMatch: [`KAGGLE_USERNAME=${hex}`, `{"username":"data-sci-17","key":"${hex.slice(0, 16)}"}`],
    },
  }),
  kaggleJson,
];
