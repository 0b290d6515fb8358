// The project's leaklint configuration: one JSON file (comments and trailing
// commas allowed) or a "leaklint" key in package.json, validated so that a
// typo names the bad key, where it is and what was probably meant, instead of
// being silently ignored.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import type { Finding, Remediation, Severity } from '../types.js';
import { normalisePath } from '../report/redact.js';
import { unsafePatternReason } from '../rulekit/regex-safety.js';
import { CONFIGURED_TIME_BUDGET_MS, configuredPattern } from './configured-regex.js';
import { jsonErrorMessage } from './json-error.js';
import { JsoncError, parseJsonc } from './jsonc.js';
import { didYouMean } from '../util/suggest.js';

export { superLinearShape } from '../rulekit/regex-safety.js';

export interface Allowlist {
  /** Globs of paths whose findings are accepted (counted as suppressed). */
  paths: string[];
  /** Exact secret values that are accepted (test keys, public demo keys). */
  values: string[];
  /** Regular expressions; a secret matching one is accepted. */
  regexes: string[];
}

/** A rule a project adds for its own token formats. */
export interface ExtraRuleConfig {
  id: string;
  provider: string;
  title: string;
  regex: string;
  keywords: string[];
  /** Minimum Shannon entropy (bits per character) of the match. */
  entropy?: number;
  severity: Severity;
  remediation: Remediation;
}

/** Settings for part of a monorepo; later overrides win. */
export interface OverrideConfig {
  files: string[];
  disabledRules: string[];
  severity: Record<string, Severity>;
  allowlist: Allowlist;
}

/** Live verification (`--verify`): whether scans verify by default, and what an invalid credential counts as. */
export interface VerifyConfig {
  /** Verify in every scan but `staged` (whose pre-commit runs verify only when their command line asks). */
  enabled: boolean;
  /** Severity of a finding whose credential the provider rejected (default: error findings drop to warning). */
  invalidSeverity?: Severity;
}

export interface Config {
  /** Globs of paths never read (vendored code, build output). */
  ignorePaths: string[];
  allowlist: Allowlist;
  disabledRules: string[];
  /** Severity per rule id. */
  severity: Record<string, Severity>;
  rules: ExtraRuleConfig[];
  gitignore: { required?: string[] };
  overrides: OverrideConfig[];
  maxFileSize?: number;
  verify?: VerifyConfig;
  /** Where the config came from, for messages. */
  source?: string;
  /** Where a key (`severity.hf-token`, `disabledRules[0]`) is in that file, as `:line:column`; empty when unknown. */
  where?: (key: string) => string;
}

/** Finds a key's position in the file a configuration came from. */
export type Locate = (key: string) => { line: number; column: number } | undefined;

export const CONFIG_FILE = 'leaklint.config.json';

export class ConfigError extends Error {}

export function defaultConfig(): Config {
  return {
    ignorePaths: [],
    allowlist: emptyAllowlist(),
    disabledRules: [],
    severity: {},
    rules: [],
    gitignore: {},
    overrides: [],
  };
}

function emptyAllowlist(): Allowlist {
  return { paths: [], values: [], regexes: [] };
}

const SEVERITIES = ['error', 'warning', 'info'];

/** Validation helpers that name the key they complain about. */
class Reader {
  constructor(
    private readonly source: string,
    private readonly locate?: Locate,
  ) {}

  /** `:line:column` of `key`, or of the nearest enclosing key the file has. */
  where(key: string): string {
    if (!this.locate) return '';
    for (let k = key; ; ) {
      const at = this.locate(k);
      if (at) return `:${at.line}:${at.column}`;
      // Up one level: drop the last `.name` or `[n]` (a name may itself hold dots or brackets: stop when nothing is left to drop).
      const parent = k.replace(/(?:\.[^.[\]]*|\[\d+\])$/, '');
      if (parent === k || parent === '') return '';
      k = parent;
    }
  }

  fail(key: string, what: string): never {
    throw new ConfigError(`${this.source}${this.where(key)}: "${key}" ${what}`);
  }

  object(value: unknown, key: string): Record<string, unknown> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) this.fail(key, 'must be an object');
    return value as Record<string, unknown>;
  }

  strings(value: unknown, key: string): string[] {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
      this.fail(key, 'must be an array of strings');
    return value as string[];
  }

  /** Globs: a single string or a list; Windows separators become `/`. */
  globs(value: unknown, key: string): string[] {
    const list = typeof value === 'string' ? [value] : this.strings(value, key);
    return list.map((g) => g.split('\\').join('/'));
  }

  string(value: unknown, key: string): string {
    if (typeof value !== 'string' || value === '') this.fail(key, 'must be a non-empty string');
    return value;
  }

  severity(value: unknown, key: string): Severity {
    if (typeof value !== 'string' || !SEVERITIES.includes(value))
      this.fail(key, `must be one of ${SEVERITIES.join(', ')}`);
    return value as Severity;
  }

  severities(value: unknown, key: string): Record<string, Severity> {
    const out: Record<string, Severity> = {};
    for (const [id, s] of Object.entries(this.object(value, key))) out[id] = this.severity(s, `${key}.${id}`);
    return out;
  }

  keys(obj: Record<string, unknown>, allowed: string[], prefix: string): void {
    for (const k of Object.keys(obj))
      if (!allowed.includes(k))
        this.fail(`${prefix}${k}`, `is not a known key${didYouMean(k, allowed)} (expected ${allowed.join(', ')})`);
  }

  allowlist(value: unknown, key: string): Allowlist {
    const obj = this.object(value, key);
    this.keys(obj, ['paths', 'values', 'regexes'], `${key}.`);
    const out = emptyAllowlist();
    if (obj.paths !== undefined) out.paths = this.globs(obj.paths, `${key}.paths`);
    if (obj.values !== undefined) out.values = this.strings(obj.values, `${key}.values`);
    if (obj.regexes !== undefined) {
      out.regexes = this.strings(obj.regexes, `${key}.regexes`);
      out.regexes.forEach((re, i) => this.regex(re, `${key}.regexes[${i}]`));
    }
    return out;
  }

  regex(source: string, key: string): void {
    const reason = unsafePatternReason(source);
    if (reason) this.fail(key, reason);
  }
}

function parseExtraRule(r: Reader, value: unknown, key: string): ExtraRuleConfig {
  const obj = r.object(value, key);
  r.keys(obj, ['id', 'provider', 'title', 'regex', 'keywords', 'entropy', 'severity', 'remediation'], `${key}.`);
  const id = r.string(obj.id, `${key}.id`);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) r.fail(`${key}.id`, 'must be kebab-case (letters, digits and dashes)');
  const regex = r.string(obj.regex, `${key}.regex`);
  r.regex(regex, `${key}.regex`);
  const keywords = r.strings(obj.keywords, `${key}.keywords`);
  if (keywords.length === 0)
    r.fail(
      `${key}.keywords`,
      'needs at least one keyword (a literal every match contains): the prefilter runs rules only where their keywords occur',
    );
  keywords.forEach((k, i) => {
    if (k.length === 0 || !/^[\x20-\x7e]+$/.test(k))
      r.fail(`${key}.keywords[${i}]`, 'must be non-empty printable ASCII');
  });
  const rule: ExtraRuleConfig = {
    id,
    provider: obj.provider === undefined ? 'custom' : r.string(obj.provider, `${key}.provider`),
    title: obj.title === undefined ? id : r.string(obj.title, `${key}.title`),
    regex,
    keywords,
    severity: obj.severity === undefined ? 'error' : r.severity(obj.severity, `${key}.severity`),
    remediation: {},
  };
  if (obj.entropy !== undefined) {
    if (typeof obj.entropy !== 'number' || obj.entropy < 0 || obj.entropy > 8)
      r.fail(`${key}.entropy`, 'must be a number of bits per character between 0 and 8');
    rule.entropy = obj.entropy;
  }
  if (obj.remediation !== undefined) {
    const rem = r.object(obj.remediation, `${key}.remediation`);
    r.keys(rem, ['rotate', 'store', 'read', 'note'], `${key}.remediation.`);
    for (const [k, v] of Object.entries(rem))
      (rule.remediation as Record<string, string>)[k] = r.string(v, `${key}.remediation.${k}`);
  }
  return rule;
}

function parseOverride(r: Reader, value: unknown, key: string): OverrideConfig {
  const obj = r.object(value, key);
  r.keys(obj, ['files', 'disabledRules', 'severity', 'allowlist'], `${key}.`);
  if (obj.files === undefined) r.fail(`${key}.files`, 'is required (a glob or a list of globs)');
  return {
    files: r.globs(obj.files, `${key}.files`),
    disabledRules: obj.disabledRules === undefined ? [] : r.strings(obj.disabledRules, `${key}.disabledRules`),
    severity: obj.severity === undefined ? {} : r.severities(obj.severity, `${key}.severity`),
    allowlist: obj.allowlist === undefined ? emptyAllowlist() : r.allowlist(obj.allowlist, `${key}.allowlist`),
  };
}

const TOP_KEYS = [
  '$schema',
  'description',
  'ignorePaths',
  'disabledRules',
  'severity',
  'maxFileSize',
  'allowlist',
  'rules',
  'gitignore',
  'overrides',
  'verify',
];

/**
 * `true`/`false`, or `{ enabled?, invalidSeverity? }`. Endpoints are not
 * configurable: a scanned repository's config naming one would be handed
 * the secrets it holds.
 */
function parseVerify(r: Reader, value: unknown): VerifyConfig {
  if (typeof value === 'boolean') return { enabled: value };
  if (!value || typeof value !== 'object' || Array.isArray(value))
    r.fail('verify', 'must be true, false or an object { enabled, invalidSeverity }');
  const obj = value as Record<string, unknown>;
  r.keys(obj, ['enabled', 'invalidSeverity'], 'verify.');
  if (obj.enabled !== undefined && typeof obj.enabled !== 'boolean') r.fail('verify.enabled', 'must be true or false');
  const out: VerifyConfig = { enabled: obj.enabled === true };
  if (obj.invalidSeverity !== undefined)
    out.invalidSeverity = r.severity(obj.invalidSeverity, 'verify.invalidSeverity');
  return out;
}

export function parseConfig(raw: unknown, source: string, locate?: Locate): Config {
  const config = defaultConfig();
  config.source = source;
  const r: Reader = new Reader(source, locate);
  if (locate) config.where = (key) => r.where(key);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(`${source}: the configuration must be a JSON object`);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case '$schema':
      case 'description':
        break;
      case 'ignorePaths':
        config.ignorePaths = r.globs(value, key);
        break;
      case 'disabledRules':
        config.disabledRules = r.strings(value, key);
        break;
      case 'severity':
        config.severity = r.severities(value, key);
        break;
      case 'maxFileSize':
        if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
          r.fail(key, 'must be a positive whole number of bytes');
        config.maxFileSize = value;
        break;
      case 'allowlist':
        config.allowlist = r.allowlist(value, key);
        break;
      case 'rules':
        if (!Array.isArray(value)) r.fail(key, 'must be an array of rules');
        config.rules = value.map((v, i) => parseExtraRule(r, v, `rules[${i}]`));
        break;
      case 'gitignore': {
        const obj = r.object(value, key);
        r.keys(obj, ['required'], 'gitignore.');
        if (obj.required !== undefined) config.gitignore.required = r.strings(obj.required, 'gitignore.required');
        break;
      }
      case 'overrides':
        if (!Array.isArray(value)) r.fail(key, 'must be an array of { files, disabledRules?, severity?, allowlist? }');
        config.overrides = value.map((v, i) => parseOverride(r, v, `overrides[${i}]`));
        break;
      case 'verify':
        config.verify = parseVerify(r, value);
        break;
      default:
        r.fail(
          key,
          `is not a known key${didYouMean(key, TOP_KEYS.slice(2))} (expected ${TOP_KEYS.slice(2).join(', ')})`,
        );
    }
  }
  return config;
}

/** Rule ids the config names must exist: a typo would otherwise silently do nothing. */
export function checkRuleIds(config: Config, known: Set<string>): void {
  const source = config.source ?? 'configuration';
  const check = (id: string, key: string, at = key) => {
    if (!known.has(id))
      throw new ConfigError(
        `${source}${config.where?.(at) ?? ''}: "${key}" names an unknown rule "${id}"${didYouMean(id, known)} (leaklint rules lists them)`,
      );
  };
  config.disabledRules.forEach((id, n) => check(id, 'disabledRules', `disabledRules[${n}]`));
  Object.keys(config.severity).forEach((id) => check(id, `severity.${id}`));
  config.overrides.forEach((o, i) => {
    o.disabledRules.forEach((id, n) =>
      check(id, `overrides[${i}].disabledRules`, `overrides[${i}].disabledRules[${n}]`),
    );
    Object.keys(o.severity).forEach((id) => check(id, `overrides[${i}].severity.${id}`));
  });
}

/** Read `explicit`, else leaklint.config.json, else package.json's "leaklint" key, in `dir`. */
export function loadConfig(dir: string, explicit?: string): Config {
  // `shown`: the name messages use (the file as the user knows it).
  const read = (file: string, shown: string) => {
    try {
      return parseJsonc(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`${shown}${e instanceof JsoncError ? ':' : ': '}${jsonErrorMessage(e)}`);
    }
  };
  if (explicit) {
    if (!existsSync(explicit)) throw new ConfigError(`config file not found: ${explicit}`);
    const json = read(explicit, explicit);
    return parseConfig(json.value, explicit, json.locate);
  }
  const file = join(dir, CONFIG_FILE);
  if (existsSync(file)) {
    const json = read(file, CONFIG_FILE);
    return parseConfig(json.value, CONFIG_FILE, json.locate);
  }
  const pkg = join(dir, 'package.json');
  if (existsSync(pkg)) {
    const json = read(pkg, 'package.json');
    const value = json.value as Record<string, unknown>;
    if (value && typeof value === 'object' && 'leaklint' in value)
      return parseConfig(value.leaklint, 'package.json "leaklint"', (key) => json.locate(`leaklint.${key}`));
  }
  return defaultConfig();
}

/**
 * `allowlist.regexes` on the linear-time engine, each with a time budget per
 * file: one that runs out stops judging that file's findings, which are then
 * reported (never accepted unchecked), with a warning naming the key.
 */
function allowlistRegexes(sources: string[], key: string, warn: (message: string) => void) {
  const regexes = sources.map((source, i) => ({
    key: `${key}.regexes[${i}]`,
    re: configuredPattern(source).re,
    file: '',
    spent: 0,
    out: false,
  }));
  return (secret: string, file: string): boolean => {
    for (const r of regexes) {
      if (r.file !== file) Object.assign(r, { file, spent: 0, out: false });
      if (r.out) continue;
      const started = performance.now();
      const hit = r.re.test(secret);
      r.spent += performance.now() - started;
      if (hit) return true;
      if (r.spent > CONFIGURED_TIME_BUDGET_MS) {
        r.out = true;
        warn(
          `${r.key} ran out of its ${CONFIGURED_TIME_BUDGET_MS} ms on ${file}: the rest of that file's findings were not checked against it and are reported (simplify the pattern)`,
        );
      }
    }
    return false;
  };
}

function allowlistMatcher(list: Allowlist, label: string, key: string, warn: (message: string) => void) {
  const paths = list.paths.length ? picomatch(list.paths, { dot: true }) : () => false;
  const values = new Set(list.values);
  const regexes = list.regexes.length ? allowlistRegexes(list.regexes, key, warn) : undefined;
  return (finding: Finding): string | undefined => {
    if (paths(finding.file)) return `${label}: allowlisted path`;
    if (finding.secret && values.has(finding.secret)) return `${label}: allowlisted value`;
    if (finding.secret && regexes?.(finding.secret, finding.file)) return `${label}: allowlisted pattern`;
    return undefined;
  };
}

/** Compiled matchers for a config; `warn` hears of allowlist patterns that ran out of time. */
export function compileConfig(config: Config, warn: (message: string) => void = () => {}) {
  const glob = (patterns: string[]) => (patterns.length ? picomatch(patterns, { dot: true }) : () => false);
  const ignored = glob(config.ignorePaths);
  const disabled = new Set(config.disabledRules);
  const allow = allowlistMatcher(config.allowlist, 'config', 'allowlist', warn);
  const overrides = config.overrides.map((o, i) => ({
    ...o,
    matches: glob(o.files),
    allow: allowlistMatcher(o.allowlist, `config overrides[${i}]`, `overrides[${i}].allowlist`, warn),
    disabled: new Set(o.disabledRules),
  }));
  return {
    isIgnored: (path: string) => ignored(normalisePath(path)),
    isDisabled: (ruleId: string) => disabled.has(ruleId),
    /** Severity overrides, global then per directory (later wins); false when a directory disables the rule. */
    adjust(finding: Finding): boolean {
      const global = config.severity[finding.ruleId];
      if (global) finding.severity = global;
      for (const o of overrides) {
        if (!o.matches(finding.file)) continue;
        if (o.disabled.has(finding.ruleId)) return false;
        const s = o.severity[finding.ruleId];
        if (s) finding.severity = s;
      }
      return true;
    },
    accept(finding: Finding): string | undefined {
      const reason = allow(finding);
      if (reason) return reason;
      for (const o of overrides)
        if (o.matches(finding.file)) {
          const r = o.allow(finding);
          if (r) return r;
        }
      return undefined;
    },
  };
}
