// The Checker owns the pipeline as the command line runs it: options (configuration file + given
// options) → catalogue and rule set → check → waivers → baseline → the report. Every command goes
// through it, and so can a library user: `await Checker.create({ cwd })`, then `checkFiles(paths)`.
import { loadCatalog, type Catalog } from '../catalog/index.js';
import { resolve } from 'node:path';
import { loadPath, loadText } from '../load/index.js';
import { buildFacts } from '../facts/index.js';
import { loadRuleSet, ruleRunner, ruleRuns, type Rule, type RuleSet } from '../engine/index.js';
import type { RuleRunner } from '../engine/types.js';
import type { FileReport } from '../findings/index.js';
import { readWaivers, applyWaivers, type RuleStatus, type WaiverOptions, type WaiverSet, type WaiverSummary } from '../findings/waivers.js';
import { readBaseline, type Baseline } from '../findings/baseline.js';
import type { Report, RuleInfo } from '../report/index.js';
import { memorySpool, type Spool } from '../report/spool.js';
import { finisher, type Finished } from './finish.js';
import { DOCUMENT_CHECKS, WAIVER_CHECKS, REFERENCE_MISMATCH, type BuiltinId } from '../model/builtins.js';
import type { Finding } from '../model/finding.js';
import type { FixType } from '../fix/types.js';
import { withFixes } from '../fix/plan.js';
import { explainRule, type ExplainNode } from '../review/explain.js';
import { readTrace, ruleInWords, type Reading } from '../review/words.js';
import type { ReviewReport } from '../review/review.js';
import type { SideDocument } from '../review/sources.js';
import { readDepositary, DEFAULT_MAPPING, type Depositary } from '../review/depositary.js';
import { withReference } from '../review/reference.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { checkLoaded, eachChecked, fileChecker } from './pipeline.js';
import type { Workers } from './parallel.js';
import { resolveOptions, type CheckerOptions, type Settings } from './options.js';

export {
  resolveOptions,
  ConfigError,
  DEFAULT_CONFIG_FILE,
  type CheckerOptions,
  type ConfigKeys,
  type Settings,
  type Placed,
} from './options.js';
export { readConfig, findConfig } from './config.js';

/** One run of a rule in `explain`: on the profile, or on one row of its scope. */
export interface ExplainRun {
  /** "the profile", or the row's pointer and label. */
  on: string;
  pointer: string | null;
  fired: boolean;
  tree: ExplainNode;
  /** The same run in a reviewer's words (rows, statuses, dates, the catalogue facts used). */
  reading: Reading;
}

export type ExplainResult =
  | { ok: true; rule: Rule; file: string; state: string; runs: number; views: ExplainRun[] }
  /** The document does not load or match the schema: rules do not run on it. */
  | { ok: false; rule: Rule; file: string; finding: Finding | undefined };

export interface CheckFilesOptions {
  /** Apply the rules' fixes (`write`), or show them (a dry run), as `check --fix` does. */
  fix?: { write: boolean; types: FixType[]; only?: string[] } | undefined;
  /** Worker threads for a large run (default `auto`). */
  workers?: Workers | undefined;
}

export type { Finished } from './finish.js';

export interface ReviewRequest {
  /** The published versions: files or folders, or `git:REV` for the drafts' paths at a revision; none for new profiles. */
  against: string[];
  /** Also review the published profiles that have no draft (left out, and named, by default). */
  allPublished?: boolean;
}

export class Checker {
  private constructor(
    readonly settings: Settings,
    readonly catalog: Catalog,
    readonly ruleSet: RuleSet,
    /** The depositary's tables (`reference`): rows are cross-checked against them, in check as in review. */
    readonly depositary: Depositary | undefined,
  ) {}

  // The waivers and the baseline are read on first use, by a check: `adherence rules` and `explain`
  // apply neither, so a broken waivers file must not stop them.
  private read: { waivers?: { value: WaiverSet | undefined }; baseline?: { value: Baseline | undefined } } = {};

  /** The waivers (`waivers` option or configuration), read the first time a check needs them. */
  get waivers(): WaiverSet | undefined {
    const w = this.settings.waivers;
    this.read.waivers ??= { value: w ? readWaivers(w.shown, w.path) : undefined };
    return this.read.waivers.value;
  }

  /** The baseline, read the first time a check needs it. */
  get baseline(): Baseline | undefined {
    const b = this.settings.baseline;
    this.read.baseline ??= { value: b ? readBaseline(b.shown, b.path) : undefined };
    return this.read.baseline.value;
  }

  /** Reads the configuration and the rule set: a mistake in either stops here (waivers and baseline: at the first check). */
  static async create(options: CheckerOptions = {}): Promise<Checker> {
    return Checker.fromSettings(resolveOptions(options));
  }

  /** A checker of settings already resolved (a worker thread of a large run gets the main thread's). */
  static fromSettings(settings: Settings): Checker {
    const catalog = loadCatalog();
    const ruleSet = loadRuleSet(
      {
        ...Checker.folders(settings),
        ...(settings.only ? { only: settings.only } : {}),
        ...(settings.ignore ? { ignore: settings.ignore } : {}),
        severity: settings.rules,
        ...(settings.evaluator ? { evaluator: settings.evaluator } : {}),
      },
      catalog,
    );
    const depositary = settings.reference ? readDepositary(settings.reference, catalog, settings.mapping ?? DEFAULT_MAPPING) : undefined;
    return new Checker(settings, catalog, ruleSet, depositary);
  }

  private static folders(settings: Settings) {
    return { dirs: settings.rulesDirs, bundled: settings.bundled };
  }

  /**
   * The rules this checker runs, as reporters describe them (SARIF rule list, JUnit test cases);
   * `inWords` adds when each fires, in words (read from the phrase book only when asked: SARIF help).
   */
  ruleInfo(inWords = false): RuleInfo[] {
    return this.ruleSet.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      category: r.category,
      description: r.description.trim(),
      basis: r.basis,
      ...(r.confidence ? { confidence: r.confidence } : {}),
      ...(inWords ? { decides: ruleInWords(r, this.catalog) } : {}),
    }));
  }

  /**
   * Rules, then (with `reference`) the depositary cross-check: one runner for checkFiles and checkText.
   * Fixes are planned only for a run that applies or shows them (`fixes`): a plain check reports none,
   * and planning them for every info finding was a tenth of its time.
   */
  private runner(fixes = false): RuleRunner {
    const opts = this.settings.dateOrder ? { dateOrder: this.settings.dateOrder } : {};
    const rules = fixes ? ruleRunner(this.ruleSet, opts, withFixes) : ruleRunner(this.ruleSet, opts);
    return this.depositary ? withReference(rules, this.catalog, this.depositary) : rules;
  }

  /** Checks this checker runs besides its rules and the document checks. */
  private get alsoRun(): string[] {
    return this.depositary ? [REFERENCE_MISMATCH] : [];
  }

  /** Whether a rule ran: with --rule every other rule is left out on purpose, so its waiver is not "unused". */
  private ruleStatus(alsoRun: readonly string[] = []): RuleStatus {
    const ran = new Set(this.ruleSet.rules.map((r) => r.id));
    const off = Object.entries(this.settings.rules)
      .filter(([, s]) => s === 'off')
      .map(([id]) => id);
    const excluded = new Set([...(this.settings.ignore ?? []), ...off]);
    return (id) =>
      ran.has(id) || DOCUMENT_CHECKS.includes(id as BuiltinId) || alsoRun.includes(id)
        ? 'run'
        : this.settings.only?.length || excluded.has(id)
          ? 'not-run'
          : 'unknown';
  }

  private waive(
    files: FileReport[],
    alsoRun: readonly string[] = [],
  ): { files: FileReport[]; report?: FileReport; summary?: WaiverSummary } {
    if (!this.waivers) return { files };
    return applyWaivers(files, this.waivers, this.waiverOptions(alsoRun));
  }

  private waiverOptions(alsoRun: readonly string[]): WaiverOptions {
    return { ruleStatus: this.ruleStatus(alsoRun), severity: this.ruleSet.builtins ?? {}, cwd: this.settings.cwd };
  }

  /** Waivers, then the baseline, file by file as they come, the files kept in `spool`: see ./finish.ts. */
  private finisher(spool: Spool, show?: (f: Finding) => boolean) {
    const ran = new Set<string>([
      ...this.ruleSet.rules.map((r) => r.id),
      ...DOCUMENT_CHECKS,
      ...(this.waivers ? WAIVER_CHECKS : []),
      ...this.alsoRun,
    ]);
    return finisher(spool, {
      waivers: this.waivers && { set: this.waivers, options: this.waiverOptions(this.alsoRun) },
      baseline: this.baseline && { baseline: this.baseline, ran },
      show,
    });
  }

  /** Waivers, then the baseline, applied to checked files: the report as `check --format json` prints it. */
  private finish(checked: FileReport[]): Report {
    const done = this.finisher(memorySpool());
    for (const fr of checked) done.file(fr);
    const { report } = done.end();
    return { ...report, files: [...report.files] };
  }

  /**
   * Checks files and folders (default: the configuration's `paths`, else profiles); relative to `cwd`.
   * With `fix`, the rules' fixes are applied (`write`) or shown (a dry run) as `check --fix` does;
   * a waived finding is kept as it is on purpose, so its fix is left alone.
   */
  async checkFiles(paths: string[] = this.settings.paths, options: CheckFilesOptions = {}): Promise<Report> {
    const { report } = await this.checkInto(memorySpool(), paths, options);
    return { ...report, files: [...report.files] };
  }

  /**
   * What `check` runs: checkFiles, with each file's report written to `spool` as soon as it is finished
   * rather than kept (a run of any number of files holds a few files at a time), and `show` choosing
   * the findings the reports show. The report reads its files back from the spool.
   */
  async checkInto(
    spool: Spool,
    paths: string[] = this.settings.paths,
    { fix, workers, show }: CheckFilesOptions & { show?: (f: Finding) => boolean } = {},
  ): Promise<Finished> {
    const { catalog, settings } = this;
    const check = {
      catalog,
      limits: settings.limits,
      rules: this.runner(!!fix),
      cwd: settings.cwd,
      files: settings.files,
      ...(settings.stdinFilename ? { stdinFilename: settings.stdinFilename } : {}),
      parallel: { workers, setup: settings },
    };
    // Findings carry their fixes only in a dry run, where they are what is reported (after --fix, the
    // findings that remain were checked again with fixes planned).
    const { withoutFixes } = !fix?.write ? { withoutFixes: (f: FileReport) => f } : await import('../fix/apply.js');
    const done = this.finisher(spool, show);
    let run: { errors: string[]; files: number };
    if (fix) {
      // Loaded here, not at start-up: a check without --fix does not pay for the fix code.
      const { fixPaths } = await import('../fix/index.js');
      const waive = this.waivers ? (r: FileReport) => this.waive([r], this.alsoRun).files[0]! : undefined;
      const fixed = await fixPaths(paths, { ...check, ...fix, ...(waive ? { waive } : {}) });
      if (!fixed.errors.length) for (const fr of fixed.files) done.file(withoutFixes(fr));
      run = { errors: fixed.errors, files: fixed.files.length };
    } else run = await eachChecked(paths, check, (fr) => done.file(withoutFixes(fr)));
    if (run.errors.length) throw new AdherenceError(run.errors.join('; '), ERROR_CODES.source);
    if (run.files === 0)
      throw new AdherenceError(`no profile files (.yaml, .yml, .json, .txt) under ${paths.join(', ')}`, ERROR_CODES.source);
    return done.end();
  }

  /** Reads and checks one file (path to read, name to report it under), as checkFiles does each. */
  fileChecker(): (path: string, name: string) => Promise<FileReport> {
    return fileChecker({ catalog: this.catalog, limits: this.settings.limits, rules: this.runner() });
  }

  /** Checks one document given as text; `filePath` names it (its extension picks the format) and matches waivers. */
  async checkText(text: string, { filePath = 'profile.yaml' }: { filePath?: string } = {}): Promise<Report> {
    const loaded = loadText(text, filePath, this.catalog, this.settings.limits);
    return this.finish([await checkLoaded(loaded, filePath, { catalog: this.catalog, rules: this.runner() })]);
  }

  /** The files a report was made from (profiles and the waivers file): what an output must not replace. */
  inputsOf(report: Report | Pick<Finished, 'names'>): string[] {
    const stdin = this.settings.stdinFilename;
    const names = 'names' in report ? report.names : report.files.map((f) => f.file);
    return [...new Set([...names.filter((f) => f !== stdin), ...(this.waivers ? [this.waivers.file] : [])])];
  }

  /** A rule of this checker's set by id; one the configuration or a filter left out is named as such. */
  rule(id: string): Rule {
    const r = this.ruleSet.rules.find((x) => x.id === id);
    if (r) return r;
    if (this.settings.rules[id] === 'off') throw new AdherenceError(`rule "${id}" is off in the configuration`, ERROR_CODES.ruleSet);
    const all = loadRuleSet(Checker.folders(this.settings), this.catalog).rules.map((x) => x.id);
    if (all.includes(id)) throw new AdherenceError(`rule "${id}" is left out of this run (--rule, --ignore-rule)`, ERROR_CODES.ruleSet);
    const near = didYouMean(id, all);
    throw new AdherenceError(
      `unknown rule "${id}"${near ? ` (did you mean ${near}?)` : ''} (adherence rules lists them)`,
      ERROR_CODES.ruleSet,
    );
  }

  /** Why a rule fired, or did not, on one profile: each run's condition tree with every value. */
  async explain(filePath: string, ruleId: string): Promise<ExplainResult> {
    const rule = this.rule(ruleId);
    // A file that cannot be read is its parse finding, as in check: rules do not run on it.
    const loaded = loadPath(
      filePath === '-' ? filePath : resolve(this.settings.cwd, filePath),
      this.catalog,
      this.settings.limits,
      filePath,
    );
    const base = await checkLoaded(loaded, filePath, {});
    const profile = loaded.profile;
    if (base.findings.length || !profile) return { ok: false, rule, file: filePath, finding: base.findings[0] };
    const facts = buildFacts(profile, this.catalog, {
      ...(this.settings.dateOrder ? { dateOrder: this.settings.dateOrder } : {}),
      format: loaded.format,
    });
    const runs = ruleRuns(facts, rule);
    const views = runs.map((f): ExplainRun => {
      const item = rule.scope === 'profile' ? undefined : (f[rule.scope] as Record<string, unknown>);
      const pointer = item ? String(item.pointer ?? '') : null;
      const ex = explainRule(rule, f);
      const label = item
        ? [item.label, item.instrument, item.text, item.marker].find((x) => typeof x === 'string' || typeof x === 'number')
        : undefined;
      return {
        on: item ? `${pointer}${label !== undefined ? ` (${String(label)})` : ''}` : 'the profile',
        pointer,
        fired: ex.fired,
        tree: ex.tree,
        reading: readTrace(ex.tree, { facts: f, catalog: this.catalog, profile, loaded }),
      };
    });
    return { ok: true, rule, file: filePath, state: profile.state.name, runs: runs.length, views };
  }

  /** The pre-publication review of drafts against their published versions, with this checker's rules and waivers. */
  async review(drafts: string[], { against, allPublished }: ReviewRequest): Promise<ReviewReport> {
    const { cwd, limits } = this.settings;
    // Loaded here, not at start-up: check does not pay for the review page's code.
    const [{ review }, { readPaths, readAtRevision, SourceError }] = await Promise.all([
      import('../review/review.js'),
      import('../review/sources.js'),
    ]);
    if (!drafts.length) throw new SourceError('review needs the draft files or folders');
    const gitRevs = against.filter((a) => a.startsWith('git:'));
    if (gitRevs.length && against.length > 1) throw new SourceError('--against git:REV cannot be combined with other --against paths');
    const { depositary } = this;
    const draftDocs: SideDocument[] = readPaths(drafts, this.catalog, limits, cwd);
    if (!draftDocs.length) throw new SourceError(`no profile files (.yaml, .yml, .json, .txt) under ${drafts.join(', ')}`);
    // No published version (a new profile): every row is new; the rules and the cross-check still apply.
    const published = gitRevs.length
      ? await readAtRevision(gitRevs[0]!.slice(4), drafts, this.catalog, cwd, limits)
      : against.length
        ? readPaths(against, this.catalog, limits, cwd)
        : [];
    let draftWaivers: ReturnType<Checker['waive']> | undefined;
    const report = await review(draftDocs, published, {
      catalog: this.catalog,
      rules: this.ruleSet,
      ...(depositary ? { depositary } : {}),
      ...(this.waivers
        ? {
            waive: (files: FileReport[]) => {
              // The depositary cross-check is a check of the review's own: its waivers are in use here.
              const out = this.waive(files, depositary ? [REFERENCE_MISMATCH] : []);
              draftWaivers ??= out; // drafts are evaluated first: theirs is the outcome to report
              return out.files;
            },
          }
        : {}),
      ...(this.settings.dateOrder ? { dateOrder: this.settings.dateOrder } : {}),
      draftsLabel: drafts.join(', '),
      againstLabel: against.join(', '),
      ...(allPublished ? { allPublished } : {}),
    });
    if (this.waivers && draftWaivers?.summary) {
      const d = draftWaivers;
      report.waivers = {
        file: this.waivers.file,
        waivers: d.summary!.waivers,
        suppressed: d.summary!.suppressed,
        notes: (d.report?.findings ?? []).map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`),
      };
    }
    return report;
  }

  /** Every document a review read (drafts and published), for the writer's check that it replaces none. */
  static reviewInputs(report: ReviewReport): string[] {
    return report.profiles.flatMap((p) => [p.draft, p.published]).filter((x): x is string => typeof x === 'string');
  }
}
