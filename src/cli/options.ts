// Command-line values → Checker options. Only what was given: the Checker merges it over the
// configuration file, so an option left out keeps the configuration's value.
import { dateOrderOption, givenLimits, positiveInt } from './args.js';
import type { CheckerOptions } from '../checker/index.js';
import type { FailOn } from '../findings/index.js';

/** The Checker options the command line gives; the rest comes from the configuration (the Checker merges them). */
export function checkerOptions(values: Record<string, unknown>): CheckerOptions {
  const list = (v: unknown) => (Array.isArray(v) && v.length ? (v as string[]) : undefined);
  const limits = givenLimits(values);
  const maxWarnings = positiveInt('--max-warnings', values['max-warnings']);
  return {
    ...(typeof values.config === 'string' ? { config: values.config } : {}),
    ...(values['no-waivers'] ? { waivers: false as const } : typeof values.waivers === 'string' ? { waivers: values.waivers } : {}),
    ...(typeof values.baseline === 'string' ? { baseline: values.baseline } : {}),
    ...(list(values.rule) ? { only: list(values.rule) } : {}),
    ...(list(values['ignore-rule']) ? { ignore: list(values['ignore-rule']) } : {}),
    ...(typeof values['rules-dir'] === 'string' ? { rulesDir: values['rules-dir'] } : {}),
    ...(values['date-order'] !== undefined ? { dateOrder: dateOrderOption(values['date-order']) } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    ...(typeof values['fail-on'] === 'string' ? { failOn: values['fail-on'] as FailOn } : {}),
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(typeof values.reference === 'string' ? { reference: values.reference } : {}),
    ...(typeof values.mapping === 'string' ? { mapping: values.mapping } : {}),
  };
}
