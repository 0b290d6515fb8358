// git's output is read as latin1, so string offsets are byte offsets; the
// text it carries (paths, names, messages, a patch's lines) is UTF-8.

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The UTF-8 text in bytes read as latin1; invalid UTF-8 becomes U+FFFD
 * rather than an error. ASCII is its own text and skips the round trip
 * through a Buffer (most paths and lines are ASCII).
 */
export function utf8FromLatin1(latin1: string): string {
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

/**
 * A copy of `text` that holds its own characters. A string cut from a
 * bigger one (a record split from a chunk of git's output) keeps all of
 * that one alive: the ids and paths a history walk keeps held every chunk
 * of the log, a fifth of the main thread's heap on 25,000 commits. The
 * round trip through UTF-8 gives back any string that has no lone
 * surrogate, which text decoded from bytes never has.
 */
export function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
