import type { PathRule, Rule } from '../src/types.js';
import { LEFT, RIGHT, looksLikeIdentifier, regexRule } from '../src/rulekit/rulekit.js';
import { LETTERS, fake } from '../src/rulekit/fakes.js';

const remediation = {
  rotate:
    'https://huggingface.co/settings/tokens → Manage → Refresh or Delete (there is no CLI revoke; `hf auth logout` only removes the local copy)',
  store:
    'Hugging Face Space secrets (Settings → Variables and secrets), a Colab secret named HF_TOKEN, or a CI secret (`gh secret set HF_TOKEN`)',
  read: 'os.environ["HF_TOKEN"] (huggingface_hub reads HF_TOKEN by itself); in GitHub Actions `${{ secrets.HF_TOKEN }}`',
};
const helpUri = 'https://huggingface.co/docs/hub/security-tokens';

const userToken = regexRule({
  id: 'huggingface-user-token',
  provider: 'huggingface',
  title: 'Hugging Face user access token',
  why: 'A Hugging Face token can read, and with write or fine-grained scopes push to, every model, dataset and Space its owner can reach.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['hf_'],
  pattern: new RegExp(`${LEFT}(?<secret>hf_(?<body>[A-Za-z0-9]{34}))${RIGHT}`),
  visiblePrefix: 3,
  get examples() {
    return {
      match: [`HF_TOKEN=hf_${fake(34, LETTERS, 'hf-user')}`, `login(token="hf_${fake(34, LETTERS, 'hf-user-2')}")`],
      noMatch: [
        `hf_${fake(33, LETTERS, 'hf-user-short')}`,
        'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        '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',
      ],
    };
  },
  validate(_secret, m) {
    const body = m.groups!.body!;
    if (looksLikeIdentifier(body)) return false;
    // Every real token seen is letters only; digits make it a weaker match.
    if (/[0-9]/.test(body))
      return {
        severity: 'warning',
        message: 'Possible Hugging Face user access token (digits are unusual in real tokens)',
      };
    return true;
  },
});

const orgToken = regexRule({
  id: 'huggingface-org-token',
  provider: 'huggingface',
  title: 'Hugging Face organization API token (api_org_, deprecated but possibly still valid)',
  why: 'An organization API token acts for a whole Hugging Face organization.',
  severity: 'error',
  remediation: {
    ...remediation,
    rotate:
      'Organization settings → API tokens on https://huggingface.co (org tokens are deprecated: replace with a fine-grained user token)',
  },
  helpUri,
  keywords: ['api_org_'],
  pattern: new RegExp(`${LEFT}(?<secret>api_org_(?<body>[A-Za-z]{34}))${RIGHT}`),
  visiblePrefix: 8,
  get examples() {
    return {
      match: [`HUGGINGFACEHUB_API_TOKEN = "api_org_${fake(34, LETTERS, 'hf-org')}"`],
      noMatch: [`api_org_${fake(30, LETTERS, 'hf-org-short')}`, 'api_org_id = "acme-research"'],
    };
  },
  validate: (_s, m) => !looksLikeIdentifier(m.groups!.body!),
});

const tokenFile: PathRule = {
  kind: 'path',
  id: 'huggingface-token-file',
  provider: 'huggingface',
  title: 'Hugging Face CLI token file',
  why: '`hf auth login` writes the raw token to this file; a committed copy publishes the token.',
  severity: 'error',
  remediation: {
    ...remediation,
    note: 'Log in on each machine instead (`hf auth login`): the token file belongs in ~/.cache/huggingface, never in a repository.',
  },
  ignorePattern: '.hf_secrets',
  get examples() {
    return {
      match: ['.huggingface/token', 'cache/huggingface/stored_tokens', 'space/.hf_secrets'],
      noMatch: ['docs/huggingface/token.md', 'huggingface/tokenizer.json', '.hf_secrets.example'],
    };
  },
  test: (path) => /(^|\/)\.?huggingface\/(token|stored_tokens)$/.test(path) || /(^|\/)\.hf_secrets$/.test(path),
};

export const rules: Rule[] = [userToken, orgToken, tokenFile];
