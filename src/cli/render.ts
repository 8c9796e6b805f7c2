import { parseArgs } from 'node:util';
import { HELP_OPTION, LIMITS_HELP, LIMIT_OPTIONS, limitsFrom } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { loadCatalog } from '../catalog/index.js';
import { loadPath, renderPublishedText } from '../load/index.js';
import { toYaml, toJson } from '../load/serialize.js';
import { validateProfile } from '../schema/index.js';
import { writeSafely } from '../report/write.js';

export const HELP = `Usage: adherence render <profile | -> [options]

Prints a profile (YAML, JSON or published text; - reads standard input) in another form.

Options:
      --format FORMAT    text (the published layout) | yaml | json (default text)
  -o, --output FILE      write to FILE (atomically; an existing FILE is kept as FILE.bak)
      --force            allow --output to name the input file
${LIMITS_HELP}
  -h, --help             this text

A profile that does not load or does not match the schema is not rendered: fix what
\`adherence check\` reports first. Exit codes: 0 rendered; 2 usage error or invalid input.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
    ...HELP_OPTION,
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    ...LIMIT_OPTIONS,
  } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('render takes one profile (or - for standard input); see adherence render --help');
  const format = values.format ?? 'text';
  if (!['text', 'yaml', 'json'].includes(format)) throw new UsageError(`--format takes text, yaml or json, not "${format}"`);
  const file = positionals[0]!;
  const catalog = loadCatalog();
  const limits = limitsFrom(values);
  const loaded = loadPath(file, catalog, limits);
  const name = file === '-' ? '<stdin>' : file;
  if (!loaded.profile || loaded.problems.length) {
    const p = loaded.problems[0];
    throw new UsageError(`${name}:${p?.line ?? 1}:${p?.column ?? 1}: ${p?.message ?? 'unreadable'}`);
  }
  const invalid = validateProfile(loaded.profile);
  if (invalid.length) {
    const pos = loaded.positions.get(invalid[0]!.pointer) ?? { line: 1, column: 1 };
    throw new UsageError(`${name}:${pos.line}:${pos.column}: ${invalid[0]!.message}${invalid.length > 1 ? ` (and ${invalid.length - 1} more; run adherence check)` : ''}`);
  }
  const text = format === 'text' ? renderPublishedText(loaded.profile, catalog) : format === 'json' ? toJson(loaded.profile) : toYaml(loaded.profile);
  if (values.output) writeSafely(values.output, text, { inputs: [file], force: values.force });
  else process.stdout.write(text);
  return EXIT.ok;
}
