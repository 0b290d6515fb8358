// What a `leaklint baseline` run may accept: the findings of a scan it ran,
// or those of a JSON report someone reviewed. Each becomes a candidate:
// the entries that accept it (one per path the secret stands at) and what
// `--review` shows of it. A report never brings a raw secret into the
// baseline: entries are built from its fingerprints alone.
import { readFileSync } from 'node:fs';
import type { BaselineEntry, EntrySource } from './baseline.js';
import { ConfigError } from '../config/config.js';
import { jsonErrorMessage } from '../config/json-error.js';
import { fingerprintKeyId, keyedFingerprint } from '../report/redact.js';
import { repoRules } from '../repo-checks/rules.js';
import type { Finding, Severity } from '../types.js';

/** What the review shows of a finding; `secret` only for a scan run here (it stays in memory, used to redact). */
export interface ShownFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  cell?: number;
  /** The redacted value, or '' when there is none to show. */
  preview: string;
  secret?: string;
  /** The commit it was first committed in (history findings). */
  commit?: string;
  /** Every path it was committed under, when more than its own. */
  paths?: string[];
  inHead?: boolean;
}

export interface Candidate {
  entries: BaselineEntry[];
  shown: ShownFinding;
}

/** The candidates of findings from a scan run by this process (fingerprints already under the baseline's key). */
export function candidatesOf(findings: Finding[], source?: EntrySource): Candidate[] {
  return findings.map((f) => {
    const places = f.history?.fingerprints ?? [{ path: f.file, fingerprint: f.fingerprint }];
    const entries = places.map((p) => ({
      fingerprint: p.fingerprint,
      rule: f.ruleId,
      path: p.path,
      ...(source ? { source } : {}),
    }));
    const shown: ShownFinding = {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      ...(f.cell !== undefined ? { cell: f.cell } : {}),
      preview: f.preview,
      secret: f.secret,
      ...(f.origin.kind === 'commit' ? { commit: f.origin.commit.sha } : {}),
      ...(f.history ? { paths: f.history.paths, inHead: f.history.inHead } : {}),
    };
    return { entries, shown };
  });
}

const FINGERPRINT = /^[0-9a-f]{32}$/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const REPO_RULES = new Set(repoRules.map((r) => r.id));
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1);

/**
 * The candidates of a JSON report's reported findings (`findings`; the
 * `suppressed` ones are accepted already). Its fingerprints are plain or
 * keyed (`summary.fingerprints`): plain ones are keyed here with `key`;
 * keyed ones are taken only when made under `key` itself (the report names
 * its key's id), since no other key can be undone.
 */
export function candidatesOfReport(file: string, key: string): Candidate[] {
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: ${code ? `cannot read it (${code})` : jsonErrorMessage(e)}`);
  }
  if (!isObject(report) || report.version !== 1 || !Array.isArray(report.findings) || !isObject(report.summary)) {
    throw new ConfigError(`${file}: not a leaklint JSON report (version 1; write one with --format json)`);
  }
  const { fingerprints, fingerprintKeyId: keyId } = report.summary;
  let accept: (fp: string) => string;
  if (fingerprints === 'plain') accept = (fp) => keyedFingerprint(key, fp);
  else if (fingerprints === 'keyed') {
    if (keyId !== fingerprintKeyId(key))
      throw new ConfigError(
        `${file}: its fingerprints are keyed with another baseline's key: scan again with this baseline (or with --no-baseline) and pass that report`,
      );
    accept = (fp) => fp;
  } else
    throw new ConfigError(
      `${file}: the report does not say which fingerprints it holds (written by an older leaklint): scan again and pass the new report`,
    );

  return report.findings.map((raw, i) => {
    const at = `${file}: findings[${i}]`;
    if (!isObject(raw)) throw new ConfigError(`${at} is not an object`);
    const { ruleId, file: path, fingerprint } = raw;
    if (typeof ruleId !== 'string' || typeof path !== 'string')
      throw new ConfigError(`${at} needs "ruleId" and "file"`);
    if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint))
      throw new ConfigError(`${at}.fingerprint must be 32 hex digits`);
    const history = isObject(raw.history) ? raw.history : undefined;
    const commit = typeof raw.commit === 'string' && SHA.test(raw.commit) ? raw.commit : undefined;
    const source: EntrySource | undefined = history || commit ? 'history' : REPO_RULES.has(ruleId) ? 'repo' : undefined;
    const places = Array.isArray(history?.fingerprints) ? (history.fingerprints as unknown[]) : [{ path, fingerprint }];
    const entries = places.map((p, j) => {
      const place = isObject(p) ? p : {};
      if (
        typeof place.path !== 'string' ||
        typeof place.fingerprint !== 'string' ||
        !FINGERPRINT.test(place.fingerprint)
      ) {
        throw new ConfigError(`${at}.history.fingerprints[${j}] needs a "path" and a 32-hex-digit "fingerprint"`);
      }
      return { fingerprint: accept(place.fingerprint), rule: ruleId, path: place.path, ...(source ? { source } : {}) };
    });
    // A report written with --show-secrets holds raw values: only a redacted preview (its mask) is ever shown.
    const value = typeof raw.secret === 'string' && raw.secret.includes('********') ? raw.secret : '';
    const paths = Array.isArray(history?.paths)
      ? (history.paths as unknown[]).filter((p): p is string => typeof p === 'string')
      : undefined;
    const shown: ShownFinding = {
      ruleId,
      severity: SEVERITIES.includes(raw.severity as Severity) ? (raw.severity as string) : 'error',
      message: typeof raw.message === 'string' ? raw.message : ruleId,
      file: path,
      line: int(raw.line),
      column: int(raw.column),
      endLine: int(raw.endLine),
      endColumn: int(raw.endColumn),
      ...(typeof raw.cell === 'number' ? { cell: int(raw.cell) } : {}),
      preview: value,
      ...(commit ? { commit } : {}),
      ...(paths ? { paths } : {}),
      ...(typeof history?.inHead === 'boolean' ? { inHead: history.inHead } : {}),
    };
    return { entries, shown };
  });
}
