import { hmacSha256Hex, sha256Hex } from './sha256.js';

/**
 * A preview that identifies a secret to its owner without disclosing it:
 * the public prefix, a fixed mask, and the last few characters (fewer for
 * short values, none for very short ones).
 */
export function preview(secret: string, visiblePrefix = 0): string {
  const prefix = secret.slice(0, visiblePrefix);
  const body = secret.slice(visiblePrefix);
  const tail = body.length >= 24 ? 4 : body.length >= 16 ? 3 : body.length >= 10 ? 2 : 0;
  return `${prefix}${'*'.repeat(8)}${tail ? body.slice(-tail) : ''}`;
}

/**
 * POSIX separators, no leading "./": the same file has one name on every
 * platform. A backslash is a separator only on Windows; elsewhere it is an
 * ordinary file-name character (git and POSIX file systems allow it), so it is
 * kept and the finding names the real file.
 */
export function normalisePath(path: string, platform: NodeJS.Platform = process.platform): string {
  let p = platform === 'win32' ? path.replace(/\\/g, '/') : path;
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** Stable across edits above the secret: no line number in it. */
export function fingerprint(ruleId: string, path: string, secret: string): string {
  return sha256Hex(`${ruleId}\0${normalisePath(path)}\0${secret}`).slice(0, 32);
}

/**
 * The fingerprint under a baseline's key (HMAC-SHA256 of the plain one): what
 * the baseline file stores and reports show once a repository has a keyed
 * baseline. Without the key, a guess at a secret cannot be checked against it
 * with a table computed beforehand or shared between repositories.
 */
export function keyedFingerprint(key: string, plain: string): string {
  return hmacSha256Hex(key, plain).slice(0, 32);
}

/**
 * Names a baseline key without disclosing it, so a report can say which key
 * its fingerprints are under (`leaklint baseline --from` checks it). The
 * message is no hex fingerprint, so the id is never an entry's fingerprint.
 */
export function fingerprintKeyId(key: string): string {
  return hmacSha256Hex(key, 'leaklint fingerprint key id').slice(0, 16);
}
