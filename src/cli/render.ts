import { relative, dirname, join } from 'node:path';
import { schemasDir } from '../paths.js';
import { HELP, DEBUG, LIMITS, limitsFrom } from './args.js';
import { parseOptions, oneOf, optionsHelp, type OptionTable } from './options.js';
import { UsageError, EXIT } from './errors.js';
import { loadCatalog } from '../catalog/index.js';
import { loadPath, renderPublishedText } from '../load/index.js';
import { toYaml, toJson } from '../load/serialize.js';
import { validateProfile } from '../schema/index.js';
import { writeSafely } from '../report/write.js';

export const OPTIONS = {
  format: {
    short: 'f',
    value: 'NAME',
    parse: oneOf(['text', 'yaml', 'json'] as const),
    help: '`text` (the published layout; default), `yaml` or `json`',
  },
  output: { short: 'o', value: 'FILE', help: 'write to FILE (atomically; an existing FILE is kept as FILE.bak)' },
  force: { help: 'allow --output to name the input file' },
  ...LIMITS,
  ...DEBUG,
  ...HELP,
} as const satisfies OptionTable;

export const HELP_TEXT = `Usage: adherence render <profile | -> [options]

Prints a profile (YAML, JSON or published text; - reads standard input) in another form.

Options:
${optionsHelp(OPTIONS)}

A profile that does not load or does not match the schema is not rendered: fix what
\`adherence check\` reports first. Exit codes: 0 rendered; 2 usage error or invalid input.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(OPTIONS, argv);
  if (values.help) {
    process.stdout.write(HELP_TEXT);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('render takes one profile (or - for standard input); see adherence render --help');
  const format = values.format ?? 'text';
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
    throw new UsageError(
      `${name}:${pos.line}:${pos.column}: ${invalid[0]!.message}${invalid.length > 1 ? ` (and ${invalid.length - 1} more; run adherence check)` : ''}`,
    );
  }
  // YAML from YAML keeps the document's comments; from text or JSON it gains the schema line import writes.
  const schemaRef = relative(values.output ? dirname(values.output) : process.cwd(), join(schemasDir, 'profile.schema.json'))
    .split('\\')
    .join('/');
  const text =
    format === 'text'
      ? renderPublishedText(loaded.profile, catalog)
      : format === 'json'
        ? toJson(loaded.profile)
        : loaded.yaml
          ? loaded.yaml()
          : toYaml(loaded.profile, schemaRef);
  if (values.output) writeSafely(values.output, text, { inputs: [file], force: values.force });
  else process.stdout.write(text);
  return EXIT.ok;
}
