import type { SourceItem } from '../scan/scanner.js';

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(typeof part === 'string' ? Buffer.from(part) : (part as Buffer));
  return Buffer.concat(parts);
}

/** Piped text, named by --path so path-aware rules (.env, .npmrc …) apply. */
export async function* stdinItems(stream: NodeJS.ReadableStream, name: string | undefined): AsyncGenerator<SourceItem> {
  const data = await readAll(stream);
  yield { type: 'file', path: name ?? '<stdin>', origin: { kind: 'stdin' }, data, pathRules: name !== undefined };
}
