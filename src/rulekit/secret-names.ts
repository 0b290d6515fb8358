// Whether a key name says its value is a secret, judged from the words the
// name is made of: `apiToken`, `DB_PASSWORD` and `hftoken` do; `tiktoken`,
// `tokenizer`, `csrf-token`, `publicToken`, `credentialsId`, `authSource`
// and `token-classification` merely contain a secret word.

/** A name's words, lower-cased: split at `_ - . /`, at camelCase humps and between letters and digits. */
export function nameWords(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split(/[^A-Za-z0-9]+/)) {
    for (const w of part.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) out.push(w.toLowerCase());
  }
  return out;
}

/** Words that are secret words by themselves. */
const SECRET_WORDS = new Set([
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'pwd',
  'pass',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'apikeys',
  'credential',
  'credentials',
  'creds',
  'auth',
]);
/** Secret words that also end longer words made of a qualifier and the secret word (`hftoken`, `dbpassword`). */
const SECRET_ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'masterkey',
  'signingkey',
  'encryptionkey',
  'credentials',
];
/** Words before `key` that make it a secret key (`api key`, `secret_key`, `PrivateKey`). */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'private',
  'encryption',
  'signing',
  'master',
  'secret',
  'auth',
  'client',
]);
/**
 * Words before a final `key` that make it something other than a credential:
 * database and cache keys, keys of maps and messages, public keys and key ids.
 * Any other word before it names whose key it is (`COHERE_KEY`,
 * `AZURE_OPENAI_KEY`, `AccountKey`, `STORAGE_KEY`, `LICENSE_KEY`).
 */
const NOT_CREDENTIAL_KEY_QUALIFIERS = new Set([
  'primary',
  'foreign',
  'sort',
  'partition',
  'hash',
  'range',
  'cache',
  'lookup',
  'dict',
  'map',
  'row',
  'column',
  'col',
  'object',
  'obj',
  'idempotency',
  'dedup',
  'dedupe',
  'routing',
  'shard',
  'group',
  'unique',
  'composite',
  'join',
  'index',
  'react',
  'i18n',
  'translation',
  'message',
  'msg',
  'config',
  'setting',
  'settings',
  'registry',
  'context',
  'state',
  'cluster',
  'node',
  'entry',
  'item',
  'field',
  'attr',
  'attribute',
  'property',
  'prop',
  'json',
  'yaml',
  'label',
  'metric',
  'metrics',
  'order',
  'event',
  'feature',
  'model',
  'layer',
  'dataset',
  'data',
  'record',
  'result',
  'text',
  'memory',
  'target',
  'host',
  'gpg',
  'pgp',
  'known',
  'pub',
  'the',
  'a',
  'this',
  'that',
  'bucket',
  's3',
  'file',
  'path',
  'local',
  'global',
  'sub',
  'parent',
  'child',
  'root',
  'hot',
  'short',
  'self',
  'cls',
  'import',
  'module',
  'param',
  'params',
  'parameter',
  'query',
  'arg',
  'args',
  'argument',
  'option',
  'options',
  'opt',
  'flag',
  'header',
  'headers',
  'style',
  'scheme',
  // OAuth 1's consumer key identifies the client; its secret is the consumer secret.
  'consumer',
]);

/** What may follow a secret word inside one word and keep it secret (`tokenvalue`, `secretkey`, `passwordb64`). */
const SECRET_CONTINUATIONS = new Set([
  's',
  'key',
  'value',
  'str',
  'string',
  'b',
  'enc',
  'encrypted',
  'raw',
  'hash',
  'secret',
  'token',
]);

/**
 * Qualifiers that make the secret word something public or something else
 * (`csrf-token`, `publicToken`, `nextPageToken`, `eos_token`, `max_tokens`),
 * or make it a piece of text (`subtoken`, `multitoken`).
 */
const NOT_SECRET_QUALIFIERS = [
  'public',
  // Rails' CSRF token: a form field the server checks, not a credential.
  'authenticity',
  'publishable',
  'csrf',
  'xsrf',
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'pagination',
  'cursor',
  'sync',
  'resume',
  'bos',
  'eos',
  'pad',
  'unk',
  'sep',
  'cls',
  'mask',
  'special',
  'start',
  'end',
  'max',
  'min',
  'num',
  'total',
  'prompt',
  'completion',
  'input',
  'output',
  'image',
  'audio',
  'video',
  'vision',
  'sub',
  'multi',
  'pre',
  'non',
  'cancellation',
  'cancel',
];

/**
 * Words that, ending a name or following its secret word, say the value is
 * about a secret rather than the secret (TOKEN_URL, secretName,
 * credentialsId, authSource, token-classification).
 */
const NOT_A_VALUE_WORDS = new Set([
  'url',
  'uri',
  'urls',
  'endpoint',
  'path',
  'file',
  'files',
  'dir',
  'name',
  'names',
  'id',
  'ids',
  'type',
  'types',
  'length',
  'len',
  'size',
  'count',
  'env',
  'var',
  'header',
  'prefix',
  'suffix',
  'format',
  'expiry',
  'expires',
  'expiration',
  'ttl',
  'timeout',
  'enabled',
  'required',
  'mode',
  'min',
  'max',
  'policy',
  'field',
  'hint',
  'label',
  'description',
  'help',
  'regex',
  'pattern',
  'classification',
  'source',
  'mechanism',
  'method',
  'provider',
  'scheme',
  'strategy',
  'domain',
  'host',
  'port',
  'user',
  'username',
  'usage',
  'limit',
  'limits',
  'budget',
  'index',
  'idx',
  'position',
  'positions',
  'embedding',
  'embeddings',
  'location',
  'lifetime',
  'duration',
  'seconds',
  'secs',
  'ms',
  'minutes',
  'hours',
  'days',
  'version',
  'schema',
  'arn',
  'arns',
  'template',
  'kind',
  'level',
  'class',
  'parser',
  'validator',
  'generator',
  'handler',
  'manager',
  'store',
  'ref',
  // `pass` is also a verb and a round: pass_through, pass_rate, pass_at_k.
  'through',
  'thru',
  'rate',
  'at',
  'fail',
]);

/** The part of a compound before its secret word: a qualifier above, or `tik` (`tiktoken`, `notiktoken`), the tokenizer library. */
function isNotSecretPrefix(prefix: string): boolean {
  return NOT_SECRET_QUALIFIERS.includes(prefix) || prefix.endsWith('tik');
}

/** Whether one word of a name is a secret word, given the words around it. */
function isSecretWord(word: string, before: string | undefined, rest: string[]): boolean {
  if (SECRET_WORDS.has(word)) return true;
  if (word === 'key' || word === 'keys') {
    if (before === undefined) return false;
    if (KEY_QUALIFIERS.has(before)) return true;
    // `X_KEY` at the end of the name (digits may follow: `OPENAI_KEY_2`): the key of X, unless X says it is another kind of key.
    return (
      rest.every((w) => /^\d+$/.test(w)) &&
      !/^\d+$/.test(before) &&
      !NOT_CREDENTIAL_KEY_QUALIFIERS.has(before) &&
      !NOT_SECRET_QUALIFIERS.includes(before)
    );
  }
  for (const ending of SECRET_ENDINGS) {
    if (word.endsWith(ending) && word.length > ending.length) return !isNotSecretPrefix(word.slice(0, -ending.length));
    if (word.startsWith(ending) && word.length > ending.length)
      return SECRET_CONTINUATIONS.has(word.slice(ending.length));
  }
  return false;
}

/**
 * A key spelled like a file of code, a built library or a document
 * (`src/to_tokens.rs`, `libwinapi_…-security-credentials-l1-1-0.a`): a
 * manifest of files (`.cargo-checksum.json`, coverage, sizes) whose value
 * describes that file. Data files (`.txt`, `.json`, `.key`, `.pem`, `.env`)
 * are not here: a Kubernetes Secret's keys are such file names and hold the
 * secret itself.
 */
const CODE_FILE_NAME =
  /\.(?:rs|a|so|o|lib|dll|dylib|py|pyi|pyc|go|c|cc|cpp|h|hpp|js|mjs|cjs|ts|tsx|jsx|java|class|kt|rb|php|cs|swift|scala|md|rst|html|css)$/i;

/**
 * Whether the name says its value is a secret. A secret word must be a word
 * of the name (or end a compound such as `hftoken`), not be qualified as
 * public or as another kind of token, and not be followed by a word that
 * makes the name describe something about the secret.
 */
export function namesASecret(name: string): boolean {
  if (CODE_FILE_NAME.test(name)) return false;
  const words = nameWords(name);
  let last = -1;
  for (let i = 0; i < words.length; i++) if (isSecretWord(words[i]!, words[i - 1], words.slice(i + 1))) last = i;
  if (last === -1) return false;
  const word = words[last]!;
  const before = words[last - 1];
  // Only unqualified occurrences count: `DefaultServiceGetCsrfToken`, `publicToken`, `max_tokens`.
  if (before !== undefined && NOT_SECRET_QUALIFIERS.includes(before) && !SECRET_WORDS.has(before)) return false;
  const after = words[last + 1];
  if (after !== undefined && NOT_A_VALUE_WORDS.has(after)) return false;
  if (words.length > 1 && NOT_A_VALUE_WORDS.has(words[words.length - 1]!)) return false;
  // `auth` alone names a secret (`"auth": "…"` in a Docker config); followed by another word it names a setting (authSource, auth_mode).
  if (word === 'auth' && after !== undefined && !/^\d+$/.test(after)) return false;
  return true;
}
