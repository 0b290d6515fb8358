// The package version, read from package.json the first time a report names
// the tool version (not at start-up: most reports never do).
import { readFileSync } from 'node:fs';
let version;
export function leaklintVersion() {
    if (version === undefined) {
        try {
            const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
            version = pkg.version ?? '0.0.0';
        }
        catch {
            version = '0.0.0';
        }
    }
    return version;
}
