// What `npm run build` prepares ahead of time so that start-up does no YAML parsing of the catalogue
// and rules and no schema compiling: dist/prebuilt.json (the parsed catalogue and rule set) and
// dist/schema/validators/*.cjs (ajv's standalone validators). Each part keeps the exact text of the
// sources it came from and is used only while they are unchanged, so a stale build is never wrong,
// only slower (it falls back to reading the sources).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

export const PREBUILT_FILE = join(packageRoot, 'dist', 'prebuilt.json');

/** One prepared value and the source texts (by path relative to the package) it was made from. */
export interface Part<T> {
  sources: Record<string, string>;
  value: T;
}

let parts: Record<string, Part<unknown>> | null | undefined;

const readText = (rel: string): string | undefined => {
  try {
    return readFileSync(join(packageRoot, rel), 'utf8');
  } catch {
    return undefined;
  }
};

/** The prepared part, if the build made one and every source it came from still reads the same. */
export function prebuilt<T>(name: string, sourceNames?: string[]): T | undefined {
  if (parts === undefined) {
    try {
      parts = JSON.parse(readFileSync(PREBUILT_FILE, 'utf8')) as Record<string, Part<unknown>>;
    } catch {
      parts = null; // not built (running from src/) or unreadable: read the sources
    }
  }
  const part = parts?.[name] as Part<T> | undefined;
  if (!part) return undefined;
  const names = Object.keys(part.sources);
  // A source added since the build (a new rule file) makes the part stale too.
  if (sourceNames && (sourceNames.length !== names.length || sourceNames.some((n) => !(n in part.sources)))) return undefined;
  for (const rel of names) if (readText(rel) !== part.sources[rel]) return undefined;
  return part.value;
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/** Where the build writes a schema's pre-compiled validator. */
export const validatorFile = (schema: string) => join(packageRoot, 'dist', 'schema', 'validators', schema.replace(/\.json$/, '.cjs'));

/** ajv's pre-compiled validator of a bundled schema, if the build made one from the same schema text. */
export function standaloneValidator(schema: string): Validate | undefined {
  let mod: { validate: Validate; source: string };
  try {
    mod = createRequire(import.meta.url)(validatorFile(schema)) as typeof mod;
  } catch {
    return undefined; // not built (running from src/)
  }
  return readText(`schemas/${schema}`) === mod.source ? mod.validate : undefined;
}
