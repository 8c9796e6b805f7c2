// Explanations in a reviewer's words: every fact any rule reads has a phrase, the words name the rows
// (status as written, row, line:column) and the catalogue facts with their sources, and no fact name
// reaches the default output of `explain`.
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildFacts } from '../../src/facts/index.js';
import { loadRuleSet, ruleRuns, traceRule, type Rule } from '../../src/engine/index.js';
import { leaves } from '../../src/engine/types.js';
import { exampleDocument } from '../../src/engine/examples.js';
import { validateAgainst } from '../../src/schema/index.js';
import { templateRefs } from '../../src/engine/template.js';
import { loadPhrases, phraseOf, readTrace, readingText, ruleInWords, sectionOf } from '../../src/review/words.js';
import { cli, seedText } from '../helpers.js';
import { changedKazakhstan, scratch } from './fixtures.js';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { PHRASES_FILE } from '../../src/review/words.js';

const catalog = loadCatalog();
const set = loadRuleSet({}, catalog);
const book = loadPhrases();
const refOf = (fact: string, path?: string) => ({ fact, field: (path ?? '').replace(/^\$\.?/, '').split('.')[0]! });

describe('the phrase book', () => {
  it('matches its schema', () => {
    expect(validateAgainst('phrases.schema.json', parse(readFileSync(PHRASES_FILE, 'utf8')))).toEqual([]);
  });

  it('has a phrase for every fact every rule reads, and for every operator it uses', () => {
    const missing: string[] = [];
    for (const rule of set.rules)
      for (const leaf of leaves(rule.conditions)) {
        const refs = [refOf(leaf.fact, leaf.path)];
        const v = leaf.value as { fact?: string; path?: string } | null;
        if (v && typeof v === 'object' && typeof v.fact === 'string') refs.push(refOf(v.fact, v.path));
        for (const { fact, field } of refs) {
          const section = sectionOf(fact, catalog);
          if (!section || !phraseOf(book, section, field)) missing.push(`${rule.id}: ${fact}.${field}`);
        }
        if (!book.operators[leaf.operator]) missing.push(`${rule.id}: operator ${leaf.operator}`);
      }
    expect(missing).toEqual([]);
  });

  it('refers in its phrases only to facts the rows have', () => {
    const doc = buildFacts(exampleDocument({ name: 'seed' }, catalog).profile!, catalog);
    const sample: Record<string, unknown> = {
      instrument: doc.base.cwc,
      entry: doc.entry[0],
      report: doc.report[0],
      footnote: doc.footnote[0],
      note: doc.note[0],
      date: doc.date[0],
      state: doc.base.state,
      profile: doc.base.profile,
    };
    const wrong: string[] = [];
    // A check function's results are named by the rules that call it: each phrase names one of them.
    const results = new Set(set.rules.flatMap((r) => Object.keys(r.checks ?? {})));
    for (const name of Object.keys(book.facts.check ?? {})) if (!results.has(name)) wrong.push(`check.${name}`);
    for (const [section, fields] of Object.entries(book.facts))
      for (const [field, phrase] of Object.entries(fields ?? {})) {
        if (section === 'check') continue;
        const it = sample[section] as Record<string, unknown> | undefined;
        expect(it, `a sample row for ${section}`).toBeDefined();
        // The field itself, and every {it.x} its phrases name, are facts of that kind of row.
        if (!(field in it! || (Object.getPrototypeOf(it) && field in Object.getPrototypeOf(it)))) wrong.push(`${section}.${field}`);
        for (const t of Object.values(phrase.values ?? {}))
          for (const ref of templateRefs(t))
            if (ref.startsWith('it.') && !(ref.slice(3) in it!)) wrong.push(`${section}.${field}: {${ref}}`);
            else if (!ref.startsWith('it.') && !['value', 'bound'].includes(ref)) wrong.push(`${section}.${field}: {${ref}}`);
      }
    expect(wrong).toEqual([]);
  });
});

/** The first fired run of a rule's first invalid example, in words. */
function firstReading(rule: Rule, verbose = false): string {
  const ex = rule.examples.invalid[0]!;
  const loaded = exampleDocument(ex, catalog);
  const facts = buildFacts(loaded.profile!, catalog);
  for (const f of ruleRuns(facts, rule)) {
    const t = traceRule(rule, f);
    if (t.fired) return readingText(readTrace(t.tree, { facts: f, catalog, profile: loaded.profile!, loaded }), '', verbose).join('\n');
  }
  throw new Error(`${rule.id}: the first invalid example fires nowhere`);
}

describe('explanations in words, a few rules of each scope', () => {
  const chosen = [
    'opcw-requires-cwc',
    'npt-requires-safeguards',
    'state-name-code',
    'party-before-own-entry-into-force',
    'signature-window',
    'protocol-requires-parent',
    'addendum-before-report',
    'report-before-adoption',
    'footnote-unused',
    'footnote-undefined',
    'ambiguous-date',
    'date-after-as-of',
  ];
  const scopes = new Set(chosen.map((id) => set.rules.find((r) => r.id === id)!.scope));

  it('covers every scope', () => {
    expect([...scopes].sort()).toEqual(['date', 'entry', 'footnote', 'note', 'profile', 'report']);
  });

  it.each(chosen)('%s', (id) => {
    const rule = set.rules.find((r) => r.id === id)!;
    const text = firstReading(rule);
    expect(text).toMatchSnapshot();
    // No fact name of the rule in the words.
    for (const leaf of leaves(rule.conditions)) expect(text).not.toContain(`${leaf.fact}.${(leaf.path ?? '').replace(/^\$\./, '')}`);
  });

  it('folds bookkeeping away, and --verbose shows it', () => {
    const rule = set.rules.find((r) => r.id === 'opcw-requires-cwc')!;
    expect(firstReading(rule)).toContain('1 test not shown: bookkeeping, or not evaluated');
    expect(firstReading(rule, true)).toMatch(/CWC: Signatory \(row \d+, line \d+:\d+\) — listed/);
  });

  it('keeps a guard that decides alone (a row naming no instrument)', () => {
    const rule = set.rules.find((r) => r.id === 'unknown-instrument')!;
    expect(firstReading(rule)).toMatch(/names no instrument of the catalogue/);
  });

  it('cites the catalogue facts used, with their sources', () => {
    const text = firstReading(set.rules.find((r) => r.id === 'party-before-own-entry-into-force')!);
    expect(text).toContain('Catalogue facts used:');
    expect(text).toContain('CWC in force: 1997-04-29 (source: CWC Art. XXI; OPCW)');
    expect(text).toContain('CWC in force lag: 30 days (source: CWC Art. XXI(2))');
  });
});

describe('adherence explain on the Kazakhstan text with CWC changed to Signatory', () => {
  const dir = scratch();
  const file = join(dir, 'kazakhstan.txt');
  const lines = seedText().split('\n');
  const cwcLine = lines.findIndex((l) => l.startsWith('Chemical Weapons Convention (CWC)'));
  const opcwLine = lines.findIndex((l) => l.includes('(OPCW)'));
  lines[cwcLine] = lines[cwcLine]!.replace('State Party', 'Signatory');
  writeFileSync(file, lines.join('\n'));

  it('names the CWC and OPCW rows with their statuses and lines, and the basis; no fact name', () => {
    const r = cli(['explain', file, '--rule', 'opcw-requires-cwc']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`OPCW: Member, footnote 2 \\(row \\d+, line ${opcwLine + 1}:\\d+\\) — counts as Member`));
    expect(r.stdout).toMatch(new RegExp(`CWC: Signatory \\(row \\d+, line ${cwcLine + 1}:\\d+\\) — not State Party`));
    expect(r.stdout).toContain('basis: CWC Art. VIII(2)');
    expect(r.stdout).not.toMatch(/\b(cwc|opcw)\.(bound|present|status)\b/);
  });

  it('keeps the fact names in --format json', () => {
    const r = cli(['explain', file, '--rule', 'opcw-requires-cwc', '-f', 'json']);
    const j = JSON.parse(r.stdout);
    expect(JSON.stringify(j.shown[0].tree)).toContain('"fact":"cwc.bound"');
    expect(j.shown[0].reading.tree.kind).toBe('all');
  });
});

describe('a rule in words, with no values (SARIF rule help)', () => {
  it('says every test of every rule without a fact name', () => {
    for (const rule of set.rules) {
      const text = ruleInWords(rule, catalog, book)
        .map((l) => l.text)
        .join('\n');
      for (const leaf of leaves(rule.conditions))
        expect(text, rule.id).not.toContain(`${leaf.fact}.${(leaf.path ?? '').replace(/^\$\./, '')}`);
    }
  });

  it('is the help of each rule in SARIF', () => {
    const r = cli(['check', 'profiles/kazakhstan.yaml', '-f', 'sarif', '--fail-on', 'never']);
    const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as { id: string; help: { text: string; markdown: string } }[];
    const opcw = rules.find((x) => x.id === 'opcw-requires-cwc')!;
    expect(opcw.help.markdown).toContain(
      '*Fires when all of these hold:*\n\n- OPCW — counts as Member\n- CWC — listed\n- CWC — not State Party',
    );
    expect(opcw.help.text).toContain('Fires when all of these hold:\n  - OPCW — counts as Member');
  });
});

describe('the depositary cross-check in words', () => {
  it("names the row and the record, not the profile's field names", () => {
    const draft = changedKazakhstan(scratch());
    const untc = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'untc');
    const r = cli(['review', draft, '--against', 'profiles/kazakhstan.yaml', '--reference', untc, '-f', 'json', '--fail-on', 'never']);
    const findings = JSON.parse(r.stdout).profiles[0].findings as {
      finding: { ruleId: string; evidence: object };
      reading: { tree: { subject: string; phrase: string } };
    }[];
    const joined = findings.find((f) => f.finding.ruleId === 'reference-mismatch' && 'cwc.joined' in f.finding.evidence)!;
    expect(joined.reading.tree.subject).toMatch(
      /^CWC: State Party \(signed 1993-01-14; ratification 2000-03-24\) \(row \d+, line \d+:\d+\)$/,
    );
    expect(joined.reading.tree.phrase).toBe('joined 2000-03-24 differs from record XXVI-3 consent 2000-03-23');
  });
});
