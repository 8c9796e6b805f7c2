// The check functions rules name under `checks:`: each on its own, the rule schema against their
// metadata, the loader's checks of a call, and a function that cannot run as the rule's error.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_FUNCTIONS, checkSchema, runChecks, CheckFunctionError } from '../../src/engine/checks.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { buildFacts, type DocumentFacts } from '../../src/facts/index.js';
import { loadRuleSet, RuleSetError, ruleRuns, compiledEvaluator, engineEvaluator, type Rule } from '../../src/engine/index.js';
import { readRuleFile } from '../../src/engine/load.js';
import { RuleRunError } from '../../src/engine/failure.js';
import { root } from '../helpers.js';

const catalog = loadCatalog();

/** A document with only the lists a test gives (the base facts of a bare profile). */
function doc(lists: Partial<Omit<DocumentFacts, 'base'>>): DocumentFacts {
  const bare = buildFacts({ profile: 1, state: { name: 'Kazakhstan', iso3: 'KAZ' }, entries: [] }, catalog);
  return { ...bare, ...lists };
}

const run = (name: string, d: DocumentFacts, scope: Parameters<typeof runChecks>[2], params: Record<string, unknown>) =>
  CHECK_FUNCTIONS[name]!.run(d, scope, params);

describe('duplicates', () => {
  const notes = [
    { marker: 1, normalizedText: 'a' },
    { marker: 2, normalizedText: 'b' },
    { marker: 3, normalizedText: 'a' },
    { marker: 4, normalizedText: 'a' },
    { marker: 5, normalizedText: null },
    { marker: 6, normalizedText: null },
  ];
  it('gives each repeat the first item with its value, and null to the first and to null values', () => {
    const d = doc({ footnote: notes as never });
    expect(run('duplicates', d, 'footnote', { by: 'normalizedText', returns: 'marker' })).toEqual([null, null, 1, 1, null, null]);
  });
  it('compares only the items `only` keeps', () => {
    const rows = [
      { id: 'x', known: false, pointer: '/entries/0' },
      { id: 'x', known: true, pointer: '/entries/1' },
      { id: 'x', known: true, pointer: '/entries/2' },
    ];
    const d = doc({ entry: rows as never });
    expect(run('duplicates', d, 'entry', { by: 'id', only: 'known', returns: 'pointer' })).toEqual([null, null, '/entries/1']);
  });
  it('fails on a field the items do not have, rather than calling every item a repeat of the first', () => {
    const d = doc({ footnote: notes as never });
    expect(() => run('duplicates', d, 'footnote', { by: 'txt', returns: 'marker' })).toThrow(CheckFunctionError);
  });
});

describe('among', () => {
  it('looks an item field up in every item of a kind and in a fact list', () => {
    const d = doc({
      footnote: [{ marker: 1 }, { marker: 2 }, { marker: 3 }] as never,
      note: [{ marker: 2 }] as never,
    });
    (d.base.profile as { headingMarkers: number[] }).headingMarkers = [1];
    expect(run('among', d, 'footnote', { value: 'marker', in: ['note.marker', 'profile.headingMarkers'] })).toEqual([true, true, false]);
    expect(run('among', d, 'footnote', { value: 'marker', in: ['note.marker'] })).toEqual([false, true, false]);
  });
  it('fails on a source that is no fact', () => {
    const d = doc({ footnote: [{ marker: 1 }] as never });
    expect(() => run('among', d, 'footnote', { value: 'marker', in: ['nothing.marker'] })).toThrow(/"nothing" is not a fact/);
  });
});

describe('mentions', () => {
  it('finds any of the words in the text, case aside; no words, no mention', () => {
    const d = doc({ entry: [{ notesText: 'Reports of the Soviet Union' }, { notesText: 'nothing' }, { notesText: '' }] as never });
    (d.base.state as { predecessorNames: string[] }).predecessorNames = ['USSR', 'soviet union'];
    expect(run('mentions', d, 'entry', { text: 'notesText', words: 'state.predecessorNames' })).toEqual([true, false, false]);
    (d.base.state as { predecessorNames: string[] }).predecessorNames = [];
    expect(run('mentions', d, 'entry', { text: 'notesText', words: 'state.predecessorNames' })).toEqual([false, false, false]);
  });
});

describe('some', () => {
  const zoneParty = { in: 'instruments', where: { isZone: true, bound: true } };
  it('is whether any instrument matches every field, once for the profile and once per item', () => {
    const p = (rows: { instrument: string; status: string }[]) =>
      buildFacts({ profile: 1, state: { name: 'Kazakhstan', iso3: 'KAZ' }, entries: rows }, catalog);
    expect(run('some', p([{ instrument: 'canwfz', status: 'State Party' }]), 'profile', zoneParty)).toEqual([true]);
    expect(run('some', p([{ instrument: 'canwfz', status: 'Signatory' }]), 'profile', zoneParty)).toEqual([false]);
    const two = p([
      { instrument: 'cwc', status: 'State Party' },
      { instrument: 'canwfz', status: 'State Party' },
    ]);
    expect(run('some', two, 'entry', zoneParty)).toEqual([true, true]);
    expect(run('some', two, 'entry', { in: 'entry', where: { id: 'cwc', bound: false } })).toEqual([false, false]);
  });
});

describe('runChecks', () => {
  it('gives each run of a rule its results by name', () => {
    const d = doc({
      footnote: [
        { marker: 1, normalizedText: 'a' },
        { marker: 2, normalizedText: 'a' },
      ] as never,
      note: [],
    });
    const checks = {
      duplicateOf: { function: 'duplicates', by: 'normalizedText', returns: 'marker' },
      referenced: { function: 'among', value: 'marker', in: ['note.marker'] },
    };
    expect(runChecks(checks, d, 'footnote')).toEqual([
      { duplicateOf: null, referenced: false },
      { duplicateOf: 1, referenced: false },
    ]);
  });
});

describe('the rule schema', () => {
  it('allows exactly the functions and parameters their metadata declares', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas/rule.schema.json'), 'utf8')) as { $defs: Record<string, unknown> };
    expect(schema.$defs.check).toEqual(checkSchema());
  });
  it('documents every function: a description, each parameter, and an example call the schema accepts', () => {
    for (const [name, fn] of Object.entries(CHECK_FUNCTIONS)) {
      expect(fn.description.length, name).toBeGreaterThan(20);
      for (const [p, spec] of Object.entries(fn.params)) expect(spec.description, `${name}.${p}`).toBeTruthy();
      const call = Object.values(fn.example)[0] as { function: string };
      expect(call.function, name).toBe(name);
    }
  });
});

describe('a rule file that names check functions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adh-checks-'));
  const rule = (checks: string, condition = '{ fact: check, path: $.duplicateOf, operator: present, value: true }') =>
    [
      'id: my-rule',
      'title: t',
      'severity: info',
      'category: editorial',
      'basis: b',
      'description: d',
      'scope: footnote',
      'message: "Footnote {footnote.marker} repeats {check.duplicateOf}"',
      'checks:',
      `  ${checks}`,
      'conditions:',
      '  all:',
      `    - ${condition}`,
      'examples:',
      '  valid: [{ name: v }]',
      '  invalid: [{ name: i, findings: [{ pointer: /footnotes/1 }] }]',
      '',
    ].join('\n');
  const load = (text: string): Rule => {
    const file = join(dir, 'my-rule.yaml');
    writeFileSync(file, text);
    return readRuleFile(file, catalog);
  };
  const loadError = (text: string): string => {
    try {
      load(text);
    } catch (err) {
      expect(err).toBeInstanceOf(RuleSetError);
      return (err as Error).message;
    }
    throw new Error('the rule loaded');
  };

  it('loads a well-formed call', () => {
    expect(load(rule('duplicateOf: { function: duplicates, by: normalizedText, returns: marker }')).checks).toEqual({
      duplicateOf: { function: 'duplicates', by: 'normalizedText', returns: 'marker' },
    });
  });
  it('refuses an unknown function, a missing or unknown parameter, with file:line:column', () => {
    expect(loadError(rule('duplicateOf: { function: duplicate, by: normalizedText, returns: marker }'))).toMatch(
      /my-rule\.yaml:10:\d+: not a valid rule: .*duplicates/,
    );
    expect(loadError(rule('duplicateOf: { function: duplicates, by: normalizedText }'))).toMatch(/my-rule\.yaml:10:\d+: .*returns/);
    expect(loadError(rule('duplicateOf: { function: duplicates, by: normalizedText, returns: marker, bye: x }'))).toMatch(
      /my-rule\.yaml:10:\d+: .*bye/,
    );
  });
  it('refuses a condition or message that reads a result the rule does not compute', () => {
    expect(
      loadError(
        rule(
          'duplicateOf: { function: duplicates, by: normalizedText, returns: marker }',
          '{ fact: check, path: $.duplicatOf, operator: present, value: true }',
        ),
      ),
    ).toMatch(/my-rule\.yaml:13:\d+: "check" has no result "duplicatOf" \(did you mean duplicateOf\?\)/);
  });
  it('refuses a function that reads an item in a profile-scope rule', () => {
    const text = rule('duplicateOf: { function: duplicates, by: normalizedText, returns: marker }')
      .replace('scope: footnote', 'scope: profile')
      .replace('{footnote.marker} ', '');
    expect(loadError(text)).toMatch(/"duplicates" reads a entry, report, footnote, note, date item, not the profile scope/);
  });
  it('a field that does not exist fails the run as the rule’s error, at its checks: entry', async () => {
    const r = load(rule('duplicateOf: { function: duplicates, by: normalisedText, returns: marker }'));
    const d = doc({ footnote: [{ marker: 1, normalizedText: 'a' }] as never });
    expect(() => compiledEvaluator([r]).runSync(d)).toThrow(RuleRunError);
    expect(() => ruleRuns(d, r)).toThrow(/my-rule\.yaml:10:\d+: rule "my-rule" failed at run time: the normalisedText field/);
    await expect(engineEvaluator([r]).run(d)).rejects.toThrow(RuleRunError);
  });
});

describe('the bundled rules', () => {
  it('name check functions where a condition over one row cannot say it', () => {
    const named = loadRuleSet({}, catalog)
      .rules.filter((r) => r.checks)
      .map((r) => r.id);
    expect(named).toEqual([
      'cbm-requires-btwc',
      'date-needed',
      'duplicate-instrument',
      'footnote-duplicate',
      'footnote-undefined',
      'footnote-unused',
      'nsg-requires-commitment',
    ]);
  });
});
