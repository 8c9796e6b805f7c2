// The review page shows each finding's proposed fix; the depositary cross-check proposes what the
// record says as a suggestion, which a person applies (never --fix on its own).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, root } from '../helpers.js';
import { applyToText } from '../../src/fix/index.js';
import { loadCatalog } from '../../src/catalog/index.js';

const untc = join(root, '..', 'shared', 'data', 'untc');
const published = 'profiles/kazakhstan.yaml';

describe('review: proposed fixes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adh-fix-review-'));
  const draft = join(dir, 'kazakhstan.yaml');
  // The depositary records CWC ratification on 23 March 2000; the draft says Signatory.
  writeFileSync(draft, readFileSync(join(root, published), 'utf8').replace(/(- instrument: cwc\n\s+status:) State Party/, '$1 Signatory'));

  it('Markdown and HTML show the fix under each finding of the draft', () => {
    const md = cli(['review', draft, '--against', published]);
    expect(md.stdout).toContain(
      '- proposed fix: Say Subscribing State, the political commitment\'s word for it (`/entries/18/status → "Subscribing State"`)',
    );
    expect(md.stdout).toContain('- proposed fix: Say Ratified (`/entries/6/status → "Ratified"`)');
    const html = cli(['review', draft, '--against', published, '-f', 'html']);
    expect(html.stdout).toContain('<strong>Proposed fix:</strong> Say Ratified — <code>/entries/6/status → &quot;Ratified&quot;</code>');
  });

  it('reference-mismatch carries the record as a suggestion, and applying it settles the finding', () => {
    const r = cli(['review', draft, '--against', published, '--reference', untc, '-f', 'json', '--fail-on', 'never']);
    const findings = JSON.parse(r.stdout).profiles[0].findings.map((x: { finding: unknown }) => x.finding) as {
      ruleId: string;
      pointer: string;
      fix?: unknown;
      suggestions?: { title: string; edits: { op: 'set'; pointer: string; value: unknown }[] }[];
    }[];
    const cwc = findings.find((f) => f.ruleId === 'reference-mismatch' && f.pointer === '/entries/14/status')!;
    expect(cwc.fix).toBeUndefined();
    expect(cwc.suggestions).toEqual([
      {
        title: 'Say State Party, ratification 2000-03-23, as the depositary records',
        edits: [
          { op: 'set', pointer: '/entries/14/status', value: 'State Party' },
          { op: 'set', pointer: '/entries/14/joined', value: '2000-03-23' },
          { op: 'set', pointer: '/entries/14/joinedBy', value: 'ratification' },
        ],
      },
    ]);
    const accepted = join(dir, 'accepted.yaml');
    writeFileSync(accepted, applyToText(readFileSync(draft, 'utf8'), 'yaml', cwc.suggestions![0]!.edits, loadCatalog()));
    const again = cli(['review', accepted, '--against', published, '--reference', untc, '-f', 'json', '--fail-on', 'never']);
    const left = JSON.parse(again.stdout).profiles[0].findings.filter(
      (x: { state: string; finding: { ruleId: string; instruments: string[] } }) =>
        x.state !== 'resolved' && x.finding.ruleId === 'reference-mismatch' && x.finding.instruments.includes('cwc'),
    );
    expect(left).toEqual([]);
    const md = cli(['review', draft, '--against', published, '--reference', untc]);
    expect(md.stdout).toContain('- suggestion: Say State Party, ratification 2000-03-23, as the depositary records');
  });
});
