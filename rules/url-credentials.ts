import type { ContentRule, Rule, RuleMatch } from '../src/types.js';
import { userinfoMayFollow } from '../src/rulekit/rulekit.js';
import { isStandInPassword, isSyntheticSecret } from '../src/rulekit/value-shapes.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate: 'rotate the password or token at the service the URL points to',
  store:
    'git: a credential helper (`gh auth setup-git`, Git Credential Manager, the OS keychain) or SSH; databases and brokers: assemble the URL at run time from values in the secret store',
  read: 'DATABASE_URL (or the password alone) from the environment; `git remote set-url origin https://host/owner/repo.git` to clean a remote',
};

// scheme://user:password@host — user and password stop at the characters URL syntax reserves.
export const URL_CREDENTIAL =
  /(?<![A-Za-z0-9+.-])(?<scheme>[a-z][a-z0-9+.-]{1,20}):\/\/(?<user>[^\s:@/"'<>`()[\]{}]{1,128}):(?<password>[^\s@/"'<>`()[\]{}]{1,256})@(?<host>[A-Za-z0-9._-]+|\[[0-9a-fA-F:]+\])/g;

/** What must follow `://` in a match: user, `:`, password, `@` (the pattern's own classes and bounds). */
const USER_PASSWORD_AT = /[^\s:@/"'<>`()[\]{}]{1,128}:[^\s@/"'<>`()[\]{}]{1,256}@/y;

/**
 * Whether some `://` in the text is followed by `user:password@`: nearly
 * every URL has none, and this check costs far less than the pattern's scan.
 */
function mayHoldCredential(text: string): boolean {
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 1)) {
    USER_PASSWORD_AT.lastIndex = at + 3;
    if (USER_PASSWORD_AT.test(text)) return true;
  }
  return false;
}

/** Exactly the matches of `allMatches(URL_CREDENTIAL, text)`. */
export function urlCredentialMatches(text: string): RegExpExecArray[] {
  return mayHoldCredential(text) ? allMatches(URL_CREDENTIAL, text) : [];
}

const OBVIOUS =
  /^(?:pass(?:word)?|passwd|pwd|secret|changeme|admin|root|user(?:name)?|token|none|null|foo|bar|baz|qux|xyz|abc|x+|\*+)$/i;
/** Hosts reserved for documentation and tests (RFC 2606, RFC 6761): no real credential points there. */
const DOC_HOSTS = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)$/i;
const TEMPLATE_CHARS = /[$%{}<>*]/;
const DEV_HOSTS =
  /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|db|database|postgres|mysql|redis|mongo|rabbitmq|host\.docker\.internal)$/i;

const urlCredential: ContentRule = {
  kind: 'content',
  id: 'url-credentials',
  provider: 'url-credentials',
  title: 'Credential embedded in a URL',
  why: 'A password or token inside a URL travels wherever the URL does: logs, shell history, CI output, copied configuration.',
  severity: 'error',
  remediation,
  keywords: ['://'],
  hitCanMatch: (bytes, _start, end) => userinfoMayFollow(bytes, end),
  // A provider rule that recognises the token itself (ghp_, hf_ …) names it better.
  fallback: true,
  get examples() {
    return {
      match: [
        `DATABASE_URL=postgres://app:${fake(20, ALNUM, 'url-db')}@db.acme-internal.io:5432/app`,
        // A local host: a warning.
        `CELERY_BROKER_URL=redis://default:${fake(20, ALNUM, 'url-redis')}@localhost:6379/0`,
      ],
      // Obvious stand-ins, templates and documentation hosts.
      noMatch: [
        'postgres://user:password@localhost/app',
        'https://user:${GITHUB_TOKEN}@github.com/acme/app.git',
        `postgres://app:${fake(20, ALNUM, 'url-doc')}@db.example.com/app`,
      ],
    };
  },
  match(text) {
    const out: RuleMatch[] = [];
    for (const m of urlCredentialMatches(text)) {
      const { user, password, host } = m.groups!;
      if (OBVIOUS.test(password!) || TEMPLATE_CHARS.test(password!) || password!.length < 3) continue;
      // `\uD7FF`-style escapes are string syntax in source, not a password someone typed.
      if (DOC_HOSTS.test(host!) || /\\[ux]/i.test(password!)) continue;
      // A stand-in for the password (`REPLACE_WITH_PASSWORD`, `mypassword`) is the template of a URL, not a credential.
      if (isStandInPassword(password!)) continue;
      const start = m.index! + m[0].lastIndexOf(`:${password}@`) + 1;
      const devDefault = DEV_HOSTS.test(host!) || password === user;
      // A typed-in test password (`password123`, `s3cret`) is worth a warning too, not an error.
      const synthetic = !devDefault && isSyntheticSecret(password!);
      out.push({
        start,
        end: start + password!.length,
        secret: password!,
        ...(devDefault
          ? { severity: 'warning' as const, message: `Credential in a URL for a local or development host (${host})` }
          : synthetic
            ? {
                severity: 'warning' as const,
                message: `Test-looking password in a ${m.groups!.scheme} URL for ${host}`,
              }
            : { message: `Credential embedded in a ${m.groups!.scheme} URL for ${host}` }),
      });
    }
    return out;
  },
};

export const rules: Rule[] = [urlCredential];
