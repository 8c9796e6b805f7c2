// The fix loop: check, apply every fix that does not overlap another of the same pass, check again;
// at most 10 passes. A pass that would draw a finding the document did not have is applied one fix
// at a time instead, and the fixes that would draw one are left out.
import type { Catalog } from '../catalog/index.js';
import { loadCatalog } from '../catalog/index.js';
import { checkLoaded, type FileReport, type RuleRunner } from '../checker/pipeline.js';
import { loadText, DEFAULT_LOAD_LIMITS, type LoadLimits } from '../load/index.js';
import type { SourceFormat } from '../load/types.js';
import type { Finding } from '../model/finding.js';
import { DOCUMENT_CHECKS, type BuiltinId } from '../model/builtins.js';
import { applyToText, overlaps, touched } from './edit.js';
import { textChange } from './diff.js';
import type { Fix, FixType } from './types.js';
import { namedFixes } from './select.js';

export const MAX_PASSES = 10;

export interface FixOptions {
  catalog?: Catalog;
  limits?: LoadLimits;
  rules: RuleRunner;
  /** What to apply: `fix` (the default) and/or `suggestion` (the first suggestion of each finding). */
  types?: readonly FixType[];
  /** Only the fixes these ids name (`--fix-id`, see select.ts), whatever `types` says. */
  only?: readonly string[];
  /** Marks waived findings, whose fixes are not applied (the CLI passes its waivers). */
  waive?: (report: FileReport) => FileReport;
}

export interface AppliedFix {
  ruleId: string;
  pointer: string;
  title: string;
}

export interface FixOutcome {
  /** The fixed text (the input itself when nothing applied). */
  output: string;
  applied: AppliedFix[];
  /** Fixes left out because they would have drawn a finding the document did not have. */
  refused: AppliedFix[];
  passes: number;
  /** The findings of the input (`before`) and of the output (`after`). */
  before: FileReport;
  after: FileReport;
}

/** The fix a finding offers for these types: its safe fix, else (when asked) its first suggestion. */
export function chosenFix(f: Finding, types: readonly FixType[] = ['fix']): Fix | undefined {
  if (f.suppressed) return undefined;
  if (types.includes('fix') && f.fix) return f.fix;
  return types.includes('suggestion') ? f.suggestions?.[0] : undefined;
}

const key = (f: Finding) => `${f.ruleId}\u0000${f.fingerprint}`;

/**
 * Findings of `after` that `before` did not have. A finding is matched first by its fingerprint; one
 * whose fingerprint changed because a fix renumbered what it names (footnote 7 is footnote 6 once a
 * repeat goes) is matched with a gone finding of the same rule about the same instruments. Parse and
 * schema findings are always new.
 */
export function newFindings(before: Finding[], after: Finding[]): Finding[] {
  const known = new Set(before.map(key));
  const kept = new Set(after.map(key));
  const subject = (f: Finding) => `${f.ruleId}\u0000${[...f.instruments].sort().join(',')}`;
  const gone = new Map<string, number>();
  for (const f of before) if (!kept.has(key(f))) gone.set(subject(f), (gone.get(subject(f)) ?? 0) + 1);
  return after.filter((f) => {
    if (DOCUMENT_CHECKS.includes(f.ruleId as BuiltinId)) return true;
    if (known.has(key(f))) return false;
    const n = gone.get(subject(f)) ?? 0;
    gone.set(subject(f), n - 1);
    return n <= 0;
  });
}

/** The edited text, or undefined when the edits cannot be made in this document (a path through an alias, say). */
function edited(text: string, format: SourceFormat, edits: Fix['edits'], catalog: Catalog): string | undefined {
  try {
    return applyToText(text, format, edits, catalog);
  } catch {
    return undefined;
  }
}

const label = (f: Finding, fix: Fix): AppliedFix => ({ ruleId: f.ruleId, pointer: f.pointer, title: fix.title });

export async function fixText(text: string, file: string, opts: FixOptions): Promise<FixOutcome> {
  const catalog = opts.catalog ?? loadCatalog();
  const limits = opts.limits ?? DEFAULT_LOAD_LIMITS;
  const check = async (t: string) => {
    const loaded = loadText(t, file, catalog, limits);
    const r = await checkLoaded(loaded, file, { rules: opts.rules });
    return { loaded, report: opts.waive ? opts.waive(r) : r };
  };
  const first = await check(text);
  // An editorial finding that brings its own safe fix is the next step, not damage: declaring the
  // date order (a suggestion of ambiguous-date) makes each numeric date's ISO form (date-form) known.
  const nextStep = (f: Finding) => f.severity === 'info' && !!f.fix;
  const introduces = (r: FileReport) => newFindings(first.report.findings, r.findings).some((f) => !nextStep(f));
  const applied: AppliedFix[] = [];
  const refused: AppliedFix[] = [];
  let current = { text, ...first };
  let passes = 0;
  if (first.report.findings.some((f) => DOCUMENT_CHECKS.includes(f.ruleId as BuiltinId)))
    return { output: text, applied, refused, passes, before: first.report, after: first.report };
  // Each named fix applies once: a later pass may give its id to another finding (markers renumbered).
  const named = opts.only ? new Set(opts.only) : undefined;
  const pick = (f: Finding): { fix: Fix; id?: string } | undefined => {
    if (!named) {
      const fix = chosenFix(f, opts.types);
      return fix && { fix };
    }
    return namedFixes(f).find((n) => named.has(n.id));
  };
  while (passes < MAX_PASSES) {
    const chosen: { f: Finding; fix: Fix; id?: string }[] = [];
    const taken: string[][] = [];
    for (const f of current.report.findings) {
      const { fix, id } = pick(f) ?? {};
      if (!fix || refused.some((r) => r.ruleId === f.ruleId && r.pointer === f.pointer && r.title === fix.title)) continue;
      const parts = fix.edits.map(touched);
      // Overlapping fixes wait for the next pass, when they are planned again on the fixed document.
      if (parts.some((p) => taken.some((t) => overlaps(p, t)))) continue;
      taken.push(...parts);
      chosen.push({ f, fix, ...(id ? { id } : {}) });
    }
    if (chosen.length === 0) break;
    passes++;
    const format: SourceFormat = current.loaded.format;
    const all = edited(
      current.text,
      format,
      chosen.flatMap((c) => c.fix.edits),
      catalog,
    );
    const next = all === undefined || all === current.text ? undefined : await check(all);
    if (all !== undefined && next && !introduces(next.report)) {
      applied.push(...chosen.map((c) => label(c.f, c.fix)));
      for (const c of chosen) if (c.id) named?.delete(c.id);
      current = { text: all, ...next };
      continue;
    }
    // One at a time, keeping each fix only if the document stays free of new findings. The fixes of a
    // pass touch different nodes, so each is applied to what the ones before it left; one per pass
    // would run out of passes on a document with many fixes and one bad one.
    let progressed = false;
    for (const c of chosen) {
      const one = edited(current.text, format, c.fix.edits, catalog);
      if (one === current.text) continue;
      const r = one === undefined ? undefined : await check(one);
      if (one === undefined || !r || introduces(r.report)) {
        refused.push(label(c.f, c.fix));
        continue;
      }
      applied.push(label(c.f, c.fix));
      if (c.id) named?.delete(c.id);
      current = { text: one, ...r };
      progressed = true;
    }
    if (!progressed) break;
  }
  return { output: current.text, applied, refused, passes, before: first.report, after: current.report };
}

/** Each fix and suggestion of the input's findings with the text change it alone would make (--fix-dry-run); none for a waived finding. */
export function withChanges(report: FileReport, text: string, catalog: Catalog = loadCatalog()): FileReport {
  const change = (fix: Fix): Fix => {
    const out = edited(text, report.format, fix.edits, catalog);
    return out === undefined ? fix : { ...fix, change: textChange(report.file, text, out) };
  };
  return {
    ...report,
    findings: report.findings.map((f) => {
      // A waived finding is kept as it is on purpose: no fix is offered for it.
      const { fix, suggestions, ...rest } = f;
      if (f.suppressed) return rest;
      return { ...rest, ...(fix ? { fix: change(fix) } : {}), ...(suggestions ? { suggestions: suggestions.map(change) } : {}) };
    }),
  };
}

/** Findings without their fixes and suggestions: what a run without --fix-dry-run reports. */
export function withoutFixes(report: FileReport): FileReport {
  if (!report.findings.some((f) => f.fix || f.suggestions)) return report;
  return { ...report, findings: report.findings.map(({ fix: _fix, suggestions: _s, ...rest }) => rest) };
}
