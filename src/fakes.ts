// Fake secrets of the right shape for the rules' own examples
// (`RuleBase.examples`). They are built when a rule module loads, from a
// fixed seed, so no literal of a secret's shape sits in the source: leaklint
// scans its own repository, and rules/ must stay clean. The same label always
// gives the same string, so a failing example can be reproduced.
import { base62, crc32 } from './rulekit.js';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const LETTERS = UPPER + LOWER;
export const ALNUM = UPPER + LOWER + DIGITS;
export const UPPER_ALNUM = UPPER + DIGITS;
export const HEX = '0123456789abcdef';
export const BASE64 = ALNUM + '+/';

/**
 * `length` characters of `alphabet`, pseudo-random but fixed by `label`
 * (mulberry32 seeded with the label's CRC-32). Every character class of the
 * alphabet shows up in practice, as in a generated secret.
 */
export function fake(length: number, alphabet: string, label: string): string {
  return seededChars(length, alphabet, crc32(label));
}

/** `length` characters of `alphabet` from a mulberry32 generator started at `seed`. */
export function seededChars(length: number, alphabet: string, seed: number): string {
  let state = seed | 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out += alphabet[Math.floor(r * alphabet.length)];
  }
  return out;
}

/** A 36-character body whose last 6 characters are the base62 CRC-32 of the first 30 (GitHub and npm tokens). */
export function fakeWithCrc32(label: string): string {
  const body = fake(30, ALNUM, label);
  return body + base62(crc32(body), 6);
}

/** A random-looking UUID (8-4-4-4-12 lower-case hex). */
export function fakeUuid(label: string): string {
  return uuidOf(fake(32, HEX, label));
}

/** 32 hex characters in the 8-4-4-4-12 form of a UUID. */
export function uuidOf(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
