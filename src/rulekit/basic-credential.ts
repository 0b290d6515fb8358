// Credentials written as base64 of `user:password`: HTTP Basic
// authorization headers and the `auth` field of a Docker config's `auths`.

/** `user:password` from standard or URL-safe base64, or undefined when the value is not that. */
export function decodeBasicCredential(value: string): { user: string; password: string } | undefined {
  if (value.length < 8 || value.length > 1024 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  // Base64 has a length of a multiple of four once padded; a run of letters that is not one is text.
  const unpadded = value.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  const decoded = Buffer.from(value, /[-_]/.test(value) ? 'base64url' : 'base64').toString('latin1');
  // Printable ASCII only: a random token decodes to binary.
  if (!/^[\x20-\x7e]+$/.test(decoded)) return undefined;
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
