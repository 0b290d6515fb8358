// Fake values for the rules' own examples (RuleBase.examples), made when a
// rule module loads instead of being written out: leaklint scans its own
// source, and a random-looking literal there would be a finding.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX_DIGITS = '0123456789abcdef';
export const BASE64URL = `${ALNUM}-_`;
export const BASE64 = `${ALNUM}+/`;

/**
 * `length` characters of `alphabet`, the same on every run for a `seed`
 * (mulberry32). With the default alphabet the value always mixes upper and
 * lower case and digits, as a generated credential does.
 */
export function fakeValue(length: number, seed: number, alphabet = ALNUM): string {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    if (alphabet !== ALNUM || length < 3 || (/[a-z]/.test(out) && /[A-Z]/.test(out) && /\d/.test(out))) return out;
  }
}

/** Base64 of text (Basic credentials, Docker `auth`). */
export const base64 = (text: string) => Buffer.from(text).toString('base64');
/** base64url of JSON (JWT parts). */
export const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
