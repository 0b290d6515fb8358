import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit.js';
import { judgeJwt } from '../src/jwt.js';
import { BASE64URL, base64urlJson, fakeValue } from '../src/example-values.js';

let seed = 60;
/** An example token (see RuleBase.examples), signed with a made-up signature at load time. */
const token = (header: object, claims: object) => `${base64urlJson(header)}.${base64urlJson(claims)}.${fakeValue(43, seed++, BASE64URL)}`;

const jwt = regexRule({
  id: 'jwt',
  provider: 'jwt',
  title: 'JSON Web Token',
  why: 'A signed JWT is a bearer credential: until it expires, whoever holds it is whoever it names to every service that trusts its issuer.',
  severity: 'error',
  remediation: {
    rotate: 'revoke the session or refresh token it belongs to at its issuer; if it does not expire, rotate the issuer’s signing key (which invalidates every token it signed)',
    store: 'nowhere in the repository: tokens are minted at run time; long-lived service tokens (a Supabase service_role key) belong in the CI or platform secret store',
    read: 'from the environment (`os.environ["API_TOKEN"]`, `process.env.API_TOKEN`), or mint one at run time from a client credential',
    note: 'Severity follows the decoded claims: expired tokens are warnings, Supabase anon keys (public by design) info; unsigned tokens (alg none) and documentation samples are not reported.',
  },
  helpUri: 'https://datatracker.ietf.org/doc/html/rfc7519',
  keywords: ['eyJ'],
  // Header and payload are JSON objects, so both start `eyJ`; the parts are bounded so a long base64 run cannot make a match attempt long.
  // A JWE or a longer dotted run continues with `.` and more base64: not a JWT. A full stop ending a sentence is fine.
  pattern: new RegExp(`${LEFT}(?<secret>eyJ[A-Za-z0-9_-]{2,4096}\\.eyJ[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{0,2048})${RIGHT_WITH_DASH}(?!\\.[A-Za-z0-9_-])`),
  validate(secret) {
    const verdict = judgeJwt(secret);
    return verdict.report ? { severity: verdict.severity, message: verdict.message } : false;
  },
  examples: {
    match: [
      `API_TOKEN=${token({ alg: 'HS256', typ: 'JWT' }, { iss: 'https://auth.acme.io/', sub: 'svc-ingest', iat: 1764000000 })}`,
      `Authorization: Bearer ${token({ alg: 'RS256', kid: 'k1' }, { sub: 'u-1', aud: 'api', exp: 4102444800 })}`,
      `SUPABASE_ANON_KEY=${token({ alg: 'HS256', typ: 'JWT' }, { iss: 'supabase', role: 'anon', iat: 1764000000 })}`,
      `expired: ${token({ alg: 'HS256' }, { sub: 'svc', exp: 1600000000 })}`,
    ],
    noMatch: [
      `${base64urlJson({ alg: 'none', typ: 'JWT' })}.${base64urlJson({ sub: 'u-1', iat: 1764000000 })}.`,
      token({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }),
      token({ alg: 'RS256' }, { iss: 'https://auth.example.com/', sub: 'alice' }),
      `${base64urlJson({ color: 'red' })}.${base64urlJson({ size: 3 })}.${fakeValue(43, 62, BASE64URL)}`,
    ],
  },
});

export const rules: Rule[] = [jwt];
