// The seed as published: what a reviewer must see flagged, and nothing else.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, seedPath, seedText } from '../helpers.js';

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

  it('keeps its own date form: the published layout has no ISO dates and no place to declare dateOrder', () => {
    expect(text('date-form')).toEqual([]);
    expect(text('date-order-declared')).toEqual([]);
  });
});

describe('the published Kazakhstan profile imported to YAML', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adh-seed-'));
  const file = join(dir, 'kazakhstan.yaml');
  expect(cli(['import', seedPath, '-o', file]).code).toBe(0);
  const json = (f: string) =>
    JSON.parse(cli(['check', '--format', 'json', '--no-waivers', f]).stdout).files[0].findings as {
      ruleId: string;
      pointer: string;
      line: number;
    }[];

  it('asks for the inferred dateOrder to be declared, at the date that settles it, and keeps the numeric dates', () => {
    const found = json(file);
    expect(found.filter((f) => f.ruleId === 'date-order-declared').map((f) => f.pointer)).toEqual(['/entries/25/reports/0/date']);
    // It keeps the published layout (`layout`), and the publication's numeric dates with it.
    expect(found.filter((f) => f.ruleId === 'date-form')).toEqual([]);
  });

  it('--fix declares dateOrder, and the fixed profile still renders the published text byte for byte', () => {
    const fixed = join(dir, 'fixed.yaml');
    writeFileSync(fixed, readFileSync(file, 'utf8'));
    expect(cli(['check', fixed, '--fix', '--no-waivers', '--rule', 'date-order-declared', '--rule', 'date-form']).code).toBe(0);
    const text = readFileSync(fixed, 'utf8');
    expect(text).toMatch(/^dateOrder: month-first$/m);
    expect(text).toContain('date: 11/03/04');
    expect(json(fixed).filter((f) => f.ruleId.startsWith('date-'))).toEqual([]);
    expect(cli(['render', fixed]).stdout).toBe(seedText());
  });

  it('draws date-form on each numeric date once the layout is dropped, and --fix writes them in ISO form', () => {
    const plain = join(dir, 'plain.yaml');
    const t = readFileSync(file, 'utf8');
    writeFileSync(plain, t.slice(0, t.indexOf('\nlayout:') + 1));
    expect(
      json(plain)
        .filter((f) => f.ruleId === 'date-form')
        .map((f) => f.pointer),
    ).toEqual([
      '/entries/9/inForce',
      '/entries/25/reports/0/date',
      '/entries/25/reports/1/date',
      '/entries/26/reports/0/date',
      '/entries/27/reports/0/date',
    ]);
    expect(cli(['check', plain, '--fix', '--no-waivers', '--rule', 'date-order-declared', '--rule', 'date-form']).code).toBe(0);
    const text = readFileSync(plain, 'utf8');
    for (const d of ['inForce: 2007-01-02', 'date: 2004-11-03', 'date: 2005-12-07', 'date: 2005-05-04', 'date: 2003-09-02'])
      expect(text).toContain(d);
    expect(text).not.toMatch(/\d+\/\d+\/\d+/);
    expect(json(plain).filter((f) => f.ruleId.startsWith('date-') || f.ruleId === 'ambiguous-date')).toEqual([]);
  });
});
