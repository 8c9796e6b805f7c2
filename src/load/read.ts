// The one bounded reader: every file the tool reads (profiles, configuration, waivers, baseline,
// rule files, mapping, reference tables, standard input) goes through here. Regular files only,
// opened non-blocking (a FIFO with no writer cannot hang the open), never more than the cap read.
// What was read is remembered, so the writer can refuse to overwrite any input of the run.
import { openSync, fstatSync, readSync, closeSync, constants, type Stats } from 'node:fs';
import { AdherenceError, ERROR_CODES } from '../errors.js';

/** Cap on a side file (configuration, waivers, baseline, rule file, mapping, reference table). */
export const SIDE_FILE_MAX_BYTES = 8 * 1024 * 1024;

export type ReadFailure =
  | { kind: 'os'; code: string }
  | { kind: 'not-file'; what: string }
  | { kind: 'too-big'; max: number; size?: number };

/** A file that could not be read within the rules above; `reason` is short enough for "(…)". */
export class ReadError extends AdherenceError {
  constructor(
    readonly path: string,
    readonly failure: ReadFailure,
    options?: { cause?: unknown },
  ) {
    super(
      `${path}: ${describeFailure(failure)}`,
      failure.kind === 'os' ? ERROR_CODES.read : failure.kind === 'not-file' ? ERROR_CODES.readNotFile : ERROR_CODES.readTooBig,
      options,
    );
  }

  get reason(): string {
    return describeFailure(this.failure);
  }
}

export function describeFailure(f: ReadFailure): string {
  if (f.kind === 'os') return f.code;
  if (f.kind === 'not-file') return `it is ${f.what}, not a regular file`;
  return `${f.size === undefined ? 'larger than' : `${f.size} bytes, over`} the limit of ${f.max} bytes`;
}

/** What a file that is not a regular file is, in words. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

// Identity (device and inode) of every file read, with the name it was read under. Standard input's
// source counts too: `check - -o p.yaml < p.yaml` must not replace p.yaml.
const readSoFar = new Map<string, string>();
const identity = (st: { dev: number | bigint; ino: number | bigint }) => `${st.dev}:${st.ino}`;

/** The name an input was read under, if this file (by identity) is one. */
export function inputNamed(st: { dev: number | bigint; ino: number | bigint }): string | undefined {
  return readSoFar.get(identity(st));
}

/** Forgets what was read (a library caller running several independent jobs in one process). */
export function forgetInputs(): void {
  readSoFar.clear();
}

/**
 * Reads at most `max + 1` bytes of an open file: enough to know it is over the limit. A size from
 * stat is not trusted (standard input may be a pipe; a file may still be growing).
 */
export function readBounded(fd: number, max: number): { bytes: Uint8Array; over: boolean } {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      // Standard input set non-blocking by whoever started us: wait for data rather than fail.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw err;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > max) return { bytes: new Uint8Array(0), over: true };
  }
  return { bytes: Buffer.concat(chunks, total), over: false };
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of `path` (`-`: standard input), or a ReadError: the file cannot be opened, is not a
 * regular file (a FIFO, device, socket or folder: refused before a byte is read), or holds more
 * than `maxBytes` (a regular file is refused from its size alone).
 */
export function readBytes(path: string, maxBytes: number): Uint8Array {
  if (path === '-') {
    let st: Stats | undefined;
    try {
      st = fstatSync(0);
    } catch {
      st = undefined; // no standard input at all: reading says so below
    }
    if (st) readSoFar.set(identity(st), '-');
    let r;
    try {
      r = readBounded(0, maxBytes);
    } catch (err) {
      throw new ReadError(path, { kind: 'os', code: (err as NodeJS.ErrnoException).code ?? (err as Error).message }, { cause: err });
    }
    if (r.over) throw new ReadError(path, { kind: 'too-big', max: maxBytes });
    return r.bytes;
  }
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    throw new ReadError(path, { kind: 'os', code: (err as NodeJS.ErrnoException).code ?? (err as Error).message }, { cause: err });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReadError(path, { kind: 'not-file', what: kindOf(st) });
    readSoFar.set(identity(st), path);
    if (st.size > maxBytes) throw new ReadError(path, { kind: 'too-big', max: maxBytes, size: st.size });
    const r = readBounded(fd, maxBytes);
    if (r.over) throw new ReadError(path, { kind: 'too-big', max: maxBytes });
    return r.bytes;
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw new ReadError(path, { kind: 'os', code: (err as NodeJS.ErrnoException).code ?? (err as Error).message }, { cause: err });
  } finally {
    closeSync(fd);
  }
}

/** Why a file could not be read, in a few words for "(…)": the reader's reason, else the OS code. */
export function unreadableReason(err: unknown): string {
  return err instanceof ReadError ? err.reason : ((err as NodeJS.ErrnoException).code ?? 'error');
}

/** A side file as text (UTF-8, as before), within SIDE_FILE_MAX_BYTES unless told otherwise. */
export function readSideFile(path: string, maxBytes = SIDE_FILE_MAX_BYTES): string {
  const b = readBytes(path, maxBytes);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
}
