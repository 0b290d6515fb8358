import type { Rule } from '../src/types.js';
import { LEFT, RIGHT, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';

const remediation = {
  rotate:
    'https://dashboard.stripe.com/apikeys → Roll key (webhook secrets: Developers → Webhooks → the endpoint → Roll secret)',
  store: 'the platform or CI secret store, with restricted keys of minimal permissions',
  read: 'STRIPE_SECRET_KEY from the environment on the server only (never in NEXT_PUBLIC_ / VITE_ variables)',
};
const helpUri = 'https://docs.stripe.com/keys';

const secretKey = regexRule({
  id: 'stripe-secret-key',
  provider: 'stripe',
  title: 'Stripe secret or restricted key',
  why: 'A live Stripe secret key moves money: it creates charges and refunds and reads customer data.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
  pattern: new RegExp(`${LEFT}(?<secret>[sr]k_(?<mode>live|test)_[A-Za-z0-9]{20,250})${RIGHT}`),
  visiblePrefix: 8,
  get examples() {
    return {
      match: [
        `STRIPE_SECRET_KEY=sk_live_${fake(99, ALNUM, 'stripe-live')}`,
        `STRIPE_KEY=rk_test_${fake(24, ALNUM, 'stripe-test')}`,
      ],
      // A publishable key is public by design.
      noMatch: [`STRIPE_PUBLISHABLE_KEY=pk_live_${fake(99, ALNUM, 'stripe-pk')}`, 'STRIPE_SECRET_KEY=sk_live_...'],
    };
  },
  // Test-mode keys reach only test data: still to be rotated, but not a release blocker.
  validate: (_s, m) =>
    m.groups!.mode === 'test'
      ? { severity: 'warning', message: 'Stripe test-mode key (reaches test data only)' }
      : true,
});

const webhookSecret = regexRule({
  id: 'stripe-webhook-secret',
  provider: 'stripe',
  title: 'Stripe webhook signing secret',
  why: 'With the signing secret anyone can forge webhook events that your endpoint will trust.',
  severity: 'error',
  remediation,
  helpUri: 'https://docs.stripe.com/webhooks#verify-events',
  keywords: ['whsec_'],
  pattern: new RegExp(`${LEFT}(?<secret>whsec_[A-Za-z0-9+/]{24,80}={0,2})(?![A-Za-z0-9+/=])`),
  visiblePrefix: 6,
  get examples() {
    return {
      match: [`STRIPE_WEBHOOK_SECRET=whsec_${fake(32, ALNUM, 'stripe-whsec')}`],
      noMatch: [`whsec_${fake(12, ALNUM, 'stripe-whsec-short')}`, 'STRIPE_WEBHOOK_SECRET=whsec_...'],
    };
  },
});

export const rules: Rule[] = [secretKey, webhookSecret];
