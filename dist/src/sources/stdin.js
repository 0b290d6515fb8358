export async function readAll(stream) {
    const parts = [];
    for await (const part of stream)
        parts.push(typeof part === 'string' ? Buffer.from(part) : part);
    return Buffer.concat(parts);
}
/** Piped text, named by --path so path-aware rules (.env, .npmrc …) apply. */
export async function* stdinItems(stream, name) {
    const data = await readAll(stream);
    yield { type: 'file', path: name ?? '<stdin>', origin: { kind: 'stdin' }, data, pathRules: name !== undefined };
}
