// A sign-off record: what a reviewer signed off (each draft and published file's SHA-256, the draft
// findings' fingerprints, the verdicts, who and when), written beside the review and checked later by
// running the same review again and comparing (`review --verify-sign-off FILE`).
import { stringify } from 'yaml';
import { readSideFile, unreadableReason } from '../load/read.js';
import { parseYamlDocument } from '../load/yaml.js';
import { validateAgainst } from '../schema/index.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';
import { toolName, toolVersion } from '../version.js';
import type { ReviewReport, Verdict } from './review.js';

/** A record that cannot be read or does not match its schema: one line naming file:line:column, exit 2. */
export class SignOffError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ERROR_CODES.signOff, options);
  }
}

export interface SignedFile {
  file: string;
  sha256: string;
}

/** The review as it was asked for, so that a verification can run it again. */
export interface SignOffRequest {
  drafts: string[];
  against: string[];
  reference?: string;
  allPublished?: boolean;
}

export interface SignOffRecord {
  signOffVersion: 1;
  signedBy: string;
  signedAt: string;
  tool: { name: string; version: string };
  review: SignOffRequest;
  verdict: Verdict;
  profiles: { state: string; verdict: Verdict; draft?: SignedFile; published?: SignedFile }[];
  findings: string[];
}

/** A record shown on the review page: the one written now, or one verified with what changed since. */
export interface SignOffShown {
  file: string;
  record: SignOffRecord;
  /** Set by a verification: what differs now (empty: it still matches). */
  changes?: string[];
}

const RANK: Record<Verdict, number> = { ready: 0, 'needs-attention': 1, blocked: 2 };

/**
 * Now, or the time SOURCE_DATE_EPOCH fixes (seconds since 1970: reproducible records and tests). A
 * value that is not such a time is refused rather than ignored: a record must not say a time by chance.
 */
export function signOffClock(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env.SOURCE_DATE_EPOCH;
  if (fixed === undefined || fixed === '') return new Date();
  const at = /^\d+$/.test(fixed.trim()) ? new Date(Number(fixed.trim()) * 1000) : undefined;
  if (!at || Number.isNaN(at.getTime()))
    throw new SignOffError(`SOURCE_DATE_EPOCH is "${fixed}": expected the whole number of seconds since 1970-01-01 of the sign-off time`);
  return at;
}

/** The record of a review as it stands. */
export function signOffRecord(report: ReviewReport, signedBy: string, request: SignOffRequest, at: Date): SignOffRecord {
  const signed = (file: string | undefined, sha256: string | undefined) => (file && sha256 ? { file, sha256 } : undefined);
  const profiles = report.profiles.map((p) => {
    const draft = signed(p.draft, p.sha256?.draft);
    const published = signed(p.published, p.sha256?.published);
    return { state: p.state.name, verdict: p.verdict, ...(draft ? { draft } : {}), ...(published ? { published } : {}) };
  });
  const findings = [
    ...new Set(report.profiles.flatMap((p) => p.findings.filter((f) => f.state !== 'resolved').map((f) => f.finding.fingerprint))),
  ].sort();
  const verdict = profiles.reduce<Verdict>((v, p) => (RANK[p.verdict] > RANK[v] ? p.verdict : v), 'ready');
  return {
    signOffVersion: 1,
    signedBy,
    signedAt: at.toISOString(),
    tool: { name: toolName, version: toolVersion },
    review: {
      drafts: request.drafts,
      against: request.against,
      ...(request.reference !== undefined ? { reference: request.reference } : {}),
      ...(request.allPublished ? { allPublished: true } : {}),
    },
    verdict,
    profiles,
    findings,
  };
}

/** The record as YAML (a `.yaml`/`.yml` file) or JSON (any other name). */
export function signOffText(record: SignOffRecord, path: string): string {
  if (/\.ya?ml$/i.test(path))
    return `# yaml-language-server: $schema=https://adherence.dev/schemas/signoff.schema.json\n${stringify(record, { lineWidth: 0 })}`;
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Reads and checks a record; what is wrong is named with file:line:column. */
export function readSignOff(path: string): SignOffRecord {
  let text: string;
  try {
    text = readSideFile(path);
  } catch (err) {
    throw new SignOffError(`${path}: cannot read the sign-off record (${unreadableReason(err)})`, { cause: err });
  }
  const loaded = parseYamlDocument<SignOffRecord>(text, 'yaml');
  const p = loaded.problems[0];
  if (p) throw new SignOffError(`${path}:${p.line}:${p.column}: ${p.message}`);
  const problem = validateAgainst('signoff.schema.json', loaded.profile ?? null)[0];
  if (problem) {
    const pos = loaded.positions.get(problem.pointer) ?? { line: 1, column: 1 };
    throw new SignOffError(`${path}:${pos.line}:${pos.column}: not a sign-off record: ${problem.message}`);
  }
  return loaded.profile!;
}

const short = (h: string) => h.slice(0, 12);

/** What differs between a record and the same review now, one sentence each (empty: it still matches). */
export function compareSignOff(was: SignOffRecord, now: SignOffRecord, report?: ReviewReport): string[] {
  const out: string[] = [];
  const before = new Map(was.profiles.map((p) => [p.state, p]));
  const after = new Map(now.profiles.map((p) => [p.state, p]));
  for (const [state, p] of before) {
    const q = after.get(state);
    if (!q) {
      out.push(`${state}: no longer in the review`);
      continue;
    }
    for (const side of ['draft', 'published'] as const) {
      const x = p[side];
      const y = q[side];
      if (x && !y) out.push(`${state}: the ${side} ${x.file} is no longer read`);
      else if (!x && y) out.push(`${state}: a ${side} is read now (${y.file}) that was not signed off`);
      else if (x && y && x.sha256 !== y.sha256)
        out.push(`${state}: the ${side} ${y.file} changed since the sign-off (sha256 ${short(x.sha256)}… now ${short(y.sha256)}…)`);
    }
    if (p.verdict !== q.verdict) out.push(`${state}: the verdict was ${p.verdict}, now ${q.verdict}`);
  }
  for (const state of after.keys()) if (!before.has(state)) out.push(`${state}: in the review now, not signed off`);
  const messages = new Map(
    (report?.profiles ?? []).flatMap((p) => p.findings.map((f) => [f.finding.fingerprint, `${f.finding.ruleId}: ${f.finding.message}`])),
  );
  const had = new Set(was.findings);
  const has = new Set(now.findings);
  for (const f of now.findings) if (!had.has(f)) out.push(`a finding not signed off: ${messages.get(f) ?? f}`);
  for (const f of was.findings) if (!has.has(f)) out.push(`a finding signed off is gone: ${f}`);
  return out;
}
