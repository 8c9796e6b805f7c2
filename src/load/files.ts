// Expanding the paths given on the command line into profile files: folders walked, globs expanded,
// ignore patterns applied, the number of files capped.
//
// The walk never follows a link to a folder: a folder holding a link to `/` (or back to itself) is not
// a reason to read the disk. A folder link named on the command line is followed, since it was asked
// for. Links to files are read like files (a broken or looping one is that file's `parse` finding).
import { readdirSync, statSync, lstatSync, existsSync } from 'node:fs';
import { readSideFile } from './read.js';
import { join, extname, relative, resolve, isAbsolute, sep } from 'node:path';
import { createRequire } from 'node:module';

// Loaded when a run has ignore patterns or a glob: most runs have neither, and start-up stays lean.
const require = createRequire(import.meta.url);
const picomatch = (): typeof import('picomatch') => require('picomatch') as typeof import('picomatch');
const tinyglobby = (): typeof import('tinyglobby') => require('tinyglobby') as typeof import('tinyglobby');
/** A path with glob syntax (as tinyglobby reads it); only such a path that names no file is expanded. */
const isGlob = (p: string) => /[*?]|\{.*\}|\[.*\]/.test(p);

export const PROFILE_EXTENSIONS = ['.yaml', '.yml', '.json', '.txt'];
/** Most profile files one run lists; a limit so a path given by mistake (`/`) cannot run for hours. */
export const DEFAULT_MAX_FILES = 10_000;
export const IGNORE_FILE = '.adherenceignore';

export interface ListOptions {
  /** Glob patterns (gitignore-like: a pattern without `/` matches a name at any depth) to leave out. */
  ignores?: string[];
  /** The folder the ignore patterns are relative to (default: the working folder). */
  base?: string;
  maxFiles?: number;
}

export interface FileList {
  files: string[];
  /** Paths that do not exist, match nothing, or more files than the limit: a usage error. */
  errors: string[];
  /** Folders inside the walk that cannot be listed: a `parse` finding of each, the rest still checked. */
  unreadable: { path: string; message: string }[];
}

const isProfile = (name: string) => PROFILE_EXTENSIONS.includes(extname(name).toLowerCase());
const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  ELOOP: 'a link that loops back on itself',
};
const why = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return WHY[code] ?? `cannot read (${code})`;
};

/** A matcher for ignore patterns relative to `base`; a trailing `/` (folders only) is read as the name. */
export function ignoreMatcher(patterns: string[], base = process.cwd()): (path: string) => boolean {
  const cleaned = patterns
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith('#'))
    .map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''));
  if (!cleaned.length) return () => false;
  const match = picomatch()(cleaned, { dot: true, basename: true });
  return (path) => {
    const rel = relative(base, resolve(path)).split(sep).join('/');
    const parts = (rel.startsWith('..') || isAbsolute(rel) ? path.split(sep).join('/') : rel).split('/');
    // A file is left out when it or any folder above it (up to the base) matches: `drafts` covers drafts/a.yaml.
    return parts.some((_, i) => match(parts.slice(0, i + 1).join('/')));
  };
}

export function listProfileFiles(paths: string[], opts: ListOptions = {}): FileList {
  const files: string[] = [];
  const errors: string[] = [];
  const unreadable: FileList['unreadable'] = [];
  const max = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const ignored = ignoreMatcher(opts.ignores ?? [], opts.base);
  let over = false;
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = p === '-' ? p : resolve(p);
    if (seen.has(key)) {
      // Standard input can be read once only; a file named twice is checked once.
      if (p === '-') errors.push('- is given twice: standard input is read once');
      return;
    }
    seen.add(key);
    if (files.length >= max) over = true;
    else files.push(p);
  };
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      unreadable.push({ path: dir, message: `cannot list the folder: ${why(err)}` });
      return;
    }
    for (const name of names) {
      if (over) return;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      if (ignored(p)) continue;
      let st;
      try {
        st = lstatSync(p);
        // A link to a file is read; a link to a folder is not walked (see the top of this file).
        if (st.isSymbolicLink()) st = statSync(p);
        else if (st.isDirectory()) {
          walk(p);
          continue;
        }
      } catch {
        // A broken or looping link: that file's finding (loadFile says which), if it would be read.
        if (isProfile(name)) add(p);
        continue;
      }
      if (!st.isDirectory() && isProfile(name)) add(p);
    }
  };
  for (const p of paths) {
    if (over) break;
    if (p === '-') {
      add('-');
      continue;
    }
    if (!existsSync(p) && isGlob(p)) {
      const found = glob(p, opts.ignores ?? [], opts.base);
      if (!found.length) errors.push(`${p}: no profile file matches`);
      found.forEach(add);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      errors.push(`${p}: ${why(err)}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else add(p); // named on purpose: read whatever its extension and whatever the ignores say
  }
  if (over) errors.push(`more than ${max} profile files under ${paths.join(', ')}: the limit (set --max-files or maxFiles to check more)`);
  return { files, errors, unreadable };
}

/** A glob's profile files, sorted, without following folder links, ignores applied. */
function glob(pattern: string, ignores: string[], base = process.cwd()): string[] {
  const ignored = ignoreMatcher(ignores, base);
  return tinyglobby()
    .globSync(pattern, {
      onlyFiles: true,
      followSymbolicLinks: false,
      dot: false,
      ignore: ['**/node_modules/**'],
      expandDirectories: false,
    })
    .filter((f) => isProfile(f) && !ignored(f))
    .sort();
}

/** The ignore file's patterns (one a line, `#` comments), if the folder has one. */
export function readIgnoreFile(dir: string): string[] {
  const file = join(dir, IGNORE_FILE);
  if (!existsSync(file)) return [];
  return readSideFile(file)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
