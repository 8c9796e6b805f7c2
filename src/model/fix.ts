// What a rule file declares under `fix:` / `suggestions:`, and what a finding carries once the fix
// stage has filled the declaration in with the facts of the run. Model types: the engine reads the
// declarations and the fix stage writes the fixes, so neither imports the other for them.

/** One change, as written in a rule file: templates over the facts ("{entry.pointer}/status"). */
export type EditDeclaration =
  | { set: string; to: unknown }
  | { remove: string }
  /** One footnote folded into an earlier one with the same text; the later markers renumbered. */
  | { mergeFootnote: string; into: string };

export interface FixDeclaration {
  /** What the fix does, in words (a template too). */
  title: string;
  edits: EditDeclaration[];
}

/** One change to the profile's data: a JSON pointer and, for `set`, the new value. */
export type Edit = { op: 'set'; pointer: string; value: unknown } | { op: 'remove'; pointer: string };

/** A fix or suggestion of one finding, ready to apply. */
export interface Fix {
  title: string;
  edits: Edit[];
  /** The change to the file's text when this fix alone is applied (filled in by --fix-dry-run). */
  change?: TextChange;
}

/** A change to a file's text, as a unified diff and as replaced ranges (SARIF artifactChanges). */
export interface TextChange {
  diff: string;
  /** Lines startLine..endLine of the original (endLine < startLine: an insertion before startLine),
   *  which are the characters [charOffset, charOffset + charLength), become `text`. */
  replacements: { startLine: number; endLine: number; charOffset: number; charLength: number; text: string }[];
}

/** `fix`: safe fixes only (what --fix applies); `suggestion`: also the first suggestion of each finding. */
export type FixType = 'fix' | 'suggestion';
export const FIX_TYPES: readonly FixType[] = ['fix', 'suggestion'];
