// JSON Schema validation of profiles: ajv compiled once, its errors turned into sentences a person reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { schemasDir } from '../paths.js';
import { standaloneValidator } from '../prebuilt.js';
import { didYouMean } from '../suggest.js';

export interface SchemaProblem {
  pointer: string;
  message: string;
  keyword: string;
}

// ajv itself is loaded only when a schema has no pre-compiled validator (required: it is CommonJS
// and validator() is synchronous).
const requireCjs = createRequire(import.meta.url);
const newAjv = (): Ajv2020 => {
  const { Ajv2020: Ajv } = requireCjs('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = requireCjs('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  return addFormats(new Ajv(AJV_OPTIONS));
};
let ajv: Ajv2020 | undefined;
/** Options of every validator, the pre-compiled ones (src/build/prebuild.ts) included. */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  inlineRefs: false,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
} as const;
const compiled = new Map<string, ValidateFunction>();

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemasDir, name), 'utf8')) as Record<string, unknown>;
}

/** The validator for one of the bundled schemas, compiled on first use and kept. */
export function validator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    // The build's pre-compiled validator while the schema is unchanged; compiling is most of start-up.
    v = standaloneValidator(name) as ValidateFunction | undefined;
    if (!v) {
      ajv ??= newAjv();
      v = ajv.compile(readSchema(name));
    }
    compiled.set(name, v);
  }
  return v;
}

export function validateAgainst(name: string, data: unknown): SchemaProblem[] {
  const v = validator(name);
  return v(data) ? [] : explain(v.errors ?? [], data);
}

export const validateProfile = (data: unknown): SchemaProblem[] => validateAgainst('profile.schema.json', data);

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
const typeName = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`;
const where = (p: string) => (p === '' ? 'the document' : `\`${p}\``);

function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const seg of pointer.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, seg) ? (v as Record<string, unknown>)[seg] : undefined;
  }
  return v;
}

/** Ajv's errors as one sentence each; the inner errors of a failed `oneOf` fold into one. */
export function explain(errors: ErrorObject[], data: unknown): SchemaProblem[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && oneOfPaths.has(e.instancePath)) continue;
    const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
    const message = sentence(e, valueAt(data, e.instancePath));
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message, keyword: e.keyword });
  }
  return out;
}

function sentence(e: ErrorObject, value: unknown): string {
  const at = where(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${at} lacks \`${String(p.missingProperty)}\`, which is required`;
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const guess = didYouMean(String(p.additionalProperty), allowed);
      return (
        `${at} has an unknown key \`${String(p.additionalProperty)}\`` +
        (guess ? ` (did you mean \`${guess}\`?)` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : '')
      );
    }
    case 'type':
      return `${at} must be ${String(p.type)
        .replace('object', 'a mapping')
        .replace('array', 'a list')
        .replace(/^(string|integer|number|boolean)$/, 'a $1')}, not ${typeName(value)}`;
    case 'enum':
      return `${at} is ${show(value)}; expected one of ${(p.allowedValues as unknown[]).map(show).join(', ')}`;
    case 'const':
      return `${at} is ${show(value)}; expected ${show(p.allowedValue)}`;
    case 'format':
      return `${at} is ${show(value)}, not a valid ${String(p.format) === 'date' ? 'date (YYYY-MM-DD)' : String(p.format)}`;
    case 'pattern': {
      const desc = (e.parentSchema as { description?: string })?.description;
      return `${at} is ${show(value)}, which does not have the expected form` + (desc ? `: ${desc}` : ` (${String(p.pattern)})`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${at} is ${show(value)}; it must be ${String(p.comparison)} ${String(p.limit)}`;
    case 'minLength':
      return `${at} must not be empty`;
    case 'minProperties':
      return `${at} must not be empty`;
    case 'oneOf': {
      const desc = (e.parentSchema as { description?: string })?.description;
      return `${at} is ${show(value)}, which is not of an accepted form` + (desc ? `: ${desc}` : '');
    }
    default:
      return `${at} ${e.message ?? 'is invalid'}`;
  }
}
