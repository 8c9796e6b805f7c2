// What reporters need to know of a rule, and the built-in "rules" that are not rule files.
import type { Report } from './index.js';
import type { Finding, Severity, Category } from '../model/finding.js';

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  description?: string;
  basis?: string;
  confidence?: 'confirmed' | 'unconfirmed';
}

/** Findings not made by a rule file: loading, the schema, and the waivers file. */
export const BUILTIN_RULES: Record<string, RuleInfo> = {
  parse: {
    id: 'parse',
    title: 'The file can be read as a profile',
    severity: 'error',
    category: 'parse',
    description: 'The file is YAML, JSON or the published text layout, within the size and alias limits, and holds one document.',
  },
  schema: {
    id: 'schema',
    title: 'The profile matches the profile schema',
    severity: 'error',
    category: 'schema',
    description: 'The profile document matches schemas/profile.schema.json: known keys, status words, dates of the right form.',
    basis: 'schemas/profile.schema.json',
  },
  'waiver-expired': {
    id: 'waiver-expired',
    title: 'A waiver has expired',
    severity: 'warning',
    category: 'waiver',
    description: 'A waiver past its `expires` date no longer suppresses the findings it covered; they are reported again. Renew the waiver with a new approval and date, or fix the profile.',
  },
  'waiver-unused': {
    id: 'waiver-unused',
    title: 'A waiver matches no finding',
    severity: 'warning',
    category: 'waiver',
    description: 'The profile a waiver names was checked, the rule ran, and nothing matched: what was waived is gone (or the waiver names a rule that does not exist). Remove the waiver so it cannot hide a later regression.',
  },
};

/** Every rule the report involves, sorted by id: those evaluated, plus any a finding names. */
export function rulesOf(report: Report, evaluated: RuleInfo[] = []): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  for (const id of ['parse', 'schema']) out.set(id, BUILTIN_RULES[id]!);
  for (const r of evaluated) out.set(r.id, r);
  const all: Finding[] = [...report.files.flatMap((f) => f.findings), ...(report.baseline?.resolved ?? [])];
  for (const f of all) {
    if (!out.has(f.ruleId)) out.set(f.ruleId, (Object.hasOwn(BUILTIN_RULES, f.ruleId) ? BUILTIN_RULES[f.ruleId] : undefined) ?? { id: f.ruleId, title: f.ruleId, severity: f.severity, category: f.category, ...(f.basis ? { basis: f.basis } : {}) });
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** "1 error, 2 warnings, 0 info, 1 waived": the summary line every format shares. */
export function countsText(report: Report): string {
  const s = report.summary;
  const parts = [plural(s.error, 'error'), plural(s.warning, 'warning'), `${s.info} info`];
  if (s.suppressed) parts.push(`${s.suppressed} waived`);
  return `${parts.join(', ')} in ${plural(s.files, 'file')}`;
}
