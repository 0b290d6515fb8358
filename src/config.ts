// The project's leaklint configuration: one JSON file (or a "leaklint" key in
// package.json), validated so that a typo names the bad key instead of being
// silently ignored.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import type { Finding } from './types.js';
import { normalisePath } from './redact.js';

export interface Config {
  /** Globs of paths never read (vendored code, build output). */
  ignorePaths: string[];
  allowlist: {
    /** Globs of paths whose findings are accepted (counted as suppressed). */
    paths: string[];
    /** Exact secret values that are accepted (test keys, public demo keys). */
    values: string[];
    /** Regular expressions; a secret matching one is accepted. */
    regexes: string[];
  };
  disabledRules: string[];
  maxFileSize?: number;
  /** Where the config came from, for messages. */
  source?: string;
}

export const CONFIG_FILE = 'leaklint.config.json';

export class ConfigError extends Error {}

export function defaultConfig(): Config {
  return { ignorePaths: [], allowlist: { paths: [], values: [], regexes: [] }, disabledRules: [] };
}

function stringArray(value: unknown, key: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ConfigError(`"${key}" must be an array of strings`);
  }
  return value;
}

export function parseConfig(raw: unknown, source: string): Config {
  const config = defaultConfig();
  config.source = source;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${source}: the configuration must be a JSON object`);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case '$schema':
      case 'description':
        break;
      case 'ignorePaths':
        config.ignorePaths = stringArray(value, key);
        break;
      case 'disabledRules':
        config.disabledRules = stringArray(value, key);
        break;
      case 'maxFileSize':
        if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new ConfigError(`${source}: "maxFileSize" must be a positive whole number of bytes`);
        config.maxFileSize = value;
        break;
      case 'allowlist': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${source}: "allowlist" must be an object`);
        for (const [sub, v] of Object.entries(value as Record<string, unknown>)) {
          if (sub !== 'paths' && sub !== 'values' && sub !== 'regexes') {
            throw new ConfigError(`${source}: unknown key "allowlist.${sub}" (expected paths, values or regexes)`);
          }
          config.allowlist[sub] = stringArray(v, `allowlist.${sub}`);
        }
        for (const re of config.allowlist.regexes) {
          try {
            new RegExp(re);
          } catch (e) {
            throw new ConfigError(`${source}: "allowlist.regexes" has an invalid regular expression ${JSON.stringify(re)}: ${(e as Error).message}`);
          }
        }
        break;
      }
      default:
        throw new ConfigError(`${source}: unknown key "${key}"`);
    }
  }
  return config;
}

/** Read `explicit`, else leaklint.config.json, else package.json's "leaklint" key, in `dir`. */
export function loadConfig(dir: string, explicit?: string): Config {
  const read = (file: string) => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (e) {
      throw new ConfigError(`${file}: ${(e as Error).message}`);
    }
  };
  if (explicit) {
    if (!existsSync(explicit)) throw new ConfigError(`config file not found: ${explicit}`);
    return parseConfig(read(explicit), explicit);
  }
  const file = join(dir, CONFIG_FILE);
  if (existsSync(file)) return parseConfig(read(file), CONFIG_FILE);
  const pkg = join(dir, 'package.json');
  if (existsSync(pkg)) {
    const json = read(pkg) as Record<string, unknown>;
    if (json && typeof json === 'object' && 'leaklint' in json) return parseConfig(json.leaklint, 'package.json "leaklint"');
  }
  return defaultConfig();
}

/** Compiled matchers for a config. */
export function compileConfig(config: Config) {
  const glob = (patterns: string[]) => (patterns.length ? picomatch(patterns, { dot: true }) : () => false);
  const ignored = glob(config.ignorePaths);
  const allowedPath = glob(config.allowlist.paths);
  const values = new Set(config.allowlist.values);
  const regexes = config.allowlist.regexes.map((r) => new RegExp(r));
  const disabled = new Set(config.disabledRules);
  return {
    isIgnored: (path: string) => ignored(normalisePath(path)),
    isDisabled: (ruleId: string) => disabled.has(ruleId),
    accept(finding: Finding): string | undefined {
      if (allowedPath(finding.file)) return 'config: allowlisted path';
      if (finding.secret && values.has(finding.secret)) return 'config: allowlisted value';
      if (finding.secret && regexes.some((r) => r.test(finding.secret))) return 'config: allowlisted pattern';
      return undefined;
    },
  };
}
