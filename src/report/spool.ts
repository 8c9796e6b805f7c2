// Where a run keeps its finished files until the report is written: the files are written to the
// spool one at a time as they are checked, and the reporters read them back one at a time, as often
// as they need (JUnit counts, then prints), so a run of 100,000 files never holds its findings. The
// spool of the command line is a temporary file (one JSON line a file) in a private folder of its own,
// created exclusively, readable by its owner only, and unlinked as soon as it is open: the run reads
// and writes it through its descriptor, so nothing is left behind however the run ends, killed included. A library call that returns its report keeps the files in memory instead.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileReport } from '../findings/index.js';

export interface Spool extends Iterable<FileReport> {
  add(report: FileReport): void;
  /** No more files: what is buffered is written, and reading may start. */
  close(): void;
  /** Removes the spool (and its folder); safe to call more than once. */
  remove(): void;
}

/** The files kept as they are: for a caller that returns the report. */
export function memorySpool(): Spool {
  const files: FileReport[] = [];
  return { add: (r) => void files.push(r), close() {}, remove() {}, [Symbol.iterator]: () => files[Symbol.iterator]() };
}

// Bytes gathered before each write, and read at a time: few system calls, memory flat.
const CHUNK = 1 << 16;
const NEWLINE = 0x0a;

/** A spool in a temporary file of a new private folder under `dir` (default: the system's temporary folder). */
export function fileSpool(dir = tmpdir()): Spool {
  const folder = mkdtempSync(join(dir, 'adherence-spool-'));
  const path = join(folder, 'files.jsonl');
  let fd: number | undefined;
  let pending: string[] = [];
  let size = 0;
  let closed = false;
  const write = () => {
    if (!size) return;
    const bytes = Buffer.from(pending.join(''), 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd!, bytes, off);
    pending = [];
    size = 0;
  };
  let unlinked = false;
  const remove = () => {
    closed = true;
    pending = [];
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = undefined;
    }
    if (!unlinked) rmSync(folder, { recursive: true, force: true });
    unlinked = true;
  };
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch (err) {
    remove();
    throw err;
  }
  try {
    // Gone from the folder now; the open descriptor keeps the data until it is closed or the process ends.
    rmSync(folder, { recursive: true });
    unlinked = true;
  } catch {
    // A system that cannot remove an open file: removed by remove(), as the run ends.
  }
  return {
    add(report) {
      if (closed) throw new Error('spool: add after close or remove');
      // JSON.stringify escapes every line break inside strings: one line is one file.
      const line = `${JSON.stringify(report)}\n`;
      pending.push(line);
      size += line.length;
      if (size >= CHUNK) write();
    },
    close() {
      write();
      closed = true;
    },
    remove,
    *[Symbol.iterator]() {
      if (!closed) throw new Error('spool: read before close');
      const buf = Buffer.allocUnsafe(CHUNK);
      let rest: Buffer = Buffer.alloc(0);
      let position = 0;
      for (;;) {
        if (fd === undefined) throw new Error('spool: read after remove');
        const n = readSync(fd, buf, 0, CHUNK, position);
        if (n === 0) break;
        position += n;
        // Lines are cut on the newline byte, never inside a character: UTF-8 never uses 0x0A in one.
        const data = rest.length ? Buffer.concat([rest, buf.subarray(0, n)]) : buf.subarray(0, n);
        let start = 0;
        for (let nl = data.indexOf(NEWLINE, start); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
          const line = data.toString('utf8', start, nl);
          start = nl + 1;
          yield JSON.parse(line) as FileReport;
        }
        rest = Buffer.from(data.subarray(start)); // a copy: buf is reused by the next read
      }
    },
  };
}

/**
 * The command line's spool: a file spool, or, where the temporary folder cannot be written (a user
 * without rights to it), the files kept in memory as before: the run is done all the same.
 */
export function runSpool(): Spool {
  try {
    return fileSpool();
  } catch {
    return memorySpool();
  }
}
