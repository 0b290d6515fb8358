// Accepted findings, by fingerprint (rule id, path, secret — no line number),
// in a file written to merge well: sorted, one entry per line, no timestamps.
// Version 2 files carry a random key and store keyed fingerprints (see
// keyedFingerprint): a leaked baseline is no lookup table for its secrets.
// Version 1 files (plain SHA-256 fingerprints) are still read, and become
// version 2 the next time `leaklint baseline` writes them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Finding } from '../types.js';
import { ConfigError } from '../config/config.js';
import { jsonErrorMessage } from '../config/json-error.js';
import { keyedFingerprint } from '../report/redact.js';
import { randomHex } from '../util/sha256.js';
import { readFileWithin, writeFileWithin } from '../util/safe-write.js';

export const BASELINE_FILE = '.leaklint-baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  reason?: string;
  /** YYYY-MM-DD: from that day on the entry no longer accepts its finding (a temporary exception). */
  expires?: string;
  /**
   * What kind of scan accepted it: `history` (a history scan, or a report of
   * one) or `repo` (a repository check, from a report). Absent: the working
   * tree. Each kind is judged stale, and pruned, only by a scan of that kind.
   */
  source?: EntrySource;
}

export type EntrySource = 'history' | 'repo';
const SOURCES: readonly string[] = ['history', 'repo'];

export interface Baseline {
  /** 64 hex digits; absent in a version 1 file, whose fingerprints are plain. */
  key?: string;
  entries: BaselineEntry[];
}

/** The bound a baseline file is read and written within: the repository for a file in it, else the file's own directory. */
function boundOf(file: string, root: string | undefined): string {
  const rel = root === undefined ? '..' : relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? dirname(file) : root!;
}

/** `root`: a file inside that repository is read without following a symlink (or waiting on a FIFO) on the way. */
export function readBaseline(file: string, root?: string): Baseline {
  let raw: unknown;
  const text =
    root === undefined ? readFileSync(file, 'utf8') : readFileWithin(boundOf(resolve(file), root), resolve(file));
  if (text === undefined) throw new ConfigError(`baseline file not found: ${file}`);
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: ${jsonErrorMessage(e)}`);
  }
  const { entries, key, version } = (raw ?? {}) as { entries?: unknown; key?: unknown; version?: unknown };
  if (!Array.isArray(entries)) throw new ConfigError(`${file}: "entries" must be an array`);
  if (key !== undefined && (typeof key !== 'string' || !/^[0-9a-f]{64}$/.test(key)))
    throw new ConfigError(`${file}: "key" must be 64 lowercase hex digits`);
  if (version === 2 && key === undefined) throw new ConfigError(`${file}: a version 2 baseline needs its "key"`);
  return {
    ...(typeof key === 'string' ? { key } : {}),
    entries: entries.map((e, i) => {
      const o = e as Record<string, unknown>;
      for (const k of ['fingerprint', 'rule', 'path'])
        if (typeof o?.[k] !== 'string') throw new ConfigError(`${file}: "entries[${i}].${k}" must be a string`);
      if (o.expires !== undefined && (typeof o.expires !== 'string' || !isDay(o.expires)))
        throw new ConfigError(`${file}: "entries[${i}].expires" must be a date written YYYY-MM-DD`);
      if (o.source !== undefined && !SOURCES.includes(o.source as string))
        throw new ConfigError(
          `${file}: "entries[${i}].source" must be one of ${SOURCES.map((x) => `"${x}"`).join(', ')}`,
        );
      return {
        fingerprint: o.fingerprint as string,
        rule: o.rule as string,
        path: o.path as string,
        ...optional(o as Partial<BaselineEntry>),
      };
    }),
  };
}

/** A new baseline's key: random, so no two baselines share fingerprints for the same secret. */
export function newBaselineKey(): string {
  return randomHex(32);
}

/** A version 1 baseline under `key`: every entry keeps its place, its fingerprint becomes the keyed one. */
export function migrateBaseline(old: Baseline, key: string): BaselineEntry[] {
  return old.key ? old.entries : old.entries.map((e) => ({ ...e, fingerprint: keyedFingerprint(key, e.fingerprint) }));
}

export function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** The optional fields an entry carries, in the order they are written. */
function optional(e: Partial<BaselineEntry>): Pick<BaselineEntry, 'reason' | 'expires' | 'source'> {
  return {
    ...(typeof e.reason === 'string' && e.reason ? { reason: e.reason } : {}),
    ...(typeof e.expires === 'string' ? { expires: e.expires } : {}),
    ...(e.source ? { source: e.source } : {}),
  };
}

/** Today as YYYY-MM-DD (UTC), the form `expires` is compared in. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function compare(a: BaselineEntry, b: BaselineEntry): number {
  return a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint);
}

/** Sorted, one entry per line: two branches that each add an entry merge without conflict. */
export function formatBaseline(key: string, entries: BaselineEntry[]): string {
  const lines = [...entries]
    .sort(compare)
    .map((e) => '    ' + JSON.stringify({ fingerprint: e.fingerprint, rule: e.rule, path: e.path, ...optional(e) }));
  return `{\n  "version": 2,\n  "key": ${JSON.stringify(key)},\n  "entries": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

/**
 * Written without following a symlink and, for a file inside the repository
 * at `root`, without leaving it (a committed `.leaklint-baseline.json ->
 * ~/.bashrc` is refused); a file named elsewhere stays in its own directory.
 */
export function writeBaseline(file: string, key: string, entries: BaselineEntry[], root: string): void {
  writeFileWithin(boundOf(file, root), file, formatBaseline(key, entries));
}

/** The baseline a scan uses: --baseline FILE, or the repository's own file when present; none with --no-baseline. */
export function baselinePath(option: string | boolean | undefined, root: string): string | undefined {
  if (option === false) return undefined;
  if (typeof option === 'string' && option !== '') {
    if (!existsSync(option)) throw new ConfigError(`baseline file not found: ${option}`);
    return option;
  }
  const file = join(root, BASELINE_FILE);
  return existsSync(file) ? file : undefined;
}

/** Matches findings against a baseline and remembers which entries were used. */
export class BaselineMatcher {
  private readonly byFingerprint: Map<string, BaselineEntry>;
  private readonly used = new Set<string>();

  private readonly expiredUsed = new Set<string>();

  constructor(
    readonly entries: BaselineEntry[],
    private readonly day = today(),
  ) {
    this.byFingerprint = new Map(entries.map((e) => [e.fingerprint, e]));
  }

  accept(f: Finding): string | undefined {
    const e = this.byFingerprint.get(f.fingerprint);
    if (!e) return undefined;
    this.used.add(e.fingerprint);
    // An expired exception reports its finding again, so the temporary stays temporary.
    if (e.expires && e.expires <= this.day) {
      this.expiredUsed.add(e.fingerprint);
      return undefined;
    }
    return e.reason ? `baseline: ${e.reason}` : 'baseline';
  }

  /** Entries whose expiry has come and whose finding is still there. */
  expired(): BaselineEntry[] {
    return this.entries.filter((e) => this.expiredUsed.has(e.fingerprint));
  }

  /** Entries, among those `covered` (default: all), no finding matched: the secret was removed, moved or changed. */
  stale(covered: (e: BaselineEntry) => boolean = () => true): BaselineEntry[] {
    return this.entries.filter((e) => !this.used.has(e.fingerprint) && covered(e));
  }
}

/**
 * The new entries. Without `prune`: every entry `found` (keeping the reason,
 * expiry and source already given unless `found` brings its own) plus every
 * old entry. With `prune`: old entries only, less those in scope (what this
 * run read) that nothing found matched; prune never accepts anything.
 * `unaccepted` counts found entries left out. An entry found by a history
 * scan becomes a history entry, and one from history stays one when the
 * working tree holds it too (history still does).
 */
export function mergeBaseline(
  old: BaselineEntry[],
  found: BaselineEntry[],
  opts: { prune: boolean; inScope: (e: BaselineEntry) => boolean },
): { entries: BaselineEntry[]; added: number; stale: number; unaccepted: number } {
  const oldBy = new Map(old.map((e) => [e.fingerprint, e]));
  const current = new Map<string, BaselineEntry>();
  for (const f of found) {
    const prev = oldBy.get(f.fingerprint);
    current.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      rule: f.rule,
      path: f.path,
      ...optional({ ...prev, ...optional(f), source: f.source ?? prev?.source }),
    });
  }
  const fresh = [...current.keys()].filter((k) => !oldBy.has(k)).length;
  const staleEntries = old.filter((e) => !current.has(e.fingerprint) && opts.inScope(e));
  if (opts.prune) {
    const stale = new Set(staleEntries);
    return { entries: old.filter((e) => !stale.has(e)), added: 0, stale: staleEntries.length, unaccepted: fresh };
  }
  const entries = [...current.values(), ...old.filter((e) => !current.has(e.fingerprint))];
  return { entries, added: fresh, stale: staleEntries.length, unaccepted: 0 };
}
