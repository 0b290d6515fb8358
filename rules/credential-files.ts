import type { PathRule, Rule, RuleExamples } from '../src/types.js';
import { isPlaceholder } from '../src/rulekit/placeholder.js';
import { namesASecret } from '../src/rulekit/secret-names.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate: 'rotate every credential the file held: it stays readable in history even after the file is deleted',
  store:
    'the platform’s secret store (CI secrets, HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager); locally, keep the file but ignore it',
  read: 'from the environment (os.environ["NAME"], process.env.NAME); commit a template such as .env.example with placeholder values instead',
};

/** `ignore`: the .gitignore line remediation names, then any others the default policy also requires. */
function fileRule(
  id: string,
  title: string,
  why: string,
  ignore: string | string[],
  test: (path: string) => boolean,
  examples: RuleExamples,
): PathRule {
  const [ignorePattern, ...alsoIgnore] = typeof ignore === 'string' ? [ignore] : ignore;
  return {
    kind: 'path',
    id,
    provider: 'credential-files',
    title,
    why,
    severity: 'error',
    remediation,
    ignorePattern,
    ...(alsoIgnore.length ? { alsoIgnore } : {}),
    examples,
    test: (path) => test(path),
  };
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Committed templates hold placeholders by convention; the Sentry wizard's file has its own rule. */
const ENV_TEMPLATES = /^\.env\.(example|sample|template|dist|defaults?|schema|tpl|in)$|^\.env\.sentry-build-plugin$/i;

/** A TOML assignment with a quoted value (`key = "value"`, `password = 'value'`). */
const TOML_VALUE = /^\s{0,16}([A-Za-z0-9_.-]{1,80})\s{0,16}=\s{0,16}(?:"([^"\n]{1,512})"|'([^'\n]{1,512})')/gm;

/**
 * Streamlit reads app secrets from .streamlit/secrets.toml; Streamlit
 * Community Cloud takes them in its Secrets settings instead. A committed
 * copy is reported unless no secret-named key in it holds a real value (a
 * template of placeholders).
 */
const streamlitSecrets: PathRule = {
  kind: 'path',
  id: 'credential-files-streamlit-secrets',
  provider: 'credential-files',
  title: 'Streamlit secrets file (.streamlit/secrets.toml)',
  why: 'secrets.toml holds the real values a Streamlit app reads through st.secrets: API keys, database passwords and connection URLs.',
  severity: 'error',
  remediation: {
    ...remediation,
    store:
      'Streamlit Community Cloud: the app’s Settings → Secrets; elsewhere the platform’s secret store. Locally, keep .streamlit/secrets.toml but ignore it',
    read: 'st.secrets["NAME"] (Streamlit also exposes root-level secrets as environment variables)',
  },
  ignorePattern: '.streamlit/secrets.toml',
  test(path, content) {
    if (!/(^|\/)\.streamlit\/secrets\.toml$/.test(path)) return false;
    const text = content();
    if (text === undefined) return true;
    for (const m of allMatches(TOML_VALUE, text)) {
      // Settings such as `host` or `dialect` sit beside the secrets: only a secret name's value counts.
      const value = m[2] ?? m[3]!;
      if (namesASecret(m[1]!) && value.length >= 8 && !isPlaceholder(value)) return true;
    }
    return false;
  },
  get examples() {
    const file = `[connections.db]\ndialect = "postgresql"\npassword = "${fake(28, ALNUM, 'streamlit-secrets')}"\n`;
    return {
      match: [`.streamlit/secrets.toml\n${file}`, `app/.streamlit/secrets.toml\n${file}`],
      noMatch: [
        `.streamlit/config.toml\n${file}`,
        '.streamlit/secrets.toml\n[connections.db]\ndialect = "postgresql"\nhost = "localhost"\n',
      ],
    };
  },
};

export const rules: Rule[] = [
  fileRule(
    'credential-files-dotenv',
    'Environment file (.env)',
    '.env files hold the real values of API keys and passwords for local runs; they are meant to stay on one machine.',
    ['.env', '.env.*'],
    (path) => {
      const name = basename(path);
      // Any case: `.ENV` and `.Env` are the same file to Windows and macOS tools, and to a reader.
      return /^\.env(\..+)?$/i.test(name) && !ENV_TEMPLATES.test(name);
    },
    {
      match: ['.env', 'services/api/.env.local', '.env.production'],
      noMatch: ['.env.example', 'app/.env.sample', '.envrc', 'docs/env.md'],
    },
  ),
  fileRule(
    'credential-files-netrc',
    'netrc file',
    'A netrc file holds login passwords for hosts (W&B, Heroku, curl …) in plain text.',
    '.netrc',
    (path) => /^[._]netrc$/.test(basename(path)),
    {
      match: ['.netrc', 'ci/_netrc'],
      noMatch: ['netrc.md', '.netrc.example'],
    },
  ),
  fileRule(
    'credential-files-git-credentials',
    'git credential store (.git-credentials)',
    '`git credential-store` writes every remembered password and token here as https://user:token@host lines.',
    '.git-credentials',
    (path) => basename(path) === '.git-credentials',
    {
      match: ['.git-credentials', 'home/.git-credentials'],
      noMatch: ['git-credentials.md', '.git-credentials.example'],
    },
  ),
  fileRule(
    'credential-files-local-secrets',
    'Local secrets module or script',
    'Files named for secrets (_local_secrets.py, secrets_*.py, *_secrets.sh, *.secret) exist to hold real values outside the code.',
    ['*.secret', '_local_secrets.py'],
    (path) => {
      const name = basename(path);
      return (
        name === '_local_secrets.py' ||
        /^secrets_[^/]+\.py$/.test(name) ||
        /_secrets\.sh$/.test(name) ||
        /\.secret$/.test(name)
      );
    },
    {
      match: ['_local_secrets.py', 'config/secrets_prod.py', 'deploy/db_secrets.sh', 'jwt.secret'],
      noMatch: ['secrets.py', 'docs/secrets.md', 'secret_santa.py'],
    },
  ),
  streamlitSecrets,
  fileRule(
    'credential-files-shell-history',
    'Shell or REPL history file',
    'History files record commands as typed, including tokens passed on the command line and exported secrets.',
    '.*_history',
    (path) => /^\.(bash|zsh|sh|python|psql|mysql|node_repl|sqlite|irb|rediscli)_history$/.test(basename(path)),
    {
      match: ['.bash_history', 'notebooks/.python_history'],
      noMatch: ['history.md', '.bash_profile', 'src/.git_history'],
    },
  ),
];
