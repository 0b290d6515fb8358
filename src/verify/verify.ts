// Live verification (`--verify`): one read-only request per distinct
// credential to its provider's official endpoint (src/verifiers.ts), a few at
// a time, each bounded by a timeout, and each finding told what the provider
// said. Nothing here ever writes a secret into a message: reasons are fixed
// words, HTTP statuses and error codes.
import type { Finding, ScanResult, Severity, Verification } from '../types.js';
import { verifierFor, verifiers } from './verifiers.js';
import type { CheckRequest, Credential, Outcome, Verifier } from './verifiers.js';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_CONCURRENCY = 4;
/** Answers are small JSON documents; more than this is not read. */
const MAX_BODY = 256 * 1024;

/** A bad LEAKLINT_VERIFY_* variable: a usage error (exit 2), raised before any request is sent. */
export class VerifySetupError extends Error {}

export interface VerifyOptions {
  env: NodeJS.ProcessEnv;
  /** What an invalid credential's finding counts as (default: error drops to warning). */
  invalidSeverity?: Severity;
  /** One line of what is sent where, before anything is. */
  note: (line: string) => void;
  concurrency?: number;
}

/**
 * `LEAKLINT_VERIFY_<NAME>_URL` points a verifier at a test server. Only a
 * loopback address by IP is accepted: the variable exists for tests, and any
 * other host (a name can resolve anywhere) would receive the secrets.
 */
export function testOrigins(env: NodeJS.ProcessEnv): Map<string, string> {
  const out = new Map<string, string>();
  const names = new Set(verifiers.map((v) => v.name));
  for (const [key, value] of Object.entries(env)) {
    const m = /^LEAKLINT_VERIFY_([A-Z0-9]+)_URL$/.exec(key);
    if (!m || value === undefined) continue;
    const name = m[1]!.toLowerCase();
    if (!names.has(name))
      throw new VerifySetupError(
        `${key} names no verifier (known: ${[...names].map((n) => n.toUpperCase()).join(', ')})`,
      );
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    const loopback =
      url &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      (/^127(?:\.\d{1,3}){3}$/.test(url.hostname) || url.hostname === '[::1]');
    if (
      !url ||
      !loopback ||
      url.username ||
      url.password ||
      (url.pathname !== '/' && url.pathname !== '') ||
      url.search ||
      url.hash
    ) {
      throw new VerifySetupError(
        `${key} must be a loopback URL such as http://127.0.0.1:8080 (it exists for tests; any other host would be sent the secrets)`,
      );
    }
    out.set(name, url.origin);
  }
  return out;
}

function timeoutOf(env: NodeJS.ProcessEnv): number {
  const raw = env.LEAKLINT_VERIFY_TIMEOUT_MS;
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_MS;
  if (!/^[1-9][0-9]{0,5}$/.test(raw))
    throw new VerifySetupError('LEAKLINT_VERIFY_TIMEOUT_MS must be a whole number of milliseconds (1 to 999999)');
  return Number(raw);
}

/** One credential to check, and every finding that holds it. */
interface Job {
  verifier: Verifier;
  credential: Credential;
  findings: Finding[];
  origin?: string;
  outcome?: Outcome;
}

/** Check every finding of `result` (suppressed ones are left alone) and adjust severities. */
export async function verifyResult(result: ScanResult, opts: VerifyOptions): Promise<void> {
  const overrides = testOrigins(opts.env);
  const timeoutMs = timeoutOf(opts.env);
  const jobs = new Map<string, Job>();
  for (const f of result.findings) {
    const verifier = f.kind === 'content' && f.secret ? verifierFor(f.ruleId) : undefined;
    if (!verifier) {
      f.verification = {
        status: 'unknown',
        reason:
          f.kind === 'content'
            ? `unsupported: no read-only check for ${f.ruleId}`
            : 'unsupported: not a credential value',
      };
      continue;
    }
    const key = `${verifier.name}\0${f.pairId ?? ''}\0${f.secret}`;
    const job = jobs.get(key) ?? {
      verifier,
      credential: { ruleId: f.ruleId, secret: f.secret, ...(f.pairId ? { pairId: f.pairId } : {}) },
      findings: [],
    };
    job.findings.push(f);
    jobs.set(key, job);
  }

  const toSend: Job[] = [];
  for (const job of jobs.values()) {
    const origin = job.verifier.origin(job.credential);
    if (typeof origin !== 'string') job.outcome = origin;
    else {
      job.origin = overrides.get(job.verifier.name) ?? origin;
      toSend.push(job);
    }
  }
  opts.note(describePlan(toSend, overrides, timeoutMs));

  const now = new Date();
  await pool(toSend, opts.concurrency ?? DEFAULT_CONCURRENCY, async (job) => {
    job.outcome = await check(job, job.origin!, now, timeoutMs);
  });

  for (const job of jobs.values()) {
    const outcome = scrub(job.outcome ?? { status: 'unknown', reason: 'not checked' }, job.credential);
    const host = job.origin ? new URL(job.origin).host : undefined;
    for (const f of job.findings) {
      const v: Verification = {
        status: outcome.status,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        ...(host ? { host } : {}),
      };
      f.verification = v;
      if (outcome.status === 'invalid')
        f.severity = opts.invalidSeverity ?? (f.severity === 'error' ? 'warning' : f.severity);
    }
  }
}

/** What is about to be sent where, by provider: `huggingface → huggingface.co (2)`. */
function describePlan(jobs: Job[], overrides: Map<string, string>, timeoutMs: number): string {
  if (jobs.length === 0) return 'verify: no finding holds a credential with a live check: nothing sent';
  const per = new Map<string, number>();
  for (const j of jobs) {
    const where = `${j.verifier.name} → ${new URL(j.origin!).host}${overrides.has(j.verifier.name) ? ` (LEAKLINT_VERIFY_${j.verifier.name.toUpperCase()}_URL)` : ''}`;
    per.set(where, (per.get(where) ?? 0) + 1);
  }
  const list = [...per].map(([where, n]) => `${where} (${n})`).join(', ');
  return `verify: sending ${jobs.length} credential${jobs.length === 1 ? '' : 's'}, one read-only request each (timeout ${timeoutMs / 1000} s), to: ${list}`;
}

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * One request, and at most one more after a 429 whose Retry-After falls
 * within the same deadline. Never throws; never follows a redirect (custom
 * auth headers would follow it to another host).
 */
async function check(job: Job, origin: string, now: Date, timeoutMs: number): Promise<Outcome> {
  const deadline = Date.now() + timeoutMs;
  let req: CheckRequest | Outcome;
  try {
    req = job.verifier.request(job.credential, origin, now);
  } catch {
    return { status: 'unknown', reason: 'the request could not be built' };
  }
  if (!('url' in req)) return req;
  for (let attempt = 0; ; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) return { status: 'unknown', reason: 'timeout' };
    let status: number;
    let body: string;
    let retryAfter: string | null = null;
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(left),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      body = await readCapped(res);
    } catch (e) {
      return { status: 'unknown', reason: Date.now() >= deadline || isAbort(e) ? 'timeout' : network(e) };
    }
    if (status === 429) {
      const wait = retryAfterMs(retryAfter);
      if (attempt === 0 && wait !== undefined && Date.now() + wait < deadline) {
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      return { status: 'unknown', reason: 'rate limit' };
    }
    try {
      return job.verifier.judge({ status, body });
    } catch {
      return { status: 'unknown', reason: 'malformed answer' };
    }
  }
}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
    if (size > MAX_BODY) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

function isAbort(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  const cause = (e as { cause?: { name?: unknown } })?.cause?.name;
  return name === 'TimeoutError' || name === 'AbortError' || cause === 'TimeoutError' || cause === 'AbortError';
}

/** `network (ECONNREFUSED)`: the error code only, never the message (it can quote a header). */
function network(e: unknown): string {
  const code = (e as { cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? `network (${code})` : 'network';
}

/** Reasons are built from fixed words; this is the belt to those braces. */
function scrub(outcome: Outcome, c: Credential): Outcome {
  if (!outcome.reason?.includes(c.secret)) return outcome;
  return { ...outcome, reason: outcome.reason.split(c.secret).join('[redacted]') };
}
