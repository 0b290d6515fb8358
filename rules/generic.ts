import type { ContentRule, Rule, RuleMatch } from '../src/types.js';
import { entropy, isPlaceholder } from '../src/rulekit/placeholder.js';
import { isAsciiSpace, isNameByte, isWordByte, looksLikeIdentifier } from '../src/rulekit/rulekit.js';
import { namesASecret } from '../src/rulekit/secret-names.js';
import { isStandInPassword, isSyntheticSecret, nonSecretShape } from '../src/rulekit/value-shapes.js';
import { decodeBasicCredential } from '../src/rulekit/basic-credential.js';
import { hasJwtShape } from '../src/rulekit/jwt.js';
import { ALNUM, HEX, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

/** Example values (see RuleBase.examples), built when a test asks: a generated key, a password, a 40-hex key. */
const exampleValues = () => ({
  V: fake(24, ALNUM, 'generic-value'),
  PW: fake(16, ALNUM, 'generic-password'),
  HEX_KEY: fake(40, HEX, 'generic-hex'),
});
const base64 = (text: string) => Buffer.from(text).toString('base64');

const remediation = {
  rotate: 'rotate the value at the system that issued it (regenerate the key, change the password)',
  store:
    'the platform’s secret store: CI secrets (`gh secret set NAME`), HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager',
  read: 'from the environment: os.environ["NAME"], process.env.NAME, $NAME',
};

/**
 * Names that say "this holds a secret". `key` and `pass` match anywhere
 * (`COHERE_KEY`, `AccountKey`, `SMTP_PASS`): the words of the whole name
 * decide afterwards (`namesASecret`), so `sort_key` and `bypass` stay quiet.
 */
const SECRET_WORD = String.raw`(?:password|passwd|passphrase|pass|pwd|secret|token|key|creds|credentials?|auth(?!or|ent|ori))`;

/** The lower-cased ASCII bytes from `from` on spell `word` (a byte over 127 never does: `/i` folds no non-ASCII letter to ASCII). */
function spells(bytes: Uint8Array, from: number, word: string): boolean {
  if (from < 0 || from + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) {
    const b = bytes[from + i]!;
    if ((b >= 65 && b <= 90 ? b + 32 : b) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Whether a keyword hit can be part of a SECRET_WORD match: `auth` not as
 * author or authentication; the other keywords are secret words themselves.
 */
function inSecretWord(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start === 4 && spells(bytes, start, 'auth')) return !spells(bytes, end, 'or') && !spells(bytes, end, 'ent');
  return true;
}

/** How far past a hit `formMayFollow` looks for the form's operator: past that it cannot tell, and says true. */
const FORM_REACH = 256;

/**
 * Whether what follows the name run holding a keyword (ending at `end`) can
 * open one of the forms the rule reads: past an optional `\`, quote and `]`
 * and blanks, an operator (`: = ?= .=`), the `,` after a setter call's quoted name, the `>`
 * of an XML element, a Go/Rust/TypeScript type (`string`, `&str`) or an XML
 * `value=` attribute. Anything else (prose: "the token is") cannot match.
 */
function formMayFollow(bytes: Uint8Array, start: number, end: number): boolean {
  const n = Math.min(bytes.length, end + FORM_REACH);
  let i = end;
  while (i < n && isNameByte(bytes[i]!)) i++;
  if (i < n && bytes[i] === 92) i++;
  const quoted = i < n && (bytes[i] === 34 || bytes[i] === 39);
  if (quoted) i++;
  if (i < n && bytes[i] === 93) i++;
  while (i < n && isAsciiSpace(bytes[i]!)) i++;
  if (i >= n) return n < bytes.length;
  const b = bytes[i]!;
  if (b === 58 || b === 61) return valueMayFollow(bytes, i);
  // A setter call's comma follows the quoted name (`setenv("NAME", …)`); other calls' (`config.get("max_tokens", 512)`) do not.
  if (b === 44) return quoted && setterCallBefore(bytes, start);
  if (b === 63 || b === 46 || b === 62 || b === 38 || b >= 128) return true;
  return spells(bytes, i, 'str') || spells(bytes, i, 'value');
}

/** How far back `setterCallBefore` reads a name run: past that it cannot tell, and says true. */
const NAME_RUN_MAX = 512;

/** The calls SETTER_CALL reads, lower-cased and reversed, as they are read back from the `(`. */
const SETTERS_REVERSED = ['setdefault', 'setproperty', 'putenv', 'setenv', 'set_env', 'setenvironmentvariable'].map(
  (w) => [...w].reverse().join(''),
);

/**
 * Whether the name run holding a keyword that starts at `start` is the
 * quoted first argument of a setter call (see SETTER_CALL): a quote (maybe
 * after a string prefix) right before the name, blanks, `(`, and the name
 * of a setter, not inside a longer word.
 */
function setterCallBefore(bytes: Uint8Array, start: number): boolean {
  let i = start;
  while (i > 0 && isNameByte(bytes[i - 1]!)) if (start - --i > NAME_RUN_MAX) return true; // reads no further: unsure
  if (i === 0 || (bytes[i - 1] !== 34 && bytes[i - 1] !== 39)) return false;
  i--;
  const p = bytes[i - 1];
  if (p === 114 || p === 98 || p === 102 || p === 117 || p === 82 || p === 66 || p === 70 || p === 85) i--;
  for (let blanks = 0; blanks < 8 && i > 0 && (isAsciiSpace(bytes[i - 1]!) || bytes[i - 1]! >= 128); blanks++) {
    if (bytes[i - 1]! >= 128) return true; // maybe a blank the pattern's `\s` takes: cannot tell
    i--;
  }
  if (i === 0 || bytes[i - 1] !== 40) return false;
  i--;
  return SETTERS_REVERSED.some((w) => {
    for (let k = 0; k < w.length; k++) {
      const b = bytes[i - 1 - k];
      if (b === undefined || (b >= 65 && b <= 90 ? b + 32 : b) !== w.charCodeAt(k)) return false;
    }
    const before = bytes[i - 1 - w.length];
    return before === undefined || !isWordByte(before);
  });
}

/** `()[]{}<>`: a value holding one is code or markup (see isCode), never a secret the rule reports. */
const isBracketByte = (b: number) =>
  b === 40 || b === 41 || b === 91 || b === 93 || b === 123 || b === 125 || b === 60 || b === 62;

/**
 * Past a `:` or `=` at `at`: whether a value the rule could report may
 * follow on this line. Most keyword-dense lines assign code
 * (`api_key = os.environ.get("KEY")`, `max_tokens = config.get(…)`) or
 * a short word: the value the pattern takes there is under 8 characters,
 * or holds a bracket, which judgeValue calls code. Anything this does not
 * read (a declared type, a line break, a longer operator) may match.
 */
function valueMayFollow(bytes: Uint8Array, at: number): boolean {
  const n = Math.min(bytes.length, at + 512);
  let i = at + 1;
  // `=` and `:` alone; `:=`, `::=`, `=>` and `: string =` are left to the pattern.
  if (i >= n || bytes[i] === 58 || bytes[i] === 61 || bytes[i] === 62) return true;
  while (i < n && (bytes[i] === 32 || bytes[i] === 9)) i++;
  if (i >= n) return true;
  // A declared type after `:` (`apiToken: string = …`, `KEY: &str = …`) puts the value further on.
  if (bytes[at] === 58 && spells(bytes, i, 'str')) return true;
  // A quote, maybe after a string prefix and an escape (`r"…"`, `\"…\"`), as the pattern's `q`.
  let q = i;
  if (bytes[q] === 114 || bytes[q] === 98 || bytes[q] === 102 || bytes[q] === 117) q++;
  if (bytes[q] === 92) q++;
  const quoted = q < n && isQuoteByte(bytes[q]!);
  if (quoted) i = q + 1;
  let b = 0;
  // The pattern's value: a quoted one runs to a blank or a quote, a bare one also stops at `,;#`.
  let length = 0;
  // The pattern takes at most 256 characters of value: a bracket after those is not part of it.
  for (; i < n && length < 256; i++, length++) {
    b = bytes[i]!;
    if (b <= 32 || b === 34 || b === 39 || b === 96 || b >= 128) break;
    if (!quoted && (b === 44 || b === 59 || b === 35)) break;
    // A query string's value ends at `&` (see candidates): what follows is another parameter.
    if (b === 38) return true;
    if (isBracketByte(b)) return false;
  }
  // A value that ran to the end of what was read or to the pattern's limit, or into a byte this does not judge, is left to the pattern.
  if (i >= n || length >= 256 || b >= 128 || (b < 32 && b !== 9 && b !== 10 && b !== 13)) return true;
  return length >= 8;
}

const isQuoteByte = (b: number) => b === 34 || b === 39 || b === 96;

/** A closing quote (escaped in JSON-in-a-string) and/or `]` after the name: `"NAME":`, `\"NAME\":`, `environ["NAME"] =`. */
const CLOSE = String.raw`(?:\\?["'](?:\])?|\])?`;
/** A declared type between name and `=`: Go `var x string =`, Rust `const X: &str =`, TypeScript `let x: string =`. */
const TYPE = String.raw`(?:\s{1,8}(?:string|String|str)|\s{0,8}:\s{0,8}(?:&(?:'static\s{1,4})?)?(?:string|String|str))?`;
/** Assignment operators: Makefile `:::=`, `::=`, `?=`, PHP `.=`, Go `:=`, Ruby/PHP `=>`, `=`, `:`. */
const OPERATOR = String.raw`(?<op>:::=|::=|:=|\?=|\.=|=>|=|:)`;

// Name parts are bounded so a long identifier run cannot make the match quadratic.
// NAME = value, NAME: value, "NAME": "value", NAME := value, export NAME=value, NAME ?= value,
// os.environ["NAME"] = "value", \"NAME\":\"value\", var NAME string = "value".
// A quoted value runs to its closing quote (`#`, `;` and `,` are part of a password there);
// an unquoted one ends at a comment, a separator or a blank.
export const ASSIGNMENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}${SECRET_WORD}[A-Za-z0-9_.-]{0,40})${CLOSE}${TYPE}\s*${OPERATOR}\s*(?:(?<q>[rbfu]?\\?["'\`])(?<value>[^\s"'\`]{8,256})|(?<bare>[^\s"'\`,;#]{8,256}))`,
  'gi',
);

/** The longest name the pattern accepts: 40 characters, the longest secret word (`credentials`), 40 more. */
const MAX_NAME = 40 + 11 + 40;
const SECRET_WORD_ANYWHERE = new RegExp(SECRET_WORD, 'gi');
/** What must follow a name for ASSIGNMENT to match there (the same parts, so the shortcut below finds exactly its matches). */
const OPERATOR_AT = new RegExp(String.raw`${CLOSE}${TYPE}\s*${OPERATOR}`, 'iy');
const ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, 'iy');

/**
 * Exactly the matches of `allMatches(ASSIGNMENT, text)`, without trying the
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
    while (runEnd < text.length && isNameByte(text.charCodeAt(runEnd))) runEnd++;
    // Further secret words in this run allow no other starts.
    words.lastIndex = runEnd;
    // The name ends where the run does: the next character must open the operator.
    OPERATOR_AT.lastIndex = runEnd;
    if (!OPERATOR_AT.test(text)) continue;
    let runStart = w.index;
    while (runStart > 0 && isNameByte(text.charCodeAt(runStart - 1))) runStart--;
    for (let x = Math.max(runStart, resume, runEnd - MAX_NAME); x < runEnd; x++) {
      if (x > 0 && isWordByte(text.charCodeAt(x - 1))) continue;
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
const SOURCE_CODE =
  /\.(?:[cm]?[jt]sx?|py|pyi|rb|go|java|kt|kts|scala|swift|rs|php|cs|c|cc|cpp|h|hpp|m|dart|lua|r|jl|ex|exs|vue|svelte|flow|map)$/i;
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
  return (
    value.length / words.length >= 3 &&
    short * 3 <= words.length &&
    words.every((w) => w.length <= 2 || (w.length <= 16 && /[aeiouy]/i.test(w)))
  );
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
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.$/.test(value)) return true; // a dotted prefix that code completes: 'gi.repository.' + name
  if (/[()[\]{}<>]/.test(value)) return true; // calls, indexing, markup
  if (/^(?:https?|file):\/\//i.test(value) || /^[./~]/.test(value) || (/\/.*\//.test(value) && !/[+=]/.test(value)))
    return true;
  if (/^_{0,4}[a-z]+(?:[_-]{1,2}[a-z]+)+_{0,4}$/i.test(value)) return true; // snake-case or kebab-case words, dunder names (`__vite_ssr_import__`)
  if (/^(?:true|false|null|none|nil|undefined)$/i.test(value)) return true;
  // A name with a fragment (`smithy.api#httpApiKeyAuth`, `Module#method`): every part is code or a name. A password's parts are not.
  if (value.includes('#'))
    return value
      .split('#')
      .every((part) => part === '' || isCode(part) || looksLikeIdentifier(part) || nonSecretShape(part) !== undefined);
  if (
    /^[\w.@/-]+\.(?:json|ya?ml|toml|txt|xml|csv|log|md|py|[cm]?js|[cm]?ts|jsx|tsx|sh|env|ini|cfg|conf|pem|key|crt|lock|html|zip|gz)$/i.test(
      value,
    )
  )
    return true; // a file name or relative path (`bin/secretlint.js`)
  return false;
}

/**
 * `name: value` is a key only where YAML, JSON or an object literal puts keys:
 * at the start of a line (after indentation or `- `), after `{` or `,`, or
 * quoted. Elsewhere it is prose ("no secret: see below"). Other operators
 * (`=`, `:=`, `?=` …) are assignments wherever they stand.
 */
function isKeyPosition(text: string, index: number, matched: string, op: string): boolean {
  if (op !== ':') return true;
  if (/^["']/.test(text.slice(index - 1, index)) || /["']\s*:/.test(matched)) return true;
  // Read back only over the blanks and the one word before the name, never the whole line: a long
  // line of `x token: …` repeated would otherwise be read once per match.
  const before = skipBlanksBack(text, index);
  if (before === 0 || text[before - 1] === '\n') return true;
  const c = text[before - 1]!;
  if (c === '{' || c === ',' || c === '(') return true;
  if (c === '-') return atLineStart(text, skipBlanksBack(text, before - 1));
  let wordStart = before;
  while (wordStart > 0 && before - wordStart < 6 && isWordByte(text.charCodeAt(wordStart - 1))) wordStart--;
  return (
    /^(?:export|set|ENV)$/i.test(text.slice(wordStart, before)) && atLineStart(text, skipBlanksBack(text, wordStart))
  );
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

/**
 * Setter calls that take a name and a value: `os.environ.setdefault("X", "…")`,
 * `System.setProperty("X", "…")`, `os.Setenv("X", "…")`, `monkeypatch.setenv`,
 * `Environment.SetEnvironmentVariable`. Only these: other two-argument calls
 * (`headers.get("token", default)`) pass something other than the value.
 */
const SETTER_CALL =
  /(?<![A-Za-z0-9_])(?:setdefault|setProperty|putenv|setenv|set_env|setEnv|SetEnvironmentVariable)\(\s{0,8}[rbfu]?["'](?<name>[A-Za-z0-9_.-]{1,94})["']\s{0,8},\s{0,8}(?<q>[rbfu]?["'`])(?<value>[^\s"'`]{8,256})/gi;

/**
 * XML: `<password>…</password>`, `<string name="api_key">…</string>`,
 * `<add key="ApiToken" value="…"/>`, `<entry key="db.password">…</entry>`.
 * Element text and attribute values are literals, like quoted strings.
 */
const XML_ELEMENT =
  /<(?<name>[A-Za-z_][A-Za-z0-9_.:-]{0,93})(?:\s[^<>]{0,200})?>\s{0,8}(?<value>[^\s<>"'`]{8,256})\s{0,8}<\//g;
const XML_NAMED =
  /\s(?:key|name)=["'](?<name>[A-Za-z0-9_.:-]{1,94})["'](?:\s{1,8}[A-Za-z_:-]{1,30}=["'][^"'<>]{0,100}["']){0,4}?(?:\s{1,8}value=["'](?<value>[^\s"'<>]{8,256})["']|\s{0,8}>\s{0,8}(?<text>[^\s<>"'`]{8,256})\s{0,8}<\/)/g;

/** A candidate for the rule: a name, the value given to it, and where the value starts in the text. */
interface Candidate {
  name: string;
  value: string;
  valueStart: number;
  /** The value is a literal: quoted, element text, or a setter argument. */
  literal: boolean;
}

/** Whether the value is a secret by shape, and how loudly: the checks every form of the rule shares. */
function judgeValue(name: string, value: string, literal: boolean, path: string): 'error' | 'warning' | undefined {
  // The name must say "secret" with a word of its own: not `tiktoken`, `csrf-token`, `credentialsId`, `authSource`.
  if (!namesASecret(name)) return undefined;
  // A value that spells its own key is a label: `CHALLENGE_PASSWORD: "challengePassword"`.
  if (squash(value) === squash(name.split('.').pop()!)) return undefined;
  // A JWT is the JWT rule's to judge: it decodes the claims (an expired or sample token is not an error).
  if (hasJwtShape(value)) return undefined;
  // A Docker config's `"auth": "<base64 user:password>"` is a credential whatever its letters look like.
  const basic = /auth$/i.test(name) ? decodeBasicCredential(value) : undefined;
  if (basic) return judgePassword(basic.password, basic.user);
  if (isCode(value) || !looksRandom(value)) return undefined;
  // Typed-in test values (`write_token_1`, `password123`) may still be real somewhere: a warning, not an error.
  const synthetic = isSyntheticSecret(value);
  const shape = nonSecretShape(value);
  // Names and ids (`dbmdz/bert-large-cased`, `X-aws-ec2-metadata-token`) are not secrets, unless they are made-up
  // secrets or a password, which may be made of words; numbers, versions, hashes, URNs, ARNs and flags never are.
  const nameLike = shape === 'identifier' || shape === 'model-id';
  if (shape !== undefined && !(nameLike && (synthetic || PASSWORD_NAME.test(name)))) return undefined;
  if (!literal) {
    // In program source an unquoted right-hand side is an expression (`type AlertToken = FullToken<'Alert'>`,
    // `exports.isToken = isToken`): a literal secret there is always quoted.
    if (SOURCE_CODE.test(path)) return undefined;
    // An unquoted camelCase word is a variable, not a value (`'private-key': privateKey`).
    if (looksLikeIdentifier(value)) return undefined;
  } else if (isLettersOnlyName(value) && !PASSWORD_NAME.test(name)) {
    // Short runs of letters are names (design tokens: `"token": "primaryNextBtnHoverBg"`); generated
    // keys mix in digits or run longer. A password may still be words.
    return undefined;
  }
  return synthetic ? 'warning' : 'error';
}

/** Users of the Basic credentials the HTTP and OAuth specifications print as examples (RFC 7617, RFC 6749). */
const SPECIFICATION_USERS = new Set(['Aladdin', 's6BhdRkqt3']);

/** A password found beside its user (Basic credentials, `curl -u`): stand-ins are nothing, made-up ones a warning. */
function judgePassword(password: string, user: string): 'error' | 'warning' | undefined {
  if (
    password.length < 6 ||
    password === user ||
    SPECIFICATION_USERS.has(user) ||
    isStandInPassword(password) ||
    isPlaceholder(password)
  )
    return undefined;
  // A shell or template reference, or shell syntax (`|`, `&&`, `;`), not a value.
  if ('$%{<|&;()>'.includes(password[0]!)) return undefined;
  return isSyntheticSecret(password) ? 'warning' : 'error';
}

/** Assignments, setter calls and XML elements in `text`. */
function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of assignmentMatches(text)) {
    const g = m.groups!;
    const raw = g.value ?? g.bare!;
    const rawStart = m.index! + m[0].length - raw.length;
    // A value inside an escaped string ends before `\n`-style escapes or the backslash of an escaped quote.
    let value = raw.replace(/(?:\\[nrt])+$/, '').replace(/\\+$/, '');
    if (isQueryParameter(text, m.index!) || MORE_PARAMETERS.test(value)) {
      const amp = value.indexOf('&');
      if (amp !== -1) value = value.slice(0, amp);
      if (value.length < 8) continue;
    }
    if (!isKeyPosition(text, m.index!, m[0], g.op!)) continue;
    // `…;AccountKey=…;` or `"Password=…;` is a part of a connection string inside a literal: the value is literal too.
    // (A query string, `"oauth_token=…&…"`, is not: its values are usually documentation or test data.)
    const nameAt = m.index!;
    const before = text[nameAt - 1];
    const inLiteral =
      g.value === undefined &&
      text[nameAt + g.name!.length] === '=' &&
      (before === ';' || ((before === '"' || before === "'") && text[rawStart + raw.length] === ';'));
    out.push({ name: g.name!, value, valueStart: rawStart, literal: g.value !== undefined || inLiteral });
  }
  // Most windows hold none of these forms: a character each needs rules the search out cheaply.
  const forms = [
    text.includes('(') ? SETTER_CALL : undefined,
    text.includes('</') ? XML_ELEMENT : undefined,
    text.includes('key=') || text.includes('name=') ? XML_NAMED : undefined,
  ];
  for (const re of forms) {
    if (!re) continue;
    for (const m of allMatches(re, text)) {
      const value = m.groups!.value ?? m.groups!.text!;
      out.push({ name: m.groups!.name!, value, valueStart: m.index! + m[0].lastIndexOf(value), literal: true });
    }
  }
  return out;
}

const assignment: ContentRule = {
  kind: 'content',
  id: 'generic-secret-assignment',
  provider: 'generic',
  title: 'High-entropy value assigned to a secret-named key',
  why: 'A random-looking value held by a name like *_TOKEN, *_SECRET, *_API_KEY or password is very likely a live credential.',
  severity: 'error',
  remediation,
  keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'credential', 'creds'],
  fallback: true,
  // The keyword is part of a secret word, which sits in a name followed by an operator, a setter's comma or an XML `>`.
  hitCanMatch: (bytes, start, end) => inSecretWord(bytes, start, end) && formMayFollow(bytes, start, end),
  match(text, ctx) {
    const out: RuleMatch[] = [];
    const seen = new Set<number>();
    for (const c of candidates(text)) {
      if (seen.has(c.valueStart)) continue;
      const verdict = judgeValue(c.name, c.value, c.literal, ctx.path);
      if (!verdict) continue;
      seen.add(c.valueStart);
      out.push({
        start: c.valueStart,
        end: c.valueStart + c.value.length,
        secret: c.value,
        ...(verdict === 'warning'
          ? { severity: 'warning' as const, message: `Test-looking value assigned to ${c.name}` }
          : { message: `High-entropy value assigned to ${c.name}` }),
      });
    }
    return out.sort((a, b) => a.start - b.start);
  },
  // The values are made when a test asks, so this file holds no assignment leaklint would report.
  get examples() {
    const { V, PW } = exampleValues();
    return {
      match: [
        `DB_PASSWORD = "${['q7Zr', '2Lx8', 'Wd4K', 'p3Nb', '6Tc1'].join('')}"`,
        `api_key: ${['Hs8e', 'K2qP', 'x9Lm', 'R4tV', 'z7Nc'].join('')}`,
        `os.environ["OPENAI_API_KEY"] = "${V}"`,
        `os.environ.setdefault('WANDB_API_KEY', '${V}')`,
        `%env COHERE_API_KEY=${V}`,
        `!export HF_TOKEN=${V}`,
        `"{\\"secretKey\\":\\"${V}\\"}"`,
        `"auths": {"registry.acme.io": {"auth": "${base64(`deploy:${PW}`)}"}}`,
        `DB_PASSWORD = "${PW.slice(0, 8)}#${PW.slice(8)}"`,
        `AZURE_OPENAI_KEY=${V}`,
        `AccountName=acme;AccountKey=${V}${V}+/==;EndpointSuffix=core.windows.net`,
        `SMTP_PASS=${PW}`,
        `creds: "${V}"`,
        `var apiToken string = "${V}"`,
        `$password .= "${PW}";`,
        `API_TOKEN ?= ${V}`,
        `API_TOKEN ::= ${V}`,
        `<password>${PW}</password>`,
        `<add key="ApiToken" value="${V}" />`,
        `System.setProperty("db.password", "${PW}");`,
      ],
      noMatch: [
        'os.environ["OPENAI_API_KEY"] = os.getenv("KEY")',
        `primary_key: "${V}"`,
        `bypass: "${V}"`,
        `headers.get("token", "${V}")`,
        '<password>${env.DB_PASSWORD}</password>',
        `"auths": {"registry.acme.io": {"auth": "${base64('admin:password')}"}}`,
        'openai_notiktoken-v1.0.1: openai==1.0.1',
        'password = os.environ["DB_PASSWORD"]',
        'api_key: "your-api-key-here"',
        '"token": "primaryNextBtnHoverBg"',
        'const token = getToken(request);',
      ],
    };
  },
};

/**
 * `Authorization: Bearer …` / `Basic …` / `token …` in headers: curl `-H`,
 * HTTP files, request dicts (`{"Authorization": "Bearer …"}`) and setter
 * calls (`setRequestProperty("Authorization", "token …")`).
 */
const AUTHORIZATION =
  /(?<![A-Za-z0-9_-])(?:Proxy-)?Authorization\\?["']?\]?\s{0,8}[:=,]\s{0,8}\\?["']?(?<scheme>Bearer|Basic|token)\s{1,8}(?<value>[A-Za-z0-9._~+/=-]{8,2048})/gi;

const authorizationHeader: ContentRule = {
  kind: 'content',
  id: 'generic-authorization-header',
  provider: 'generic',
  title: 'Credential in an Authorization header',
  why: 'A Bearer token or Basic user:password written into a request is the credential itself: anyone who reads it can send the same request.',
  severity: 'error',
  remediation: {
    ...remediation,
    read: 'build the header at run time from the environment: f"Bearer {os.environ[\'API_TOKEN\']}", `-H "Authorization: Bearer $API_TOKEN"`',
  },
  keywords: ['authorization'],
  fallback: true,
  match(text) {
    const out: RuleMatch[] = [];
    for (const m of allMatches(AUTHORIZATION, text)) {
      const { scheme, value } = m.groups as { scheme: string; value: string };
      const start = m.index! + m[0].length - value.length;
      let verdict: 'error' | 'warning' | undefined;
      if (scheme.toLowerCase() === 'basic') {
        const basic = decodeBasicCredential(value);
        verdict = basic && judgePassword(basic.password, basic.user);
      } else if (
        value.length >= 16 &&
        !hasJwtShape(value) &&
        !isCode(value) &&
        looksRandom(value) &&
        nonSecretShape(value) === undefined
      ) {
        // Real bearer tokens run to 20 characters and more; the short ones in RFC and API examples (`h480djs93hd8`) do not.
        verdict = isSyntheticSecret(value) ? 'warning' : 'error';
      }
      if (!verdict) continue;
      const what = scheme.toLowerCase() === 'basic' ? 'Basic credentials (base64 user:password)' : `${scheme} token`;
      out.push({
        start,
        end: start + value.length,
        secret: value,
        ...(verdict === 'warning'
          ? { severity: 'warning' as const, message: `Test-looking ${what} in an Authorization header` }
          : { message: `${what} in an Authorization header` }),
      });
    }
    return out;
  },
  get examples() {
    const { V, PW } = exampleValues();
    return {
      match: [
        `curl -H "Authorization: Bearer ${V}" https://api.acme.io/v1`,
        `headers = {"Authorization": "Bearer ${V}"}`,
        `Authorization: Basic ${base64(`deploy:${PW}`)}`,
      ],
      noMatch: [
        'headers = {"Authorization": f"Bearer {token}"}',
        'Authorization: Bearer $API_TOKEN',
        'Authorization: Bearer YOUR_API_KEY',
        `Authorization: Basic ${base64('admin:password')}`,
        `Authorization: Basic ${base64(V)}`,
      ],
    };
  },
};

/**
 * Logins on the command line: `wandb login KEY` (also `!wandb login` in a
 * notebook), `huggingface-cli login --token T`, `hf auth login --token T`.
 * The arguments end at the end of the command (`;`, `&`, `|`, newline).
 */
const CLI_LOGIN =
  /(?<![A-Za-z0-9_.-])(?<tool>wandb|huggingface-cli|hf(?:[ \t]{1,4}auth)?)[ \t]{1,8}login(?<args>[^\n;&|]{0,300})/g;
/** Options of `wandb login` that take a value (the key is the one positional argument). */
const WANDB_VALUE_OPTIONS = new Set(['--host', '--base-url', '--cloud-host', '--project', '--entity']);
/** `curl -u user:password` / `--user user:password` (curl sends it as Basic credentials). */
const CURL_USER =
  /(?<![A-Za-z0-9_-])(?:-u|--user)(?:[ \t]{1,8}|=)(?<q>["']?)(?<user>[^\s:"'@]{1,128}):(?<password>[^\s"']{1,256})/g;

/** The argument given to `login`, as [value, offset in args], or undefined. */
function loginArgument(tool: string, args: string): [string, number] | undefined {
  // Words end at quotes, commas and backslashes too: `'wandb login KEY',` in code, `"!wandb login KEY\n",` in a notebook.
  const words = [...args.matchAll(/[^\s"'`,;()\\]+/g)];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]![0];
    // `--token=VALUE` is an assignment to a secret name: generic-secret-assignment reports it.
    if (word.startsWith('--token=')) return undefined;
    const eq = /^--key=(.+)$/.exec(word);
    if (eq) return [eq[1]!, words[i]!.index! + word.length - eq[1]!.length];
    if (word === '--token' || word === '--key') {
      const next = words[i + 1];
      return next ? [next[0], next.index!] : undefined;
    }
    if (tool === 'wandb' && !word.startsWith('-')) return [word, words[i]!.index!];
    if (tool === 'wandb' && WANDB_VALUE_OPTIONS.has(word)) i++;
  }
  return undefined;
}

/** Whether `at` is in the same shell command as the last `curl` before it (only `\`-continued line breaks between). */
function inCurlCommand(text: string, at: number): boolean {
  const curl = text.lastIndexOf('curl', at);
  if (curl === -1) return false;
  for (let nl = text.indexOf('\n', curl); nl !== -1 && nl < at; nl = text.indexOf('\n', nl + 1)) {
    if (!/\\\r?$/.test(text.slice(Math.max(curl, nl - 2), nl))) return false;
  }
  return true;
}

const cliCredential: ContentRule = {
  kind: 'content',
  id: 'generic-cli-credential',
  provider: 'generic',
  title: 'Credential passed on a command line',
  why: 'A key typed into a command (`wandb login KEY`, `curl -u user:password`) is saved with the script, the notebook or the shell history, and shows in process lists.',
  severity: 'error',
  remediation: {
    ...remediation,
    read: 'let the tool read its variable (WANDB_API_KEY, HF_TOKEN) or prompt: `wandb login` and `hf auth login` without a key; `curl -u "$USER:$PASSWORD"` or a netrc file outside the repository',
  },
  keywords: ['login', 'curl'],
  // `curl \` continues on the next lines.
  contextLines: 4,
  fallback: true,
  match(text) {
    const out: RuleMatch[] = [];
    for (const m of allMatches(CLI_LOGIN, text)) {
      const tool = m.groups!.tool!.replace(/\s+/g, ' ');
      const arg = loginArgument(tool, m.groups!.args!);
      if (!arg) continue;
      const value = arg[0];
      if (/^[$%{<]/.test(value) || isCode(value) || !looksRandom(value)) continue;
      const start = m.index! + m[0].length - m.groups!.args!.length + arg[1];
      const warning = isSyntheticSecret(value);
      out.push({
        start,
        end: start + value.length,
        secret: value,
        ...(warning ? { severity: 'warning' as const } : {}),
        message: `${warning ? 'Test-looking key' : 'Key'} passed to \`${tool} login\``,
      });
    }
    for (const m of allMatches(CURL_USER, text)) {
      if (!inCurlCommand(text, m.index!)) continue;
      const { user, password } = m.groups as { user: string; password: string };
      // In a notebook's JSON the command ends with a `\n` escape.
      const clean = password.replace(/(?:\\[nrt])+$/, '').replace(/\\+$/, '');
      const verdict = judgePassword(clean, user.replace(/^\$/, ''));
      if (!verdict || /^\$/.test(user)) continue;
      const start = m.index! + m[0].length - password.length;
      out.push({
        start,
        end: start + clean.length,
        secret: clean,
        ...(verdict === 'warning' ? { severity: 'warning' as const } : {}),
        message: `${verdict === 'warning' ? 'Test-looking password' : 'Password'} passed to curl -u`,
      });
    }
    return out;
  },
  get examples() {
    const { V, PW, HEX_KEY } = exampleValues();
    return {
      match: [
        `wandb login ${HEX_KEY}`,
        `!wandb login ${HEX_KEY}`,
        `huggingface-cli login --token ${V}`,
        `hf auth login --token ${V}`,
        `curl -u deploy:${PW} https://nexus.acme.io/`,
      ],
      noMatch: [
        'wandb login $WANDB_API_KEY',
        'wandb login --relogin',
        'huggingface-cli login --token "$HF_TOKEN"',
        'curl -u "$USER:$PASSWORD" https://nexus.acme.io/',
        'git push -u origin main:release',
      ],
    };
  },
};

export const rules: Rule[] = [assignment, authorizationHeader, cliCredential];
