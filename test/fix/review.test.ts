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

  describe('each proposed fix comes with the command that applies exactly it', () => {
    // The review runs in the draft's folder, as a reviewer would; the page's commands run there too.
    const work = mkdtempSync(join(tmpdir(), 'adh-fix-apply-'));
    const text = readFileSync(draft, 'utf8');
    const catalog = loadCatalog();
    const page = (args: string[] = []) => {
      writeFileSync(join(work, 'kazakhstan.yaml'), text);
      const html = cli(
        ['review', 'kazakhstan.yaml', '--against', join(root, published), '-f', 'html', '--fail-on', 'never', ...args],
        undefined,
        work,
      );
      return [...html.stdout.matchAll(/To apply it, run where the review ran: <code>(.*?)<\/code>/g)].map((m) => unescapeHtml(m[1]!));
    };
    const run = (command: string) => {
      const words = [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      expect(words.slice(0, 2)).toEqual(['npx', 'adherence']);
      return cli(words.slice(2), undefined, work);
    };

    it('a safe fix: the HCoC status, and nothing else', () => {
      const commands = page();
      const command = commands.find((c) => c.includes('status-vocabulary'))!;
      expect(command).toBe("npx adherence check kazakhstan.yaml --fix --fix-id 'status-vocabulary:KAZ:hcoc#fix'");
      // One command for each fix shown, at least: CTBT Ratified, the two names, the footnotes.
      expect(commands.length).toBeGreaterThanOrEqual(5);
      const r = run(command);
      expect(r.stdout).toContain('1 fix applied');
      const want = applyToText(text, 'yaml', [{ op: 'set', pointer: '/entries/18/status', value: 'Subscribing State' }], catalog);
      expect(readFileSync(join(work, 'kazakhstan.yaml'), 'utf8')).toBe(want);
    });

    it("a suggestion of the depositary's record: the command reads the same tables", () => {
      const command = page(['--reference', untc]).find((c) => c.includes('reference-mismatch:KAZ:cwc'))!;
      expect(command).toContain(`--reference ${untc}`);
      expect(command).toMatch(/--fix --fix-id 'reference-mismatch:KAZ:cwc[^']*#suggestion-1'$/);
      expect(run(command).stdout).toContain('1 fix applied');
      const edits = [
        { op: 'set' as const, pointer: '/entries/14/status', value: 'State Party' },
        { op: 'set' as const, pointer: '/entries/14/joined', value: '2000-03-23' },
        { op: 'set' as const, pointer: '/entries/14/joinedBy', value: 'ratification' },
      ];
      expect(readFileSync(join(work, 'kazakhstan.yaml'), 'utf8')).toBe(applyToText(text, 'yaml', edits, catalog));
    });
  });
});

const unescapeHtml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
