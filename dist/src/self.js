// This installation's own command line, for scripts leaklint writes that run
// it again. Found relative to this module, which sits in dist/src/ both as
// tsc's output and inside the bundle, so the path is the same either way.
import { fileURLToPath } from 'node:url';
export function leaklintBin() {
    return fileURLToPath(new URL('../../bin/leaklint.js', import.meta.url));
}
