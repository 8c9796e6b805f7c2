// The pipeline for one document and for many: load → schema → facts → rules → findings. The Checker
// (./index.ts) runs it with the configuration, waivers and baseline; library callers may run it bare.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { Loaded, LoadLimits } from '../load/index.js';
import { loadPath, listProfileFiles, DEFAULT_LOAD_LIMITS, type ListOptions } from '../load/index.js';
import { FIXED_LIMITS } from '../load/limits.js';
import { validateProfile } from '../schema/index.js';
import type { Finding } from '../model/finding.js';
import { locate, sortFindings, type FileReport } from '../findings/index.js';
import type { RuleRunner } from '../engine/types.js';
import type { Profile } from '../model/profile.js';
import { BUILTIN_CHECKS, PARSE, SCHEMA } from '../model/builtins.js';
import { checkInThreads, threadsFor, type Workers } from './parallel.js';

export type { FileReport } from '../findings/index.js';
export type { RuleRunner } from '../engine/types.js';

export interface CheckOptions {
  catalog?: Catalog;
  limits?: LoadLimits;
  rules?: RuleRunner;
  /** Folder relative paths are read from (default: the working folder); files keep the names given. */
  cwd?: string;
  /** Ignore patterns, the folder they are relative to, and the most files one run lists. */
  files?: ListOptions;
  /** The name standard input (`-`) is reported under, and read as (its extension picks the format). */
  stdinFilename?: string;
  /**
   * What is done with each file listed (path as given, name it is reported under, what was read);
   * default: check it. `--fix` passes its own, so listing and naming stay in one place.
   */
  each?: (path: string, name: string, loaded: Loaded) => Promise<FileReport>;
  /**
   * Threads for a large run (./parallel.ts): how many, this one among them (`auto` by default), and
   * the settings each worker builds the same rule runner from. Without `setup`, or with `each`, this
   * thread checks alone.
   */
  parallel?: { workers?: Workers | undefined; setup?: unknown };
}

/** Parse and schema findings of one loaded document, then its rule findings if it is well formed. */
export async function checkLoaded(loaded: Loaded, file: string, opts: CheckOptions = {}): Promise<FileReport> {
  const findings: Finding[] = loaded.problems.map((p) =>
    locate(
      {
        ruleId: PARSE,
        severity: BUILTIN_CHECKS[PARSE].severity,
        category: BUILTIN_CHECKS[PARSE].category,
        message: p.message,
        pointer: p.pointer ?? '',
        line: p.line,
        column: p.column,
      },
      file,
      loaded,
    ),
  );
  const profile = loaded.profile;
  if (profile !== undefined && findings.length === 0) {
    const problems = validateProfile(profile);
    for (const p of problems) {
      findings.push(
        locate(
          {
            ruleId: SCHEMA,
            severity: BUILTIN_CHECKS[SCHEMA].severity,
            category: BUILTIN_CHECKS[SCHEMA].category,
            message: p.message,
            pointer: p.pointer,
          },
          file,
          loaded,
        ),
      );
    }
    // A loop, not push(...x): a spread of 100k findings overflows the call stack.
    if (problems.length === 0 && opts.rules) for (const f of await opts.rules(profile, loaded, file)) findings.push(f);
  }
  const sorted = sortFindings(findings);
  if (sorted.length > FIXED_LIMITS.maxFindings) {
    // Past a thousand nobody reads them, and reports of millions would exhaust memory.
    const dropped = sorted.length - FIXED_LIMITS.maxFindings;
    sorted.length = FIXED_LIMITS.maxFindings;
    sorted.push(
      locate(
        {
          ruleId: PARSE,
          severity: BUILTIN_CHECKS[PARSE].severity,
          category: BUILTIN_CHECKS[PARSE].category,
          message: `more than ${FIXED_LIMITS.maxFindings} findings in this file: the other ${dropped} are not reported`,
          pointer: '',
          line: 1,
          column: 1,
        },
        file,
        loaded,
      ),
    );
  }
  const s = profile && typeof profile === 'object' ? (profile as Partial<Profile>).state : undefined;
  const state = s && typeof s.name === 'string' ? { name: s.name, ...(typeof s.iso3 === 'string' ? { iso3: s.iso3 } : {}) } : null;
  return { file, format: loaded.format, state, findings: sorted };
}

export interface CheckRun {
  files: FileReport[];
  /** Paths that do not exist or cannot be listed (a usage error, exit 2). */
  errors: string[];
}

/**
 * Lists profile files from `cwd`. The lister works from the working folder: from another folder the
 * paths go in absolute and come back named from `cwd`, as the lister names them from the working one.
 */
export function listFrom(
  paths: string[],
  cwd: string | undefined,
  opts: ListOptions = {},
): ReturnType<typeof listProfileFiles> & { at: (name: string) => string } {
  const base = cwd === undefined ? undefined : resolve(cwd);
  if (base === undefined || base === process.cwd()) return { ...listProfileFiles(paths, opts), at: (f) => f };
  const abs = (p: string) => (p === '-' || isAbsolute(p) ? p : resolve(base, p));
  const name = (f: string) => (f === '-' || paths.includes(f) ? f : relative(base, f) || '.');
  const given = new Map(paths.map((p) => [abs(p), p]));
  const listed = listProfileFiles(paths.map(abs), opts);
  return {
    files: listed.files.map(name),
    errors: listed.errors.map((e) => [...given].reduce((m, [a, p]) => (m.startsWith(`${a}:`) ? `${p}${m.slice(a.length)}` : m), e)),
    unreadable: listed.unreadable.map((u) => ({ ...u, path: name(u.path) })),
    at: (f) => abs(f),
  };
}

/** Reads one file (`path`, or `-`) and checks it under `name`: the same on the main thread and in a worker. */
export function fileChecker(opts: CheckOptions): (path: string, name: string) => Promise<FileReport> {
  const catalog = opts.catalog ?? loadCatalog();
  return (path, name) =>
    checkLoaded(loadPath(path, catalog, opts.limits ?? DEFAULT_LOAD_LIMITS, name === '-' ? undefined : name), name, opts);
}

/**
 * Checks files and folders: one after another on this thread (rule runs must not overlap on one
 * engine), or, for a large run, in batches on this thread and worker threads; the reports are the
 * same either way.
 */
export async function checkPaths(paths: string[], opts: CheckOptions = {}): Promise<CheckRun> {
  const files: FileReport[] = [];
  const { errors } = await eachChecked(paths, opts, (r) => files.push(r));
  return { files, errors };
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Lists, then checks, handing each file's report to `sink` as soon as it is its turn: in report order
 * (by name), so that a caller may write it away and keep nothing. With listing errors nothing is
 * checked. `files` counts the reports given (folders that cannot be listed included).
 */
export async function eachChecked(
  paths: string[],
  opts: CheckOptions,
  sink: (report: FileReport) => void,
): Promise<{ errors: string[]; files: number }> {
  const catalog = opts.catalog ?? loadCatalog();
  const { files, errors, unreadable, at } = listFrom(paths, opts.cwd, opts.files);
  if (errors.length) return { errors, files: 0 };
  // Sorted first (a stable sort, as the report's): each report can go out the moment it is made.
  const jobs = files
    .map((file) => ({ path: at(file), name: file === '-' ? (opts.stdinFilename ?? '-') : file }))
    .sort((a, b) => byName(a.name, b.name));
  // A folder that cannot be listed is a finding of that folder, in its place among the files.
  const folders = unreadable.map((u) => unreadableReport(u.path, u.message)).sort((a, b) => byName(a.file, b.file));
  let f = 0;
  const give = (r: FileReport) => {
    while (f < folders.length && byName(folders[f]!.file, r.file) < 0) sink(folders[f++]!);
    sink(r);
  };
  // Standard input can be read only here; --fix writes files as it goes: both stay on this thread.
  const threads =
    opts.parallel?.setup !== undefined && !opts.each && !files.includes('-') ? threadsFor(opts.parallel.workers, files.length) : 1;
  const check = fileChecker({ ...opts, catalog });
  if (threads > 1) await checkInThreads(jobs, threads, opts.parallel!.setup, check, give);
  else {
    for (const { path, name } of jobs) {
      if (!opts.each) give(await check(path, name));
      else give(await opts.each(path, name, loadPath(path, catalog, opts.limits ?? DEFAULT_LOAD_LIMITS, name === '-' ? undefined : name)));
    }
  }
  while (f < folders.length) sink(folders[f++]!);
  return { errors, files: jobs.length + folders.length };
}

function unreadableReport(path: string, message: string): FileReport {
  const finding = locate(
    {
      ruleId: PARSE,
      severity: BUILTIN_CHECKS[PARSE].severity,
      category: BUILTIN_CHECKS[PARSE].category,
      message,
      pointer: '',
      line: 1,
      column: 1,
    },
    path,
    undefined,
  );
  return { file: path, format: 'yaml', state: null, findings: [finding] };
}
