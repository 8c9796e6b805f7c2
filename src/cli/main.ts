// Command dispatch. Each command lives in its own file and is loaded only when used.
import { UsageError, EXIT } from './errors.js';
import { toolVersion } from '../version.js';
import { AdherenceError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { showControls } from '../report/escape.js';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: { summary: 'validate profiles: schema and rules (default: profiles/)', load: async () => (await import('./check.js')).run },
  import: {
    summary: 'read a profile in the published text layout and write it as YAML',
    load: async () => (await import('./import.js')).run,
  },
  render: { summary: 'print a profile as published text, YAML or JSON', load: async () => (await import('./render.js')).run },
  explain: {
    summary: 'show why a rule fired (or did not) on a profile: its condition tree with every value',
    load: async () => (await import('./explain.js')).run,
  },
  review: {
    summary: 'pre-publication review of drafts against the published versions (HTML, Markdown)',
    load: async () => (await import('./review.js')).run,
  },
  fuzz: { summary: 'run the property-based tests of the rule set at scale', load: async () => (await import('./fuzz.js')).run },
  rules: { summary: "list the rules, or print one rule's documentation and examples", load: async () => (await import('./rules.js')).run },
};

export function usage(): string {
  const width = Object.keys(COMMANDS).reduce((m, c) => Math.max(m, c.length), 0);
  return `adherence ${toolVersion}: validation of state nonproliferation profiles

Usage: adherence <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run \`adherence <command> --help\` for a command's options.
Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage error, unreadable path,
invalid configuration or rule set.
`;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${toolVersion}\n`);
      return EXIT.ok;
    }
    const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!cmd) {
      const near = didYouMean(name, Object.keys(COMMANDS));
      throw new UsageError(
        `unknown command "${name}"${near ? ` (did you mean ${near}?)` : ''} (commands: ${Object.keys(COMMANDS).join(', ')})`,
      );
    }
    return await (await cmd.load())(rest.filter((a) => a !== '--debug'));
  } catch (err) {
    // The one place errors become exit 2: every error the tool means to report is an AdherenceError
    // (usage, rule set, a rule that fails mid-run, waivers, baseline, review sources, depositary),
    // printed as its one line; Node's argument parser's own errors likewise. Anything else is a bug.
    if (err instanceof AdherenceError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`adherence: ${showControls((err as Error).message)}\n`);
    } else {
      process.stderr.write(
        `adherence: internal error: ${showControls((err as Error)?.message ?? String(err))}${debug ? '' : ' (run with --debug for details)'}\n`,
      );
    }
    if (debug) process.stderr.write(`${showControls((err as Error)?.stack ?? '', '\n')}\n`);
    return EXIT.usage;
  }
}
