// Pre-publication review: diff of two profile versions, why each finding fired, the depositary
// cross-check, and the reviewer's page in HTML and Markdown.
export {
  review,
  type ReviewReport,
  type ProfileReview,
  type ReviewedFinding,
  type Verdict,
  type FindingState,
  type ReviewOptions,
} from './review.js';
export { diffProfiles, cellOf, type RowChange, type FieldChange, type ChangeKind } from './diff.js';
export { explainRule, treeText, showValue, type Explanation, type ExplainNode, type ExplainLeaf, type ExplainGroup } from './explain.js';
export {
  readDepositary,
  parseCsv,
  parseRecordDate,
  DepositaryError,
  DEFAULT_MAPPING,
  type Depositary,
  type DepositaryTable,
  type RecordRow,
} from './depositary.js';
export { crossCheck, type ReferenceCheck, type ReferenceRow, type ReferenceOutcome } from './reference.js';
export { readPaths, readAtRevision, SourceError, type SideDocument } from './sources.js';
export { reviewHtml } from './html.js';
export { reviewMarkdown } from './markdown.js';
export {
  readTrace,
  readingLines,
  readingText,
  loadPhrases,
  PHRASES_FILE,
  type Reading,
  type ReadingLine,
  type Said,
  type SaidGroup,
  type SaidNode,
  type Citation,
  type Phrases,
} from './words.js';
export {
  signOffRecord,
  signOffText,
  readSignOff,
  compareSignOff,
  signOffClock,
  SignOffError,
  type SignOffRecord,
  type SignOffRequest,
  type SignOffShown,
} from './signoff.js';
