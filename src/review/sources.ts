// Where the two sides of a review come from: files and folders on disk, or the same paths at a git
// revision (`git:REV`). Git runs with an argument array, never through a shell.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readBytes, ReadError } from '../load/read.js';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Catalog } from '../catalog/index.js';
import { loadPath, loadBytes, oversized, PROFILE_EXTENSIONS, DEFAULT_LOAD_LIMITS, type LoadLimits } from '../load/index.js';
import { listFrom } from '../checker/pipeline.js';
import type { Loaded } from '../load/types.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';

const run = promisify(execFile);

/** A document of one side: the name it is shown under and what was read. */
export interface SideDocument {
  file: string;
  loaded: Loaded;
  /** SHA-256 of the bytes read (hex), for a sign-off record; absent when the file could not be read. */
  sha256?: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One file read once: its bytes are loaded and hashed (an unreadable one is its load problem, unhashed). */
function readDocument(path: string, name: string, catalog: Catalog, limits: LoadLimits): SideDocument {
  let bytes: Uint8Array;
  try {
    bytes = readBytes(path, limits.maxBytes);
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    return { file: name, loaded: loadPath(path, catalog, limits, name) };
  }
  return { file: name, loaded: loadBytes(bytes, name, catalog, limits), sha256: sha256(bytes) };
}

/** A path or revision that cannot be read: the CLI reports it as a usage error. */
export class SourceError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ERROR_CODES.source, options);
  }
}

/** The profile files under `paths` (relative to `cwd`), named as given. */
export function readPaths(paths: string[], catalog: Catalog, limits: LoadLimits = DEFAULT_LOAD_LIMITS, cwd?: string): SideDocument[] {
  // A review needs every side whole: a folder it cannot list stops it, as a missing path does.
  const { files, errors, unreadable, at } = listFrom(paths, cwd);
  if (errors.length || unreadable.length)
    throw new SourceError([...errors, ...unreadable.map((u) => `${u.path}: ${u.message}`)].join('; '));
  return files.map((file) => readDocument(at(file), file, catalog, limits));
}

async function gitBytes(args: string[], cwd: string, maxBuffer = 256 * 1024 * 1024): Promise<Buffer> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer, encoding: 'buffer' });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new SourceError('git is not installed (needed for --against git:REV)', { cause: err });
    throw new SourceError(
      `git ${args[0]}: ${
        String(e.stderr ?? e.message)
          .trim()
          .split('\n')[0]
      }`,
      { cause: err },
    );
  }
}

const git = async (args: string[], cwd: string) => (await gitBytes(args, cwd)).toString('utf8');

/** The profile files under `paths` as they were at revision `rev` (paths relative to `cwd`). */
export async function readAtRevision(
  rev: string,
  paths: string[],
  catalog: Catalog,
  cwd = process.cwd(),
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): Promise<SideDocument[]> {
  if (!rev || rev.startsWith('-')) throw new SourceError(`--against git:REV needs a revision, not "${rev}"`);
  await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd).catch(() => {
    throw new SourceError(`unknown git revision "${rev}"`);
  });
  const rels = paths.map((p) => relative(cwd, resolve(cwd, p)) || '.');
  if (rels.some((r) => r.startsWith('..'))) throw new SourceError(`--against git:${rev} reads paths inside the working folder only`);
  const listed = await git(['ls-tree', '-r', '--name-only', '-z', rev, '--', ...rels], cwd);
  const names = listed.split('\0').filter((n) => n && PROFILE_EXTENSIONS.some((x) => n.toLowerCase().endsWith(x)));
  const docs: SideDocument[] = [];
  for (const name of names.sort()) {
    // `REV:./path` is read relative to the working folder, like the names ls-tree printed. The size
    // first: a file over --max-bytes is refused without git handing over its bytes.
    const size = Number((await git(['cat-file', '-s', `${rev}:./${name}`], cwd)).trim());
    if (size > limits.maxBytes) {
      docs.push({ file: `git:${rev}:${name}`, loaded: oversized(name, limits, size) });
      continue;
    }
    const bytes = await gitBytes(['show', `${rev}:./${name}`], cwd, limits.maxBytes + 1);
    docs.push({ file: `git:${rev}:${name}`, loaded: loadBytes(bytes, name, catalog, limits), sha256: sha256(bytes) });
  }
  return docs;
}
