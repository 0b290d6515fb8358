import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter } from '../src/rulekit/keyed-rule.js';
import { BASE62, BASE64URL, HEX, fakeToken } from '../src/rulekit/fake-token.js';

const helpUri = 'https://supabase.com/docs/guides/api/api-keys';
const projectRemediation = {
  rotate:
    'Supabase dashboard → Project Settings → API Keys: create a new secret key and delete the leaked one (legacy service_role JWT: rotate the project’s JWT secret, or move to the new API keys and disable the legacy ones)',
  store:
    'the server’s or Edge Function’s secrets (`supabase secrets set`), the CI secret store; never a browser bundle or a NEXT_PUBLIC_/VITE_ variable',
  read: 'process.env.SUPABASE_SECRET_KEY / os.environ["SUPABASE_SECRET_KEY"] on the server only (Edge Functions get SUPABASE_SERVICE_ROLE_KEY by themselves)',
};

// Documented: new project keys are `sb_secret_…` (secret) and
// `sb_publishable_…` (public by design, not reported). Observed: personal
// access tokens `sbp_` + 40 hex. Legacy project keys are JWTs whose payload
// starts `{"iss":"supabase","ref":` (base64 `eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6`);
// only the `service_role` one is secret, the `anon` one is public.
const secretKey = 'sb_secret_' + fakeToken(BASE64URL, 31, 2501);
const pat = 'sbp_' + fakeToken(HEX, 40, 2502);
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const ref = fakeToken('abcdefghijklmnopqrstuvwxyz', 20, 2503);
const jwt = (role: string) =>
  `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ iss: 'supabase', ref, role, iat: 1767225600, exp: 2082758400 })}.${fakeToken(BASE64URL, 43, 2504)}`;

const PAYLOAD_ANCHOR = 'eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6';

function roleOf(payload: string): string | undefined {
  try {
    const role = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { role?: unknown }).role;
    return typeof role === 'string' ? role : undefined;
  } catch {
    return undefined;
  }
}

export const rules: Rule[] = [
  regexRule({
    id: 'supabase-secret-key',
    provider: 'supabase',
    title: 'Supabase secret API key',
    why: 'A Supabase secret key bypasses Row Level Security: it reads, changes and deletes every row of the project’s database and every file in its storage.',
    severity: 'error',
    remediation: projectRemediation,
    helpUri,
    keywords: ['sb_secret_'],
    pattern: new RegExp(`${LEFT}(?<secret>sb_secret_(?<body>[A-Za-z0-9_-]{20,80}))${RIGHT_WITH_DASH}`),
    visiblePrefix: 10,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`SUPABASE_SECRET_KEY=${secretKey}`],
      noMatch: [`SUPABASE_PUBLISHABLE_KEY=sb_publishable_${fakeToken(BASE64URL, 31, 2505)}`, `sb_secret_${'key'}`],
    },
  }),
  regexRule({
    id: 'supabase-service-role-jwt',
    provider: 'supabase',
    title: 'Supabase service_role key (legacy JWT)',
    why: 'The service_role key bypasses Row Level Security: it reads, changes and deletes every row of the project’s database and every file in its storage.',
    severity: 'error',
    remediation: projectRemediation,
    helpUri,
    keywords: [PAYLOAD_ANCHOR.toLowerCase()],
    pattern: new RegExp(
      `${LEFT}(?<secret>eyJ[A-Za-z0-9_-]{10,200}\\.(?<payload>${PAYLOAD_ANCHOR}[A-Za-z0-9_-]{10,1000})\\.[A-Za-z0-9_-]{20,200})${RIGHT_WITH_DASH}`,
    ),
    visiblePrefix: 0,
    validate: (_s, m) => roleOf(m.groups!.payload!) === 'service_role',
    examples: {
      match: [`SUPABASE_SERVICE_ROLE_KEY=${jwt('service_role')}`],
      noMatch: [
        `NEXT_PUBLIC_SUPABASE_ANON_KEY=${jwt('anon')}`,
        `SUPABASE_SERVICE_ROLE_KEY=${jwt('service_role').split('.').slice(0, 2).join('.')}`,
      ],
    },
  }),
  regexRule({
    id: 'supabase-access-token',
    provider: 'supabase',
    title: 'Supabase personal access token',
    why: 'A Supabase personal access token drives the Management API as its user: it reads keys and changes settings of every project in the user’s organizations.',
    severity: 'error',
    remediation: {
      rotate: 'https://supabase.com/dashboard/account/tokens → revoke the token, generate a new one',
      store: 'the CI secret store (`gh secret set SUPABASE_ACCESS_TOKEN`)',
      read: 'the Supabase CLI reads SUPABASE_ACCESS_TOKEN from the environment by itself',
    },
    helpUri: 'https://supabase.com/docs/reference/cli/supabase-login',
    keywords: ['sbp_'],
    pattern: new RegExp(`${LEFT}(?<secret>sbp_(?<body>[a-f0-9]{40}))${RIGHT}`),
    visiblePrefix: 4,
    validate: (_s, m) => hasDigitAndLetter(m.groups!.body!),
    examples: {
      match: [`SUPABASE_ACCESS_TOKEN=${pat}`],
      noMatch: [`sbp_${fakeToken(BASE62, 40, 2506).toUpperCase()}`, `${pat}${pat.slice(4)}`],
    },
  }),
];
