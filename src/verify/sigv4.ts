// AWS Signature Version 4, the small part STS GetCallerIdentity needs, with
// node:crypto only: the AWS SDK is far too large a dependency for one call.
import { createHash, createHmac } from 'node:crypto';

export interface SigV4Request {
  method: string;
  url: URL;
  /** Headers to send and sign (besides host and x-amz-date, which are added). */
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20150830T123600Z` */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The headers to send: the given ones plus `x-amz-date` and `authorization` (host comes from the URL). */
export function signV4(req: SigV4Request): Record<string, string> {
  const date = amzDate(req.now);
  const day = date.slice(0, 8);
  const signed: Record<string, string> = { host: req.url.host, 'x-amz-date': date };
  for (const [k, v] of Object.entries(req.headers)) signed[k.toLowerCase()] = v.trim().replace(/\s+/g, ' ');
  const names = Object.keys(signed).sort();
  const canonicalQuery = [...req.url.searchParams]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    req.method,
    req.url.pathname || '/',
    canonicalQuery,
    ...names.map((n) => `${n}:${signed[n]}`),
    '',
    names.join(';'),
    sha256(req.body),
  ].join('\n');
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${req.secretAccessKey}`, day), req.region), req.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  const out: Record<string, string> = { ...req.headers, 'x-amz-date': date };
  out.authorization = `AWS4-HMAC-SHA256 Credential=${req.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return out;
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
