// URLs from a repository's configuration reach findings: in a message, in a
// config key (`url.<base>.insteadOf`, `http.<url>.extraHeader`), in a command
// to paste. Every part of a URL that can carry a credential is masked for
// display (`redactUrl`) or dropped for a command to run (`cleanUrl`), so no
// token is printed whichever part of the URL holds it.

export const MASK = '***';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Query parameter names that say their value is a credential. */
const SECRET_NAME = /token|secret|pass|pwd|key|auth|sig|cred|session|sid|jwt|bearer|code|private|access|login/i;
/** Literal prefixes of well-known tokens (GitHub, GitLab, HF, npm, PyPI, OpenAI, Slack, AWS, Google, JWT …). */
const TOKEN_PREFIX =
  /^(?:gh[pousr]_|github_pat_|gl[a-z]{2,5}-|hf_|api_org_|npm_|pypi-|sk-|sk_|rk_|xox[a-z]-|xapp-|AKIA|ASIA|AIza|r8_|gsk_|sntry[a-z]_|pn[ub]_|wandb_|eyJ)/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Whether a URL component (decoded) looks like a credential rather than a
 * word: a known token prefix, or 16+ characters mixing letters and digits.
 * Erring towards masking costs a harmless value; erring the other way prints a token.
 */
export function looksLikeCredential(raw: string): boolean {
  const v = decode(raw);
  if (TOKEN_PREFIX.test(v)) return true;
  return v.length >= 16 && /[A-Za-z]/.test(v) && /[0-9]/.test(v);
}

interface UrlParts {
  /** `scheme://`, or '' for scp-like (`user@host:path`) and local forms. */
  scheme: string;
  userinfo?: string;
  host: string;
  path: string;
  query?: string;
  fragment?: string;
}

/**
 * Split without normalising (WHATWG URL rewrites and rejects what git
 * accepts). The authority runs to the first `/`, and the userinfo to the last
 * `@` in it, so a `#`, `?` or `@` inside a password is counted as userinfo:
 * when in doubt, more is masked, never less.
 */
function split(url: string): UrlParts {
  const scheme = SCHEME.exec(url)?.[0] ?? '';
  let rest = url.slice(scheme.length);
  let userinfo: string | undefined;
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    userinfo = authority.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let fragment: string | undefined;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | undefined;
  const q = rest.indexOf('?');
  if (q !== -1) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let pathStart = scheme ? rest.indexOf('/') : -1;
  // `https://user:pa/ss@host/x`: a password with a raw `/` leaves a "host" with a `:` and an
  // `@` in the path; take everything up to that `@` as userinfo (`/@scope` stays a path).
  const at2 = rest.lastIndexOf('@');
  if (
    scheme &&
    userinfo === undefined &&
    pathStart !== -1 &&
    rest.slice(0, pathStart).includes(':') &&
    at2 > pathStart &&
    rest[at2 - 1] !== '/'
  ) {
    userinfo = rest.slice(0, at2);
    rest = rest.slice(at2 + 1);
    pathStart = rest.indexOf('/');
  }
  const host = pathStart === -1 ? (scheme ? rest : '') : rest.slice(0, pathStart);
  const path = pathStart === -1 ? (scheme ? '' : rest) : rest.slice(pathStart);
  return { scheme, userinfo, host, path, query, fragment };
}

/** A user name with no password that is no credential itself (`git@`, `user@`) is kept. */
function plainUser(userinfo: string): boolean {
  return !userinfo.includes(':') && !looksLikeCredential(userinfo) && /^[\w.+-]{1,64}$/.test(decode(userinfo));
}

function secretParam(param: string): boolean {
  const eq = param.indexOf('=');
  const name = eq === -1 ? param : param.slice(0, eq);
  const value = eq === -1 ? '' : param.slice(eq + 1);
  return looksLikeCredential(name) || (value !== '' && (SECRET_NAME.test(decode(name)) || looksLikeCredential(value)));
}

/** Path segments holding a known token shape (`https://host/<token>/repo.git`). */
function secretSegment(segment: string): boolean {
  return TOKEN_PREFIX.test(decode(segment)) && decode(segment).length >= 12;
}

function build(p: UrlParts): string {
  return `${p.scheme}${p.userinfo !== undefined ? `${p.userinfo}@` : ''}${p.host}${p.path}${p.query !== undefined ? `?${p.query}` : ''}${p.fragment !== undefined ? `#${p.fragment}` : ''}`;
}

/**
 * `url` for display: the userinfo (unless it is a plain user name), a
 * credential-looking query value or parameter, any fragment, and path
 * segments shaped like tokens become `***`; the rest is kept so the owner
 * recognises the URL.
 */
export function redactUrl(url: string): string {
  const p = split(url);
  if (p.userinfo !== undefined && !plainUser(p.userinfo)) p.userinfo = MASK;
  p.path = p.path
    .split('/')
    .map((s) => (secretSegment(s) ? MASK : s))
    .join('/');
  if (p.query !== undefined) {
    p.query = p.query
      .split(/([&;])/)
      .map((part) => {
        if (part === '&' || part === ';' || !secretParam(part)) return part;
        const eq = part.indexOf('=');
        return eq === -1 || looksLikeCredential(part.slice(0, eq)) ? MASK : `${part.slice(0, eq)}=${MASK}`;
      })
      .join('');
  }
  if (p.fragment) p.fragment = MASK;
  return build(p);
}

/**
 * `url` with its credentials dropped, for a command to run (`git remote
 * set-url`): no userinfo beyond a plain user name, no credential parameter,
 * no fragment. Undefined when a credential sits in the path, where dropping
 * it would name another repository.
 */
export function cleanUrl(url: string): string | undefined {
  const p = split(url);
  if (p.path.split('/').some(secretSegment)) return undefined;
  if (p.userinfo !== undefined && !plainUser(p.userinfo)) p.userinfo = undefined;
  if (p.query !== undefined) {
    const kept = p.query.split(/[&;]/).filter((part) => part !== '' && !secretParam(part));
    p.query = kept.length ? kept.join('&') : undefined;
  }
  p.fragment = undefined;
  return build(p);
}

/** Every `scheme://…` URL inside free text (a config value, a message) redacted. */
export function redactUrlsIn(text: string): string {
  // The lookbehind starts a match only where a scheme can start: linear on a long run of letters.
  return text.replace(/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*/gi, redactUrl);
}

/**
 * A git config key with its subsection redacted as a URL: the subsection of
 * `url.<base>.insteadOf`, `url.<base>.pushInsteadOf` or `http.<url>.extraHeader`
 * is a URL and may hold the token itself.
 */
export function redactConfigKey(key: string): string {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first === -1 || last <= first) return key;
  return `${key.slice(0, first + 1)}${redactUrl(key.slice(first + 1, last))}${key.slice(last)}`;
}
