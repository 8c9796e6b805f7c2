// The public API of adherence: load, check, review and report state nonproliferation profiles.
// Property-based testing helpers live apart, in `adherence/testing`.
export type { Profile, Entry, Footnote, Report as ProfileReport, DateOrder, Layout } from './model/profile.js';
export type { Finding, Severity, Category, Location } from './model/finding.js';
export type { Catalog, Instrument, State, KindInfo } from './catalog/index.js';
export type { Loaded, Position, SourceFormat, LoadLimits } from './load/index.js';
export type { FileReport, CheckOptions, CheckRun, RuleRunner } from './checker/pipeline.js';
export type { Report, Reporter } from './report/index.js';
export type { Rule, RuleSet, RuleSelection } from './engine/index.js';
export type { WaiverSet, WaiverOutcome } from './findings/waivers.js';
export type { WriteOptions } from './report/write.js';
export type { ReviewReport, Explanation } from './review/index.js';
export type { Fix, Edit, FixType, FixOptions, FixOutcome } from './fix/index.js';

export { loadCatalog } from './catalog/index.js';
export { loadFile, loadText, loadPath, parsePublishedText, renderPublishedText, DEFAULT_LOAD_LIMITS } from './load/index.js';
export { toYaml, toJson } from './load/serialize.js';
export { validateProfile } from './schema/index.js';
export { buildFacts } from './facts/index.js';
export { loadRuleSet, ruleRunner, RuleSetError } from './engine/index.js';
export { checkLoaded, checkPaths } from './checker/pipeline.js';
// What the command line runs, for a library user: options and configuration merged once, then
// checkFiles / checkText / explain / review with the rule set, waivers and baseline applied.
export { Checker, ConfigError, type CheckerOptions, type ConfigKeys, type ExplainResult, type ExplainRun } from './checker/index.js';
export { readWaivers, applyWaivers } from './findings/waivers.js';
export { readBaseline, applyBaseline } from './findings/baseline.js';
export { review, explainRule, reviewHtml, reviewMarkdown } from './review/index.js';
export { buildReport, reporter } from './report/index.js';
export { fixText, fixPaths, applyToText, withFixes } from './fix/index.js';
// The one writer and the one reader's record of inputs (a long-running caller may forget them between jobs).
export { writeSafely } from './report/write.js';
export { forgetInputs, SIDE_FILE_MAX_BYTES } from './load/read.js';
export { FIXED_LIMITS } from './load/limits.js';
export { toolVersion } from './version.js';
export { AdherenceError, ERROR_CODES, type ErrorCode } from './errors.js';
