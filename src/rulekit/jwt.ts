// JSON Web Tokens judged by what they say about themselves: the header
// (`alg`) and the claims (`exp`, `role`, `iss`, `sub` …), decoded offline.
// A JWT is a bearer credential while it is signed, unexpired and its issuer
// accepts it; the decoded parts decide whether and how loudly to report it.
import type { Severity } from '../types.js';

/** Three base64url parts, header and payload JSON objects (`eyJ` is base64 of `{"`). Bounded: a header is short, a payload a few kB. */
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]{2,4096}\.eyJ[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_-]{0,2048}$/;

/** Whether a value has the shape of a JWT (the JWT rule judges such values, not the generic one). */
export function hasJwtShape(value: string): boolean {
  return JWT_SHAPE.test(value);
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Header and claims of a JWT-shaped value, or undefined when either part is not a JSON object. */
export function decodeJwt(
  token: string,
): { header: Record<string, unknown>; claims: Record<string, unknown>; signature: string } | undefined {
  if (!hasJwtShape(token)) return undefined;
  const [h, p, signature] = token.split('.') as [string, string, string];
  const header = decodePart(h);
  const claims = decodePart(p);
  return header && claims ? { header, claims, signature } : undefined;
}

/** Registered and common claims: a payload with none of them is some other base64 JSON, not a token. */
const TYPICAL_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'role',
  'scope',
  'scp',
  'client_id',
  'azp',
  'uid',
  'user_id',
  'tid',
  'oid',
  'appid',
];

/** Documentation issuers: tokens minted for an example are not anyone's credential. */
const EXAMPLE_ISSUER = /(?:^|[./@])(?:example\.(?:com|org|net)|[a-z0-9-]+\.example|localhost\.example)(?:[:/]|$)/i;

export type JwtVerdict = { report: false; why: string } | { report: true; severity: Severity; message: string };

/** A claim shown in a message: printable, short (claims are not the secret, but they are read by people). */
function shown(value: unknown): string {
  return String(value)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 60);
}

/**
 * Whether a JWT-shaped value is a credential, and how serious a leak of it is:
 * - header without `alg`, or no typical claim: not a token (another base64 JSON);
 * - `alg: none` or an empty signature: not reported, since anyone can mint an
 *   unsigned token and a server that accepts one is broken whatever leaks;
 * - the jwt.io sample token and tokens from example issuers: documentation;
 * - Supabase `role: anon`: public by design, not reported; any other token
 *   whose `exp` has passed: warning (expired, but worth removing);
 * - anything else signed: an error.
 */
export function judgeJwt(token: string, nowSeconds = Date.now() / 1000): JwtVerdict {
  const jwt = decodeJwt(token);
  if (!jwt) return { report: false, why: 'not JSON header and claims' };
  const { header, claims, signature } = jwt;
  const alg = header.alg;
  if (typeof alg !== 'string') return { report: false, why: 'no alg in the header' };
  if (!TYPICAL_CLAIMS.some((c) => c in claims)) return { report: false, why: 'no token claims' };
  if (alg.toLowerCase() === 'none' || signature === '') return { report: false, why: 'unsigned' };
  if (claims.sub === '1234567890' && claims.name === 'John Doe') return { report: false, why: 'the jwt.io sample' };
  if (typeof claims.iss === 'string' && EXAMPLE_ISSUER.test(claims.iss))
    return { report: false, why: 'an example issuer' };
  const issuer = typeof claims.iss === 'string' ? `, issuer ${shown(claims.iss)}` : '';
  // A Supabase anon key ships in every client of the project, like a publishable key.
  if (claims.role === 'anon') return { report: false, why: 'an anon key, public by design' };
  if (typeof claims.exp === 'number' && claims.exp < nowSeconds) {
    return {
      report: true,
      severity: 'warning',
      message: `Expired JWT (${shown(alg)}${issuer}, expired ${new Date(claims.exp * 1000).toISOString().slice(0, 10)})`,
    };
  }
  const role = typeof claims.role === 'string' ? `, role ${shown(claims.role)}` : '';
  const expiry =
    typeof claims.exp === 'number'
      ? `, valid until ${new Date(claims.exp * 1000).toISOString().slice(0, 10)}`
      : ', no expiry';
  return { report: true, severity: 'error', message: `JWT (${shown(alg)}${issuer}${role}${expiry})` };
}
