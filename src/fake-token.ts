// Fake credentials for rule examples, numbered rather than named: the same
// generator as fakes.ts (which says why rule files build their fakes instead
// of spelling them out), with a fixed seed so examples are reproducible.
import { HEX, seededChars, uuidOf } from './fakes.js';

export { DIGITS, HEX, UPPER_ALNUM } from './fakes.js';
export const HEX_UPPER = '0123456789ABCDEF';
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE64URL = BASE62 + '-_';

/** `length` characters of `alphabet`, fixed by `seed`. */
export function fakeToken(alphabet: string, length: number, seed: number): string {
  return seededChars(length, alphabet, seed);
}

/** A fake UUID (8-4-4-4-12 lower-case hex). */
export function fakeUuid(seed: number): string {
  return uuidOf(fakeToken(HEX, 32, seed));
}

/** Standard base64 of `text` (for tokens that are encoded JSON). */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
