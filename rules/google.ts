import type { Rule } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, regexRule } from '../src/rulekit.js';
import { ALNUM, fake } from '../src/fakes.js';

const remediation = {
  rotate: 'https://console.cloud.google.com/apis/credentials → regenerate or delete the key, and add API and application restrictions',
  store: 'Google Secret Manager, or the CI secret store (`gh secret set GOOGLE_API_KEY`); for CI access to GCP, Workload Identity Federation instead of keys',
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
      match: [`GEMINI_API_KEY=AIza${fake(35, ALNUM, 'google-key')}`, `"current_key": "AIza${fake(35, ALNUM, 'google-key-2')}"`],
      noMatch: [`AIza${fake(30, ALNUM, 'google-key-short')}`, 'GOOGLE_API_KEY=AIza...'],
    };
  },
  validate: (_secret, m, { text }) =>
    isAndroidSdkKey(text, m.index) ? { severity: 'warning', message: 'Google API key in an Android Firebase/Google SDK config (shipped in the app; restrict it by package and API)' } : true,
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
  return /"current_key"\s*:\s*"$/.test(before) || /<string\s+name="(?:google_api_key|google_crash_reporting_api_key|firebase_[a-z_]*key)"[^<>]*>$/.test(before);
}

const oauthClientSecret = regexRule({
  id: 'google-oauth-client-secret',
  provider: 'google',
  title: 'Google OAuth client secret',
  why: 'With the client secret anyone can impersonate your OAuth application to Google’s sign-in.',
  severity: 'error',
  remediation: { ...remediation, rotate: 'Cloud Console → APIs & Services → Credentials → the OAuth client → reset the secret' },
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

export const rules: Rule[] = [apiKey, oauthClientSecret];
