// Credentials in `http.<url>.extraHeader` (and `http.extraHeader`) of the
// repository's own config. `actions/checkout` persists
// `AUTHORIZATION: basic base64(x-access-token:<token>)` there unless told
// `persist-credentials: false`; GitLab and Azure set-ups use `PRIVATE-TOKEN:`
// or `Authorization: Bearer`. Read with `git config`, never by running
// anything from the repository; the header's value is never printed.
import type { Finding } from '../types.js';
import type { Engine } from '../scan/engine.js';
import { gitSync } from '../git/git.js';
import { extraHeaderCredential, repoFinding } from './rules.js';
import { shellQuote } from '../util/shell.js';
import { looksLikeCredential, redactConfigKey, redactUrlsIn } from '../report/redact-url.js';
import { preview } from '../report/redact.js';

export interface ConfigEntry {
  key: string;
  /** Undefined for a key written with no `=` (a bare boolean). */
  value?: string;
}

/**
 * `git config --null --list` output: `key\nvalue\0` per entry, or `key\0`
 * for a key with no value. git refuses a newline in a key, so the first
 * newline ends it; a value may hold newlines of its own.
 */
export function parseConfigList(out: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const nl = record.indexOf('\n');
    entries.push(nl === -1 ? { key: record } : { key: record.slice(0, nl), value: record.slice(nl + 1) });
  }
  return entries;
}

/** Header names whose value is a credential by their name alone. */
const CREDENTIAL_HEADER = /^(?:proxy-)?authorization$|token|key|secret|cookie|session|passw|credential|auth/i;
/** What a header's value is when nothing was put in it (a template or a mask). */
const EMPTY_VALUE = /^(?:[*x.]*|\$\{.*\}|\$\{\{.*\}\})$/i;

interface Header {
  /** The header's name and auth scheme when safe to print (`AUTHORIZATION basic`), else ''. */
  label: string;
  /** The credential part of the value: the fingerprint's key and what `--show-secrets` prints. */
  secret: string;
  /** Whether the header's name says it carries a credential. */
  named: boolean;
  /** Texts the content rules look at: the value and, for Basic, the decoded `user:token`. */
  texts: string[];
}

function printable(word: string): boolean {
  return /^[A-Za-z][A-Za-z0-9-]{0,39}$/.test(word) && !looksLikeCredential(word);
}

function parseHeader(value: string): Header | undefined {
  const colon = value.indexOf(':');
  const name = colon === -1 ? '' : value.slice(0, colon).trim();
  const rest = (colon === -1 ? value : value.slice(colon + 1)).trim();
  if (EMPTY_VALUE.test(rest)) return undefined;
  const scheme = /^([A-Za-z-]{1,20})\s+(\S.*)$/s.exec(rest);
  const texts = [value];
  let secret = rest;
  if (scheme && /^authorization$|^proxy-authorization$/i.test(name)) {
    secret = scheme[2]!.trim();
    if (EMPTY_VALUE.test(secret)) return undefined;
    if (/^basic$/i.test(scheme[1]!) && /^[A-Za-z0-9+/]+=*$/.test(secret))
      texts.push(Buffer.from(secret, 'base64').toString('utf8'));
  }
  const label = [name, scheme && /^authorization$|^proxy-authorization$/i.test(name) ? scheme[1]! : '']
    .filter((w) => w && printable(w))
    .join(' ');
  return { label, secret, named: name !== '' && CREDENTIAL_HEADER.test(name), texts };
}

/** The key as a command, or where to edit when the key itself holds a credential. */
function fixFor(key: string): string {
  const shown = redactConfigKey(key);
  if (shown === key) return `git config --unset-all ${shellQuote(key)}`;
  return `edit .git/config: remove extraheader from [http "${shown.slice(shown.indexOf('.') + 1, shown.lastIndexOf('.'))}"]`;
}

/** `text` with any URL in it redacted and the header's secrets masked: guards behind the redaction above. */
function hide(text: string, secrets: readonly string[]): string {
  let out = redactUrlsIn(text);
  for (const s of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  return out;
}

export function extraHeaderFindings(
  root: string,
  engine: Engine,
  warn: (message: string) => void = () => {},
): Finding[] {
  const r = gitSync(root, ['config', '--local', '--null', '--list']);
  if (r.status !== 0) {
    warn(
      `.git/config could not be read (${r.stderr.trim().split('\n')[0] || `git config exited ${r.status}`}): its http.extraHeader entries were not checked`,
    );
    return [];
  }
  const out: Finding[] = [];
  for (const { key, value } of parseConfigList(r.stdout.toString('utf8'))) {
    // git prints section and variable names in lower case; the URL between them keeps its case.
    if (value === undefined || !key.startsWith('http.') || !key.endsWith('.extraheader')) continue;
    const header = parseHeader(value);
    if (!header) continue;
    const found = header.texts.flatMap((text) =>
      engine.scan({ path: '.git/config', text, startLine: 1, origin: { kind: 'repo' } }),
    );
    // A provider rule names the token (ghs_, ghp_, glpat- …) better than the generic ones.
    const best =
      found.find((f) => f.ruleId !== 'url-credentials' && f.ruleId !== 'generic-secret-assignment') ?? found[0];
    if (!header.named && !best) continue;
    const what = best?.message ?? 'Credential';
    const job = best?.secret.startsWith('ghs_') ? ', a GitHub Actions job token valid until its job ends' : '';
    const message = `${what} in ${redactConfigKey(key)}${header.label ? ` (${header.label} header${job})` : job ? ` (${job.slice(2)})` : ''} (fix: ${fixFor(key)})`;
    out.push(
      repoFinding(extraHeaderCredential, '.git/config', hide(message, [header.secret, ...found.map((f) => f.secret)]), {
        secret: header.secret,
        preview: best?.preview ?? preview(header.secret),
        provider: best?.provider,
        // The rule's severity, not the token's: a ghs_ in a commit is an expired token, one in
        // .git/config belongs to a job that may still be running.
        severity: extraHeaderCredential.severity,
      }),
    );
  }
  return out;
}
