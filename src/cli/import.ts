import { relative, dirname, join } from 'node:path';
import { HELP, DEBUG, LIMITS, DATE_ORDER, limitsFrom } from './args.js';
import { parseOptions, oneOf, isoDate, optionsHelp, type OptionTable } from './options.js';
import { UsageError, EXIT } from './errors.js';
import { loadCatalog } from '../catalog/index.js';
import { loadPath, formatOf } from '../load/index.js';
import { toYaml, toJson } from '../load/serialize.js';
import { schemasDir } from '../paths.js';
import { writeSafely } from '../report/write.js';
import { showControls } from '../report/escape.js';

export const OPTIONS = {
  output: { short: 'o', value: 'FILE', help: 'write to FILE (atomically; an existing FILE is kept as FILE.bak)' },
  format: { short: 'f', value: 'NAME', parse: oneOf(['yaml', 'json'] as const), help: '`yaml` (default) or `json`' },
  json: { help: 'the same as `-f json`' },
  ...DATE_ORDER,
  'as-of': { value: 'DATE', parse: isoDate, help: 'record the date the profile describes (a calendar date, YYYY-MM-DD)' },
  force: { help: 'allow --output to name the input file' },
  ...LIMITS,
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence import <file.txt | -> [options]

Reads a profile in the published text layout and writes it as a YAML (or JSON) profile.
Every row, status text, footnote and layout detail is kept, so \`adherence render --format text\`
prints the original back byte for byte.

Options:
${optionsHelp(OPTIONS)}

Rows the importer cannot read are reported on standard error (with line and column) and kept.
Exit codes: 0 imported; 1 imported, with rows it could not read; 2 usage error or unreadable input.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('import takes one file (or - for standard input); see adherence import --help');
  const file = positionals[0]!;
  const catalog = loadCatalog();
  const limits = limitsFrom(values);
  const loaded = loadPath(file, catalog, limits, 'stdin.txt');
  if (loaded.format !== 'text' && file !== '-' && formatOf(file) !== 'text')
    throw new UsageError(`${file} is not in the published text layout (import reads .txt files)`);
  if (!loaded.profile) throw new UsageError(`${file}: ${loaded.problems[0]?.message ?? 'unreadable'}`);
  const profile = loaded.profile;
  if (values['date-order']) profile.dateOrder = values['date-order'];
  if (values['as-of']) profile.asOf = values['as-of'];
  for (const p of loaded.problems) process.stderr.write(showControls(`${file}:${p.line}:${p.column}: ${p.message}`) + '\n');
  const schemaFile = join(schemasDir, 'profile.schema.json');
  const schemaRef = relative(values.output ? dirname(values.output) : process.cwd(), schemaFile)
    .split('\\')
    .join('/');
  const text = values.json || values.format === 'json' ? toJson(profile) : toYaml(profile, schemaRef);
  if (values.output) writeSafely(values.output, text, { inputs: [file], force: values.force });
  else process.stdout.write(text);
  return loaded.problems.length ? EXIT.findings : EXIT.ok;
}
