// Names from a scanned repository (file names, author names, ref names,
// configured rule text) are chosen by whoever made the repository. Printed
// raw, a newline or an escape sequence in one of them can forge lines in a
// terminal or a CI log: a file named "x\n::stop-commands::y" turns off
// GitHub's workflow commands, "\x1b]0;…\x07" retitles a terminal. Every
// reporter passes such text through this module.

/**
 * C0 controls, DEL, C1 controls, and the format characters that reorder or
 * break lines where they are shown (bidi embeddings, overrides and isolates;
 * line and paragraph separators).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function escaped(s: string, keepLineBreaks: boolean): string {
  return s
    .replace(CONTROL, (c) => (keepLineBreaks && (c === '\n' || c === '\r') ? c : (SHORT[c] ?? hex(c))))
    .replace(/##\[/g, '\\x23#[')
    .replace(/^(\s*):(?=:)/, '$1\\x3a');
}

/**
 * `s` with nothing a terminal or a CI log runner acts on: control characters
 * become visible `\n`, `\x1b`, `\u202e` escapes; GitHub's legacy `##[command]`
 * form, which the runner honours anywhere in a line, loses its first `#`;
 * and a leading `::` (the runner trims leading space before looking for a
 * command) loses its first `:`. For text that is printed, not parsed back.
 */
export function escapeText(s: string): string {
  return escaped(s, false);
}

/** The same, leaving CR and LF to a caller that encodes them itself (GitHub's command properties, decoded by the runner into the real name). */
export function escapeTextButLineBreaks(s: string): string {
  return escaped(s, true);
}

/** A copy of `value` with every string in it passed through `escapeText` (findings, stats, warnings). */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeText(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeStrings(v);
    return out as T;
  }
  return value;
}

/** What JSON.stringify leaves raw but a terminal or log runner acts on (it already escapes C0). */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|#(?=#\[)/g;

/**
 * JSON text (from JSON.stringify) with DEL, C1 and the format characters
 * above, and the `#` of `##[`, written as `\uXXXX` escapes: the parsed values
 * stay exact (a tool still gets the real file name), while the bytes printed
 * or uploaded hold no control character and no workflow command. Those
 * characters occur only inside JSON strings, so the escapes are valid.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
