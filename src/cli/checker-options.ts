// Command-line values → Checker options. Only what was given: the Checker merges it over the
// configuration file, so an option left out keeps the configuration's value.
import type { CheckerOptions } from '../checker/index.js';
import type { FailOn } from '../findings/index.js';
import type { DateOrder } from '../model/profile.js';
import type { LoadLimits } from '../load/index.js';

/** The values the option tables give (each command has some of them), already checked and converted. */
export interface GivenValues {
  config?: string;
  waivers?: string;
  'no-waivers'?: boolean;
  baseline?: string;
  rule?: string[] | string;
  'ignore-rule'?: string[];
  'rules-dir'?: string[];
  'no-bundled-rules'?: boolean;
  'date-order'?: DateOrder;
  'max-bytes'?: number;
  'max-aliases'?: number;
  'max-depth'?: number;
  'max-rows'?: number;
  'fail-on'?: FailOn;
  'max-warnings'?: number;
  'max-files'?: number;
  'stdin-filename'?: string;
  reference?: string;
  mapping?: string;
}

const LIMIT_KEYS: [keyof GivenValues, keyof LoadLimits][] = [
  ['max-bytes', 'maxBytes'],
  ['max-aliases', 'maxAliasCount'],
  ['max-depth', 'maxDepth'],
  ['max-rows', 'maxRows'],
];

/** The Checker options the command line gives; the rest comes from the configuration (the Checker merges them). */
export function checkerOptions(values: GivenValues): CheckerOptions {
  const limits: Partial<LoadLimits> = {};
  for (const [flag, key] of LIMIT_KEYS) if (typeof values[flag] === 'number') limits[key] = values[flag] as number;
  // `explain --rule ID` names the rule to explain: a filter only when the option repeats (an array).
  const only = Array.isArray(values.rule) && values.rule.length ? values.rule : undefined;
  return {
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values['no-waivers'] ? { waivers: false as const } : values.waivers !== undefined ? { waivers: values.waivers } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(only ? { only } : {}),
    ...(values['ignore-rule']?.length ? { ignore: values['ignore-rule'] } : {}),
    ...(values['rules-dir']?.length ? { rulesDir: values['rules-dir'] } : {}),
    ...(values['no-bundled-rules'] ? { bundledRules: false } : {}),
    ...(values['date-order'] !== undefined ? { dateOrder: values['date-order'] } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    ...(values['fail-on'] !== undefined ? { failOn: values['fail-on'] } : {}),
    ...(values['max-warnings'] !== undefined ? { maxWarnings: values['max-warnings'] } : {}),
    ...(values['max-files'] !== undefined ? { maxFiles: values['max-files'] } : {}),
    ...(values['stdin-filename'] !== undefined ? { stdinFilename: values['stdin-filename'] } : {}),
    ...(values.reference !== undefined ? { reference: values.reference } : {}),
    ...(values.mapping !== undefined ? { mapping: values.mapping } : {}),
  };
}
