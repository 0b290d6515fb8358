// The project's leaklint configuration: one JSON file (or a "leaklint" key in
// package.json), validated so that a typo names the bad key instead of being
// silently ignored.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { normalisePath } from './redact.js';
import { unsafePatternReason } from './regex-safety.js';
import { jsonErrorMessage } from './scrub.js';
export { superLinearShape } from './regex-safety.js';
export const CONFIG_FILE = 'leaklint.config.json';
export class ConfigError extends Error {
}
export function defaultConfig() {
    return { ignorePaths: [], allowlist: emptyAllowlist(), disabledRules: [], severity: {}, rules: [], gitignore: {}, overrides: [] };
}
function emptyAllowlist() {
    return { paths: [], values: [], regexes: [] };
}
const SEVERITIES = ['error', 'warning', 'info'];
/** Validation helpers that name the key they complain about. */
class Reader {
    source;
    constructor(source) {
        this.source = source;
    }
    fail(key, what) {
        throw new ConfigError(`${this.source}: "${key}" ${what}`);
    }
    object(value, key) {
        if (!value || typeof value !== 'object' || Array.isArray(value))
            this.fail(key, 'must be an object');
        return value;
    }
    strings(value, key) {
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
            this.fail(key, 'must be an array of strings');
        return value;
    }
    /** Globs: a single string or a list; Windows separators become `/`. */
    globs(value, key) {
        const list = typeof value === 'string' ? [value] : this.strings(value, key);
        return list.map((g) => g.split('\\').join('/'));
    }
    string(value, key) {
        if (typeof value !== 'string' || value === '')
            this.fail(key, 'must be a non-empty string');
        return value;
    }
    severity(value, key) {
        if (typeof value !== 'string' || !SEVERITIES.includes(value))
            this.fail(key, `must be one of ${SEVERITIES.join(', ')}`);
        return value;
    }
    severities(value, key) {
        const out = {};
        for (const [id, s] of Object.entries(this.object(value, key)))
            out[id] = this.severity(s, `${key}.${id}`);
        return out;
    }
    keys(obj, allowed, prefix) {
        for (const k of Object.keys(obj))
            if (!allowed.includes(k))
                this.fail(`${prefix}${k}`, `is not a known key (expected ${allowed.join(', ')})`);
    }
    allowlist(value, key) {
        const obj = this.object(value, key);
        this.keys(obj, ['paths', 'values', 'regexes'], `${key}.`);
        const out = emptyAllowlist();
        if (obj.paths !== undefined)
            out.paths = this.globs(obj.paths, `${key}.paths`);
        if (obj.values !== undefined)
            out.values = this.strings(obj.values, `${key}.values`);
        if (obj.regexes !== undefined) {
            out.regexes = this.strings(obj.regexes, `${key}.regexes`);
            out.regexes.forEach((re, i) => this.regex(re, `${key}.regexes[${i}]`));
        }
        return out;
    }
    regex(source, key) {
        const reason = unsafePatternReason(source);
        if (reason)
            this.fail(key, reason);
    }
}
function parseExtraRule(r, value, key) {
    const obj = r.object(value, key);
    r.keys(obj, ['id', 'provider', 'title', 'regex', 'keywords', 'entropy', 'severity', 'remediation'], `${key}.`);
    const id = r.string(obj.id, `${key}.id`);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
        r.fail(`${key}.id`, 'must be kebab-case (letters, digits and dashes)');
    const regex = r.string(obj.regex, `${key}.regex`);
    r.regex(regex, `${key}.regex`);
    const keywords = r.strings(obj.keywords, `${key}.keywords`);
    if (keywords.length === 0)
        r.fail(`${key}.keywords`, 'needs at least one keyword (a literal every match contains): the prefilter runs rules only where their keywords occur');
    keywords.forEach((k, i) => {
        if (k.length === 0 || !/^[\x20-\x7e]+$/.test(k))
            r.fail(`${key}.keywords[${i}]`, 'must be non-empty printable ASCII');
    });
    const rule = {
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
            rule.remediation[k] = r.string(v, `${key}.remediation.${k}`);
    }
    return rule;
}
function parseOverride(r, value, key) {
    const obj = r.object(value, key);
    r.keys(obj, ['files', 'disabledRules', 'severity', 'allowlist'], `${key}.`);
    if (obj.files === undefined)
        r.fail(`${key}.files`, 'is required (a glob or a list of globs)');
    return {
        files: r.globs(obj.files, `${key}.files`),
        disabledRules: obj.disabledRules === undefined ? [] : r.strings(obj.disabledRules, `${key}.disabledRules`),
        severity: obj.severity === undefined ? {} : r.severities(obj.severity, `${key}.severity`),
        allowlist: obj.allowlist === undefined ? emptyAllowlist() : r.allowlist(obj.allowlist, `${key}.allowlist`),
    };
}
export function parseConfig(raw, source) {
    const config = defaultConfig();
    config.source = source;
    const r = new Reader(source);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        throw new ConfigError(`${source}: the configuration must be a JSON object`);
    for (const [key, value] of Object.entries(raw)) {
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
                if (!Array.isArray(value))
                    r.fail(key, 'must be an array of rules');
                config.rules = value.map((v, i) => parseExtraRule(r, v, `rules[${i}]`));
                break;
            case 'gitignore': {
                const obj = r.object(value, key);
                r.keys(obj, ['required'], 'gitignore.');
                if (obj.required !== undefined)
                    config.gitignore.required = r.strings(obj.required, 'gitignore.required');
                break;
            }
            case 'overrides':
                if (!Array.isArray(value))
                    r.fail(key, 'must be an array of { files, disabledRules?, severity?, allowlist? }');
                config.overrides = value.map((v, i) => parseOverride(r, v, `overrides[${i}]`));
                break;
            default:
                throw new ConfigError(`${source}: unknown key "${key}"`);
        }
    }
    return config;
}
/** Rule ids the config names must exist: a typo would otherwise silently do nothing. */
export function checkRuleIds(config, known) {
    const where = config.source ?? 'configuration';
    const check = (id, key) => {
        if (!known.has(id))
            throw new ConfigError(`${where}: "${key}" names an unknown rule "${id}" (leaklint rules lists them)`);
    };
    config.disabledRules.forEach((id) => check(id, 'disabledRules'));
    Object.keys(config.severity).forEach((id) => check(id, `severity.${id}`));
    config.overrides.forEach((o, i) => {
        o.disabledRules.forEach((id) => check(id, `overrides[${i}].disabledRules`));
        Object.keys(o.severity).forEach((id) => check(id, `overrides[${i}].severity.${id}`));
    });
}
/** Read `explicit`, else leaklint.config.json, else package.json's "leaklint" key, in `dir`. */
export function loadConfig(dir, explicit) {
    const read = (file) => {
        try {
            return JSON.parse(readFileSync(file, 'utf8'));
        }
        catch (e) {
            throw new ConfigError(`${file}: ${jsonErrorMessage(e)}`);
        }
    };
    if (explicit) {
        if (!existsSync(explicit))
            throw new ConfigError(`config file not found: ${explicit}`);
        return parseConfig(read(explicit), explicit);
    }
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file))
        return parseConfig(read(file), CONFIG_FILE);
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
        const json = read(pkg);
        if (json && typeof json === 'object' && 'leaklint' in json)
            return parseConfig(json.leaklint, 'package.json "leaklint"');
    }
    return defaultConfig();
}
function allowlistMatcher(list, label) {
    const paths = list.paths.length ? picomatch(list.paths, { dot: true }) : () => false;
    const values = new Set(list.values);
    const regexes = list.regexes.map((r) => new RegExp(r));
    return (finding) => {
        if (paths(finding.file))
            return `${label}: allowlisted path`;
        if (finding.secret && values.has(finding.secret))
            return `${label}: allowlisted value`;
        if (finding.secret && regexes.some((r) => r.test(finding.secret)))
            return `${label}: allowlisted pattern`;
        return undefined;
    };
}
/** Compiled matchers for a config. */
export function compileConfig(config) {
    const glob = (patterns) => (patterns.length ? picomatch(patterns, { dot: true }) : () => false);
    const ignored = glob(config.ignorePaths);
    const disabled = new Set(config.disabledRules);
    const allow = allowlistMatcher(config.allowlist, 'config');
    const overrides = config.overrides.map((o, i) => ({ ...o, matches: glob(o.files), allow: allowlistMatcher(o.allowlist, `config overrides[${i}]`), disabled: new Set(o.disabledRules) }));
    return {
        isIgnored: (path) => ignored(normalisePath(path)),
        isDisabled: (ruleId) => disabled.has(ruleId),
        /** Severity overrides, global then per directory (later wins); false when a directory disables the rule. */
        adjust(finding) {
            const global = config.severity[finding.ruleId];
            if (global)
                finding.severity = global;
            for (const o of overrides) {
                if (!o.matches(finding.file))
                    continue;
                if (o.disabled.has(finding.ruleId))
                    return false;
                const s = o.severity[finding.ruleId];
                if (s)
                    finding.severity = s;
            }
            return true;
        },
        accept(finding) {
            const reason = allow(finding);
            if (reason)
                return reason;
            for (const o of overrides)
                if (o.matches(finding.file)) {
                    const r = o.allow(finding);
                    if (r)
                        return r;
                }
            return undefined;
        },
    };
}
