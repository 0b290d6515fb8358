// Before any test file runs, dist/ is rebuilt from the sources as they are
// now, so every test that launches bin/leaklint.js runs the code just
// written, never an older build (about a second). test/project/dist.test.ts checks
// separately that the committed dist/ is the build of the committed sources.
import { buildDist } from './build-dist.js';

export default async function setup(): Promise<void> {
  await buildDist();
}
