import type { Reporter } from './types.js';
import { humanReporter } from './human.js';
import { jsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import { githubReporter } from './github.js';
import { gitlabReporter } from './gitlab.js';
import { junitReporter } from './junit.js';

export const reporters: Record<string, Reporter> = {
  human: humanReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  gitlab: gitlabReporter,
  junit: junitReporter,
};
