// Credentials in remote URLs: `remote.*.url`/`pushurl`, `url.*.insteadOf`
// rewrites in the repository's config, and submodule URLs in .gitmodules.
// Read with `git config`, never by running anything from the repository.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../types.js';
import type { Engine } from '../engine.js';
import { gitSync } from '../git.js';
import { remoteCredential, repoFinding } from './rules.js';
import { shellQuote } from '../shell.js';

interface ConfigUrl {
  key: string;
  url: string;
  file: string;
}

function configUrls(root: string, args: string[], file: string, warn: (message: string) => void): ConfigUrl[] {
  const r = gitSync(root, ['config', ...args, '-z', '--get-regexp', String.raw`^(remote\..*\.(url|pushurl)|url\..*\.insteadof|submodule\..*\.url)$`]);
  // Status 1 means "no such key"; anything else is a file git cannot parse.
  if (r.status !== 0) {
    if (r.status !== 1) warn(`${file} could not be read (${r.stderr.trim().split('\n')[0] || `git config exited ${r.status}`}): its URLs were not checked`);
    return [];
  }
  const out: ConfigUrl[] = [];
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    const nl = entry.indexOf('\n');
    if (nl === -1) continue;
    const key = entry.slice(0, nl);
    // For insteadOf the credential-bearing URL is in the key (url.<base>.insteadof).
    const url = key.startsWith('url.') ? key.slice(4, key.lastIndexOf('.')) : entry.slice(nl + 1);
    out.push({ key, url, file });
  }
  return out;
}

/** The remote name for `git remote set-url`, when the key is a remote's. */
function remoteName(key: string): string | undefined {
  return /^remote\.(.+)\.(?:url|pushurl)$/.exec(key)?.[1];
}

function cleanUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

export function remoteFindings(root: string, engine: Engine, warn: (message: string) => void = () => {}): Finding[] {
  const urls = configUrls(root, ['--local'], '.git/config', warn);
  if (existsSync(join(root, '.gitmodules'))) urls.push(...configUrls(root, ['--file', join(root, '.gitmodules')], '.gitmodules', warn));
  const out: Finding[] = [];
  for (const { key, url, file } of urls) {
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/\s]+)@/i.exec(url)?.[1];
    if (!userinfo) continue;
    // Let the provider rules name the token (hf_, ghp_, glpat- …); a bare user name is no credential.
    const found = engine.scan({ path: file, text: url, startLine: 1, origin: { kind: 'repo' } });
    const best = found.find((f) => f.ruleId !== 'url-credentials') ?? found[0];
    if (!best) continue;
    const name = remoteName(key);
    const fix = name ? `git remote set-url ${shellQuote(name)} ${shellQuote(cleanUrl(url))}` : `edit ${file}: ${key} = ${cleanUrl(url)}`;
    out.push(
      repoFinding(remoteCredential, file, `${best.message} in ${key} (fix: ${fix})`, {
        secret: best.secret,
        preview: best.preview,
        severity: best.severity,
        provider: best.provider,
      }),
    );
  }
  return out;
}
