import type { Finding, Rule, ScanResult } from '../types.js';

export interface ReportContext {
  result: ScanResult;
  rules: Map<string, Rule>;
  showSecrets: boolean;
  color: boolean;
  quiet: boolean;
}

export type Reporter = (ctx: ReportContext) => string;

/** What a reporter may print for a finding's value. */
export function shownSecret(f: Finding, showSecrets: boolean): string {
  return showSecrets && f.secret ? f.secret : f.preview;
}
