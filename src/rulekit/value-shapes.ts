// What an assigned value is, judged by its shape alone: a version pin, a lock
// hash, a model id, a number, a name, a flag … or a made-up test value. The
// catch-all rules ask this before calling a random-looking value a secret.
// Every function here runs on one matched value (at most a few hundred
// characters), never on a whole file.

/** Letters that count as vowels when telling a syllable from random letters. */
const VOWEL = /[aeiouy]/i;

/** The longest run of consonant letters in `word` (letters only). */
function longestConsonantRun(word: string): number {
  let best = 0;
  let run = 0;
  for (const ch of word) {
    run = /[a-z]/i.test(ch) && !VOWEL.test(ch) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * One piece of a structured name (`bert`, `Llama`, `7b`, `v3`, `ec2`, `NER`):
 * digits, a version, a short acronym, or letters a person could pronounce.
 * Random letters fail: they run several consonants together or have no vowel.
 */
export function isWordlikePiece(piece: string): boolean {
  if (piece === '') return false;
  if (/^\d{1,12}$/.test(piece)) return true;
  if (/^v?\d{1,4}(?:\.\d{1,4}){0,3}[a-z]?$/i.test(piece)) return true; // v3, 2.1, 0.15.0
  if (/^\d{1,4}[a-z]{1,2}$/i.test(piece)) return true; // 7b, 13B, 8k
  if (/^[a-z]{1,3}\d{0,3}$/i.test(piece)) return true; // en, ec2, t5, x
  if (/^[A-Z]{2,5}\d{0,2}$/.test(piece)) return true; // NER, API, SHA
  const letters = /^([A-Za-z]{4,24})\d{0,3}$/.exec(piece)?.[1];
  if (letters === undefined) return isCamelName(piece);
  if (
    letters !== letters.toLowerCase() &&
    letters !== letters[0]!.toUpperCase() + letters.slice(1).toLowerCase() &&
    letters !== letters.toUpperCase()
  ) {
    return isCamelName(letters);
  }
  return VOWEL.test(letters) && longestConsonantRun(letters) <= 4;
}

/**
 * camelCase or PascalCase words run together (`DefaultServiceGetCsrfToken`,
 * `credentialsId`): every part a pronounceable word or a short acronym, and
 * parts of a few letters on average. Random mixed-case letters change case
 * every character or two and run consonants together.
 */
export function isCamelName(value: string): boolean {
  if (value.length > 80) return false;
  // Digits only at the end (`Llama2Tokenizer` is rare, random letters with digits inside are common).
  const letters = /^([A-Za-z]+)\d{0,3}$/.exec(value)?.[1];
  if (letters === undefined) return false;
  const words = letters.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g);
  if (!words || words.length < 2 || words.join('') !== letters || letters.length / words.length < 3.5) return false;
  // Acronyms and vowel-less words (Csrf, HTTP) are fine now and then, not as most of the name.
  let odd = 0;
  for (const [i, w] of words.entries()) {
    if (w.length > 16 || longestConsonantRun(w) > 4) return false;
    const acronym = w === w.toUpperCase();
    if (acronym && w.length > 4) return false;
    // Only the first word may be one or two letters (`isToken`, `aSecretName`), and the last one with a vowel
    // (`…InfoEx`, `…ById`); other short parts are random humps.
    if (!acronym && w.length < 3 && i > 0 && !(i === words.length - 1 && VOWEL.test(w))) return false;
    if (acronym || !VOWEL.test(w)) odd++;
  }
  return odd * 3 <= words.length;
}

/** A number, a decimal or a timing (`1086.3478901207168`, `-0.5`, `1e-5`, `250ms`). */
export function isNumberOrTiming(value: string): boolean {
  return /^[-+]?(?:\d{1,40}(?:\.\d{0,40})?|\.\d{1,40})(?:e[-+]?\d{1,4})?(?:ns|us|ms|s|m|h|d|min|sec)?$/i.test(value);
}

/** Dates and times (`2024-05-01`, `2024-05-01T12:30:00Z`, `12:30:00`). */
export function isDateOrTime(value: string): boolean {
  return /^(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?)$/.test(
    value,
  );
}

/**
 * An optional package name, a PEP 440 / semver operator and a version, then
 * up to four more `,op version` clauses (written out as one literal so the
 * ReDoS check sees it).
 */
const VERSION_SPEC =
  /^(?:[A-Za-z0-9_.[\]-]{0,100}\s{0,3})?(?:===|==|~=|!=|>=|<=|>|<|\^|~|=|@)\s{0,3}v?\d{1,6}(?:\.[0-9A-Za-z*+-]{1,20}){0,6}(?:,\s{0,3}(?:===|==|~=|!=|>=|<=|>|<|\^|~|=|@)\s{0,3}v?\d{1,6}(?:\.[0-9A-Za-z*+-]{1,20}){0,6}){0,4}$/;
const BARE_VERSION =
  /^v?\d{1,6}(?:\.\d{1,6}){1,3}(?:[-+.]?(?:a|b|c|rc|alpha|beta|dev|post|pre|final)\.?\d{0,4}){0,2}(?:\+[0-9A-Za-z.]{1,40})?$/i;

/**
 * A dependency pin or version spec: `openai==1.0.1`, `pkg>=1.2`,
 * `=4.36.2.post1` (the rest of `transformers[torch]==4.36.2.post1`),
 * `>=0.5,<0.8`, `^1.2.3`, `v1.0.1`, `2.1.0rc1`.
 */
export function isVersionSpec(value: string): boolean {
  return VERSION_SPEC.test(value) || BARE_VERSION.test(value);
}

/**
 * An integrity or lock-file hash: `sha256:9c0a…`, `sha512-Zm9v…` (npm),
 * `h1:…=` (go.sum), `md5:…`. A published digest of public content. Only
 * the SHA names take a `-` or `=` (integrity strings): a random base64url
 * token may well start `h1-` or `md5-`.
 */
export function isLockHash(value: string): boolean {
  return /^(?:(?:sha1|sha224|sha256|sha384|sha512|sha3-256)[:=-]|(?:md5|blake2b|blake3|xxh64|xxh3|h1):)[A-Za-z0-9+/_-]{8,200}={0,2}$/i.test(
    value,
  );
}

/**
 * A Hugging Face–style model or dataset id, `org/name` (`dbmdz/bert-large-cased`,
 * `stanfordnlp/stanza-en`, `meta-llama/Llama-2-7b-hf`, `org/name@main`):
 * both sides made of word-like pieces. A base64 secret holding a `/` has
 * random pieces.
 */
export function isModelId(value: string): boolean {
  const m = /^([A-Za-z0-9][\w.-]{0,95})\/([A-Za-z0-9][\w.-]{0,95})(?:@[\w.-]{1,64})?$/.exec(value);
  // Organisations are often abbreviations (`dbmdz`, `stanfordnlp`): lower case will do there.
  return m !== null && (/^[a-z0-9][a-z0-9-]{0,39}$/.test(m[1]!) || isWordyName(m[1]!)) && isWordyName(m[2]!);
}

/**
 * A name of word-like pieces joined by `-`, `_` or `.`, optionally tagged
 * (`X-aws-ec2-metadata-token`, `wandb-track:`, `wandb-track:latest`,
 * `tokenizer_config.json`, `Llama-2-7b-hf`).
 */
export function isWordyName(value: string): boolean {
  const core = value.replace(/:$/, '');
  const colon = core.indexOf(':');
  if (colon !== -1) return colon > 0 && isWordyName(core.slice(0, colon)) && isWordyName(core.slice(colon + 1));
  // Runs of separators join pieces too: `self._api.access_token` is a reference, `__` a Python name.
  const pieces = core.split(/[-_.]+/);
  if (pieces.length > 24) return false;
  return pieces.every(isWordlikePiece);
}

/** `urn:ietf:params:oauth:token-type:jwt` and other URNs. */
export function isUrn(value: string): boolean {
  return /^urn:[a-z0-9][a-z0-9-]{0,31}:\S/i.test(value);
}

/** An AWS ARN (`arn:aws:iam::123456789012:role/deploy`): names a resource, grants nothing. */
export function isArn(value: string): boolean {
  return /^arn:aws[a-z-]{0,12}:[a-z0-9-]{1,40}:[a-z0-9-]{0,30}:\d{0,12}:\S/i.test(value);
}

/** A command-line flag (`--notebook-dir`, `--notebook-dir=/srv/nb`): the next argument, not a value. */
export function isCliFlag(value: string): boolean {
  const m = /^--([A-Za-z][\w.-]{0,60})(?:=.*)?$/.exec(value);
  return m !== null && isWordyName(m[1]!);
}

/** What a signed content digest's payload may hold: the digest and a format version, nothing naming a holder. */
const DIGEST_CLAIMS = new Set(['hash', 'digest', 'checksum', 'sha', 'sha1', 'sha256', 'sha512', 'md5', 'version', 'v']);
const HASH_CLAIMS = new Set(['hash', 'digest', 'checksum', 'sha', 'sha1', 'sha256', 'sha512', 'md5']);

/** A base64url segment decoded to a JSON object, or undefined. */
function jsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JWT that signs a digest of public content and nothing else: its payload
 * holds only a hash and a version (`{"hash": "…", "version": 1}`, as the
 * Hub's `verifyToken` of evaluation results in model cards). No subject,
 * issuer, audience, expiry or scope: it proves where a result came from and
 * authorises nobody. Decided from the decoded header and payload (the
 * signature may be cut short by the match).
 */
export function isSignedDigest(value: string): boolean {
  if (value.length > 4096) return false;
  const m = /^(eyJ[A-Za-z0-9_-]{4,200})\.(eyJ[A-Za-z0-9_-]{4,1000})\.[A-Za-z0-9_-]{0,1000}$/.exec(value);
  if (!m) return false;
  const header = jsonSegment(m[1]!);
  const payload = jsonSegment(m[2]!);
  if (!header || typeof header.alg !== 'string' || !payload) return false;
  const keys = Object.keys(payload);
  return (
    keys.length > 0 &&
    keys.every((k) => DIGEST_CLAIMS.has(k)) &&
    keys.some(
      (k) =>
        HASH_CLAIMS.has(k) && typeof payload[k] === 'string' && /^[A-Za-z0-9+/=_-]{16,200}$/.test(payload[k] as string),
    )
  );
}

/**
 * What a value is when its shape says it is not a secret, or undefined.
 * The answer names the class, for messages and tests.
 */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Code, not a value: a Rust or C++ path (`$serde_json::private::Number`), or
 * member references chained by assignment, ternary or logic operators, as
 * minified JavaScript writes them (`Qi.createToken=Qi.EOF=Qi.token`,
 * `s?Td.matcherA:Td.matcherB`). Every piece must be an identifier, and a
 * chain must hold a member reference (`a.b`), which a generated secret
 * never does between its operators.
 */
export function isCodeReference(value: string): boolean {
  const path = value.split('::');
  if (path.length >= 2 && path.every((p, i) => IDENTIFIER.test(i === 0 ? p.replace(/^\$/, '') : p))) return true;
  if (!value.includes('.')) return false;
  const pieces = value.split(/[=?:,|&!]+/).filter(Boolean);
  return pieces.length >= 2 && pieces.every((p) => p.split('.').every((part) => IDENTIFIER.test(part)));
}

export function nonSecretShape(value: string): string | undefined {
  if (isNumberOrTiming(value)) return 'number';
  if (isDateOrTime(value)) return 'date';
  if (isVersionSpec(value)) return 'version';
  if (isLockHash(value)) return 'lock-hash';
  if (isUrn(value)) return 'urn';
  if (isArn(value)) return 'arn';
  if (isCliFlag(value)) return 'cli-flag';
  if (isSignedDigest(value)) return 'signed-digest';
  if (isModelId(value)) return 'model-id';
  if (isCamelName(value)) return 'identifier';
  if (isCodeReference(value)) return 'code';
  if (/[-_.:]/.test(value) && isWordyName(value)) return 'identifier';
  return undefined;
}

/**
 * Words a person uses to make up a test credential or a stand-in password.
 * A value built only from these, short fillers and small numbers
 * (`write_token_1`, `password123`, `hf_oauth_123`) was typed, not generated.
 */
const SECRET_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'secret',
  'token',
  'key',
  'apikey',
  'auth',
  'oauth',
  'cred',
  'creds',
  'credential',
  'credentials',
];
const FILLER_WORDS = [
  'my',
  'your',
  'our',
  'the',
  'some',
  'new',
  'old',
  'super',
  'secure',
  'strong',
  'default',
  'test',
  'testing',
  'dev',
  'prod',
  'local',
  'staging',
  'admin',
  'root',
  'user',
  'write',
  'read',
  'access',
  'api',
  'bearer',
  'refresh',
  'session',
  'client',
  'service',
  'bot',
  'app',
  'db',
  'database',
  'foo',
  'bar',
  'baz',
  'qux',
  'hello',
  'world',
  'letmein',
  'welcome',
  'qwerty',
  'hunter',
  'abc',
  'xyz',
  'very',
  'top',
  'value',
  'valid',
  'invalid',
  'wrong',
  'bad',
  'good',
  'other',
  'another',
  'second',
  'first',
  'one',
  'two',
  'three',
  'upload',
  'download',
  'hub',
  'org',
  'private',
  'public',
];
const SYNTHETIC_VOCABULARY = new Set([...SECRET_PARTS, ...FILLER_WORDS]);

/** Whether lower-case `letters` splits into vocabulary words, and whether one of them is a secret word. */
function segments(letters: string): { ok: boolean; secret: boolean } {
  if (letters.length > 40) return { ok: false, secret: false };
  // can[i]: letters[0, i) splits into words; secret[i]: some such split holds a secret word.
  const can: boolean[] = [true];
  const secret: boolean[] = [false];
  for (let i = 1; i <= letters.length; i++) {
    can[i] = false;
    secret[i] = false;
    for (let j = Math.max(0, i - 11); j < i; j++) {
      if (!can[j]) continue;
      const w = letters.slice(j, i);
      if (!SYNTHETIC_VOCABULARY.has(w)) continue;
      can[i] = true;
      if (secret[j] || SECRET_PARTS.includes(w)) secret[i] = true;
    }
  }
  return { ok: can[letters.length]!, secret: secret[letters.length]! };
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** `s3cret` → `secret`, `P@ssw0rd` → `Password`: digits and `@`/`$` between two letters read as letters. */
function unLeet(value: string): string {
  return value.replace(/(?<=[A-Za-z])[013457@$](?=[A-Za-z])/g, (c) => LEET[c]!);
}

function isSyntheticSpelling(value: string): boolean {
  const parts = value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (parts.length === 0) return false;
  let holdsSecret = false;
  let unknown = 0;
  for (const part of parts) {
    for (const run of part.match(/[a-z]+|\d+/g) ?? []) {
      if (/^\d/.test(run)) {
        if (run.length > 6) return false; // a long number is an id or a random body
        continue;
      }
      const s = segments(run);
      // A run of up to three letters of its own is a filler (`hf`, `xet`, `v`); inside a longer run it would excuse anything.
      if (!s.ok && (run.length > 3 || ++unknown > 2)) return false;
      if (s.secret) holdsSecret = true;
    }
  }
  return holdsSecret;
}

/**
 * A made-up test value: a secret word with fillers and small numbers
 * (`write_token_1`, `xet_token123`, `v2token-9000`, `hf_oauth_123`,
 * `password123`, `s3cret`, `P@ssw0rd!`). Worth a warning, not an error.
 */
export function isSyntheticSecret(value: string): boolean {
  if (value.length > 64) return false;
  return isSyntheticSpelling(value) || isSyntheticSpelling(unLeet(value));
}

/**
 * A password written as a stand-in for the real one: the secret word with at
 * most a possessive or a qualifier (`mypassword`, `yourpassword`,
 * `db_password`, `supersecret`, `REPLACE_WITH_PASSWORD`, `<password>`).
 */
export function isStandInPassword(value: string): boolean {
  const squashed = value.toLowerCase().replace(/[^a-z]/g, '');
  if (
    /^(?:replacewith|replace|enter|insert|put|set|change|fill)(?:my|your|the|a|real|actual)?[a-z]{0,12}(?:password|passwd|pwd|secret|token|key|pass)(?:here)?$/.test(
      squashed,
    )
  )
    return true;
  return (
    /^(?:my|your|the|some|db|user|admin|root|app|super|secret|strong|secure|new|default|dummy)?(?:password|passwd|pwd|secret|pass|token)(?:here|goeshere)?$/.test(
      squashed,
    ) && !/\d/.test(value)
  );
}
