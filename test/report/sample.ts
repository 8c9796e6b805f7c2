// A small report with every kind of finding the reporters must handle, built without running rules
// so the reporter tests do not move when the rule set grows.
import type { Finding } from '../../src/model/finding.js';
import { buildReport, type Report, type RuleInfo } from '../../src/report/index.js';

export function finding(over: Partial<Finding> & Pick<Finding, 'ruleId' | 'line'>): Finding {
  return {
    severity: 'error',
    category: 'vocabulary',
    message: 'a message',
    file: 'profiles/kazakhstan.yaml',
    column: 13,
    pointer: '/entries/18/status',
    instruments: ['hcoc'],
    fingerprint: `${over.ruleId}:KAZ:${over.instruments?.join('+') ?? 'hcoc'}`,
    ...over,
  };
}

export const RULES: RuleInfo[] = [
  {
    id: 'status-vocabulary',
    title: 'A status word fits its instrument',
    severity: 'error',
    category: 'vocabulary',
    description: 'Status words by kind.',
    basis: 'The catalogue',
  },
  {
    id: 'instrument-name',
    title: 'Instruments have their right names',
    severity: 'warning',
    category: 'editorial',
    description: 'Names and misnomers.',
    basis: 'The catalogue',
  },
  {
    id: 'footnote-duplicate',
    title: 'Footnotes are not repeated',
    severity: 'info',
    category: 'editorial',
    description: 'Same text twice.',
    basis: 'The footnotes',
  },
];

export function sampleReport(): Report {
  return buildReport(
    [
      {
        file: 'profiles/kazakhstan.yaml',
        format: 'yaml',
        state: { name: 'Kazakhstan', iso3: 'KAZ' },
        findings: [
          finding({
            ruleId: 'instrument-name',
            severity: 'warning',
            category: 'editorial',
            line: 70,
            column: 11,
            pointer: '/entries/18/name',
            message: 'Name "HCoC, cut" is 100% wrong,\nsecond line: <b>bold</b> | pipe',
          }),
          finding({
            ruleId: 'status-vocabulary',
            line: 71,
            message: 'HCoC is listed as "State Party"',
            related: [{ file: 'profiles/kazakhstan.yaml', line: 70, column: 5, pointer: '/entries/18' }],
            evidence: { 'entry.status': 'State Party' },
            basis: 'The catalogue',
            suppressed: { reason: 'kept as published & signed', approvedBy: 'maintainers', expires: '2027-12-31' },
          }),
          finding({
            ruleId: 'footnote-duplicate',
            severity: 'info',
            category: 'editorial',
            line: 140,
            column: 5,
            pointer: '/footnotes/5',
            instruments: [],
            fingerprint: 'footnote-duplicate:KAZ:fn6',
            message: 'Footnote 6 repeats footnote 5',
          }),
        ],
      },
      {
        file: 'profiles/dir with space/b.yaml',
        format: 'yaml',
        state: null,
        findings: [
          finding({
            ruleId: 'schema',
            file: 'profiles/dir with space/b.yaml',
            category: 'schema',
            line: 1,
            column: 1,
            pointer: '',
            instruments: [],
            fingerprint: 'schema:b:',
            message: '`/profile` is 2; expected 1',
          }),
        ],
      },
      { file: 'profiles/india.yaml', format: 'yaml', state: { name: 'India', iso3: 'IND' }, findings: [] },
    ],
    { waivers: { file: 'waivers.yaml', waivers: 1, suppressed: 1, expired: 0, unused: 0 } },
  );
}
