// The seed as published: what a reviewer must see flagged, and nothing else.
import { describe, it, expect } from 'vitest';
import { cli, seedPath } from '../helpers.js';

describe('the published Kazakhstan profile', () => {
  const r = cli(['check', '--format', 'json', seedPath]);
  const findings: { ruleId: string; line: number; message: string; instruments: string[] }[] = JSON.parse(r.stdout).files[0].findings;
  const text = (id: string) => findings.filter((f) => f.ruleId === id);

  it('draws exactly the findings the domain notes describe', () => {
    expect(findings.map((f) => f.ruleId).sort()).toEqual(
      [
        'footnote-duplicate',
        'footnote-duplicate',
        'instrument-name',
        'instrument-name',
        'party-before-entry-into-force',
        'status-vocabulary',
      ].sort(),
    );
    expect(r.code).toBe(1); // status-vocabulary is an error
  });

  it('flags the rows at fault, at their lines', () => {
    const lines = (id: string) => text(id).map((f) => f.line);
    expect(lines('status-vocabulary')).toEqual([28]); // Hague Code of Conduct … State Party
    expect(text('status-vocabulary')[0]!.instruments).toEqual(['hcoc']);
    expect(lines('party-before-entry-into-force')).toEqual([14]); // CTBT
    expect(lines('instrument-name')).toEqual([21, 28]); // CANWZ; the cut-short HCoC name
    expect(
      text('footnote-duplicate')
        .map((f) => f.message)
        .join(' '),
    ).toMatch(/6.*5[\s\S]*7.*5/);
  });

  it('infers month-first from 11/03/04 and reports no ambiguous date', () => {
    expect(text('ambiguous-date')).toEqual([]);
    expect(text('report-before-adoption')).toEqual([]);
  });
});
