// Reading profile files: bytes → text → document, in any of the three formats.
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { parsePublishedText, looksLikePublishedText } from './text.js';
import { parseYamlProfile, DEFAULT_YAML_LIMITS } from './yaml.js';
import type { Loaded, SourceFormat } from './types.js';

export type { Loaded, Position, LoadProblem, SourceFormat } from './types.js';
export { parsePublishedText, renderPublishedText, looksLikePublishedText } from './text.js';
export { listProfileFiles, PROFILE_EXTENSIONS } from './files.js';

export interface LoadLimits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  maxAliasCount: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxBytes: 64 * 1024 * 1024, ...DEFAULT_YAML_LIMITS };

const problem = (message: string, format: SourceFormat = 'yaml'): Loaded => ({
  profile: undefined,
  positions: { get: () => undefined },
  problems: [{ message, line: 1, column: 1 }],
  format,
});

export function formatOf(path: string, text?: string): SourceFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.txt') return 'text';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (text !== undefined) {
    if (/^\uFEFF?\s*[[{]/.test(text)) return 'json';
    if (looksLikePublishedText(text)) return 'text';
  }
  return 'yaml';
}

/** Bytes to text: UTF-8 (strictly), or UTF-16 when a byte-order mark says so. Binary is refused. */
export function decode(bytes: Uint8Array): { text?: string; error?: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  if (bytes.subarray(0, 8192).includes(0)) return { error: 'the file is binary (it holds NUL bytes), not a profile' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { error: `the file is not valid UTF-8 (first bad byte at offset ${bad})` };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      dec.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return Math.max(0, lo - 3);
}

export function loadText(text: string, path: string, catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Loaded {
  const format = formatOf(path, text);
  if (text.trim() === '') return problem('the file is empty: expected a profile document', format);
  if (format === 'text') return parsePublishedText(text, catalog);
  return parseYamlProfile(text, format, limits);
}

export function loadBytes(bytes: Uint8Array, path: string, catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Loaded {
  if (bytes.length > limits.maxBytes) {
    return problem(`the file is ${bytes.length} bytes, over the limit of ${limits.maxBytes} (set --max-bytes to read it)`, formatOf(path));
  }
  const { text, error } = decode(bytes);
  if (error !== undefined || text === undefined) return problem(error ?? 'unreadable', formatOf(path));
  return loadText(text, path, catalog, limits);
}

/** Reads one file; an unreadable or oversized file is a problem of that file, not a crash. */
export function loadFile(path: string, catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Loaded {
  try {
    const size = statSync(path).size;
    if (size > limits.maxBytes) return loadBytes(new Uint8Array(size), path, catalog, limits);
    return loadBytes(readFileSync(path), path, catalog, limits);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    return problem(`cannot read the file: ${why}`, formatOf(path));
  }
}
