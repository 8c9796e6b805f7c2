// The public API of adherence: load, check and report state nonproliferation profiles.
export type { Profile, Entry, Footnote, Report as ProfileReport, DateOrder, Layout } from './model/profile.js';
export type { Finding, Severity, Category, Location } from './model/finding.js';
export type { Catalog, Instrument, State, KindInfo } from './catalog/index.js';
export type { Loaded, Position, SourceFormat } from './load/index.js';
export type { FileReport, CheckOptions, CheckRun } from './check.js';
export type { Report, Reporter } from './report/index.js';

export { loadCatalog } from './catalog/index.js';
export { loadFile, loadText, parsePublishedText, renderPublishedText } from './load/index.js';
export { toYaml, toJson } from './load/serialize.js';
export { validateProfile } from './schema/index.js';
export { checkLoaded, checkPaths } from './check.js';
export { buildReport, reporter } from './report/index.js';
export { toolVersion } from './version.js';
