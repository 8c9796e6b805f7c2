// Words and symbols shared by the HTML and Markdown pages: every state a colour marks also has a word
// and a symbol, so nothing depends on colour alone (or on colour printing).
import type { Severity } from '../model/finding.js';
import type { ChangeKind } from './diff.js';
import type { ReferenceOutcome } from './reference.js';
import type { FindingState, ProfileReview, ReviewedFinding, Verdict } from './review.js';
import type { SignOffShown } from './signoff.js';

/** The sentence that says which published profiles were left out (no draft), or undefined. */
export function leftOutText(r: { leftOut?: { state: string }[] }): string | undefined {
  const l = r.leftOut ?? [];
  if (!l.length) return undefined;
  const names = l.map((x) => x.state).join(', ');
  return `${l.length} published profile${l.length === 1 ? ' has' : 's have'} no draft and ${l.length === 1 ? 'is' : 'are'} not reviewed (${names}); --all-published includes them.`;
}

export const VERDICT: Record<Verdict, { icon: string; word: string }> = {
  ready: { icon: '✔', word: 'Ready to publish' },
  'needs-attention': { icon: '⚠', word: 'Needs attention' },
  blocked: { icon: '✖', word: 'Blocked by errors' },
};

export const SEVERITY: Record<Severity, { icon: string; word: string; plural: string }> = {
  error: { icon: '✖', word: 'Error', plural: 'Errors' },
  warning: { icon: '⚠', word: 'Warning', plural: 'Warnings' },
  info: { icon: 'ℹ', word: 'Info', plural: 'Information' },
};

export const STATE: Record<FindingState | 'waived', { icon: string; word: string }> = {
  new: { icon: '★', word: 'New' },
  unchanged: { icon: '=', word: 'Unchanged' },
  resolved: { icon: '✓', word: 'Resolved' },
  waived: { icon: '⊘', word: 'Waived' },
};

export const CHANGE: Record<ChangeKind, { icon: string; word: string }> = {
  added: { icon: '+', word: 'Added' },
  removed: { icon: '−', word: 'Removed' },
  changed: { icon: '~', word: 'Changed' },
};

export const OUTCOME: Record<ReferenceOutcome, { icon: string; word: string }> = {
  agrees: { icon: '✔', word: 'Agrees' },
  disagrees: { icon: '✖', word: 'Disagrees' },
  unconfirmed: { icon: '?', word: 'Not confirmed' },
  'not listed': { icon: '·', word: 'No row in profile' },
};

export interface FindingGroup {
  id: string;
  title: string;
  /** Severity the group shows, or the state for the waived and resolved groups. */
  kind: Severity | 'waived' | 'resolved';
  findings: ReviewedFinding[];
}

/** Open findings by severity (new first), then waived, then resolved: the order a reviewer works in. */
export function groupFindings(p: ProfileReview): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const s of ['error', 'warning', 'info'] as const) {
    const list = p.findings.filter((f) => f.state !== 'resolved' && !f.waived && f.finding.severity === s);
    if (list.length) groups.push({ id: s, title: SEVERITY[s].plural, kind: s, findings: list });
  }
  const waived = p.findings.filter((f) => f.waived);
  if (waived.length) groups.push({ id: 'waived', title: 'Waived', kind: 'waived', findings: waived });
  const resolved = p.findings.filter((f) => f.state === 'resolved');
  if (resolved.length) groups.push({ id: 'resolved', title: 'Resolved since the published version', kind: 'resolved', findings: resolved });
  return groups;
}

export interface Proposal {
  word: 'Proposed fix' | 'Suggestion';
  title: string;
  /** Each edit in words: `/entries/18/status → "Subscribing State"`, `remove /entries/13/name`. */
  edits: string[];
}

/** The fixes a finding of the draft proposes (check --fix applies the first kind; suggestions are a person's call). */
export function proposals(r: ReviewedFinding): Proposal[] {
  if (r.state === 'resolved') return [];
  const f = r.finding;
  const one = (word: Proposal['word'], x: NonNullable<typeof f.fix>): Proposal => ({
    word,
    title: x.title,
    edits: x.edits.map((e) => (e.op === 'set' ? `${e.pointer} → ${JSON.stringify(e.value)}` : `remove ${e.pointer}`)),
  });
  return [...(f.fix ? [one('Proposed fix', f.fix)] : []), ...(f.suggestions ?? []).map((x) => one('Suggestion', x))];
}

export const where = (f: ReviewedFinding) => `${f.finding.file}:${f.finding.line}:${f.finding.column}`;

export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

/** The sign-off record in sentences: who, when, what verdict, which files; and, when verified, what changed. */
export function signOffLines(r: {
  signOff?: SignOffShown;
}): { head: string; files: string[]; outcome?: string; changes: string[] } | undefined {
  const s = r.signOff;
  if (!s) return undefined;
  const x = s.record;
  const files = x.profiles.flatMap((p) =>
    [
      p.draft && `${p.state} draft ${p.draft.file}: sha256 ${p.draft.sha256}`,
      p.published && `${p.state} published ${p.published.file}: sha256 ${p.published.sha256}`,
    ].filter((l): l is string => !!l),
  );
  const head = `Signed off by ${x.signedBy} at ${x.signedAt}: ${VERDICT[x.verdict].word.toLowerCase()}, ${x.findings.length} draft finding${x.findings.length === 1 ? '' : 's'} (record ${s.file}, ${x.tool.name} ${x.tool.version}).`;
  const outcome =
    s.changes === undefined
      ? undefined
      : s.changes.length
        ? 'Changed since the sign-off:'
        : 'Verified: the files and findings still match the record.';
  return { head, files, ...(outcome ? { outcome } : {}), changes: s.changes ?? [] };
}
