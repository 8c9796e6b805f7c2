// Broken rule sets, pointed at with --rules-dir: each is one line on stderr naming the rule file,
// line and column, exit 2, and no stack trace. The rule files are the bundled opcw-requires-cwc.yaml
// with one thing broken.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { run, folder, MINIMAL, STACK } from './harness.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import { loadText } from '../../src/load/index.js';
import { loadCatalog } from '../../src/catalog/index.js';

const RULE = readFileSync(join(root, 'rules/opcw-requires-cwc.yaml'), 'utf8');
const FILE = 'opcw-requires-cwc.yaml';
const KAZ = readFileSync(join(root, 'profiles/kazakhstan.yaml'), 'utf8');
/** The rule with one piece of text replaced (which must be there). */
const broken = (from: string, to: string) => {
  expect(RULE).toContain(from);
  return RULE.replace(from, to);
};
const LEAF = '- { fact: cwc, path: $.present, operator: equal, value: true }';
// `in` calls value.indexOf: a number (or null) from a fact only shows up when the rule runs.
const THROWS = '- { fact: cwc, path: $.present, operator: in, value: { fact: cwc, path: $.joinedYear } }';

const cases: { name: string; rules: Record<string, string>; stderr: string }[] = [
  {
    name: 'invalid YAML',
    rules: { [FILE]: broken('title: An OPCW', 'title: [An OPCW') },
    stderr: `rules/${FILE}:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  },
  {
    name: 'fails the rule schema',
    rules: { [FILE]: broken('severity: error', 'severity: fatal') },
    stderr: `rules/${FILE}:4:11: not a valid rule: \`/severity\` is "fatal"; expected one of "error", "warning", "info"`,
  },
  {
    name: 'unknown operator',
    rules: { [FILE]: broken(LEAF, LEAF.replace('equal', 'equals')) },
    stderr: `rules/${FILE}:20:47: unknown operator "equals" (did you mean equal?) (known: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, dateBefore, dateAfter, present, inList, notInList)`,
  },
  {
    name: 'unknown fact',
    rules: { [FILE]: broken(LEAF, LEAF.replace('fact: cwc', 'fact: cwx')) },
    stderr: `rules/${FILE}:20:15: unknown fact "cwx" (did you mean cwc?)`,
  },
  {
    name: 'two rules with one id',
    rules: { [FILE]: RULE, 'opcw-requires-cwc.yml': RULE },
    stderr: `rules/opcw-requires-cwc.yml:2:5: rule id "opcw-requires-cwc" is also used by rules/${FILE}:2:5`,
  },
  {
    name: 'a condition that throws at run time',
    rules: { [FILE]: broken(LEAF, THROWS) },
    stderr: `rules/${FILE}:20:7: rule "opcw-requires-cwc" failed at run time: "in" cannot compare true with null (Cannot read properties of null (reading 'indexOf')) (checking kaz.yaml)`,
  },
];

describe.concurrent('broken rule sets', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = folder({ 'kaz.yaml': KAZ, ...Object.fromEntries(Object.entries(c.rules).map(([n, t]) => [`rules/${n}`, t])) });
      const r = await run(['check', '--rules-dir', 'rules', 'kaz.yaml'], dir);
      expect(r.stdout).toBe('');
      // Messages may grow a hint; the place and the cause are what must not change.
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr).toMatch(new RegExp(`^adherence: ${c.stderr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(r.code).toBe(2);
    });
  }

  it('a rules folder that does not exist', async () => {
    const r = await run(['check', '--rules-dir', 'nowhere', 'kaz.yaml'], folder({ 'kaz.yaml': KAZ }));
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'adherence: nowhere: cannot read the rules folder (ENOENT)\n' });
  });

  it('--debug adds the stack trace, and only then', async () => {
    const dir = folder({ 'kaz.yaml': KAZ, [`rules/${FILE}`]: broken(LEAF, THROWS) });
    expect((await run(['check', '--rules-dir', 'rules', 'kaz.yaml'], dir)).stderr).not.toMatch(STACK);
    expect((await run(['check', '--debug', '--rules-dir', 'rules', 'kaz.yaml'], dir)).stderr).toMatch(STACK);
  });

  it('the throwing condition is named whichever evaluator runs it', async () => {
    const dir = folder({ [FILE]: broken(LEAF, THROWS) });
    const loaded = loadText(KAZ, 'kaz.yaml', loadCatalog());
    for (const evaluator of ['engine', 'compiled'] as const) {
      const set = loadRuleSet({ dir, evaluator });
      await expect(ruleRunner(set)(loaded.profile!, loaded, 'kaz.yaml')).rejects.toThrow(
        `${join(dir, FILE)}:20:7: rule "opcw-requires-cwc" failed at run time`,
      );
    }
  });

  it('a profile that is fine still passes the same rule unbroken', async () => {
    const r = await run(['check', '--rules-dir', 'rules', 'a.yaml'], folder({ 'a.yaml': MINIMAL, [`rules/${FILE}`]: RULE }));
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});
