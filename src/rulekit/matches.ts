/**
 * Every match of a global pattern in `text`, as `[...text.matchAll(re)]`
 * gives them, found with `exec`. `matchAll` copies the pattern on every
 * call (about a microsecond), which rules pay once per window: on a
 * keyword-dense history that is millions of copies for nothing. The
 * matches are all found before the caller sees any, so a caller may use
 * the same pattern again while it reads them.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError(`allMatches needs a global pattern: ${re}`);
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes('v'));
  }
  re.lastIndex = 0;
  return out;
}

/** The index after `at`: past a whole surrogate pair when the pattern reads code points (as matchAll steps over an empty match). */
function advance(text: string, at: number, codePoints: boolean): number {
  if (!codePoints || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? at + 2 : at + 1;
}
