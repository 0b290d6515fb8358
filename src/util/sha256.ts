// SHA-256 as hex, with node:crypto loaded on the first call: loading it costs
// more than a clean pre-commit scan of a small commit, which hashes nothing.
import { createRequire } from 'node:module';

let crypto: typeof import('node:crypto') | undefined;

function loadCrypto(): typeof import('node:crypto') {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto;
}

export function sha256Hex(text: string): string {
  return loadCrypto().createHash('sha256').update(text).digest('hex');
}

/** HMAC-SHA256 of `text` under `key` (hex), as hex. */
export function hmacSha256Hex(keyHex: string, text: string): string {
  return loadCrypto().createHmac('sha256', Buffer.from(keyHex, 'hex')).update(text).digest('hex');
}

/** The id git gives `data` as a blob object, in a SHA-1 or a SHA-256 repository. */
export function gitBlobId(data: Uint8Array, format: 'sha1' | 'sha256'): string {
  return loadCrypto().createHash(format).update(`blob ${data.length}\0`).update(data).digest('hex');
}

/** `bytes` random bytes as hex. */
export function randomHex(bytes: number): string {
  return loadCrypto().randomBytes(bytes).toString('hex');
}

/** Load node:crypto now, while the process would otherwise wait (findings need it for their fingerprints). */
export function preloadSha256(): void {
  loadCrypto();
}
