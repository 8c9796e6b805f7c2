import { relative, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { HELP_OPTION, LIMITS_HELP, dateOrderOption, LIMIT_OPTIONS, limitsFrom } from './args.js';
import { UsageError, EXIT } from './errors.js';
import { loadCatalog } from '../catalog/index.js';
import { loadPath, formatOf } from '../load/index.js';
import { toYaml, toJson } from '../load/serialize.js';
import { schemasDir } from '../paths.js';
import { writeSafely } from '../report/write.js';
import { showControls } from '../report/escape.js';

export const HELP = `Usage: adherence import <file.txt | -> [options]

Reads a profile in the published text layout and writes it as a YAML (or JSON) profile.
Every row, status text, footnote and layout detail is kept, so \`adherence render --format text\`
prints the original back byte for byte.

Options:
  -o, --output FILE      write to FILE (atomically; an existing FILE is kept as FILE.bak)
      --json             write JSON instead of YAML
      --date-order ORDER month-first | day-first: record how the document's numeric dates read
      --as-of DATE       record the date the profile describes (YYYY-MM-DD)
      --force            allow --output to name the input file
${LIMITS_HELP}
  -h, --help             this text

Rows the importer cannot read are reported on standard error (with line and column) and kept.
Exit codes: 0 imported; 1 imported, with rows it could not read; 2 usage error or unreadable input.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
    ...HELP_OPTION,
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
    'date-order': { type: 'string' },
    'as-of': { type: 'string' },
    force: { type: 'boolean' },
    ...LIMIT_OPTIONS,
  } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('import takes one file (or - for standard input); see adherence import --help');
  const file = positionals[0]!;
  const catalog = loadCatalog();
  const limits = limitsFrom(values);
  const loaded = loadPath(file, catalog, limits, 'stdin.txt');
  if (loaded.format !== 'text' && file !== '-' && formatOf(file) !== 'text') throw new UsageError(`${file} is not in the published text layout (import reads .txt files)`);
  if (!loaded.profile) throw new UsageError(`${file}: ${loaded.problems[0]?.message ?? 'unreadable'}`);
  const profile = loaded.profile;
  const order = dateOrderOption(values['date-order']);
  if (order) profile.dateOrder = order;
  if (values['as-of']) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError(`--as-of takes a date YYYY-MM-DD, not "${values['as-of']}"`);
    profile.asOf = values['as-of'];
  }
  for (const p of loaded.problems) process.stderr.write(showControls(`${file}:${p.line}:${p.column}: ${p.message}`) + '\n');
  const schemaFile = join(schemasDir, 'profile.schema.json');
  const schemaRef = relative(values.output ? dirname(values.output) : process.cwd(), schemaFile).split('\\').join('/');
  const text = values.json ? toJson(profile) : toYaml(profile, schemaRef);
  if (values.output) writeSafely(values.output, text, { inputs: [file], force: values.force });
  else process.stdout.write(text);
  return loaded.problems.length ? EXIT.findings : EXIT.ok;
}
