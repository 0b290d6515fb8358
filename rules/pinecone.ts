import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter, keyedRule } from '../src/rulekit/keyed-rule.js';
import { BASE62, fakeToken, fakeUuid } from '../src/rulekit/fake-token.js';

const remediation = {
  rotate:
    'Pinecone console → the project → API keys: delete the key, create a new one (with the narrowest role that works)',
  store: 'the CI or platform secret store (`gh secret set PINECONE_API_KEY`), an HF Space secret or a Colab secret',
  read: 'the Pinecone SDK reads PINECONE_API_KEY from the environment by itself (`Pinecone()` with no key)',
};
const helpUri = 'https://docs.pinecone.io/guides/projects/manage-api-keys';

// Pinecone documents no format. Current keys are `pcsk_`, a short key id,
// `_` and a long secret (observed); keys from before 2024 are UUIDs, found
// only by a Pinecone name.
const id = fakeToken(BASE62, 6, 2101);
const secret = fakeToken(BASE62, 62, 2102);
const legacy = fakeUuid(2103);

export const rules: Rule[] = [
  regexRule({
    id: 'pinecone-api-key',
    provider: 'pinecone',
    title: 'Pinecone API key',
    why: 'A Pinecone key reads, overwrites and deletes the vectors of every index in its project, and can create and delete indexes.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['pcsk_'],
    pattern: new RegExp(`${LEFT}(?<secret>pcsk_[A-Za-z0-9]{4,10}_(?<body>[A-Za-z0-9]{40,100}))${RIGHT}`),
    visiblePrefix: 5,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`PINECONE_API_KEY=pcsk_${id}_${secret}`, `pc = Pinecone(api_key="pcsk_${id}_${secret}")`],
      noMatch: [`pcsk_${id}_${secret.slice(0, 20)}`, `pcsk_${id}`],
    },
  }),
  keyedRule({
    id: 'pinecone-legacy-api-key',
    provider: 'pinecone',
    title: 'Pinecone API key (UUID, older format)',
    why: 'An older Pinecone key is a UUID; it still reads and writes every index of its project until deleted.',
    severity: 'error',
    remediation,
    helpUri,
    names: [
      'PINECONE_API_KEY',
      'PINECONE_KEY',
      String.raw`Pinecone\(\s{0,8}api_key`,
      String.raw`pinecone\.init\(\s{0,8}api_key`,
    ],
    keywords: ['pinecone_api_key', 'pinecone_key', 'pinecone(', 'pinecone.init('],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    examples: {
      match: [`PINECONE_API_KEY=${legacy}`, `pinecone.init(api_key="${legacy}", environment="us-west1-gcp")`],
      noMatch: [`PINECONE_INDEX_ID=${legacy}`, `PINECONE_API_KEY=${legacy.slice(0, 30)}`],
    },
  }),
];
