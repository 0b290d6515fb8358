import type { Command } from './types.js';
import type { Rule } from '../types.js';
import { loadRules, EXIT_CLEAN } from '../cli.js';

export function renderRules(rules: Rule[], format: string): string {
  if (format === 'json') {
    return JSON.stringify(rules.map((r) => ({ id: r.id, kind: r.kind, provider: r.provider, severity: r.severity, title: r.title })), null, 2) + '\n';
  }
  if (format === 'markdown') {
    const rows = rules.map((r) => `| \`${r.id}\` | ${r.provider} | ${r.kind} | ${r.severity} | ${r.title} |`);
    return ['| rule | provider | kind | severity | what it catches |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.provider.padEnd(16)} ${r.kind.padEnd(7)} ${r.severity.padEnd(7)} ${r.title}`).join('\n') + '\n';
}

export const rulesCommand: Command = {
  command: 'rules',
  describe: 'list every rule with its provider and severity',
  builder: (y) => y.option('format', { alias: 'f', type: 'string', default: 'human', choices: ['human', 'json', 'markdown'] }),
  async run(args, io) {
    io.stdout.write(renderRules(await loadRules(), String(args.format)));
    return EXIT_CLEAN;
  },
};
