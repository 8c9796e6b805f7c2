// One shape for every finding: parse, schema and rule findings alike.
import type { Fix } from './fix.js';

export type Severity = 'error' | 'warning' | 'info';
export type Category = 'parse' | 'schema' | 'consistency' | 'obligation' | 'vocabulary' | 'temporal' | 'editorial' | 'reference' | 'waiver';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface Location {
  file: string;
  line: number;
  column: number;
  pointer?: string;
}

export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  category: Category;
  message: string;
  /** JSON pointer into the profile document ('' for the whole document). */
  pointer: string;
  instruments: string[];
  /** The article or document the rule rests on. */
  basis?: string;
  /** The fact values the rule compared. */
  evidence?: Record<string, unknown>;
  /** Other rows the finding rests on (the other side of a cross-instrument rule). */
  related?: Location[];
  /** Stable across line moves: rule id + state + instruments or pointer. */
  fingerprint: string;
  /** Set when a waiver covers the finding; the finding is still reported. */
  suppressed?: { reason: string; approvedBy?: string; expires?: string };
  /** A safe fix the rule declares (applied by --fix). */
  fix?: Fix;
  /** Fixes a person chooses among (applied only when asked). */
  suggestions?: Fix[];
}
