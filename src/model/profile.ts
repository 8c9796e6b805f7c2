// The profile model: one state's standing in the nonproliferation regime, as a person edits it.
// Text fields named `name` and `text` keep the published wording; the other fields are the data.

/** A date as written: ISO `2004-11-03`, or numeric `11/03/04` read with the profile's date order. */
export type DateText = string;

export type DateOrder = 'month-first' | 'day-first';

export interface Report {
  /** Absent for the report itself; 1, 2, … for its addenda. */
  addendum?: number;
  date?: DateText;
}

export interface Entry {
  /** Catalogue id (`cwc`); absent when the row names no known instrument. */
  instrument?: string;
  /** The row's label as written, footnote markers included. */
  name?: string;
  /** A status word of the instrument's kind: `State Party`, `Member`, `In force`, … */
  status: string;
  /** The status cell as written, when it is more than the status word. */
  text?: string;
  /** Placement in the published layout; defaults come from the catalogue. */
  section?: string;
  group?: string;
  /** Blank lines printed before this row (page breaks of the original). */
  blankBefore?: number;
  /** Footnotes this row refers to. */
  notes?: number[];
  infcirc?: string;
  /** A safeguards agreement's type: only a comprehensive one meets the NPT for a non-nuclear-weapon State. */
  agreement?: 'comprehensive' | 'voluntary-offer' | 'item-specific';
  signed?: DateText;
  /** Deposit of the instrument of ratification, accession, acceptance, approval or succession. */
  joined?: DateText;
  joinedBy?: 'ratification' | 'accession' | 'acceptance' | 'approval' | 'succession';
  inForce?: DateText;
  withdrawn?: DateText;
  reports?: Report[];
  /** Years for which reports were submitted (BTWC confidence-building measures). */
  years?: number[];
  /** Free remark of the editor; never rendered. */
  remark?: string;
}

export interface Footnote {
  marker: number;
  text: string;
  /** Blank lines before it, where they differ from the layout's usual gap. */
  blankBefore?: number;
}

export interface Source {
  title: string;
  url?: string;
  accessed?: string;
  note?: string;
}

export interface AsOfWindow {
  from?: string;
  to?: string;
  note?: string;
}

/** What only the published text layout needs to be printed back byte for byte. */
export interface Layout {
  title?: string;
  blankLinesBefore?: number;
  blankLinesAfterTitle?: number;
  /** Heading lines as written, by section id (tabs included). */
  headings?: Record<string, string>;
  /** Sub-heading lines as written, by group id. */
  groups?: Record<string, string>;
  /** Blank lines before the footnotes and before each footnote after the first. */
  blankLinesBeforeFootnotes?: number;
  blankLinesBetweenFootnotes?: number;
  trailingBlankLines?: number;
  finalNewline?: boolean;
  lineEnding?: 'lf' | 'crlf';
  bom?: boolean;
}

export interface Profile {
  profile: 1;
  state: { name: string; iso3?: string };
  asOf?: string | AsOfWindow;
  dateOrder?: DateOrder;
  sources?: Source[];
  entries: Entry[];
  footnotes?: Footnote[];
  layout?: Layout;
}

export const SECTION_IDS = ['organizations', 'treaties', 'export-control', 'terrorism'] as const;
export const GROUP_IDS = ['nuclear', 'chemical-biological', 'delivery', 'other'] as const;
