// The fix stage: rules declare fixes and suggestions as data; this applies them to the files they
// were found in (--fix) or shows what it would change (--fix-dry-run).
import { loadCatalog } from '../catalog/index.js';
import { checkLoaded, checkPaths, type CheckOptions, type CheckRun } from '../checker/pipeline.js';
import { decode, DEFAULT_LOAD_LIMITS } from '../load/index.js';
import { readBytes } from '../load/read.js';
import { writeSafely } from '../report/write.js';
import { fixText, withChanges, type FixOptions } from './apply.js';
import { textChange } from './diff.js';

export type { Edit, Fix, FixDeclaration, EditDeclaration, TextChange, FixType } from './types.js';
export { FIX_TYPES } from './types.js';
export { planFix, withFixes } from './plan.js';
export { namedFixes, fixNamed, type NamedFix } from './select.js';
export { applyToText } from './edit.js';
export {
  fixText,
  chosenFix,
  newFindings,
  withChanges,
  withoutFixes,
  MAX_PASSES,
  type FixOptions,
  type FixOutcome,
  type AppliedFix,
} from './apply.js';

/** The text of a file to fix, read again through the one bounded reader; undefined for what --fix does not rewrite. */
function textToFix(path: string, maxBytes: number): string | undefined {
  if (path === '-') return undefined;
  try {
    const bytes = readBytes(path, maxBytes);
    // Written back as UTF-8: a UTF-16 file is left as it is rather than silently re-encoded.
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
    return decode(bytes).text;
  } catch {
    return undefined;
  }
}

export interface FixRunOptions extends FixOptions {
  /** Write the fixed files (--fix); otherwise only report what would change (--fix-dry-run). */
  write: boolean;
}

/**
 * Checks and fixes files and folders. With `write`, each changed file is rewritten in place and
 * the findings reported are those that remain; without it, nothing is written and the findings of
 * the files as they are carry their fixes, each with the change it would make.
 */
export async function fixPaths(paths: string[], opts: FixRunOptions & CheckOptions): Promise<CheckRun> {
  const catalog = opts.catalog ?? loadCatalog();
  const limits = opts.limits ?? DEFAULT_LOAD_LIMITS;
  return checkPaths(paths, {
    ...opts,
    catalog,
    each: async (path, name, loaded) => {
      const text = loaded.problems.length || loaded.profile === undefined ? undefined : textToFix(path, limits.maxBytes);
      // Standard input cannot be rewritten, and a document that does not parse has nothing to fix.
      if (text === undefined) return checkLoaded(loaded, name, { rules: opts.rules });
      const out = await fixText(text, name, { ...opts, catalog, limits });
      const changed = out.output !== text;
      if (opts.write && changed) writeSafely(path, out.output, { inputs: [path], force: true });
      const summary = {
        applied: out.applied,
        refused: out.refused,
        passes: out.passes,
        written: opts.write && changed,
        ...(changed && !opts.write ? { diff: textChange(name, text, out.output).diff } : {}),
      };
      return opts.write ? { ...out.after, fixed: summary } : { ...withChanges(out.before, text, catalog), fixed: summary };
    },
  });
}
