// What reporters need to know of a rule, rule files and built-in checks alike.
import type { Report, ReportView } from './index.js';
import type { Finding, Severity, Category } from '../model/finding.js';
import { BUILTIN_CHECKS, DOCUMENT_CHECKS, isBuiltin, type BuiltinId } from '../model/builtins.js';

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  description?: string;
  basis?: string;
  confidence?: 'confirmed' | 'unconfirmed';
  /** A built-in check (src/model/builtins.ts), not a rule file. */
  builtin?: true;
  /** When the rule fires, in words, one test a line with its depth (src/review/words.ts ruleInWords). */
  decides?: { depth: number; text: string }[];
}

/** A built-in check as reporters describe a rule (its help in the description's end). */
export function builtinInfo(id: BuiltinId): RuleInfo {
  const b = BUILTIN_CHECKS[id];
  return {
    id,
    title: b.title,
    severity: b.severity,
    category: b.category,
    description: `${b.description} ${b.help}`,
    ...(b.basis ? { basis: b.basis } : {}),
    builtin: true,
  };
}

/** Every rule the report involves, sorted by id: those evaluated, plus any a finding names. */
export function rulesOf(report: ReportView, evaluated: RuleInfo[] = []): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  for (const id of DOCUMENT_CHECKS) out.set(id, builtinInfo(id));
  for (const r of evaluated) out.set(r.id, r);
  // A pass over the files (one at a time when they are spooled), then the baseline's.
  function* all(): Generator<Finding> {
    for (const fr of report.files) yield* fr.findings;
    yield* report.baseline?.unchanged ?? [];
    yield* report.baseline?.resolved ?? [];
  }
  for (const f of all()) {
    if (!out.has(f.ruleId))
      out.set(
        f.ruleId,
        isBuiltin(f.ruleId)
          ? builtinInfo(f.ruleId)
          : { id: f.ruleId, title: f.ruleId, severity: f.severity, category: f.category, ...(f.basis ? { basis: f.basis } : {}) },
      );
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** "1 error, 2 warnings, 0 info, 1 waived": the summary line every format shares. */
export function countsText(report: Pick<Report, 'summary'>): string {
  const s = report.summary;
  const parts = [plural(s.error, 'error'), plural(s.warning, 'warning'), `${s.info} info`];
  if (s.suppressed) parts.push(`${s.suppressed} waived`);
  return `${parts.join(', ')} in ${plural(s.files, 'file')}`;
}
