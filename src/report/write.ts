// Writing output files without ever damaging what we read: temporary file, then rename.
import { writeFileSync, renameSync, existsSync, copyFileSync, realpathSync, unlinkSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { AdherenceError } from '../errors.js';

export interface WriteOptions {
  /** Files this command read: never overwritten unless `force`. */
  inputs?: string[];
  force?: boolean;
}

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Writes `text` to `path` atomically; an existing file is kept as `path.bak` first. */
export function writeSafely(path: string, text: string, opts: WriteOptions = {}): void {
  const target = real(path);
  if (!opts.force && (opts.inputs ?? []).some((i) => i !== '-' && real(i) === target)) {
    throw new AdherenceError(`refusing to overwrite ${path}, which is also an input (add --force to replace it; a backup is kept as ${path}.bak)`, 'WRITE_INPUT');
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    if (existsSync(target)) copyFileSync(target, `${target}.bak`);
    renameSync(tmp, target);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw new AdherenceError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'WRITE', { cause: err });
  }
}
