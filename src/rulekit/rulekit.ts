// Building blocks for rule modules: token boundaries, regex-driven rules and
// the small validators several providers share.
import type { ContentRule, MatchContext, RuleBase, RuleMatch } from '../types.js';
import { isCamelName } from './value-shapes.js';

/**
 * The left edge of a token: not inside a longer identifier, but allowed right
 * after a JSON/string escape such as `\n` or `\t` (notebook sources, logs).
 */
export const LEFT = String.raw`(?:(?<![A-Za-z0-9_])|(?<=\\[nrt]))`;
/** The right edge for tokens of letters, digits (and `_`/`-` when the alphabet has them). */
export const RIGHT = String.raw`(?![A-Za-z0-9_])`;
export const RIGHT_WITH_DASH = String.raw`(?![A-Za-z0-9_-])`;

// Character classes over a byte or a UTF-16 unit (only ASCII values belong to any): the byte pre-checks
// (`hitCanMatch`) and the rules' own scans of text share them.

/** ASCII whitespace as `\s` sees it (`\s` also takes some non-ASCII spaces: callers treat any byte >= 128 as unknown). */
export function isAsciiSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

/** `[A-Za-z0-9_.-]`: the characters of a key name. */
export function isNameByte(b: number): boolean {
  return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95 || b === 46 || b === 45;
}

/** `[A-Za-z0-9_]`: a word character. */
export function isWordByte(b: number): boolean {
  return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95;
}

/** `[A-Za-z0-9]`. */
export function isAlnumByte(b: number): boolean {
  return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57);
}

/** `[0-9A-Fa-f]`. */
export function isHexByte(b: number): boolean {
  return (b >= 48 && b <= 57) || (b >= 97 && b <= 102) || (b >= 65 && b <= 70);
}

/** The bytes URL syntax reserves, which end a userinfo part (with whitespace): `:@/"'<>\`()[]{}`. */
const USERINFO_STOP = new Uint8Array(128);
for (const c of ':@/"\'<>`()[]{}') USERINFO_STOP[c.charCodeAt(0)] = 1;

/**
 * Whether `user:password@` may follow a `://` ending at `end`: up to 128
 * bytes of user, `:`, up to 256 of password, `@`, none of them whitespace or
 * reserved (the URL-credential and legacy Sentry DSN patterns ask for
 * narrower versions of exactly that).
 */
export function userinfoMayFollow(bytes: Uint8Array, end: number): boolean {
  let i = end;
  const n = bytes.length;
  const part = (limit: number, stopAtColon: boolean): boolean => {
    const from = i;
    for (; i < n && i - from <= limit; i++) {
      const b = bytes[i]!;
      if (b >= 128) return true; // a character the byte check does not judge
      if (isAsciiSpace(b) || (USERINFO_STOP[b] === 1 && (stopAtColon || b !== 58))) break;
    }
    return i > from && i - from <= limit;
  };
  if (!part(128, true)) return false;
  if (i < n && bytes[i]! >= 128) return true;
  if (bytes[i] !== 58) return false;
  i++;
  if (!part(256, false)) return false;
  if (i < n && bytes[i]! >= 128) return true;
  return bytes[i] === 64;
}

export interface RegexRuleSpec
  extends RuleBase,
    Pick<ContentRule, 'keywords' | 'contextLines' | 'fallback' | 'hitCanMatch'> {
  /** Global regex; the named group `secret`, if present, is the secret, else the whole match. */
  pattern: RegExp;
  /** Leading characters of the secret that are public (a prefix such as `hf_`). */
  visiblePrefix?: number | ((secret: string) => number);
  /**
   * Extra checks on a candidate: return false to drop it, or overrides
   * (severity, message) to keep it with those.
   */
  validate?: (
    secret: string,
    match: RegExpExecArray,
    ctx: MatchContext & { text: string },
  ) => boolean | Partial<RuleMatch>;
}

export function regexRule(spec: RegexRuleSpec): ContentRule {
  const { validate, visiblePrefix } = spec;
  // Built on the rule's first keyword hit: most scans (a pre-commit of a few files) never run most rules.
  let compiled: RegExp | undefined;
  const global = (): RegExp => {
    if (compiled) return compiled;
    const flags = new Set(spec.pattern.flags);
    flags.add('g');
    flags.add('d');
    return (compiled = new RegExp(spec.pattern.source, [...flags].join('')));
  };
  const rule: ContentRule = {
    kind: 'content',
    id: spec.id,
    provider: spec.provider,
    title: spec.title,
    why: spec.why,
    severity: spec.severity,
    remediation: spec.remediation,
    keywords: spec.keywords,
    match(text, ctx) {
      const out: RuleMatch[] = [];
      const pattern = global();
      pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(text)) !== null) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        const span = m.indices?.groups?.secret ?? m.indices![0]!;
        const secret = text.slice(span[0], span[1]);
        let extra: Partial<RuleMatch> = {};
        if (validate) {
          const verdict = validate(secret, m, { ...ctx, text });
          if (verdict === false) continue;
          if (typeof verdict === 'object') extra = verdict;
        }
        const vp = typeof visiblePrefix === 'function' ? visiblePrefix(secret) : (visiblePrefix ?? 0);
        out.push({ start: span[0], end: span[1], secret, visiblePrefix: vp, ...extra });
      }
      return out;
    },
  };
  if (spec.helpUri !== undefined) rule.helpUri = spec.helpUri;
  if (spec.contextLines !== undefined) rule.contextLines = spec.contextLines;
  if (spec.fallback) rule.fallback = true;
  if (spec.hitCanMatch) rule.hitCanMatch = spec.hitCanMatch;
  // Read through, never copied: a spec's examples are usually a getter, built only when a test asks.
  if ('examples' in spec)
    Object.defineProperty(rule, 'examples', { get: () => spec.examples, enumerable: true, configurable: true });
  return rule;
}

/**
 * Line numbers (0-based) of offsets asked for in non-decreasing order: each
 * call counts only the newlines since the previous one, so numbering every
 * match of a file costs one pass over it, not one per match.
 */
export function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 0;
  return (offset) => {
    if (offset < at) throw new Error('lineCounter: offsets must not decrease');
    for (let i = text.indexOf('\n', at); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    at = offset;
    return line;
  };
}

/** Length of a leading `word_`/`word-` prefix such as `hf_`, `sk-ant-api03-`, `sntrys_`. */
export function prefixLength(secret: string, max = 16): number {
  const m = /^(?:[A-Za-z0-9]{1,12}[_-]){1,3}/.exec(secret);
  return m ? Math.min(m[0].length, max) : 0;
}

/**
 * camelCase or PascalCase words run together (`requiredCharacteristicTypes…`):
 * an identifier, not a random token. The humps must also read as words
 * (isCamelName): random mixed-case letters often split into humps of three
 * or more (`xacdkKzhApgqh…`), and a real token must not be dropped for that.
 */
export function looksLikeIdentifier(body: string): boolean {
  const words = body.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g);
  if (!words || words.join('') !== body) return false;
  return words.slice(0, -1).every((w) => w.length >= 3) && (words.length === 1 || isCamelName(body));
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
let crcTable: Uint32Array | undefined;

export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62(value: number, width: number): string {
  let out = '';
  let v = value;
  while (v > 0) {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub and npm tokens end in a 6-character base62 CRC-32 of the 30
 * characters after the prefix: made-up strings almost never pass.
 */
export function hasValidCrc32Checksum(body36: string): boolean {
  if (body36.length !== 36) return false;
  return base62(crc32(body36.slice(0, 30)), 6) === body36.slice(30);
}
