// The review page is static HTML and cannot apply a fix itself: under each proposed fix it shows the
// command that applies exactly that one (`check --fix --fix-id ID`), to run where the review ran.
import { namedFixes } from '../fix/select.js';
import type { Finding } from '../model/finding.js';
import { REFERENCE_MISMATCH } from '../model/builtins.js';

const PLAIN = /^[A-Za-z0-9_./:=@%+-]+$/;

/** A word as a POSIX shell reads it back: plain as it is, else in single quotes. */
export const shellWord = (s: string) => (PLAIN.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The command that applies each fix and suggestion of a finding, in the order the page lists them;
 * none for a waived finding. A depositary finding exists only with the depositary's tables: its
 * command names the `reference` folder the review read.
 */
export function fixCommands(f: Finding, reference?: string): string[] {
  const ref = f.ruleId === REFERENCE_MISMATCH && reference ? ` --reference ${shellWord(reference)}` : '';
  // A file named like an option (`--output=…`) would be read as one: such a name is given as ./name.
  const file = f.file.startsWith('-') ? `./${f.file}` : f.file;
  return namedFixes(f).map((n) => `npx adherence check ${shellWord(file)}${ref} --fix --fix-id ${shellWord(n.id)}`);
}
