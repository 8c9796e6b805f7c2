// What `npm run build` prepares ahead of time so that start-up does no YAML parsing of the catalogue
// and rules and no schema compiling: dist/prebuilt.json (the parsed catalogue and rule set) and
// dist/schema/validators/*.cjs (ajv's standalone validators). Each part keeps a stamp of every source
// it came from and is used only while they are unchanged, so a stale build is never wrong, only slower
// (it falls back to reading the sources).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from './paths.js';
import { loadScript } from './codecache.js';

export const PREBUILT_FILE = join(packageRoot, 'dist', 'prebuilt.json');

/**
 * A source file as the build saw it. Size and mtime answer at the cost of one `stat`; the hash decides
 * when only the mtime moved (a fresh checkout, an unpacked package), so no change goes unnoticed
 * unless it keeps the size, the mtime and the hash alike.
 */
export interface Stamp {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** One prepared value and the stamps of the sources (by path relative to the package) it was made from. */
export interface Part<T> {
  sources: Record<string, Stamp>;
  value: T;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The stamp of a source file (a path relative to the package, or absolute), for the build. */
export function stampOf(rel: string): Stamp {
  const p = resolve(packageRoot, rel);
  const { size, mtimeMs } = statSync(p);
  return { size, mtimeMs, sha256: sha256(readFileSync(p)) };
}

/** Whether the file still is what its stamp says. */
export function unchanged(rel: string, stamp: Stamp): boolean {
  const p = resolve(packageRoot, rel);
  try {
    const { size, mtimeMs } = statSync(p);
    if (size !== stamp.size) return false;
    return mtimeMs === stamp.mtimeMs || sha256(readFileSync(p)) === stamp.sha256;
  } catch {
    return false;
  }
}

let parts: Record<string, Part<unknown>> | null | undefined;

/** The prepared part, if the build made one and every source it came from is unchanged. */
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
  for (const rel of names) if (!unchanged(rel, part.sources[rel] as Stamp)) return undefined;
  return part.value;
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/** Where the build writes a schema's pre-compiled validator. */
export const validatorFile = (schema: string) => join(packageRoot, 'dist', 'schema', 'validators', schema.replace(/\.json$/, '.cjs'));

/** ajv's pre-compiled validator of a bundled schema, if the build made one from the same schema file. */
export function standaloneValidator(schema: string): Validate | undefined {
  let mod: { validate: Validate; stamp: Stamp };
  try {
    // Through the code cache (src/codecache.ts) the build made for it, as the bundle's chunks are.
    mod = loadScript(validatorFile(schema)) as typeof mod;
  } catch {
    return undefined; // not built (running from src/)
  }
  return mod.stamp && unchanged(`schemas/${schema}`, mod.stamp) ? mod.validate : undefined;
}
