import type { PathRule, Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { isPlaceholder } from '../src/rulekit/placeholder.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const fakeToken = (label: string) => `pypi-AgEIcHlwaS5vcmc${fake(64, ALNUM, label)}`;

const remediation = {
  rotate: 'https://pypi.org/manage/account/token/ → remove the token (project-scoped tokens: the project’s settings)',
  store:
    'PyPI Trusted Publishing (pypa/gh-action-pypi-publish with `id-token: write`, no token stored); otherwise a project-scoped token as a CI secret',
  read: 'TWINE_USERNAME=__token__ and TWINE_PASSWORD (or UV_PUBLISH_TOKEN) from the environment',
};
const helpUri = 'https://pypi.org/help/#apitoken';

// The macaroon's location field base64-encodes to these fixed prefixes.
const token = regexRule({
  id: 'pypi-token',
  provider: 'pypi',
  title: 'PyPI API token',
  why: 'A PyPI token uploads releases of the projects it covers: a supply-chain risk for every user of them.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBp'],
  pattern: new RegExp(
    `${LEFT}(?<secret>pypi-(?<loc>AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9y)[A-Za-z0-9_-]{50,})${RIGHT_WITH_DASH}`,
  ),
  visiblePrefix: 5,
  get examples() {
    return {
      match: [
        `TWINE_PASSWORD=${fakeToken('pypi')}`,
        `UV_PUBLISH_TOKEN=pypi-AgENdGVzdC5weXBpLm9y${fake(64, ALNUM, 'testpypi')}`,
      ],
      noMatch: [`pypi-AgEIcHlwaS5vcmc${fake(20, ALNUM, 'pypi-short')}`, 'TWINE_PASSWORD=pypi-...'],
    };
  },
  validate: (_s, m) =>
    m.groups!.loc!.startsWith('AgEN') ? { severity: 'warning', message: 'TestPyPI API token' } : true,
});

const PASSWORD = /^[ \t]*password[ \t]*[=:][ \t]*(\S+)/gim;

const pypirc: PathRule = {
  kind: 'path',
  id: 'pypi-pypirc-with-password',
  provider: 'pypi',
  title: '.pypirc holding a password or token',
  why: 'twine reads upload credentials from .pypirc in plain text; committed, they are public.',
  severity: 'error',
  remediation: { ...remediation, note: 'Keep .pypirc in your home directory, or drop its password line.' },
  ignorePattern: '.pypirc',
  get examples() {
    return {
      match: [`.pypirc\n[pypi]\nusername = __token__\npassword = ${fakeToken('pypirc')}\n`],
      noMatch: ['.pypirc\n[pypi]\nusername = __token__\n', '.pypirc\n[pypi]\npassword = <your token>\n'],
    };
  },
  test(path, content) {
    if (!/(^|\/)\.pypirc$/.test(path)) return false;
    const text = content();
    if (text === undefined) return false;
    for (const m of allMatches(PASSWORD, text))
      if (!isPlaceholder(m[1]!, m[1]!.startsWith('pypi-') ? 5 : 0)) return true;
    return false;
  },
};

export const rules: Rule[] = [token, pypirc];
