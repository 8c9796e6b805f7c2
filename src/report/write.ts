// The one writer, for every command that writes a file (-o, import, render, fixes). It never writes
// through what sits at the path: only a regular file is replaced, or a new one created; a device,
// FIFO, socket, folder or symbolic link there is refused. The text goes to a temporary file created
// beside the target with a random name, exclusively and without following links, then renamed into
// place; the file replaced is kept as `FILE.bak`, made the same way. No input of the run (anything
// the bounded reader read, or named in `inputs`) is overwritten without `force`.
import {
  openSync,
  writeSync,
  closeSync,
  renameSync,
  unlinkSync,
  lstatSync,
  statSync,
  realpathSync,
  linkSync,
  fstatSync,
  fchmodSync,
  constants,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, basename, join, resolve } from 'node:path';
import { AdherenceError } from '../errors.js';
import { inputNamed, kindOf, readBounded } from '../load/read.js';

export interface WriteOptions {
  /** Files this command read, besides those the reader recorded: never overwritten unless `force`. */
  inputs?: string[];
  /** Overwrite an input all the same (its old bytes are kept as FILE.bak). */
  force?: boolean;
  /** Keep the file replaced as FILE.bak (default true). */
  backup?: boolean;
}

const lstatOrNone = (p: string): Stats | undefined => {
  try {
    return lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
};

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/** Whether an existing file is one of the run's inputs: by identity, so links and `./x` count too. */
function isInput(st: Stats, inputs: string[]): boolean {
  if (inputNamed(st) !== undefined) return true;
  for (const i of inputs) {
    if (i === '-') continue;
    try {
      if (sameFile(statSync(i), st)) return true;
    } catch {
      // an input that is gone cannot be overwritten
    }
  }
  return false;
}

const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** A new file beside `target` with a random name, created exclusively (never an existing file or link). */
function createTemp(dir: string, base: string): { fd: number; path: string } {
  for (let attempt = 0; ; attempt++) {
    const path = join(dir, `.${base}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      return { fd: openSync(path, WRITE_FLAGS, 0o666), path };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 10) throw err;
    }
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
}

/** Keeps `target` (a regular file) as `bak`: a hard link when the file system allows, else a copy. */
function backUp(target: string, st: Stats, dir: string, base: string, made: string[]): string {
  const tmp = join(dir, `.${base}.bak.${randomBytes(8).toString('hex')}.tmp`);
  try {
    linkSync(target, tmp); // fails if anything is at tmp: exclusive like O_EXCL
    made.push(tmp);
    return tmp;
  } catch {
    // no hard links here (or a race): copy the bytes, read through a descriptor that is the same file
  }
  const fdIn = openSync(target, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    if (!sameFile(fstatSync(fdIn), st))
      throw Object.assign(new Error('the file changed while it was being replaced'), { code: 'ECHANGED' });
    const { bytes } = readBounded(fdIn, Number.MAX_SAFE_INTEGER);
    const out = createTemp(dir, `${base}.bak`);
    made.push(out.path);
    try {
      writeAll(out.fd, bytes);
    } finally {
      closeSync(out.fd);
    }
    return out.path;
  } finally {
    closeSync(fdIn);
  }
}

/** What is written: the whole text, or its pieces in order (a long report, never one string in memory). */
export type Content = string | Uint8Array | Iterable<string>;

// Pieces are gathered up to this size before each write: few system calls, and memory stays flat.
const BATCH = 1 << 16;

/** The content as byte runs of about BATCH bytes (one run for a string or bytes). */
function* runs(content: Content): Generator<Uint8Array> {
  if (typeof content === 'string') return yield Buffer.from(content, 'utf8');
  if (content instanceof Uint8Array) return yield content;
  let pending: string[] = [];
  let size = 0;
  for (const piece of content) {
    pending.push(piece);
    size += piece.length;
    if (size >= BATCH) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
    }
  }
  if (size) yield Buffer.from(pending.join(''), 'utf8');
}

/** Writes `content` to `path` (`-`: standard output); see the head of this file for what is refused. */
export function writeSafely(path: string, content: Content, opts: WriteOptions = {}): void {
  if (path === '-') {
    for (const run of runs(content)) process.stdout.write(run);
    return;
  }
  const fail = (err: unknown): never => {
    throw new AdherenceError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'WRITE', {
      cause: err,
    });
  };
  let dir: string;
  let existing: Stats | undefined;
  try {
    // The folder may be reached through links (the user's layout); the last name never is.
    dir = realpathSync(dirname(resolve(path)));
    existing = lstatOrNone(join(dir, basename(path)));
  } catch (err) {
    // biome-ignore lint/correctness/noVoidTypeReturn: fail() never returns; the return tells the compiler so
    return fail(err);
  }
  const base = basename(path);
  const target = join(dir, base);
  if (existing && !existing.isFile()) {
    const hint = existing.isSymbolicLink()
      ? 'remove the link, or name the file it points to'
      : 'leave out -o, or give -o -, to write to standard output';
    throw new AdherenceError(`refusing to write to ${path}: it is ${kindOf(existing)}, not a regular file (${hint})`, 'WRITE_NOT_FILE');
  }
  if (existing && !opts.force && isInput(existing, opts.inputs ?? [])) {
    throw new AdherenceError(
      `refusing to overwrite ${path}, which is also an input (add --force to replace it; a backup is kept as ${path}.bak)`,
      'WRITE_INPUT',
    );
  }
  const made: string[] = [];
  try {
    const tmp = createTemp(dir, base);
    made.push(tmp.path);
    try {
      // The replacement keeps the permissions of the file it replaces (a private file stays private).
      if (existing) fchmodSync(tmp.fd, existing.mode & 0o7777);
      for (const run of runs(content)) writeAll(tmp.fd, run);
    } finally {
      closeSync(tmp.fd);
    }
    if (existing && opts.backup !== false) {
      const bak = backUp(target, existing, dir, base, made);
      // rename replaces whatever entry is at FILE.bak (a link is replaced, never followed).
      renameSync(bak, `${target}.bak`);
      made.pop();
    }
    renameSync(tmp.path, target);
  } catch (err) {
    for (const m of made) {
      try {
        unlinkSync(m);
      } catch {
        // already gone
      }
    }
    fail(err);
  }
}
