import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { hasDigitAndLetter } from '../src/rulekit/keyed-rule.js';
import { BASE62, fakeToken } from '../src/rulekit/fake-token.js';

// Doppler documents its token formats for secret scanning: `dp.` + kind +
// `.` + 40–44 letters and digits; service tokens may carry the config's
// name as one more part (`dp.st.dev.…`).
const body = fakeToken(BASE62, 43, 1601);

const KINDS: Record<string, string> = {
  ct: 'Doppler CLI token',
  pt: 'Doppler personal token',
  st: 'Doppler service token',
  sa: 'Doppler service account token',
  said: 'Doppler service account identity token (short-lived)',
  scim: 'Doppler SCIM token',
  audit: 'Doppler audit token',
};

export const rules: Rule[] = [
  regexRule({
    id: 'doppler-token',
    provider: 'doppler',
    title: 'Doppler token',
    why: 'A Doppler token reads (and often writes) the secrets it is scoped to: for a personal or CLI token, every secret of every project its owner can reach.',
    severity: 'error',
    remediation: {
      rotate:
        'Doppler dashboard → Tokens (personal/CLI), the project config’s Access tab (service tokens) or Team → Service Accounts: revoke the token and create a new one; `doppler configs tokens revoke` for service tokens',
      store:
        'the CI secret store (`gh secret set DOPPLER_TOKEN`), or the platform’s Doppler integration that syncs secrets without a token in the repository',
      read: 'the Doppler CLI reads DOPPLER_TOKEN from the environment (`doppler run -- <command>`)',
    },
    helpUri: 'https://docs.doppler.com/docs/Auth-token-formats',
    keywords: ['dp.ct.', 'dp.pt.', 'dp.st.', 'dp.sa.', 'dp.said.', 'dp.scim.', 'dp.audit.'],
    pattern: new RegExp(
      `${LEFT}(?<secret>dp\\.(?<kind>ct|pt|sa|said|scim|audit|st(?:\\.[a-z0-9_-]{2,35})?)\\.(?<body>[A-Za-z0-9]{40,44}))${RIGHT}`,
    ),
    visiblePrefix: (s) => s.lastIndexOf('.') + 1,
    validate(_s, m) {
      if (!hasDigitAndLetter(m.groups!.body!)) return false;
      const kind = m.groups!.kind!.split('.')[0]!;
      return { message: KINDS[kind] ?? 'Doppler token' };
    },
    examples: {
      match: [`DOPPLER_TOKEN=dp.st.prd.${body}`, `DOPPLER_TOKEN="dp.pt.${body}"`, `dp.sa.${body}`],
      noMatch: [`DOPPLER_TOKEN=dp.st.${body.slice(0, 30)}`, `dp.xx.${body}`],
    },
  }),
];
