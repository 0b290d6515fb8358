// A JSON or JSONC syntax error said without the text around it: the
// configuration and the baseline may hold secrets, and a parser's message
// quotes the file.
/**
 * V8 quotes the text around a JSON syntax error ("…"AbCd",]}" is not valid
 * JSON"); in a configuration or baseline that text can be a secret. Keep the
 * reason, drop the quote.
 */
export function jsonErrorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?\s+is not valid JSON$/, ' (not valid JSON)');
}
