// Live verification (--verify) against loopback servers standing in for the
// providers: what is sent (the token, in the right header, to the right path),
// how each answer is read, and what never happens (a repository's config or a
// token choosing the host, a pre-commit run going online, a secret in output).
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, createHmac } from 'node:crypto';
import { fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { signV4 } from '../../src/verify/sigv4.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answer only after this long (a slow provider). */
  delayMs?: number;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A provider stand-in on 127.0.0.1: records every request, answers with `reply(n)` for the n-th (0-based). */
async function provider(reply: (n: number, seen: Seen) => Reply) {
  const seen: Seen[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const r = reply(seen.length, s);
      seen.push(s);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const send = () => {
        inFlight--;
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body ?? '');
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, maxInFlight: () => maxInFlight };
}

/** Deterministic letters and digits, never a run or a sequence a placeholder check would drop. */
function randomAlnum(
  n: number,
  seed: number,
  alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789',
): string {
  let x = seed * 2654435761 + 7;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >> 8) % alphabet.length];
  }
  return out;
}

function fakeAwsPair(seed = 1) {
  const id = `AKIA${randomAlnum(16, seed, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567')}`;
  const secret = `${randomAlnum(38, seed + 100)}9Q`;
  return { id, secret };
}

function fakeSlackToken(seed = 1): string {
  return `xoxb-${randomAlnum(12, seed, '123456789')}-${randomAlnum(13, seed + 1, '123456789')}-${randomAlnum(24, seed + 2)}`;
}

type Json = { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };

/** A directory holding `files`, scanned with `leaklint files --verify -f json` (or `args`), `provider` at `url`. */
async function scan(
  files: Record<string, string>,
  env: Record<string, string>,
  args = ['files', '--verify', '-f', 'json'],
) {
  const dir = tempDir();
  writeFiles(dir, files);
  const r = await leaklintIn(args, { cwd: dir, env });
  return { ...r, json: args.includes('json') && r.stdout ? (JSON.parse(r.stdout) as Json) : undefined };
}

describe('--verify: how an answer is read', () => {
  it('200 with an identity: live, the token sent as a Bearer token to whoami-v2, and never printed', async () => {
    const token = fakeHfToken(11);
    const hf = await provider(() => ({
      status: 200,
      body: JSON.stringify({ name: 'someone', auth: { type: 'access_token' } }),
    }));
    const r = await scan({ 'train.py': `HF_TOKEN = "${token}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url });
    expect(r.json!.findings).toHaveLength(1);
    expect(r.json!.findings[0]).toMatchObject({
      ruleId: 'huggingface-user-token',
      severity: 'error',
      verification: 'live',
    });
    expect(r.json!.findings[0]).not.toHaveProperty('verificationReason');
    expect(r.json!.summary.verification).toEqual({ live: 1, invalid: 0, unknown: 0 });
    expect(r.status).toBe(1);
    expect(hf.seen).toHaveLength(1);
    expect(hf.seen[0]).toMatchObject({ method: 'GET', path: '/api/whoami-v2' });
    expect(hf.seen[0]!.headers.authorization).toBe(`Bearer ${token}`);
    // What is sent where, said before sending.
    expect(r.stderr).toContain(`verify: sending 1 credential, one read-only request each`);
    expect(r.stderr).toContain(`huggingface → ${new URL(hf.url).host}`);
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('401: invalid, and the finding drops to a warning (exit 0) unless the config says what it counts as', async () => {
    const token = fakeHfToken(12);
    const hf = await provider(() => ({ status: 401, body: '{"error":"Invalid credentials in Authorization header"}' }));
    const r = await scan({ 'a.py': `token = "${token}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url });
    expect(r.json!.findings[0]).toMatchObject({ verification: 'invalid', severity: 'warning' });
    expect(r.status).toBe(0);

    const strict = await scan(
      {
        'a.py': `token = "${token}"\n`,
        'leaklint.config.json': JSON.stringify({ verify: { invalidSeverity: 'error' } }),
      },
      { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url },
    );
    expect(strict.json!.findings[0]).toMatchObject({ verification: 'invalid', severity: 'error' });
    expect(strict.status).toBe(1);
    expect(r.stdout + r.stderr + strict.stdout + strict.stderr).not.toContain(token);
  });

  it('an answer slower than the timeout: unknown (timeout), still an error', async () => {
    const token = fakeHfToken(13);
    const hf = await provider(() => ({ status: 200, body: '{"name":"late"}', delayMs: 3000 }));
    const r = await scan(
      { 'a.py': `t = "${token}"\n` },
      { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url, LEAKLINT_VERIFY_TIMEOUT_MS: '200' },
    );
    expect(hf.seen).toHaveLength(1);
    expect(r.json!.findings[0]).toMatchObject({
      verification: 'unknown',
      verificationReason: 'timeout',
      severity: 'error',
    });
    expect(r.status).toBe(1);
  });

  it('429 without Retry-After: unknown (rate limit) after one request', async () => {
    const hf = await provider(() => ({ status: 429 }));
    const r = await scan({ 'a.py': `t = "${fakeHfToken(14)}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url });
    expect(r.json!.findings[0]).toMatchObject({ verification: 'unknown', verificationReason: 'rate limit' });
    expect(hf.seen).toHaveLength(1);
  });

  it('429 with a Retry-After inside the timeout: one retry, and only one', async () => {
    const once = await provider((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200, body: '{"name":"x"}' },
    );
    const r1 = await scan({ 'a.py': `t = "${fakeHfToken(15)}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: once.url });
    expect(r1.json!.findings[0]).toMatchObject({ verification: 'live' });
    expect(once.seen).toHaveLength(2);

    const always = await provider(() => ({ status: 429, headers: { 'retry-after': '0' } }));
    const r2 = await scan({ 'a.py': `t = "${fakeHfToken(16)}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: always.url });
    expect(r2.json!.findings[0]).toMatchObject({ verification: 'unknown', verificationReason: 'rate limit' });
    expect(always.seen).toHaveLength(2);

    // A wait longer than the timeout is not waited for.
    const later = await provider(() => ({ status: 429, headers: { 'retry-after': '30' } }));
    const r3 = await scan(
      { 'a.py': `t = "${fakeHfToken(17)}"\n` },
      { LEAKLINT_VERIFY_HUGGINGFACE_URL: later.url, LEAKLINT_VERIFY_TIMEOUT_MS: '500' },
    );
    expect(r3.json!.findings[0]).toMatchObject({ verification: 'unknown', verificationReason: 'rate limit' });
    expect(later.seen).toHaveLength(1);
  });

  it('200 with garbage: unknown (malformed answer), not live', async () => {
    const hf = await provider(() => ({ status: 200, body: '<html>captive portal</html>' }));
    const r = await scan({ 'a.py': `t = "${fakeHfToken(18)}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url });
    expect(r.json!.findings[0]).toMatchObject({
      verification: 'unknown',
      verificationReason: 'malformed answer',
      severity: 'error',
    });
  });

  it('an unexpected status, and a refused connection, are unknown with the reason', async () => {
    const hf = await provider(() => ({ status: 503 }));
    const r = await scan({ 'a.py': `t = "${fakeHfToken(19)}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url });
    expect(r.json!.findings[0]).toMatchObject({
      verification: 'unknown',
      verificationReason: 'unexpected answer (HTTP 503)',
    });

    // Port 1 on loopback: nothing listens there.
    const down = await scan(
      { 'a.py': `t = "${fakeHfToken(20)}"\n` },
      { LEAKLINT_VERIFY_HUGGINGFACE_URL: 'http://127.0.0.1:1' },
    );
    expect(down.json!.findings[0]!.verification).toBe('unknown');
    expect(String(down.json!.findings[0]!.verificationReason)).toMatch(/^network/);
  });

  it('a redirect is not followed: the token is never carried to another host', async () => {
    const elsewhere = await provider(() => ({ status: 200, body: '{"name":"x"}' }));
    const hf = await provider(() => ({ status: 302, headers: { location: `${elsewhere.url}/api/whoami-v2` } }));
    const r = await scan({ 'a.py': `t = "${fakeHfToken(21)}"\n` }, { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url });
    expect(r.json!.findings[0]).toMatchObject({
      verification: 'unknown',
      verificationReason: 'unexpected answer (HTTP 302)',
    });
    expect(hf.seen).toHaveLength(1);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('Slack: HTTP 200 with ok:false is invalid (the JSON decides, not the status)', async () => {
    const token = fakeSlackToken(3);
    const slack = await provider(() => ({ status: 200, body: '{"ok":false,"error":"invalid_auth"}' }));
    const r = await scan({ 'bot.py': `SLACK_BOT_TOKEN = "${token}"\n` }, { LEAKLINT_VERIFY_SLACK_URL: slack.url });
    expect(r.json!.findings[0]).toMatchObject({ ruleId: 'slack-token', verification: 'invalid', severity: 'warning' });
    expect(slack.seen[0]).toMatchObject({ method: 'POST', path: '/api/auth.test' });
    expect(slack.seen[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('a finding with no live check is unknown (unsupported), and nothing is sent for it', async () => {
    const r = await scan(
      {
        'k.pem': `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'.repeat(4)}-----END OPENSSH PRIVATE KEY-----\n`,
      },
      {},
    );
    expect(r.json!.findings.length).toBeGreaterThan(0);
    for (const f of r.json!.findings) {
      expect(f.verification).toBe('unknown');
      expect(String(f.verificationReason)).toMatch(/^unsupported/);
    }
    expect(r.stderr).toContain('nothing sent');
  });
});

describe('--verify on history and audit', () => {
  it('a token only in history is verified by `history --verify` and by the default audit', async () => {
    const token = fakeHfToken(60);
    const hf = await provider(() => ({ status: 200, body: '{"name":"x"}' }));
    const repo = tempRepo();
    writeFiles(repo, { 'a.py': `t = "${token}"\n` });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'add');
    git(repo, 'rm', '-q', 'a.py');
    git(repo, 'commit', '-q', '-m', 'remove');
    const env = { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url };
    for (const args of [
      ['history', '--verify', '-f', 'json'],
      ['--verify', '-f', 'json'],
    ]) {
      const r = await leaklintIn(args, { cwd: repo, env });
      const found = (JSON.parse(r.stdout) as Json).findings.filter((f) => f.ruleId === 'huggingface-user-token');
      expect(found, args.join(' ')).toHaveLength(1);
      expect(found[0]).toMatchObject({ verification: 'live' });
      expect(r.stdout + r.stderr).not.toContain(token);
    }
    expect(hf.seen).toHaveLength(2);
  });
});

describe('--verify: one request per credential, a few at a time', () => {
  it('six tokens, each in two files: six requests, at most four at once', async () => {
    const hf = await provider(() => ({ status: 200, body: '{"name":"x"}', delayMs: 100 }));
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) {
      const t = fakeHfToken(40 + i);
      files[`a${i}.py`] = `t = "${t}"\n`;
      files[`b${i}.py`] = `t = "${t}"\n`;
    }
    const r = await scan(files, { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url });
    expect(r.json!.findings).toHaveLength(12);
    expect(r.json!.findings.every((f) => f.verification === 'live')).toBe(true);
    expect(hf.seen).toHaveLength(6);
    expect(hf.maxInFlight()).toBeLessThanOrEqual(4);
    expect(r.stderr).toContain('sending 6 credentials');
  });
});

describe('--verify: AWS STS GetCallerIdentity, signed with SigV4', () => {
  it('signs AWS’s published get-vanilla example to its published signature', () => {
    const h = signV4({
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
      headers: {},
      body: '',
      region: 'us-east-1',
      service: 'service',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      now: new Date('2015-08-30T12:36:00Z'),
    });
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('sends a well-formed signed POST with Action=GetCallerIdentity that checks out against the secret', async () => {
    const { id, secret } = fakeAwsPair(5);
    const sts = await provider((_n, seen) => {
      // The stand-in does what STS does: recompute the signature from what arrived.
      const ok = stsSignatureValid(seen, id, secret);
      return ok
        ? {
            status: 200,
            body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>',
            headers: { 'content-type': 'text/xml' },
          }
        : {
            status: 403,
            body: '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>',
            headers: { 'content-type': 'text/xml' },
          };
    });
    const r = await scan(
      { 'deploy.py': `aws_access_key_id = "${id}"\naws_secret_access_key = "${secret}"\n` },
      { LEAKLINT_VERIFY_AWS_URL: sts.url },
    );
    expect(r.json!.findings).toHaveLength(1);
    expect(r.json!.findings[0]).toMatchObject({ ruleId: 'aws-access-key', verification: 'live' });
    expect(sts.seen).toHaveLength(1);
    const req = sts.seen[0]!;
    expect(req.method).toBe('POST');
    expect(new URLSearchParams(req.body).get('Action')).toBe('GetCallerIdentity');
    expect(new URLSearchParams(req.body).get('Version')).toBe('2011-06-15');
    expect(req.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${id}/\\d{8}/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(req.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    // The secret itself never travels, and is never printed.
    expect(JSON.stringify(req)).not.toContain(secret);
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('403 InvalidClientTokenId: invalid; a key id alone is not checked at all', async () => {
    const { id, secret } = fakeAwsPair(6);
    const sts = await provider(() => ({
      status: 403,
      body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>',
    }));
    const r = await scan(
      {
        'deploy.py': `aws_access_key_id = "${id}"\naws_secret_access_key = "${secret}"\n`,
        'other.py': `key = "${fakeAwsPair(7).id}"\n`,
      },
      { LEAKLINT_VERIFY_AWS_URL: sts.url },
    );
    const pair = r.json!.findings.find((f) => f.file === 'deploy.py')!;
    const alone = r.json!.findings.find((f) => f.file === 'other.py')!;
    expect(pair).toMatchObject({ verification: 'invalid', severity: 'warning' });
    expect(alone).toMatchObject({ verification: 'unknown' });
    expect(String(alone.verificationReason)).toMatch(/^unsupported: an AWS key id and its secret/);
    expect(sts.seen).toHaveLength(1);
  });
});

/** STS's own check, written out here: canonical request, string to sign, derived key. */
function stsSignatureValid(seen: Seen, id: string, secret: string): boolean {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      String(seen.headers.authorization),
    );
  if (!auth || auth[1] !== id) return false;
  const [, , day, region, service, signedHeaders, signature] = auth;
  const names = signedHeaders!.split(';');
  const canonical = [
    seen.method,
    '/',
    '',
    ...names.map((n) => `${n}:${String(seen.headers[n]).trim()}`),
    '',
    signedHeaders,
    createHash('sha256').update(seen.body).digest('hex'),
  ].join('\n');
  const toSign = [
    'AWS4-HMAC-SHA256',
    String(seen.headers['x-amz-date']),
    `${day}/${region}/${service}/aws4_request`,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
  const key = h(h(h(h(`AWS4${secret}`, day!), region!), service!), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

describe('--verify: who decides, and where requests may go', () => {
  it('staged never verifies because the config says so; only its own --verify makes it', async () => {
    const token = fakeHfToken(30);
    const hf = await provider(() => ({ status: 200, body: '{"name":"x"}' }));
    const repo = tempRepo();
    writeFiles(repo, { 'leaklint.config.json': JSON.stringify({ verify: true }), 'a.py': `t = "${token}"\n` });
    git(repo, 'add', '-A');
    const env = { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url };
    const quiet = await leaklintIn(['staged', '-f', 'json'], { cwd: repo, env });
    const found = (JSON.parse(quiet.stdout) as Json).findings;
    expect(found).toHaveLength(1);
    expect(found[0]).not.toHaveProperty('verification');
    expect(hf.seen).toHaveLength(0);
    expect(quiet.stderr).not.toContain('verify:');

    const asked = await leaklintIn(['staged', '--verify', '-f', 'json'], { cwd: repo, env });
    expect((JSON.parse(asked.stdout) as Json).findings[0]).toMatchObject({ verification: 'live' });
    expect(hf.seen).toHaveLength(1);
  });

  it('verify: true in the config turns it on for other scans; --no-verify turns it off', async () => {
    const hf = await provider(() => ({ status: 200, body: '{"name":"x"}' }));
    const files = { 'leaklint.config.json': JSON.stringify({ verify: true }), 'a.py': `t = "${fakeHfToken(31)}"\n` };
    const env = { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url };
    const on = await scan(files, env, ['files', '-f', 'json']);
    expect(on.json!.findings[0]).toMatchObject({ verification: 'live' });
    const off = await scan(files, env, ['files', '--no-verify', '-f', 'json']);
    expect(off.json!.findings).toHaveLength(1);
    expect(off.json!.findings[0]).not.toHaveProperty('verification');
    expect(hf.seen).toHaveLength(1);
  });

  it('a config in the scanned repository cannot name an endpoint (exit 2, nothing sent)', async () => {
    const hf = await provider(() => ({ status: 200, body: '{"name":"x"}' }));
    for (const verify of [
      { enabled: true, url: hf.url },
      { enabled: true, endpoints: { huggingface: hf.url } },
      'yes',
    ]) {
      const r = await scan(
        { 'leaklint.config.json': JSON.stringify({ verify }), 'a.py': `t = "${fakeHfToken(32)}"\n` },
        {},
        ['files', '-f', 'json'],
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/"verify(\.url|\.endpoints)?" (is not a known key|must be true, false or an object)/);
    }
    expect(hf.seen).toHaveLength(0);
  });

  it('a Sentry token naming a host other than Sentry’s own is not sent there, nor anywhere', async () => {
    const payload = Buffer.from(
      JSON.stringify({
        iat: 1700000000.1,
        url: 'https://sentry.evil.example',
        region_url: 'https://sentry.evil.example',
        org: 'acme',
      }),
    )
      .toString('base64')
      .replace(/=+$/, '');
    const key = Buffer.from(randomAlnum(32, 9)).toString('base64').replace(/=+$/, '');
    const token = `sntrys_${payload}_${key}`;
    const sentry = await provider(() => ({ status: 200, body: '[]' }));
    const r = await scan(
      { 'sentry.py': `SENTRY_AUTH_TOKEN = "${token}"\n` },
      { LEAKLINT_VERIFY_SENTRY_URL: sentry.url },
    );
    expect(r.json!.findings[0]).toMatchObject({ ruleId: 'sentry-org-token', verification: 'unknown' });
    expect(String(r.json!.findings[0]!.verificationReason)).toContain('self-hosted Sentry (sentry.evil.example)');
    expect(sentry.seen).toHaveLength(0);
  });

  it('LEAKLINT_VERIFY_*_URL must be a loopback address: anything else is refused with exit 2 before any request', async () => {
    const hf = await provider(() => ({ status: 200, body: '{"name":"x"}' }));
    const files = { 'a.py': `t = "${fakeHfToken(33)}"\n` };
    for (const [key, value] of [
      ['LEAKLINT_VERIFY_HUGGINGFACE_URL', 'http://example.com'],
      ['LEAKLINT_VERIFY_HUGGINGFACE_URL', 'http://localhost:8080'],
      ['LEAKLINT_VERIFY_HUGGINGFACE_URL', 'http://10.0.0.1:8080'],
      ['LEAKLINT_VERIFY_HUGGINGFACE_URL', `${hf.url}/elsewhere`],
      ['LEAKLINT_VERIFY_HUGGINGFACE_URL', `http://user:pw@${new URL(hf.url).host}`],
      ['LEAKLINT_VERIFY_NOSUCHPROVIDER_URL', hf.url],
    ] as const) {
      const r = await scan(files, { [key]: value }, ['files', '--verify', '-f', 'json']);
      expect(r.status, value).toBe(2);
      expect(r.stderr).toContain(key);
      expect(r.stdout).toBe('');
    }
    const timeout = await scan(files, { LEAKLINT_VERIFY_TIMEOUT_MS: '5s' });
    expect(timeout.status).toBe(2);
    expect(hf.seen).toHaveLength(0);
  });
});

describe('--verify in the reports', () => {
  it('human: "live: rotate now" opens the summary; SARIF carries verification in result properties', async () => {
    const live = fakeHfToken(50);
    const dead = fakeHfToken(51);
    const hf = await provider((_n, seen) =>
      String(seen.headers.authorization).endsWith(live) ? { status: 200, body: '{"name":"x"}' } : { status: 401 },
    );
    const env = { LEAKLINT_VERIFY_HUGGINGFACE_URL: hf.url };
    const files = { 'a.py': `t = "${live}"\n`, 'b.py': `t = "${dead}"\n` };
    const human = await scan(files, env, ['files', '--verify']);
    const out = human.stdout;
    expect(out).toContain('verified live: rotate now');
    expect(out).toContain('verified: invalid');
    const summaryAt = out.indexOf('live: rotate now: 1 credential finding');
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(out.indexOf('invalid: 1'));
    expect(summaryAt).toBeLessThan(out.indexOf('2 findings ('));
    expect(human.status).toBe(1);

    const sarif = await scan(files, env, ['files', '--verify', '-f', 'sarif']);
    const results = (
      JSON.parse(sarif.stdout) as {
        runs: Array<{ results: Array<{ level: string; properties?: Record<string, unknown> }> }>;
      }
    ).runs[0]!.results;
    expect(results.map((x) => x.properties?.verification).sort()).toEqual(['invalid', 'live']);
    expect(results.find((x) => x.properties?.verification === 'invalid')!.level).toBe('warning');
    for (const text of [human.stdout, human.stderr, sarif.stdout, sarif.stderr]) {
      expect(text).not.toContain(live);
      expect(text).not.toContain(dead);
    }
  });
});
