// Credentials in remote URLs: `remote.*.url`/`pushurl`, `url.*.insteadOf`
// and `pushInsteadOf` rewrites in the repository's config, and submodule URLs
// in .gitmodules. Read with `git config`, never by running anything from the
// repository. Every URL and key that reaches the finding is redacted: the
// token may sit in the userinfo, the query, the fragment or the key itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../types.js';
import type { Engine } from '../scan/engine.js';
import { gitSync } from '../git/git.js';
import { remoteCredential, repoFinding } from './rules.js';
import { shellQuote } from '../util/shell.js';
import { cleanUrl, redactConfigKey, redactUrl, redactUrlsIn } from '../report/redact-url.js';

interface ConfigUrl {
  key: string;
  url: string;
  file: string;
}

function configUrls(root: string, args: string[], file: string, warn: (message: string) => void): ConfigUrl[] {
  const r = gitSync(root, [
    'config',
    ...args,
    '-z',
    '--get-regexp',
    String.raw`^(remote\..*\.(url|pushurl)|url\..*\.(push)?insteadof|submodule\..*\.url)$`,
  ]);
  // Status 1 means "no such key"; anything else is a file git cannot parse.
  if (r.status !== 0) {
    if (r.status !== 1)
      warn(
        `${file} could not be read (${r.stderr.trim().split('\n')[0] || `git config exited ${r.status}`}): its URLs were not checked`,
      );
    return [];
  }
  const out: ConfigUrl[] = [];
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl === -1) continue;
    const key = entry.slice(0, nl);
    // For insteadOf the URL git connects to is in the key (url.<base>.insteadof); the value is checked too.
    if (key.startsWith('url.')) out.push({ key, url: key.slice(4, key.lastIndexOf('.')), file });
    out.push({ key, url: entry.slice(nl + 1), file });
  }
  return out;
}

/** The remote name for `git remote set-url`, when the key is a remote's. */
function remoteName(key: string): string | undefined {
  return /^remote\.(.+)\.(?:url|pushurl)$/.exec(key)?.[1];
}

/** What to do about one URL, naming it only in redacted form. */
function fixFor(key: string, url: string, file: string): string {
  const name = remoteName(key);
  const clean = cleanUrl(url);
  if (name && clean !== undefined) return `git remote set-url ${shellQuote(name)} ${shellQuote(clean)}`;
  // A rewrite whose key holds the token: a command naming the key would print it.
  const base = /^url\.(.+)\.(?:push)?insteadof$/.exec(key)?.[1];
  if (base !== undefined && base === url) return `edit ${file}: remove the [url "${redactUrl(base)}"] section`;
  return `edit ${file}: ${redactConfigKey(key)} = ${clean ?? redactUrl(url)}`;
}

/** `text` with any URL in it redacted and each secret the rules found replaced by its preview: guards behind the redaction above. */
function hide(text: string, found: readonly Finding[]): string {
  let out = redactUrlsIn(text);
  for (const f of [...found].sort((a, b) => b.secret.length - a.secret.length))
    if (f.secret) out = out.split(f.secret).join(f.preview);
  return out;
}

export function remoteFindings(root: string, engine: Engine, warn: (message: string) => void = () => {}): Finding[] {
  const urls = configUrls(root, ['--local'], '.git/config', warn);
  if (existsSync(join(root, '.gitmodules')))
    urls.push(...configUrls(root, ['--file', join(root, '.gitmodules')], '.gitmodules', warn));
  const out: Finding[] = [];
  for (const { key, url, file } of urls) {
    // Let the provider rules name the token (hf_, ghp_, glpat- …) wherever it sits in the URL
    // (userinfo, query, path); a bare user name is no credential.
    const found = engine.scan({ path: file, text: url, startLine: 1, origin: { kind: 'repo' } });
    const best = found.find((f) => f.ruleId !== 'url-credentials') ?? found[0];
    if (!best) continue;
    out.push(
      repoFinding(
        remoteCredential,
        file,
        hide(`${best.message} in ${redactConfigKey(key)} (fix: ${fixFor(key, url, file)})`, found),
        {
          secret: best.secret,
          preview: best.preview,
          severity: best.severity,
          provider: best.provider,
        },
      ),
    );
  }
  return out;
}
