import type { Reporter } from './types.js';
import { humanReporter } from './human.js';
import { jsonReporter } from './json.js';

export const reporters: Record<string, Reporter> = {
  human: humanReporter,
  json: jsonReporter,
};
