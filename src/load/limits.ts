// What a single profile file may cost: every limit stops a hostile or broken file with a `parse`
// finding of that file (the other files are still checked), never a hang or an exhausted heap.

export interface LoadLimits {
  /** Largest file read, in bytes. The YAML parser reads ≈ 1 MB a second, so this bounds time too. */
  maxBytes: number;
  /** Alias nodes a YAML document may resolve (stops "billion laughs" documents). */
  maxAliasCount: number;
  /** Deepest nesting of mappings and lists (a profile needs 5; rule conditions a dozen or so). */
  maxDepth: number;
  /** Rows (entries) in one profile: the rule stage costs time per row. */
  maxRows: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxBytes: 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 64,
  maxRows: 1000,
};

/** The option that raises each limit, for messages that say how to get past it. */
export const LIMIT_FLAGS: Record<keyof LoadLimits, string> = {
  maxBytes: '--max-bytes',
  maxAliasCount: '--max-aliases',
  maxDepth: '--max-depth',
  maxRows: '--max-rows',
};

/**
 * Caps without an option: far above any real profile, they bound the work a hostile one can cause.
 * Reaching one is a `parse` finding of the file (findings: one finding says the rest were left out).
 */
export const FIXED_LIMITS = {
  /** Keys in one mapping of any YAML or JSON document the tool reads. */
  maxKeys: 1000,
  /** Footnotes in one profile. */
  maxFootnotes: 1000,
  /** Footnote markers on one row. */
  maxNotes: 100,
  /** Reports (with addenda) on one row: each is checked against its neighbours by several rules. */
  maxReports: 100,
  /** Findings reported for one file. */
  maxFindings: 1000,
  /**
   * The most `--max-depth` can allow: composing a YAML document recurses once per level, and a few
   * hundred levels more can exhaust Node's stack where V8 cannot recover (the process aborts).
   */
  maxDepth: 256,
} as const;
