// The URL redaction helper: wherever a credential is planted in a URL (user,
// password, a query value under a credential name or any name, the fragment,
// a path segment shaped like a token, percent-encoded or not), neither the
// redacted form nor the cleaned one holds it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanUrl, redactConfigKey, redactUrl, redactUrlsIn } from '../../src/report/redact-url.js';
import { fakeHfToken, runs } from '../helpers.js';

if (process.env.LEAKLINT_FUZZ_SEED) fc.configureGlobal({ seed: Number(process.env.LEAKLINT_FUZZ_SEED) });

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 8 });
/** A fake credential: a token prefix or none, then letters and digits (at least one of each). */
const credential = fc
  .tuple(
    fc.constantFrom('', 'hf_', 'ghp_', 'glpat-', 'npm_', 'sk-', 'xoxb-', 'eyJ'),
    fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 14, maxLength: 40 }),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([prefix, body, digit]) => `${prefix}${body}Q${digit}`);
/** Credential characters written as they could appear in a URL: some percent-encoded. */
const spelled = (c: string, encode: boolean[]) =>
  [...c].map((ch, i) => (encode[i % encode.length] ? `%${ch.charCodeAt(0).toString(16).toUpperCase()}` : ch)).join('');

const where = fc.constantFrom(
  'user',
  'password',
  'password-raw',
  'user-only',
  'named-param',
  'any-param',
  'bare-param',
  'fragment',
  'path',
  'scp-password',
);

const planted = fc.record({
  where,
  secret: credential,
  encode: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  scheme: fc.constantFrom('https://', 'http://', 'ssh://', 'git+https://'),
  host: fc.tuple(word, fc.constantFrom('.com', '.org', '.co', '')).map(([a, b]) => a + b),
  path: fc.array(word, { maxLength: 3 }).map((p) => p.map((s) => `/${s}`).join('')),
  params: fc.array(fc.tuple(word, word), { maxLength: 3 }),
  name: fc.constantFrom('token', 'access_token', 'private_token', 'password', 'sig', 'api_key', 'x'),
  /** A character a careless password carries unencoded, and where. */
  raw: fc.tuple(fc.constantFrom('#', '?', '@', ':', '/'), fc.nat()),
});

type Planted = typeof planted extends fc.Arbitrary<infer T> ? T : never;

function build(p: Planted): string {
  const secret = spelled(p.secret, p.encode);
  const others = p.params.map(([k, v]) => `${k}=${v}`);
  switch (p.where) {
    case 'user':
      return `${p.scheme}${secret}:x-oauth-basic@${p.host}${p.path}`;
    case 'password':
      return `${p.scheme}user:${secret}@${p.host}${p.path}`;
    case 'password-raw': {
      const at = p.raw[1] % p.secret.length;
      return `${p.scheme}user:${p.secret.slice(0, at)}${p.raw[0]}${p.secret.slice(at)}@${p.host}${p.path}`;
    }
    case 'user-only':
      return `${p.scheme}${secret}@${p.host}${p.path}`;
    case 'named-param':
      return `${p.scheme}${p.host}${p.path}?${[...others, `${p.name}=${secret}`].join('&')}`;
    case 'any-param':
      return `${p.scheme}${p.host}${p.path}?${[`${p.params[0]?.[0] ?? 'q'}=${secret}`, ...others].join('&')}`;
    case 'bare-param':
      return `${p.scheme}${p.host}${p.path}?${[...others, secret].join('&')}`;
    case 'fragment':
      return `${p.scheme}${p.host}${p.path}#${secret}`;
    case 'path':
      return `${p.scheme}${p.host}/${p.secret.startsWith('hf_') || p.secret.startsWith('ghp_') ? secret : `hf_${secret}`}${p.path}`;
    case 'scp-password':
      return `git:${secret}@${p.host}:acme${p.path}.git`;
  }
  return '';
}

function holds(text: string, secret: string): boolean {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // a stray % is no encoding of the secret
  }
  return text.includes(secret) || decoded.includes(secret);
}

describe('redactUrl and cleanUrl', () => {
  it('never keep a planted credential, wherever it sits and however it is spelled', () => {
    fc.assert(
      fc.property(planted, (p) => {
        const url = build(p);
        const secret =
          p.where === 'password-raw' ? url.slice(url.indexOf('user:') + 5, url.lastIndexOf('@')) : p.secret;
        const redacted = redactUrl(url);
        expect(holds(redacted, secret), `${url} -> ${redacted}`).toBe(false);
        const clean = cleanUrl(url);
        if (clean !== undefined) expect(holds(clean, secret), `${url} -> ${clean}`).toBe(false);
        // In a config key, in free text, and twice over: the same.
        expect(holds(redactConfigKey(`url.${url}.insteadof`), secret)).toBe(false);
        // Free text: URLs with a scheme are found there (an scp-like address is no URL in prose).
        if (p.where !== 'scp-password') expect(holds(redactUrlsIn(`proxy = ${url} ; note`), secret)).toBe(false);
        expect(redactUrl(redacted)).toBe(redacted);
      }),
      { numRuns: runs(300) },
    );
  });

  it('keep what identifies the URL and suggest a URL that still works', () => {
    expect(redactUrl('https://github.com/acme/x.git?ref=main')).toBe('https://github.com/acme/x.git?ref=main');
    expect(redactUrl('git@github.com:acme/x.git')).toBe('git@github.com:acme/x.git');
    expect(redactUrl(`https://oauth2:glpat-${fakeHfToken(921).slice(3, 23)}@gitlab.com/acme/x.git`)).toBe(
      'https://***@gitlab.com/acme/x.git',
    );
    expect(redactUrl('https://h.example/x?token=abc&ref=main#frag')).toBe('https://h.example/x?token=***&ref=main#***');
    expect(cleanUrl('https://user:pw@h.example/x?token=abc&ref=main#frag')).toBe('https://h.example/x?ref=main');
    expect(cleanUrl(`https://h.example/${fakeHfToken(922)}/x`)).toBeUndefined();
    expect(redactConfigKey('url.https://u:p4ssw0rd@h.example/.pushinsteadof')).toBe(
      'url.https://***@h.example/.pushinsteadof',
    );
    expect(redactConfigKey('remote.origin.url')).toBe('remote.origin.url');
  });
});
