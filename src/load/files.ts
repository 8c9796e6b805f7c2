// Expanding the paths given on the command line into profile files, folders recursed.
import { readdirSync, statSync, realpathSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';

export const PROFILE_EXTENSIONS = ['.yaml', '.yml', '.json', '.txt'];

export interface FileList {
  files: string[];
  /** Paths that do not exist or cannot be listed: a usage error. */
  errors: string[];
}

/** Files under `paths`, named as given (joined under a folder given); relative paths read from `cwd`. */
export function listProfileFiles(paths: string[], cwd = process.cwd()): FileList {
  const at = (p: string) => resolve(cwd, p);
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(at(dir));
    } catch {
      errors.push(`${dir}: cannot resolve the folder (a broken or looping link)`);
      return;
    }
    if (seen.has(real)) return; // a link back into a folder already walked
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(at(dir)).sort();
    } catch (err) {
      errors.push(`${dir}: cannot list the folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      let st;
      try {
        st = statSync(at(p));
      } catch {
        // A broken or looping link among the files: that file's finding (loadFile says which); the
        // others are still checked. One without a profile's extension would not be read anyway.
        if (PROFILE_EXTENSIONS.includes(extname(name).toLowerCase())) files.push(p);
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (PROFILE_EXTENSIONS.includes(extname(name).toLowerCase())) files.push(p);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    let st;
    try {
      st = statSync(at(p));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'a link that loops back on itself' : `cannot read (${code ?? 'error'})`;
      errors.push(`${p}: ${why}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, errors };
}
