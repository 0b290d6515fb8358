import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit.js';
import { judgeJwt } from '../src/jwt.js';

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
  pattern: new RegExp(`${LEFT}(?<secret>eyJ[A-Za-z0-9_-]{2,4096}\\.eyJ[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{0,2048})${RIGHT_WITH_DASH}(?!\\.[A-Za-z0-9_-])`),
  // A JWE or a longer dotted run continues with `.` and more base64: not a JWT. A full stop ending a sentence is fine.
  validate(secret) {
    const verdict = judgeJwt(secret);
    return verdict.report ? { severity: verdict.severity, message: verdict.message } : false;
  },
});

export const rules: Rule[] = [jwt];
