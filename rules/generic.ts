import type { Rule } from '../src/types.js';

export const rules: Rule[] = [];
