// The vocabulary shared by sources, engine, suppressions, reporters and rules.
export function emptyStats() {
    return { files: 0, bytes: 0, skippedBinary: 0, skippedLarge: 0, warnings: [] };
}
