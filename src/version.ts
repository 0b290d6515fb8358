// The package version, read from package.json the first time a report (or
// --version) names it, not at start-up: most runs never do.
import { ownPackage } from './util/self.js';

export function leaklintVersion(): string {
  return ownPackage().version ?? '0.0.0';
}
