// A pre-publication review: each draft profile checked and set against its published version (matched
// by state): rows changed, findings new / resolved / unchanged / waived with why each fired, the
// depositary cross-check, and a verdict a reviewer can sign off.
import { basename } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { foldName } from '../catalog/index.js';
import { checkLoaded, type FileReport } from '../checker/pipeline.js';
import { buildFacts, type FactOptions } from '../facts/index.js';
import { toFindings, type RuleSet } from '../engine/index.js';
import { withFixes } from '../fix/plan.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import { compareFindings } from '../findings/index.js';
import { toolName, toolVersion } from '../version.js';
import { diffProfiles, type RowChange } from './diff.js';
import { explainRule, type ExplainNode } from './explain.js';
import { readTrace, type Reading } from './words.js';
import type { SignOffShown } from './signoff.js';
import { crossCheck, type ReferenceCheck } from './reference.js';
import type { Depositary } from './depositary.js';
import { SourceError, type SideDocument } from './sources.js';
import { BUILTIN_CHECKS, documentFailed, isBuiltin } from '../model/builtins.js';

export type Verdict = 'ready' | 'needs-attention' | 'blocked';
export type FindingState = 'new' | 'unchanged' | 'resolved';

export interface ReviewedFinding {
  finding: Finding;
  state: FindingState;
  /** Covered by a waiver (`finding.suppressed` holds its reason). */
  waived: boolean;
  /** The rule's title, for rule findings. */
  title?: string;
  /** Why it fired: the condition tree with every value (fact names, for programs). */
  explanation?: ExplainNode;
  /** The same in a reviewer's words: the rows it read, and the catalogue facts it used. */
  reading?: Reading;
}

export interface ProfileReview {
  state: { name: string; iso3?: string };
  draft?: string;
  published?: string;
  /** SHA-256 of the draft and published files as read (a sign-off record keeps them). */
  sha256?: { draft?: string; published?: string };
  asOf?: string;
  verdict: Verdict;
  reasons: string[];
  changes: RowChange[];
  findings: ReviewedFinding[];
  reference?: ReferenceCheck;
  counts: Record<FindingState | 'waived' | Severity, number>;
}

export interface ReviewReport {
  reviewVersion: 1;
  tool: { name: string; version: string };
  drafts: string[];
  /** The published versions as given; empty when the drafts are new profiles (no published version). */
  against: string;
  reference?: { folder: string; recordedOn: string; source: string };
  waivers?: { file: string; waivers: number; suppressed: number; notes: string[] };
  /** The sign-off record written with this review, or verified against it. */
  signOff?: SignOffShown;
  /** Published profiles with no draft, left out of the review (`allPublished` includes them). */
  leftOut?: { state: string; file: string }[];
  summary: {
    profiles: number;
    ready: number;
    'needs-attention': number;
    blocked: number;
    changes: number;
    new: number;
    resolved: number;
    unchanged: number;
    waived: number;
  };
  profiles: ProfileReview[];
}

export interface ReviewOptions extends FactOptions {
  catalog: Catalog;
  rules: RuleSet;
  depositary?: Depositary;
  /** Marks waived findings (applyWaivers from src/findings/waivers), applied to each side's reports. */
  waive?: (files: FileReport[]) => FileReport[];
  draftsLabel: string;
  againstLabel: string;
  /** Also review published profiles that have no draft (as "no draft: publishing would drop it"). */
  allPublished?: boolean;
}

interface Side {
  doc: SideDocument;
  report: FileReport;
  profile?: Profile;
  explanations: Map<string, { tree: ExplainNode; reading: Reading }>;
  reference?: ReferenceCheck;
}

/** Runs parse, schema, rules (and the cross-check) on one document, keeping why each rule finding fired. */
async function evaluate(doc: SideDocument, opts: ReviewOptions): Promise<Side> {
  const explanations = new Map<string, { tree: ExplainNode; reading: Reading }>();
  const byRule = new Map(opts.rules.rules.map((r) => [r.id, r]));
  const report = await checkLoaded(doc.loaded, doc.file, {
    rules: async (profile, loaded, file) => {
      const hits = await opts.rules.evaluator.run(buildFacts(profile, opts.catalog, { ...opts, format: loaded.format }));
      const findings = toFindings(hits, loaded, file, withFixes);
      // toFindings maps hits one to one, so each finding's facts are its hit's.
      for (let i = 0; i < findings.length; i++) {
        const rule = byRule.get(hits[i]!.rule.id);
        if (!rule) continue;
        const { tree } = explainRule(rule, hits[i]!.facts);
        const reading = readTrace(tree, { facts: hits[i]!.facts, catalog: opts.catalog, profile, loaded });
        explanations.set(findings[i]!.fingerprint, { tree, reading });
      }
      return findings;
    },
  });
  const valid = !documentFailed(report.findings);
  const profile = valid ? doc.loaded.profile : undefined;
  let reference: ReferenceCheck | undefined;
  if (profile && opts.depositary) {
    const r = crossCheck(profile, doc.loaded, doc.file, opts.catalog, opts.depositary);
    // The cross-check's tests name rows by instrument ("cwc.joined"): the facts say which row that is.
    const facts = r.explanations.size ? (buildFacts(profile, opts.catalog, opts).base as Record<string, unknown>) : {};
    for (const [f, tree] of r.explanations)
      explanations.set(f.fingerprint, {
        tree,
        reading: readTrace(tree, { facts, catalog: opts.catalog, profile, loaded: doc.loaded, asWritten: true }),
      });
    for (const f of r.findings) report.findings.push(f);
    report.findings.sort(compareFindings);
    reference = r.check;
  }
  return { doc, report, explanations, ...(profile ? { profile } : {}), ...(reference ? { reference } : {}) };
}

/** The key profiles are matched by: ISO code, else the folded state name, else the file name. */
function matchKey(s: Side): string {
  const st = s.report.state;
  return st?.iso3 ? st.iso3.toUpperCase() : st?.name ? foldName(st.name) : `file:${basename(s.doc.file)}`;
}

function index(sides: Side[], what: string): Map<string, Side> {
  const out = new Map<string, Side>();
  for (const s of sides) {
    const k = matchKey(s);
    const other = out.get(k);
    if (other) throw new SourceError(`two ${what} profiles describe ${s.report.state?.name ?? k}: ${other.doc.file} and ${s.doc.file}`);
    out.set(k, s);
  }
  return out;
}

const asOfText = (p: Profile | undefined) => {
  const a = p?.asOf;
  if (!a) return undefined;
  return typeof a === 'string' ? a : [a.from, a.to].filter(Boolean).join(' – ') || undefined;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function verdictOf(findings: ReviewedFinding[], hasDraft: boolean): { verdict: Verdict; reasons: string[] } {
  if (!hasDraft) return { verdict: 'needs-attention', reasons: ['no draft: publishing would drop this profile'] };
  const open = findings.filter((f) => f.state !== 'resolved' && !f.waived);
  const errors = open.filter((f) => f.finding.severity === 'error');
  const warnings = open.filter((f) => f.finding.severity === 'warning');
  const newOf = (l: ReviewedFinding[]) => l.filter((f) => f.state === 'new').length;
  const reasons: string[] = [];
  if (errors.length) reasons.push(`${plural(errors.length, 'error')} to fix (${newOf(errors)} new)`);
  if (warnings.length) reasons.push(`${plural(warnings.length, 'warning')} to fix or waive (${newOf(warnings)} new)`);
  const verdict: Verdict = errors.length ? 'blocked' : warnings.length ? 'needs-attention' : 'ready';
  if (verdict === 'ready') reasons.push('no open error or warning');
  return { verdict, reasons };
}

const order = (a: ReviewedFinding, b: ReviewedFinding) =>
  SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
  (a.state === b.state ? 0 : a.state === 'new' ? -1 : b.state === 'new' ? 1 : 0) ||
  compareFindings(a.finding, b.finding);

function reviewOne(draft: Side | undefined, published: Side | undefined, opts: ReviewOptions): ProfileReview {
  const titles = new Map(opts.rules.rules.map((r) => [r.id, r.title]));
  const before = new Map((published?.report.findings ?? []).map((f) => [f.fingerprint, f]));
  const after = new Set((draft?.report.findings ?? []).map((f) => f.fingerprint));
  const make = (finding: Finding, state: FindingState, side: Side): ReviewedFinding => {
    const title = titles.get(finding.ruleId) ?? (isBuiltin(finding.ruleId) ? BUILTIN_CHECKS[finding.ruleId].title : undefined);
    const explained = side.explanations.get(finding.fingerprint);
    return {
      finding,
      state,
      waived: !!finding.suppressed && state !== 'resolved',
      ...(title ? { title } : {}),
      ...(explained ? { explanation: explained.tree, reading: explained.reading } : {}),
    };
  };
  const findings: ReviewedFinding[] = [];
  for (const f of draft?.report.findings ?? []) findings.push(make(f, before.has(f.fingerprint) ? 'unchanged' : 'new', draft!));
  if (draft)
    for (const f of published?.report.findings ?? []) if (!after.has(f.fingerprint)) findings.push(make(f, 'resolved', published!));
  findings.sort(order);
  const counts = { new: 0, unchanged: 0, resolved: 0, waived: 0, error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    counts[f.state]++;
    if (f.waived) counts.waived++;
    else if (f.state !== 'resolved') counts[f.finding.severity]++;
  }
  const main = draft ?? published!;
  const { verdict, reasons } = verdictOf(findings, !!draft);
  const reference = draft?.reference;
  const asOf = asOfText(draft?.profile ?? published?.profile);
  return {
    state: main.report.state ?? { name: basename(main.doc.file) },
    ...(draft ? { draft: draft.doc.file } : {}),
    ...(published ? { published: published.doc.file } : {}),
    ...(draft?.doc.sha256 || published?.doc.sha256
      ? {
          sha256: {
            ...(draft?.doc.sha256 ? { draft: draft.doc.sha256 } : {}),
            ...(published?.doc.sha256 ? { published: published.doc.sha256 } : {}),
          },
        }
      : {}),
    ...(asOf ? { asOf } : {}),
    verdict,
    reasons,
    changes: draft?.profile || published?.profile ? diffProfiles(published?.profile, draft?.profile, opts.catalog) : [],
    findings,
    ...(reference ? { reference } : {}),
    counts,
  };
}

/** Reviews drafts against published documents, one profile per state; run one document at a time. */
export async function review(drafts: SideDocument[], published: SideDocument[], opts: ReviewOptions): Promise<ReviewReport> {
  const evalAll = async (docs: SideDocument[]) => {
    const sides: Side[] = [];
    for (const d of docs) sides.push(await evaluate(d, opts));
    if (opts.waive) {
      const waived = opts.waive(sides.map((s) => s.report));
      waived.forEach((r, i) => (sides[i]!.report = r));
    }
    return sides;
  };
  const d = index(await evalAll(drafts), 'draft');
  const p = index(await evalAll(published), 'published');
  // A folder of drafts is often a few states: the published profiles without a draft are left out
  // (and named), unless asked for, rather than each marked as dropped.
  const keys = opts.allPublished ? [...new Set([...d.keys(), ...p.keys()])] : [...d.keys()];
  const leftOut = opts.allPublished
    ? []
    : [...p].filter(([k]) => !d.has(k)).map(([, s]) => ({ state: s.report.state?.name ?? basename(s.doc.file), file: s.doc.file }));
  const profiles = keys.map((k) => reviewOne(d.get(k), p.get(k), opts)).sort((a, b) => a.state.name.localeCompare(b.state.name));
  const sum = (f: (x: ProfileReview) => number) => profiles.reduce((n, x) => n + f(x), 0);
  return {
    reviewVersion: 1,
    tool: { name: toolName, version: toolVersion },
    drafts: [opts.draftsLabel],
    against: opts.againstLabel,
    ...(opts.depositary
      ? { reference: { folder: opts.depositary.folder, recordedOn: opts.depositary.recordedOn, source: opts.depositary.source } }
      : {}),
    ...(leftOut.length ? { leftOut } : {}),
    summary: {
      profiles: profiles.length,
      ready: profiles.filter((x) => x.verdict === 'ready').length,
      'needs-attention': profiles.filter((x) => x.verdict === 'needs-attention').length,
      blocked: profiles.filter((x) => x.verdict === 'blocked').length,
      changes: sum((x) => x.changes.length),
      new: sum((x) => x.counts.new),
      resolved: sum((x) => x.counts.resolved),
      unchanged: sum((x) => x.counts.unchanged),
      waived: sum((x) => x.counts.waived),
    },
    profiles,
  };
}
