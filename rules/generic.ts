import type { ContentRule, Rule, RuleMatch } from '../src/types.js';
import { entropy } from '../src/placeholder.js';
import { assignmentMayFollow, looksLikeIdentifier } from '../src/rulekit.js';
import { namesASecret } from '../src/secret-names.js';
import { isSyntheticSecret, nonSecretShape } from '../src/value-shapes.js';

const remediation = {
  rotate: 'rotate the value at the system that issued it (regenerate the key, change the password)',
  store: 'the platform’s secret store: CI secrets (`gh secret set NAME`), HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager',
  read: 'from the environment: os.environ["NAME"], process.env.NAME, $NAME',
};

/** Names that say "this holds a secret". */
const SECRET_WORD = String.raw`(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|encryption[_-]?key|signing[_-]?key|master[_-]?key|client[_-]?secret|credentials?|auth(?!or|ent|ori))`;
/** What must stand before `key` for it to be a secret word (`api_key`, `privateKey` …), lower-cased and reversed. */
const KEY_PREFIXES = ['api', 'access', 'private', 'encryption', 'signing', 'master'].flatMap((p) => [p, `${p}_`, `${p}-`]).map((p) => [...p].reverse().join(''));

/** The lower-cased ASCII bytes from `from` on spell `word` (a byte over 127 never does: `/i` folds no non-ASCII letter to ASCII). */
function spells(bytes: Uint8Array, from: number, word: string): boolean {
  if (from < 0 || from + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) {
    const b = bytes[from + i]!;
    if ((b >= 65 && b <= 90 ? b + 32 : b) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** The lower-cased ASCII bytes just before `at` end with the reverse of `reversed`. */
function endsWithReversed(bytes: Uint8Array, at: number, reversed: string): boolean {
  if (at < reversed.length) return false;
  for (let i = 0; i < reversed.length; i++) {
    const b = bytes[at - 1 - i]!;
    if ((b >= 65 && b <= 90 ? b + 32 : b) !== reversed.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Whether a keyword hit can be part of a SECRET_WORD match: `key` only after
 * api, access, private, encryption, signing or master (and an optional `_`
 * or `-`), `pass` only as password, passwd or passphrase, `auth` not as
 * author or authentication; the other keywords are secret words themselves.
 */
function inSecretWord(bytes: Uint8Array, start: number, end: number): boolean {
  const keyword = end - start;
  if (keyword === 3 && spells(bytes, start, 'key')) {
    return KEY_PREFIXES.some((reversed) => endsWithReversed(bytes, start, reversed));
  }
  if (keyword === 4 && spells(bytes, start, 'pass')) return spells(bytes, end, 'word') || spells(bytes, end, 'wd') || spells(bytes, end, 'phrase');
  if (keyword === 4 && spells(bytes, start, 'auth')) return !spells(bytes, end, 'or') && !spells(bytes, end, 'ent');
  return true;
}

// Name parts are bounded so a long identifier run cannot make the match quadratic.
// NAME = value, NAME: value, "NAME": "value", NAME := value, export NAME=value, --name value
export const ASSIGNMENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}${SECRET_WORD}[A-Za-z0-9_.-]{0,40})["'\]]?\s*(?::=|=>|=|:)\s*(?<q>(?:[rbfu]?["'\`])?)(?<value>[^\s"'\`,;#]{8,256})`,
  'gi',
);

/** The longest name the pattern accepts: 40 characters, the longest secret word (`encryption_key`), 40 more. */
const MAX_NAME = 40 + 14 + 40;
const SECRET_WORD_ANYWHERE = new RegExp(SECRET_WORD, 'gi');
const OPERATOR_AT = /["'\]]?\s*[:=]/y;
const ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, 'iy');

/** `[A-Za-z0-9_.-]`: the characters of a name. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}
/** `[A-Za-z0-9_]`: what may not stand right before a name. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Exactly the matches of `text.matchAll(ASSIGNMENT)`, without trying the
 * pattern at every position: a name is a whole run of name characters that
 * holds a secret word and is followed by an assignment operator, so the
 * pattern is tried only at the starts such a run allows. Almost every window
 * holds a secret word (it is why the rule runs), few an assignment to one.
 */
export function assignmentMatches(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let resume = 0; // where the scan goes on after a match, as matchAll's would
  const words = SECRET_WORD_ANYWHERE;
  words.lastIndex = 0;
  let w: RegExpExecArray | null;
  while ((w = words.exec(text)) !== null) {
    let runEnd = w.index + w[0].length;
    while (runEnd < text.length && isNameChar(text.charCodeAt(runEnd))) runEnd++;
    // Further secret words in this run allow no other starts.
    words.lastIndex = runEnd;
    // The name ends where the run does: the next character must open the operator.
    OPERATOR_AT.lastIndex = runEnd;
    if (!OPERATOR_AT.test(text)) continue;
    let runStart = w.index;
    while (runStart > 0 && isNameChar(text.charCodeAt(runStart - 1))) runStart--;
    for (let x = Math.max(runStart, resume, runEnd - MAX_NAME); x < runEnd; x++) {
      if (x > 0 && isWordChar(text.charCodeAt(x - 1))) continue;
      ASSIGNMENT_AT.lastIndex = x;
      const m = ASSIGNMENT_AT.exec(text);
      if (m) {
        out.push(m);
        resume = x + m[0].length;
        break; // the match runs past this run's end
      }
    }
  }
  return out;
}

/** Programming languages, where values are quoted literals and anything unquoted is code. */
const SOURCE_CODE = /\.(?:[cm]?[jt]sx?|py|pyi|rb|go|java|kt|kts|scala|swift|rs|php|cs|c|cc|cpp|h|hpp|m|dart|lua|r|jl|ex|exs|vue|svelte|flow|map)$/i;
const PASSWORD_NAME = /pass|pwd/i;

/**
 * camelCase words run together (`zIndexPopup`, `multipleSelectorBgDisabled`):
 * random letters change case every other character, names every few letters.
 */
function looksLikeWordName(value: string): boolean {
  const words = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g);
  if (!words || words.length < 2 || words.join('') !== value) return false;
  const short = words.filter((w) => w.length <= 2).length;
  // Longer parts of a name are syllables (a vowel); random letters often are not.
  return value.length / words.length >= 3 && short * 3 <= words.length && words.every((w) => w.length <= 2 || (w.length <= 16 && /[aeiouy]/i.test(w)));
}

/** Letters only, short or made of words, once edge punctuation is set aside (`?NonExpressionParenEnd`). */
function isLettersOnlyName(value: string): boolean {
  const core = /^[^A-Za-z0-9]*([A-Za-z]+)[^A-Za-z0-9]*$/.exec(value)?.[1];
  return core !== undefined && (core.length < 24 || looksLikeWordName(core));
}

const squash = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

function looksRandom(value: string): boolean {
  if (value.length < 10) return false;
  // Generated secrets are ASCII; accented letters are words in some language (`Neočekávaný`).
  if (/[^\x21-\x7e]/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  if (classes < 2) return false;
  return entropy(value) >= (value.length >= 20 ? 3.5 : 3.0);
}

/** References, calls, paths and words are code, not secrets. */
function isCode(value: string): boolean {
  if (/^[A-Za-z_$][\w$]*(?:[!?]?\.[A-Za-z_$][\w$]*)+[!?]?(?:\(|$)/.test(value)) return true; // settings.SECRET, m.groups!.secret!
  if (/[()[\]{}<>]/.test(value)) return true; // calls, indexing, markup
  if (/^(?:https?|file):\/\//i.test(value) || /^[./~]/.test(value) || /\/.*\//.test(value) && !/[+=]/.test(value)) return true;
  if (/^[a-z]+(?:[_-][a-z]+)+$/i.test(value)) return true; // snake-case or kebab-case words
  if (/^(?:true|false|null|none|nil|undefined)$/i.test(value)) return true;
  if (/^[\w.@/-]+\.(?:json|ya?ml|toml|txt|xml|csv|log|md|py|[cm]?js|[cm]?ts|jsx|tsx|sh|env|ini|cfg|conf|pem|key|crt|lock|html|zip|gz)$/i.test(value)) return true; // a file name or relative path (`bin/secretlint.js`)
  return false;
}

/**
 * `name: value` is a key only where YAML, JSON or an object literal puts keys:
 * at the start of a line (after indentation or `- `), after `{` or `,`, or
 * quoted. Elsewhere it is prose ("no secret: see below").
 */
function isKeyPosition(text: string, index: number, matched: string): boolean {
  const op = /["'\]]?\s*(:=|=>|=|:)/.exec(matched.slice(matched.search(/["'\]\s:=]/)));
  if (!op || op[1] !== ':') return true;
  if (/^["']/.test(text.slice(index - 1, index)) || /["']\s*:/.test(matched)) return true;
  // Read back only over the blanks and the one word before the name, never the whole line: a long
  // line of `x token: …` repeated would otherwise be read once per match.
  const before = skipBlanksBack(text, index);
  if (before === 0 || text[before - 1] === '\n') return true;
  const c = text[before - 1]!;
  if (c === '{' || c === ',' || c === '(') return true;
  if (c === '-') return atLineStart(text, skipBlanksBack(text, before - 1));
  let wordStart = before;
  while (wordStart > 0 && before - wordStart < 6 && isWordChar(text.charCodeAt(wordStart - 1))) wordStart--;
  return /^(?:export|set|ENV)$/i.test(text.slice(wordStart, before)) && atLineStart(text, skipBlanksBack(text, wordStart));
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
function skipBlanksBack(text: string, at: number): number {
  while (at > 0 && isBlank(text[at - 1])) at--;
  return at;
}
const atLineStart = (text: string, at: number) => at === 0 || text[at - 1] === '\n';

/** `?name=` or `&name=` (`&amp;name=` in markup): a URL query parameter, whose value ends at the next `&`. */
function isQueryParameter(text: string, nameStart: number): boolean {
  const c = text[nameStart - 1];
  return c === '?' || c === '&' || (c === ';' && text.slice(nameStart - 5, nameStart) === '&amp;');
}
/** A value that runs on into further query parameters (`admin&authMechanism=PLAIN`). */
const MORE_PARAMETERS = /&[A-Za-z_][\w.-]{0,40}=/;

const assignment: ContentRule = {
  kind: 'content',
  id: 'generic-secret-assignment',
  provider: 'generic',
  title: 'High-entropy value assigned to a secret-named key',
  why: 'A random-looking value held by a name like *_TOKEN, *_SECRET, *_API_KEY or password is very likely a live credential.',
  severity: 'error',
  // The values are joined at load time, so this file holds no assignment leaklint would report.
  examples: {
    match: [`DB_PASSWORD = "${['q7Zr', '2Lx8', 'Wd4K', 'p3Nb', '6Tc1'].join('')}"`, `api_key: ${['Hs8e', 'K2qP', 'x9Lm', 'R4tV', 'z7Nc'].join('')}`],
    noMatch: ['password = os.environ["DB_PASSWORD"]', 'api_key: "your-api-key-here"', '"token": "primaryNextBtnHoverBg"', 'const token = getToken(request);'],
  },
  remediation,
  keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'credential'],
  fallback: true,
  // The keyword is part of a secret word, which sits in a name whose run of characters is followed by the operator.
  hitCanMatch: (bytes, start, end) => inSecretWord(bytes, start, end) && assignmentMayFollow(bytes, end),
  match(text, ctx) {
    const out: RuleMatch[] = [];
    for (const m of assignmentMatches(text)) {
      const { name } = m.groups!;
      // A value inside an escaped string ends before `\n`-style escapes.
      let value = m.groups!.value!.replace(/(?:\\[nrt])+$/, '');
      if (isQueryParameter(text, m.index!) || MORE_PARAMETERS.test(value)) {
        const amp = value.indexOf('&');
        if (amp !== -1) value = value.slice(0, amp);
        if (value.length < 8) continue;
      }
      // The name must say "secret" with a word of its own: not `tiktoken`, `csrf-token`, `credentialsId`, `authSource`.
      if (!namesASecret(name!)) continue;
      // A value that spells its own key is a label: `CHALLENGE_PASSWORD: "challengePassword"`.
      if (squash(value) === squash(name!.split('.').pop()!)) continue;
      if (!isKeyPosition(text, m.index!, m[0])) continue;
      if (isCode(value) || !looksRandom(value)) continue;
      // Typed-in test values (`write_token_1`, `password123`) may still be real somewhere: a warning, not an error.
      const synthetic = isSyntheticSecret(value);
      const shape = nonSecretShape(value);
      // Names and ids (`dbmdz/bert-large-cased`, `X-aws-ec2-metadata-token`) are not secrets, unless they are made-up
      // secrets or a password, which may be made of words; numbers, versions, hashes, URNs, ARNs and flags never are.
      const nameLike = shape === 'identifier' || shape === 'model-id';
      if (shape !== undefined && !(nameLike && (synthetic || PASSWORD_NAME.test(name!)))) continue;
      if (!m.groups!.q) {
        // In program source an unquoted right-hand side is an expression (`type AlertToken = FullToken<'Alert'>`,
        // `exports.isToken = isToken`): a literal secret there is always quoted.
        if (SOURCE_CODE.test(ctx.path)) continue;
        // An unquoted camelCase word is a variable, not a value (`'private-key': privateKey`).
        if (looksLikeIdentifier(value)) continue;
      } else if (isLettersOnlyName(value) && !PASSWORD_NAME.test(name!)) {
        // Short runs of letters are names (design tokens: `"token": "primaryNextBtnHoverBg"`); generated
        // keys mix in digits or run longer. A password may still be words.
        continue;
      }
      const start = m.index! + m[0].length - m.groups!.value!.length;
      out.push({
        start,
        end: start + value.length,
        secret: value,
        ...(synthetic ? { severity: 'warning' as const, message: `Test-looking value assigned to ${name}` } : { message: `High-entropy value assigned to ${name}` }),
      });
    }
    return out;
  },
};

export const rules: Rule[] = [assignment];
