import type { ContentRule, Rule, RuleMatch } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, BASE64, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate:
    'https://console.cloud.google.com/apis/credentials → regenerate or delete the key, and add API and application restrictions',
  store:
    'Google Secret Manager, or the CI secret store (`gh secret set GOOGLE_API_KEY`); for CI access to GCP, Workload Identity Federation instead of keys',
  read: 'GOOGLE_API_KEY / GEMINI_API_KEY from the environment',
};

const apiKey = regexRule({
  id: 'google-api-key',
  provider: 'google',
  title: 'Google API key',
  why: 'An unrestricted Google API key calls any API enabled in its project — Gemini, Maps and others — billed to that project.',
  severity: 'error',
  remediation,
  helpUri: 'https://cloud.google.com/docs/authentication/api-keys',
  keywords: ['AIza'],
  pattern: new RegExp(`${LEFT}(?<secret>AIza[A-Za-z0-9_-]{35})${RIGHT_WITH_DASH}`),
  visiblePrefix: 4,
  get examples() {
    return {
      match: [
        `GEMINI_API_KEY=AIza${fake(35, ALNUM, 'google-key')}`,
        `"current_key": "AIza${fake(35, ALNUM, 'google-key-2')}"`,
      ],
      noMatch: [`AIza${fake(30, ALNUM, 'google-key-short')}`, 'GOOGLE_API_KEY=AIza...'],
    };
  },
  validate: (_secret, m, { text }) =>
    isAndroidSdkKey(text, m.index)
      ? {
          severity: 'warning',
          message:
            'Google API key in an Android Firebase/Google SDK config (shipped in the app; restrict it by package and API)',
        }
      : true,
});

/**
 * Whether the key is where the Android SDK configs put it: `"current_key"` in
 * google-services.json, or a `google_api_key`-style string resource in
 * strings.xml. Those keys ship inside every build of the app; Google expects
 * them to be restricted rather than secret, so they are a warning.
 */
function isAndroidSdkKey(text: string, at: number): boolean {
  // Only the 200 characters before the key, never the whole line: a minified line may hold thousands of keys.
  const window = text.slice(Math.max(0, at - 200), at);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  return (
    /"current_key"\s*:\s*"$/.test(before) ||
    /<string\s+name="(?:google_api_key|google_crash_reporting_api_key|firebase_[a-z_]*key)"[^<>]*>$/.test(before)
  );
}

const oauthClientSecret = regexRule({
  id: 'google-oauth-client-secret',
  provider: 'google',
  title: 'Google OAuth client secret',
  why: 'With the client secret anyone can impersonate your OAuth application to Google’s sign-in.',
  severity: 'error',
  remediation: {
    ...remediation,
    rotate: 'Cloud Console → APIs & Services → Credentials → the OAuth client → reset the secret',
  },
  helpUri: 'https://support.google.com/cloud/answer/6158849',
  keywords: ['GOCSPX-'],
  pattern: new RegExp(`${LEFT}(?<secret>GOCSPX-[A-Za-z0-9_-]{28})${RIGHT_WITH_DASH}`),
  visiblePrefix: 7,
  get examples() {
    return {
      match: [`"client_secret": "GOCSPX-${fake(28, ALNUM, 'google-oauth')}"`],
      noMatch: [`GOCSPX-${fake(20, ALNUM, 'google-oauth-short')}`, '"client_secret": "GOCSPX-<secret>"'],
    };
  },
});

// Google OAuth refresh tokens (gcloud's application_default_credentials.json
// `authorized_user` files, quickstarts' token.json) start `1//0`: a slash
// pair no other credential format uses.
const refreshToken = regexRule({
  id: 'google-oauth-refresh-token',
  provider: 'google',
  title: 'Google OAuth refresh token',
  why: 'A refresh token mints new access tokens for its user, with every scope granted to it, until it is revoked: an `authorized_user` file is a login.',
  severity: 'error',
  remediation: {
    ...remediation,
    rotate:
      'https://myaccount.google.com/permissions → remove the application’s access (for gcloud ADC: `gcloud auth application-default revoke`), then sign in again',
    store: 'nowhere in the repository: ADC files live in ~/.config/gcloud; in CI use Workload Identity Federation',
    read: 'Application Default Credentials find the file by themselves (GOOGLE_APPLICATION_CREDENTIALS names a path outside the repository)',
  },
  helpUri: 'https://cloud.google.com/docs/authentication/application-default-credentials',
  keywords: ['1//0'],
  pattern: /(?<![A-Za-z0-9_/])(?<secret>1\/\/0[A-Za-z0-9_-]{40,512})(?![A-Za-z0-9_-])/,
  visiblePrefix: 4,
  // A documentation run of one letter is not a token: real bodies mix cases and digits.
  validate: (secret) => /[A-Z]/.test(secret.slice(4)) && /[a-z]/.test(secret.slice(4)),
  get examples() {
    return {
      match: [`"refresh_token": "1//0${fake(99, `${ALNUM}-_`, 'google-refresh')}"`],
      noMatch: [
        '"refresh_token": "1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        'https://example.com/1//0abc',
      ],
    };
  },
});

/** `"type": "service_account"` with the quotes escaped any number of times (a key file pasted into a JSON or Python string). */
const SERVICE_ACCOUNT_TYPE = /type\\{0,3}["']\s{0,8}:\s{0,8}\\{0,3}["']service_account/;
/** A PKCS#8 PEM inside a JSON string: line breaks written as `\n`, `\\n` (escaped twice) or real ones. */
const ESCAPED_PEM =
  /-----BEGIN PRIVATE KEY-----(?<body>(?:\\{1,3}[nr]|[A-Za-z0-9+/=\s]){64,8192})-----END PRIVATE KEY-----/g;

/**
 * The service-account key file's shape: `"type": "service_account"` and a
 * `private_key` PEM, however many times the JSON was escaped. Where the PEM
 * rule reads the key itself (a key file as Google wrote it) its finding is
 * the one kept; this rule reports the keys that rule cannot read, such as a
 * key file pasted into another JSON string (`\\n` line breaks).
 */
const serviceAccountKey: ContentRule = {
  kind: 'content',
  id: 'google-service-account-key',
  provider: 'google',
  title: 'Google Cloud service-account key (JSON key file)',
  why: 'A service-account key signs in as the service account, with every IAM role it holds, until the key is deleted.',
  severity: 'error',
  remediation: {
    ...remediation,
    rotate:
      'IAM & Admin → Service Accounts → Keys → delete the key (`gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL`), then create a new one if still needed',
  },
  helpUri: 'https://cloud.google.com/iam/docs/keys-create-delete',
  keywords: ['service_account'],
  // The key file puts `type` first and the PEM a few lines below; pretty-printed files keep the key on one line.
  contextLines: 30,
  fallback: true,
  ownPlaceholderCheck: true,
  match(text) {
    if (!SERVICE_ACCOUNT_TYPE.test(text)) return [];
    const out: RuleMatch[] = [];
    for (const m of allMatches(ESCAPED_PEM, text)) {
      const data = m.groups!.body!.replace(/\\+[nr]|\s/g, '');
      // A truncated example (`MIIE...`) or a run of one letter is not a key.
      if (data.length < 64 || new Set(data).size < 16) continue;
      out.push({
        start: m.index!,
        end: m.index! + m[0].length,
        secret: data,
        message: 'Google Cloud service-account key (private key of a JSON key file)',
      });
    }
    return out;
  },
  get examples() {
    return {
      match: [
        `{"credentials": "{\\"type\\": \\"service_account\\", \\"private_key\\": \\"-----BEGIN PRIVATE KEY-----\\\\nMIIE${fake(64, BASE64, 'google-sa-1')}\\\\n${fake(64, BASE64, 'google-sa-2')}\\\\n-----END PRIVATE KEY-----\\\\n\\"}"}`,
      ],
      noMatch: [
        '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE...\\n-----END PRIVATE KEY-----\\n"}',
        '{"type": "authorized_user"}',
      ],
    };
  },
};

export const rules: Rule[] = [apiKey, oauthClientSecret, refreshToken, serviceAccountKey];
