// Commands leaklint prints or writes are meant to be pasted or run as they
// are, so every word from outside (a file name, a remote name, a URL) is
// quoted for a POSIX shell: a hostile name (`x; rm -rf ~`) stays a word.

/** `word` as one POSIX shell word: unchanged when it needs no quoting, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
