// Fake credentials for rule examples, built when a rule module loads: a rule
// file that spelled its fake tokens out would be flagged by leaklint's own
// scan of itself, and a made-up literal tends to be a placeholder (runs,
// sequences) that the placeholder filter rightly drops. A fixed seed gives
// the same string on every run, so examples are reproducible.

export const HEX = '0123456789abcdef';
export const HEX_UPPER = '0123456789ABCDEF';
export const DIGITS = '0123456789';
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const BASE64URL = BASE62 + '-_';

/** `length` characters of `alphabet`, drawn by a small seeded generator (mulberry32). */
export function fakeToken(alphabet: string, length: number, seed: number): string {
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out += alphabet[Math.floor(r * alphabet.length)]!;
  }
  return out;
}

/** A fake UUID (8-4-4-4-12 lower-case hex). */
export function fakeUuid(seed: number): string {
  const h = fakeToken(HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Standard base64 of `text` without padding removed (for tokens that are encoded JSON). */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
