// The byte forms a secret can take in a file version where the scanner read
// it, as Python `re` patterns for git filter-repo: the text as stored, the
// same text with JSON escapes (a notebook, or a JSON writer that escapes `/`
// or `+`), and UTF-16LE/BE. The scanner reads decoded text; filter-repo
// replaces bytes, so each form the decoding undoes needs a pattern of its own.

/** What the scanner read: characters, line breaks, and gaps where it stripped layout between the characters of a key payload. */
type Piece = { ch: string } | 'eol' | 'gap';

/**
 * The pieces of `secret`. A payload (`spansLines`: PEM or PuTTY key data the
 * rule joined) may have, between any two of its characters, whatever the
 * rule strips: whitespace and line breaks, `\n` escapes, and the quotes and
 * commas of a key split over JSON strings (a notebook cell's source lines).
 */
function piecesOf(secret: string, spansLines: boolean): Piece[] {
  const out: Piece[] = [];
  for (const ch of secret.replace(/\r\n?/g, '\n')) {
    if (spansLines && out.length) out.push('gap');
    out.push(ch === '\n' ? 'eol' : { ch });
  }
  return out;
}

/**
 * A Python `re` literal for text in a UTF-8 file. Backslash before ASCII
 * punctuation is a literal match there, and escaping `=` and `>` keeps `==>`
 * (filter-repo's separator) out of the pattern.
 */
export function pythonRegexLiteral(text: string, lineBreak: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\n') out += lineBreak;
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (/[A-Za-z0-9_]/.test(ch) || ch.charCodeAt(0) > 0x7f) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

/** Characters every JSON writer leaves as they are (none escapes a letter, digit, `_`, `-` or `.`). */
const NEVER_ESCAPED = /^[A-Za-z0-9_.-]$/;

/** `\uXXXX` for each UTF-16 unit of `ch`, hex digits in either case, as a Python pattern. */
function unicodeEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) {
    const hex = ch.charCodeAt(i).toString(16).padStart(4, '0');
    out += '\\\\u' + [...hex].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
  }
  return out;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\\\"',
  '\\': '\\\\\\\\',
  '/': '\\\\/',
  '\b': '\\\\b',
  '\f': '\\\\f',
  '\t': '\\\\t',
  '\r': '\\\\r',
};

/** One character as stored or as any JSON escape of it. */
function jsonChar(ch: string): string {
  const raw = pythonRegexLiteral(ch, '\\n');
  if (NEVER_ESCAPED.test(ch)) return raw;
  const short = SHORT_ESCAPES[ch];
  return `(?:${raw}|${short ? `${short}|` : ''}${unicodeEscape(ch)})`;
}

/** The pattern for the secret as stored in a UTF-8 file: the characters as they are, line breaks LF or CRLF. */
export function textPattern(secret: string, spansLines: boolean): string {
  return piecesOf(secret, spansLines)
    .map((p) => (p === 'eol' ? '\\r?\\n' : p === 'gap' ? '\\s*' : pythonRegexLiteral(p.ch, '\\n')))
    .join('');
}

/**
 * Whether the secret can be stored in a form `textPattern` does not match:
 * it holds a character a JSON writer may escape, or a line break (always
 * escaped in JSON), or it is a payload whose layout may be escapes.
 */
export function hasEscapedForm(secret: string, spansLines: boolean): boolean {
  return spansLines || [...secret].some((ch) => !NEVER_ESCAPED.test(ch));
}

/**
 * The pattern that also matches the secret inside a JSON string: any
 * character a writer may escape as its escape, a line break as `\n` (and, in
 * a notebook, the end of one source string and the start of the next).
 */
export function escapedPattern(secret: string, spansLines: boolean): string {
  return piecesOf(secret, spansLines)
    .map((p) => {
      if (p === 'eol') return '(?:\\r?\\n|(?:\\\\r)?\\\\n(?:"\\s*,\\s*")?)';
      if (p === 'gap') return '(?:\\s|\\\\[nr]|["\',])*';
      return jsonChar(p.ch);
    })
    .join('');
}

/** Bytes as a Python bytes-pattern literal: printable ASCII escaped as in `pythonRegexLiteral`, the rest `\xHH`. */
function bytesLiteral(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f) out += pythonRegexLiteral(String.fromCharCode(b), '\\n');
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export type Utf16 = 'utf16le' | 'utf16be';

export function encodeUtf16(text: string, order: Utf16): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return order === 'utf16le' ? le : le.swap16();
}

/**
 * The pattern for the secret in a UTF-16 file, little- or big-endian: each
 * character as its code units (ASCII is paired with a NUL byte), line breaks
 * LF or CRLF, a payload's gaps as in `escapedPattern`. Pure ASCII output, so
 * it can sit in a Python source file.
 */
export function utf16Pattern(secret: string, spansLines: boolean, order: Utf16): string {
  const unit = (text: string) => bytesLiteral(encodeUtf16(text, order));
  const [space, escaped] =
    order === 'utf16le'
      ? ['[\\t\\n\\x0b\\x0c\\r "\',]\\x00', '\\\\\\x00[nr]\\x00']
      : ['\\x00[\\t\\n\\x0b\\x0c\\r "\',]', '\\x00\\\\\\x00[nr]'];
  return piecesOf(secret, spansLines)
    .map((p) =>
      p === 'eol' ? `(?:${unit('\r')})?${unit('\n')}` : p === 'gap' ? `(?:${space}|${escaped})*` : unit(p.ch),
    )
    .join('');
}
