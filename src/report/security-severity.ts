// The `security-severity` score GitHub code scanning reads from a SARIF rule's
// properties (a number from 0.0 to 10.0, as a string) to rank an alert:
// 9.0 and up is critical, 7.0–8.9 high, 4.0–6.9 medium, below 4.0 low.
import type { Severity } from '../types.js';

/**
 * Credentials that publish code or packages, control cloud infrastructure or
 * deployments, or move money: one leak reaches everyone downstream.
 */
const CRITICAL_PROVIDERS = new Set(['aws', 'github', 'gitlab', 'npm', 'pypi', 'private-key', 'stripe', 'vercel']);
/** A name-and-shape guess rather than a provider's own format: less certain, so ranked lower. */
const GUESSING_PROVIDERS = new Set(['generic']);

/** The score for a finding of `provider` at the (possibly reconfigured) `severity`. */
export function securitySeverity(severity: Severity, provider: string): string {
  if (severity === 'info') return '2.0';
  if (severity === 'warning') return '5.0';
  if (CRITICAL_PROVIDERS.has(provider)) return '9.0';
  return GUESSING_PROVIDERS.has(provider) ? '7.0' : '8.0';
}
