// The one placeholder filter every rule shares: a value that is a template,
// a reference or an obvious stand-in is not a leak.

/** Long words: any occurrence, any case, marks a placeholder (chance in random text is negligible). */
const LONG_WORDS = [
  'example',
  'sample',
  'dummy',
  'notareal',
  'not_a_real',
  'not-a-real',
  'redacted',
  'changeme',
  'change_me',
  'placeholder',
  'replace_me',
  'replaceme',
  'insert_',
  'yourtoken',
  'your_token',
  'your-token',
  'yourkey',
  'your_key',
  'your-key',
  'yoursecret',
  'your_secret',
  'secretvalue',
  'fakesecret',
  'faketoken',
  'fakekey',
  'notreal',
  'xxxxx',
];
/** Short words: only when they stand at an edge of the value or next to a separator. */
const SHORT_WORDS = ['your', 'here', 'fake', 'test', 'todo', 'mock', 'demo'];

const TEMPLATE = [
  /\$\{\{?[^}]*\}\}?/, // ${VAR}, ${{ secrets.X }}, $${{ … }}
  /\{\{[^}]*\}\}/, // {{ var }}
  /<[^<>]{1,80}>/, // <Your API Key>
  /%[A-Za-z_][A-Za-z0-9_]*%/, // %VAR%
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\(/, // $(command)
  /%\([a-z_]+\)s/, // %(password)s
  /\*{3,}/, // ***
  /\.{3,}|…/, // truncated example
  /test[_-]?(?:api[_-]?)?(?:token|key|secret)/i,
  /(?:process\.env|os\.environ|getenv|ENV\[)/,
];

const SEPARATOR = /[^A-Za-z0-9]/;

function writtenAsWord(text: string): boolean {
  return (
    text === text.toLowerCase() ||
    text === text.toUpperCase() ||
    text === text[0]!.toUpperCase() + text.slice(1).toLowerCase()
  );
}

function hasShortWordAtEdge(value: string, word: string): boolean {
  const lower = value.toLowerCase();
  let at = lower.indexOf(word);
  while (at !== -1) {
    const before = at === 0 ? '' : value[at - 1]!;
    const after = at + word.length >= value.length ? '' : value[at + word.length]!;
    const nextToSeparator = (before !== '' && SEPARATOR.test(before)) || (after !== '' && SEPARATOR.test(after));
    // At the bare edge of a random body (`…xqmOcK`) a short word is chance; a person writes it in one case (`demo`, `DEMO`, `Demo`).
    const atEdge = before === '' || after === '';
    if (nextToSeparator || (atEdge && writtenAsWord(value.slice(at, at + word.length)))) return true;
    at = lower.indexOf(word, at + 1);
  }
  return false;
}

function longestRun(value: string): number {
  let best = 1;
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value[i] === value[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

function longestSequence(value: string): number {
  let best = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return best;
}

function distinct(value: string): number {
  return new Set(value).size;
}

/**
 * True when `value` is a placeholder rather than a credential. `prefixLength`
 * characters at the start are a known public prefix (`hf_`, `pnu_`) and are
 * ignored for the shape checks.
 */
export function isPlaceholder(value: string, prefixLength = 0): boolean {
  const body = value.slice(prefixLength);
  if (body.length === 0) return true;
  for (const re of TEMPLATE) if (re.test(value)) return true;
  const lower = body.toLowerCase();
  for (const w of LONG_WORDS) if (lower.includes(w)) return true;
  for (const w of SHORT_WORDS) if (hasShortWordAtEdge(body, w)) return true;
  if (longestRun(body) >= 6) return true;
  if (longestSequence(body) >= 6) return true;
  // Few distinct characters for the length (`abababab`); capped so long random bodies (keys) never qualify.
  if (body.length >= 8 && distinct(body) <= Math.max(3, Math.min(10, Math.floor(body.length / 10)))) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}
