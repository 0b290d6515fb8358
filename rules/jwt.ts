import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { judgeJwt } from '../src/rulekit/jwt.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';

const BASE64URL = `${ALNUM}-_`;
const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An example token (see RuleBase.examples) with a made-up signature. */
const token = (header: object, claims: object, label: string) =>
  `${base64urlJson(header)}.${base64urlJson(claims)}.${fake(43, BASE64URL, label)}`;

const jwt = regexRule({
  id: 'jwt',
  provider: 'jwt',
  title: 'JSON Web Token',
  why: 'A signed JWT is a bearer credential: until it expires, whoever holds it is whoever it names to every service that trusts its issuer.',
  severity: 'error',
  remediation: {
    rotate:
      'revoke the session or refresh token it belongs to at its issuer; if it does not expire, rotate the issuer’s signing key (which invalidates every token it signed)',
    store:
      'nowhere in the repository: tokens are minted at run time; long-lived service tokens (a Supabase service_role key) belong in the CI or platform secret store',
    read: 'from the environment (`os.environ["API_TOKEN"]`, `process.env.API_TOKEN`), or mint one at run time from a client credential',
    note: 'Severity follows the decoded claims: expired tokens are warnings; Supabase anon keys (public by design), unsigned tokens (alg none) and documentation samples are not reported.',
  },
  helpUri: 'https://datatracker.ietf.org/doc/html/rfc7519',
  keywords: ['eyJ'],
  // A provider rule that knows the token (a Supabase service_role key) names it better: its finding is kept.
  fallback: true,
  // Header and payload are JSON objects, so both start `eyJ`; the parts are bounded so a long base64 run cannot make a match attempt long.
  // A JWE or a longer dotted run continues with `.` and more base64: not a JWT. A full stop ending a sentence is fine.
  pattern: new RegExp(
    `${LEFT}(?<secret>eyJ[A-Za-z0-9_-]{2,4096}\\.eyJ[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{0,2048})${RIGHT_WITH_DASH}(?!\\.[A-Za-z0-9_-])`,
  ),
  validate(secret) {
    const verdict = judgeJwt(secret);
    return verdict.report ? { severity: verdict.severity, message: verdict.message } : false;
  },
  get examples() {
    return {
      match: [
        `API_TOKEN=${token({ alg: 'HS256', typ: 'JWT' }, { iss: 'https://auth.acme.io/', sub: 'svc-ingest', iat: 1764000000 }, 'jwt-1')}`,
        `Authorization: Bearer ${token({ alg: 'RS256', kid: 'k1' }, { sub: 'u-1', aud: 'api', exp: 4102444800 }, 'jwt-2')}`,
        `expired: ${token({ alg: 'HS256' }, { sub: 'svc', exp: 1600000000 }, 'jwt-4')}`,
      ],
      noMatch: [
        `SUPABASE_ANON_KEY=${token({ alg: 'HS256', typ: 'JWT' }, { iss: 'supabase', role: 'anon', iat: 1764000000 }, 'jwt-3')}`,
        `${base64urlJson({ alg: 'none', typ: 'JWT' })}.${base64urlJson({ sub: 'u-1', iat: 1764000000 })}.`,
        token({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'jwt-5'),
        token({ alg: 'RS256' }, { iss: 'https://auth.example.com/', sub: 'alice' }, 'jwt-6'),
        `${base64urlJson({ color: 'red' })}.${base64urlJson({ size: 3 })}.${fake(43, BASE64URL, 'jwt-not-a-token')}`,
      ],
    };
  },
});

export const rules: Rule[] = [jwt];
