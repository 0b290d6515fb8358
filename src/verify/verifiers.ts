// One live check per provider: the provider's own read-only identity (or
// list) endpoint, fixed here in code, and how to read its answer. Nothing in
// a scanned repository chooses a host: a configurable endpoint would hand the
// repository's owner every secret leaklint finds in it.
import { signV4 } from './sigv4.js';

export type Outcome = { status: 'live' | 'invalid' | 'unknown'; reason?: string };

/** What a check needs of a finding. */
export interface Credential {
  ruleId: string;
  secret: string;
  /** The public half of a pair (an AWS key id). */
  pairId?: string;
}

export interface CheckRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  body: string;
}

export interface Verifier {
  /** Lower-case name; `LEAKLINT_VERIFY_<NAME>_URL` (upper-case) points it at a loopback test server. */
  name: string;
  /** The rules whose findings this checks. */
  rules: string[];
  /** The official `https://host` this credential is checked at, or why it is not checked. */
  origin(c: Credential): string | Outcome;
  request(c: Credential, origin: string, now: Date): CheckRequest | Outcome;
  judge(answer: Answer): Outcome;
}

const LIVE: Outcome = { status: 'live' };
const INVALID: Outcome = { status: 'invalid' };
const MALFORMED: Outcome = { status: 'unknown', reason: 'malformed answer' };
const unsupported = (why: string): Outcome => ({ status: 'unknown', reason: `unsupported: ${why}` });
const unexpected = (a: Answer): Outcome => ({ status: 'unknown', reason: `unexpected answer (HTTP ${a.status})` });

function json(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * The usual shape: `live` statuses mean live when the body looks like the
 * endpoint's answer (`ok`), `invalid` statuses mean rejected, anything else
 * is unknown.
 */
function byStatus(live: number[], invalid: number[], ok: (body: unknown) => boolean) {
  return (a: Answer): Outcome => {
    if (invalid.includes(a.status)) return INVALID;
    if (a.status === 200) return ok(json(a.body)) ? LIVE : MALFORMED;
    if (live.includes(a.status)) return LIVE;
    return unexpected(a);
  };
}

function simple(
  name: string,
  rules: string[],
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  headers: (secret: string) => Record<string, string>,
  judge: (a: Answer) => Outcome,
): Verifier {
  return {
    name,
    rules,
    origin: () => origin,
    request: (c, base) => ({ method, url: new URL(path, base), headers: headers(c.secret) }),
    judge,
  };
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const hasList = (key: string) => (b: unknown) => isObject(b) && Array.isArray(b[key]);
const hasString = (key: string) => (b: unknown) => isObject(b) && typeof b[key] === 'string';

/** Sentry org tokens name their own host; only Sentry's own (sentry.io and its regions) is contacted. */
function sentryOrigin(c: Credential): string | Outcome {
  if (!c.secret.startsWith('sntrys_')) return 'https://sentry.io';
  const payload = c.secret.slice('sntrys_'.length, c.secret.lastIndexOf('_'));
  const claims = json(Buffer.from(payload, 'base64').toString('utf8'));
  const named = isObject(claims) ? claims.region_url || claims.url : undefined;
  if (typeof named !== 'string' || named === '') return 'https://sentry.io';
  let url: URL;
  try {
    url = new URL(named);
  } catch {
    return unsupported('the token names a host that is not a URL');
  }
  const own =
    url.protocol === 'https:' &&
    url.port === '' &&
    (url.hostname === 'sentry.io' || url.hostname.endsWith('.sentry.io'));
  return own
    ? url.origin
    : unsupported(`the token names a self-hosted Sentry (${url.hostname}), which is not contacted`);
}

const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

const aws: Verifier = {
  name: 'aws',
  rules: ['aws-access-key'],
  origin: (c) => {
    if (!c.pairId) return unsupported('an AWS key id and its secret are needed together');
    if (!c.pairId.startsWith('AKIA'))
      return unsupported('temporary (ASIA) and other non-AKIA keys need their session token');
    return 'https://sts.amazonaws.com';
  },
  request: (c, base, now) => {
    const url = new URL('/', base);
    const headers = signV4({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: STS_BODY,
      region: 'us-east-1',
      service: 'sts',
      accessKeyId: c.pairId!,
      secretAccessKey: c.secret,
      now,
    });
    return { method: 'POST', url, headers, body: STS_BODY };
  },
  judge: (a) => {
    if (a.status === 200) return /<GetCallerIdentityResult>[\s\S]*<Arn>/.test(a.body) ? LIVE : MALFORMED;
    if (a.status === 403 && /InvalidClientTokenId|SignatureDoesNotMatch/.test(a.body)) return INVALID;
    return unexpected(a);
  },
};

const slackError = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired']);

export const verifiers: Verifier[] = [
  simple(
    'huggingface',
    ['huggingface-user-token', 'huggingface-org-token'],
    'https://huggingface.co',
    'GET',
    '/api/whoami-v2',
    bearer,
    byStatus([], [401], hasString('name')),
  ),
  simple(
    'openai',
    ['openai-api-key'],
    'https://api.openai.com',
    'GET',
    '/v1/models',
    bearer,
    byStatus([], [401], hasList('data')),
  ),
  // Admin keys are left unverified: whether /v1/models accepts them is not documented.
  simple(
    'anthropic',
    ['anthropic-api-key'],
    'https://api.anthropic.com',
    'GET',
    '/v1/models',
    (s) => ({ 'x-api-key': s, 'anthropic-version': '2023-06-01' }),
    byStatus([], [401], hasList('data')),
  ),
  simple(
    'groq',
    ['groq-api-key'],
    'https://api.groq.com',
    'GET',
    '/openai/v1/models',
    bearer,
    byStatus([], [401], hasList('data')),
  ),
  {
    name: 'wandb',
    rules: ['wandb-api-key', 'wandb-legacy-api-key', 'wandb-netrc-entry'],
    origin: () => 'https://api.wandb.ai',
    request: (c, base) => ({
      method: 'POST',
      url: new URL('/graphql', base),
      headers: {
        authorization: `Basic ${Buffer.from(`api:${c.secret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query: 'query { viewer { username } }' }),
    }),
    judge: byStatus(
      [],
      [401],
      (b) => isObject(b) && isObject(b.data) && isObject(b.data.viewer) && typeof b.data.viewer.username === 'string',
    ),
  },
  {
    name: 'sentry',
    rules: ['sentry-org-token', 'sentry-user-token', 'sentry-legacy-token'],
    origin: sentryOrigin,
    request: (c, base) => ({ method: 'GET', url: new URL('/api/0/organizations/', base), headers: bearer(c.secret) }),
    // 403: authenticated, but without org:read.
    judge: byStatus([403], [401], Array.isArray),
  },
  simple(
    'prefect',
    ['prefect-user-key', 'prefect-service-account-key'],
    'https://api.prefect.cloud',
    'GET',
    '/api/me/workspaces',
    bearer,
    byStatus([], [401, 403], Array.isArray),
  ),
  {
    name: 'github',
    rules: ['github-token', 'github-fine-grained-pat'],
    origin: () => 'https://api.github.com',
    request: (c, base) => ({
      method: 'GET',
      url: new URL('/user', base),
      headers: {
        ...bearer(c.secret),
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'leaklint',
      },
    }),
    // Installation tokens (ghs_) are refused on /user with 403: unknown, not invalid.
    judge: byStatus([], [401], hasString('login')),
  },
  simple(
    'gitlab',
    ['gitlab-personal-access-token'],
    'https://gitlab.com',
    'GET',
    '/api/v4/personal_access_tokens/self',
    (s) => ({ 'private-token': s }),
    (a) => {
      if (a.status === 401) return INVALID;
      if (a.status !== 200) return unexpected(a);
      const b = json(a.body);
      if (!isObject(b) || typeof b.active !== 'boolean') return MALFORMED;
      return b.active ? LIVE : INVALID;
    },
  ),
  {
    name: 'slack',
    rules: ['slack-token'],
    origin: (c) =>
      /^(?:xoxe\.)?xox[bp]-/.test(c.secret)
        ? 'https://slack.com'
        : unsupported('only bot and user tokens (xoxb-, xoxp-) have a read-only check'),
    request: (c, base) => ({ method: 'POST', url: new URL('/api/auth.test', base), headers: bearer(c.secret) }),
    // Slack answers 200 for bad tokens too: the JSON says.
    judge: (a) => {
      if (a.status !== 200) return unexpected(a);
      const b = json(a.body);
      if (!isObject(b) || typeof b.ok !== 'boolean') return MALFORMED;
      if (b.ok) return LIVE;
      return typeof b.error === 'string' && slackError.has(b.error)
        ? INVALID
        : { status: 'unknown', reason: 'unexpected answer (auth.test error)' };
    },
  },
  // 403: a restricted key without balance read; still live.
  simple(
    'stripe',
    ['stripe-secret-key'],
    'https://api.stripe.com',
    'GET',
    '/v1/balance',
    bearer,
    byStatus([403], [401], isObject),
  ),
  simple(
    'npm',
    ['npm-access-token', 'npm-legacy-auth-token'],
    'https://registry.npmjs.org',
    'GET',
    '/-/whoami',
    bearer,
    byStatus([], [401], hasString('username')),
  ),
  simple(
    'replicate',
    ['replicate-api-token'],
    'https://api.replicate.com',
    'GET',
    '/v1/account',
    bearer,
    byStatus([], [401], hasString('username')),
  ),
  simple(
    'vercel',
    ['vercel-token', 'vercel-classic-token'],
    'https://api.vercel.com',
    'GET',
    '/v2/user',
    bearer,
    byStatus([], [401, 403], (b) => isObject(b) && isObject(b.user)),
  ),
  simple(
    'google',
    ['google-api-key'],
    'https://generativelanguage.googleapis.com',
    'GET',
    '/v1beta/models',
    (s) => ({ 'x-goog-api-key': s }),
    (a) => {
      if (a.status === 400 && a.body.includes('API_KEY_INVALID')) return INVALID;
      // 403: a real key restricted to other APIs or callers, or without Gemini enabled.
      if (a.status === 403) return LIVE;
      return byStatus([], [], hasList('models'))(a);
    },
  ),
  aws,
];

const byRule = new Map(verifiers.flatMap((v) => v.rules.map((r) => [r, v] as const)));

export function verifierFor(ruleId: string): Verifier | undefined {
  return byRule.get(ruleId);
}
