import type { Command } from './types.js';
import type { Rule } from '../types.js';
import { EXIT_CLEAN } from '../cli/io.js';
import { configFor } from '../cli/run-scan.js';
import { rulesFor } from '../scan/rule-set.js';

export function renderRules(rules: Rule[], format: string): string {
  if (format === 'json') {
    return (
      JSON.stringify(
        rules.map((r) => ({
          id: r.id,
          kind: r.kind,
          provider: r.provider,
          severity: r.severity,
          title: r.title,
          // The words a file must hold for the rule to look at it (what a keyword prefilter searches for).
          ...(r.kind === 'content' ? { keywords: r.keywords } : {}),
        })),
        null,
        2,
      ) + '\n'
    );
  }
  if (format === 'markdown') {
    const rows = rules.map((r) => `| \`${r.id}\` | ${r.provider} | ${r.kind} | ${r.severity} | ${r.title} |`);
    return (
      ['| rule | provider | kind | severity | what it catches |', '|---|---|---|---|---|', ...rows].join('\n') + '\n'
    );
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  return (
    rules
      .map(
        (r) => `${r.id.padEnd(width)}  ${r.provider.padEnd(16)} ${r.kind.padEnd(7)} ${r.severity.padEnd(7)} ${r.title}`,
      )
      .join('\n') + '\n'
  );
}

export const rulesCommand: Command = {
  command: 'rules',
  describe: 'list every rule with its provider and severity',
  builder: (y) =>
    y
      .option('format', {
        alias: 'f',
        type: 'string',
        default: 'human',
        choices: ['human', 'json', 'markdown'],
        coerce: (v: unknown) => String(v).toLowerCase(),
        describe: 'list format (any case)',
      })
      .option('config', {
        alias: 'c',
        type: 'string',
        describe: 'configuration file (default: leaklint.config.json at the repository root)',
      }),
  examples: [
    ['$0 rules', "every rule, the project's own included"],
    ['$0 rules --format markdown', 'as a Markdown table'],
  ],
  async run(args, io) {
    // The project's own rules and severity overrides are part of what runs here.
    const config = configFor(args, io);
    const rules = (await rulesFor(config)).map((r) =>
      config.severity[r.id] ? { ...r, severity: config.severity[r.id]! } : r,
    );
    io.stdout.write(renderRules(rules, String(args.format)));
    return EXIT_CLEAN;
  },
};
