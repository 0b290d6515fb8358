import type { Finding, Rule, ScanResult } from '../../types.js';

export interface ReportContext {
  result: ScanResult;
  rules: Map<string, Rule>;
  showSecrets: boolean;
  color: boolean;
  quiet: boolean;
  /**
   * What the scan looked at, when it is not files (`the .gitignore policy`):
   * the human summary names it instead of counting files it never read.
   */
  subject?: string;
}

export type Reporter = (ctx: ReportContext) => string;

/** What a reporter may print for a finding's value. */
export function shownSecret(f: Finding, showSecrets: boolean): string {
  return showSecrets && f.secret ? f.secret : f.preview;
}
