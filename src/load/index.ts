// Reading profile files: bytes → text → document, in any of the three formats.
import { extname } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { parsePublishedText, looksLikePublishedText } from './text.js';
import { parseYamlProfile } from './yaml.js';
import { DEFAULT_LOAD_LIMITS, LIMIT_FLAGS, type LoadLimits } from './limits.js';
import type { Loaded, Position, SourceFormat } from './types.js';
import { readBytes, ReadError, describeFailure } from './read.js';

export type { Loaded, Position, LoadProblem, SourceFormat } from './types.js';
export { parsePublishedText, renderPublishedText, looksLikePublishedText } from './text.js';
export {
  listProfileFiles,
  PROFILE_EXTENSIONS,
  DEFAULT_MAX_FILES,
  IGNORE_FILE,
  readIgnoreFile,
  ignoreMatcher,
  type ListOptions,
  type FileList,
} from './files.js';

export { DEFAULT_LOAD_LIMITS, FIXED_LIMITS, LIMIT_FLAGS, type LoadLimits } from './limits.js';
export { readBytes, readSideFile, readBounded, ReadError, SIDE_FILE_MAX_BYTES, forgetInputs } from './read.js';

const problem = (message: string, format: SourceFormat = 'yaml', at: Position = { line: 1, column: 1 }): Loaded => ({
  profile: undefined,
  positions: { get: () => undefined },
  problems: [{ message, ...at }],
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
export function decode(bytes: Uint8Array): { text?: string; error?: string; at?: Position } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  if (bytes.subarray(0, 8192).includes(0)) return { error: 'the file is binary (it holds NUL bytes), not a profile' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    // (lastIndexOf from -1 would search from the end: a bad first byte is on line 1.)
    const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return { error: `the file is not valid UTF-8 (byte 0x${hex} at offset ${bad})`, at: { line, column: bad - lineStart + 1 } };
  }
}

/** Offset of the first byte that starts no valid UTF-8 sequence (lead byte, then its continuations). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return 0; // what TextDecoder refused and this scan did not (an overlong form, a surrogate)
}

export function loadText(text: string, path: string, catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Loaded {
  const format = formatOf(path, text);
  if (text.trim() === '') return problem('the file is empty: expected a profile document', format);
  if (format === 'text') return parsePublishedText(text, catalog, limits);
  return parseYamlProfile(text, format, limits);
}

/** The finding of a file over --max-bytes (its size known, or only that it is larger). */
export const oversized = (path: string, limits: LoadLimits, size?: number) =>
  problem(
    `the file is ${size === undefined ? 'larger than' : `${size} bytes, over`} the limit of ${limits.maxBytes} bytes (set ${LIMIT_FLAGS.maxBytes} to read it)`,
    formatOf(path),
  );

export function loadBytes(bytes: Uint8Array, path: string, catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Loaded {
  if (bytes.length > limits.maxBytes) return oversized(path, limits, bytes.length);
  const { text, error, at } = decode(bytes);
  if (error !== undefined || text === undefined) return problem(error ?? 'unreadable', formatOf(path), at);
  return loadText(text, path, catalog, limits);
}

const WHY: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file (a broken link?)',
  EISDIR: 'it is a folder',
  ELOOP: 'a link that loops back on itself',
});

/** Reads one file; an unreadable, oversized or non-regular file is a problem of that file, not a crash. */
export function loadFile(path: string, catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Loaded {
  return loadPath(path, catalog, limits, path);
}

/** A path from the command line: `-` is standard input (read within the same limits), named `name`. */
export function loadPath(path: string, catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS, name = path): Loaded {
  let bytes: Uint8Array;
  try {
    bytes = readBytes(path, limits.maxBytes);
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    const f = err.failure;
    if (f.kind === 'too-big') return oversized(name, limits, f.size);
    const why = f.kind === 'os' ? (WHY[f.code] ?? f.code) : describeFailure(f);
    return problem(`cannot read ${path === '-' ? 'standard input' : 'the file'}: ${why}`, formatOf(name));
  }
  return loadBytes(bytes, name, catalog, limits);
}
