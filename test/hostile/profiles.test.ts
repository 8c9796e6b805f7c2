// The hostile-profile corpus: each case is a file (or files) built in a temp folder, checked by the
// built CLI, with its exact outcome: the findings (rule id, line, column, message) and the exit code.
// A bad profile is a finding of that file, exit 1; only the invocation itself (a path that does not
// exist, a bad option) is exit 2. Never a stack trace.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { seedPath } from '../helpers.js';
import { run, folder, findings, MINIMAL, ONE_RULE, type Brief } from './harness.js';

const seed = readFileSync(seedPath, 'utf8');
const utf16 = (s: string, be: boolean) => {
  const b = Buffer.from(s, 'utf16le');
  if (be) b.swap16();
  return Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), b]);
};
const parse = (line: number, column: number, message: string): Brief => ({ ruleId: 'parse', line, column, message });
const schema = (line: number, column: number, message: string): Brief => ({ ruleId: 'schema', line, column, message });
const ALLOWED = '(allowed: $schema, profile, state, asOf, dateOrder, sources, entries, footnotes, layout)';
const BOMB =
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' +
  'bcdefghi'
    .split('')
    .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]\n`)
    .join('');
const rowsYaml = (n: number) =>
  'profile: 1\nstate: {name: Kazakhstan}\nentries:\n' + '  - {instrument: cwc, status: State Party}\n'.repeat(n);

interface Case {
  name: string;
  files: Record<string, string | Uint8Array>;
  args?: string[];
  code: number;
  /** Findings of the one file `a.*` (or of each file named). */
  expect: Brief[] | Record<string, Brief[]>;
}

const cases: Case[] = [
  { name: 'empty file', files: { 'a.yaml': '' }, code: 1, expect: [parse(1, 1, 'the file is empty: expected a profile document')] },
  {
    name: 'whitespace only',
    files: { 'a.yaml': '  \n\t\n\r\n' },
    code: 1,
    expect: [parse(1, 1, 'the file is empty: expected a profile document')],
  },
  {
    name: 'binary bytes',
    files: { 'a.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff]) },
    code: 1,
    expect: [parse(1, 1, 'the file is binary (it holds NUL bytes), not a profile')],
  },
  {
    name: 'invalid UTF-8',
    files: { 'a.yaml': Buffer.concat([Buffer.from('profile: 1\nstate: {name: "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]) },
    code: 1,
    expect: [parse(2, 16, 'the file is not valid UTF-8 (byte 0xC3 at offset 26)')],
  },
  { name: 'UTF-16 LE with BOM reads as text', files: { 'a.yaml': utf16(MINIMAL, false) }, code: 0, expect: [] },
  { name: 'UTF-16 BE with BOM reads as text', files: { 'a.yaml': utf16(MINIMAL, true) }, code: 0, expect: [] },
  {
    name: 'UTF-16 LE with BOM, positions still right',
    files: { 'a.yaml': utf16('profile: 1\nstate:\n  name: 42\nentries: []\n', false) },
    code: 1,
    expect: [schema(3, 9, '`/state/name` must be a string, not a number')],
  },
  { name: 'UTF-8 BOM', files: { 'a.yaml': '\uFEFF' + MINIMAL }, code: 0, expect: [] },
  {
    name: 'CRLF line endings',
    files: { 'a.yaml': 'profile: 1\r\nstate:\r\n  name: 42\r\nentries: []\r\n' },
    code: 1,
    expect: [schema(3, 9, '`/state/name` must be a string, not a number')],
  },
  {
    name: 'lone CR line endings (lines still counted)',
    files: { 'a.yaml': 'profile: 1\rstate:\r  name: 42\rentries: []\r' },
    code: 1,
    expect: [schema(3, 9, '`/state/name` must be a string, not a number')],
  },
  {
    name: 'published text with CRLF',
    files: { 'a.txt': seed.replace(/\n/g, '\r\n').replace('United Nations (UN)\tMember', 'United Nations (UN) Member') },
    code: 1,
    expect: { 'a.txt': [parse(6, 27, 'this row has no status: expected a tab between the name and its status')] },
  },
  {
    name: 'YAML alias bomb (billion laughs)',
    files: { 'a.yaml': BOMB },
    code: 1,
    expect: [parse(1, 1, 'the document resolves more than 100 aliases (set --max-aliases to read it)')],
  },
  {
    name: 'nesting just over the depth limit',
    files: { 'a.yaml': `profile: 1\nx: ${'['.repeat(70)}${']'.repeat(70)}\n` },
    code: 1,
    expect: [parse(2, 67, 'the document nests deeper than 64 levels (set --max-depth to read it)')],
  },
  {
    name: 'duplicate keys',
    files: { 'a.yaml': 'profile: 1\nstate: {name: Kazakhstan}\nentries: []\nstate: {name: Peru}\n' },
    code: 1,
    expect: [parse(4, 1, 'the key `state` appears twice in one mapping (keys must be unique)')],
  },
  {
    name: '__proto__, constructor and prototype keys are unknown keys',
    files: { 'a.yaml': `${MINIMAL}__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nprototype: 1\n` },
    code: 1,
    expect: [
      schema(5, 12, `the document has an unknown key \`__proto__\` ${ALLOWED}`),
      schema(6, 14, `the document has an unknown key \`constructor\` ${ALLOWED}`),
      schema(7, 12, `the document has an unknown key \`prototype\` ${ALLOWED}`),
    ],
  },
  {
    name: 'numbers where strings belong',
    files: { 'a.yaml': 'profile: 1\nstate: {name: 42}\nentries:\n  - {instrument: cwc, status: 7}\n' },
    code: 1,
    expect: [
      schema(2, 15, '`/state/name` must be a string, not a number'),
      schema(4, 31, '`/entries/0/status` must be a string, not a number'),
    ],
  },
  {
    name: 'unknown top-level key',
    files: { 'a.yaml': `${MINIMAL}reviewer: 42\n` },
    code: 1,
    expect: [schema(5, 11, `the document has an unknown key \`reviewer\` ${ALLOWED}`)],
  },
  {
    name: 'a row with no tab',
    files: { 'a.txt': seed.replace('United Nations (UN)\tMember', 'United Nations (UN) Member') },
    code: 1,
    expect: { 'a.txt': [parse(6, 27, 'this row has no status: expected a tab between the name and its status')] },
  },
  {
    name: 'a footnote marker that is not a digit',
    files: { 'a.txt': seed.replace('⁷ Resolution', '* Resolution') },
    code: 1,
    expect: {
      'a.txt': [
        parse(67, 1, '"*" is not a footnote marker (markers are superscript digits: ¹ ² ³ …); the line is read as more of footnote 6'),
      ],
    },
  },
  {
    name: 'dates 31/31/99 and 00/00/00',
    files: {
      'a.yaml':
        'profile: 1\nstate: {name: Kazakhstan}\ndateOrder: month-first\nentries:\n  - {instrument: cwc, status: State Party, signed: 31/31/99}\n  - {instrument: ctbt, status: Signatory, signed: 00/00/00}\n',
    },
    args: ['--rule', 'invalid-date'],
    code: 1,
    expect: [
      {
        ruleId: 'invalid-date',
        line: 5,
        column: 52,
        message: '"31/31/99" is no calendar date under the document\'s day/month order (month-first).',
      },
      {
        ruleId: 'invalid-date',
        line: 6,
        column: 51,
        message: '"00/00/00" is no calendar date under the document\'s day/month order (month-first).',
      },
    ],
  },
  {
    name: 'multi-document YAML',
    files: { 'a.yaml': `${MINIMAL}---\n${MINIMAL}` },
    code: 1,
    expect: [parse(5, 1, 'the file holds 2 YAML documents; a profile file holds one')],
  },
  {
    name: 'JSON with // comments',
    files: { 'a.json': '{\n  "profile": 1, // the format\n  "state": {"name": "Kazakhstan"}, "entries": []\n}\n' },
    code: 1,
    expect: { 'a.json': [parse(2, 17, 'JSON does not allow comments: remove it, or write the profile as YAML')] },
  },
  {
    name: 'JSON with /* */ comments',
    files: { 'a.json': '{ /* draft */ "profile": 1, "state": {"name": "Kazakhstan"}, "entries": [] }' },
    code: 1,
    expect: { 'a.json': [parse(1, 3, 'JSON does not allow comments: remove it, or write the profile as YAML')] },
  },
  {
    name: 'JSON with a trailing comma',
    files: { 'a.json': '{\n  "profile": 1,\n  "state": {"name": "Kazakhstan"},\n  "entries": [],\n}\n' },
    code: 1,
    expect: { 'a.json': [parse(4, 16, 'JSON does not allow a comma before `}`: remove it, or write the profile as YAML')] },
  },
  {
    name: 'JSON with a bare key (YAML would take it)',
    files: { 'a.json': '{\n  profile: 1\n}\n' },
    code: 1,
    expect: { 'a.json': [parse(2, 3, "not valid JSON: Expected property name or '}'")] },
  },
  {
    name: 'JSON: a comma before a bracket inside a string is fine',
    files: { 'a.json': '{"profile": 1, "state": {"name": "Kazakhstan ,]"}, "entries": []}' },
    code: 0,
    expect: { 'a.json': [] },
  },
  {
    name: 'JSON: a "#" or "//" inside a string is no comment',
    files: { 'a.json': '{"profile": 1, "state": {"name": "Kazakhstan #1 // x"}, "entries": []}' },
    code: 0,
    expect: { 'a.json': [] },
  },
  {
    name: 'more rows than --max-rows (YAML)',
    files: { 'a.yaml': rowsYaml(1001) },
    code: 1,
    expect: [parse(1004, 5, 'the profile has 1001 rows, over the limit of 1000 (set --max-rows to read it)')],
  },
  { name: '--max-rows raised reads them', files: { 'a.yaml': rowsYaml(1001) }, args: ['--max-rows', '2000'], code: 0, expect: [] },
];

describe.concurrent('hostile profiles', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = folder(c.files);
      const names = Object.keys(c.files);
      const r = await run(['check', '--format', 'json', ...ONE_RULE, ...(c.args ?? []), ...names], dir);
      expect(r.stderr).toBe('');
      const got = findings(r);
      const want = Array.isArray(c.expect) ? { [names[0]!]: c.expect } : c.expect;
      expect(got).toEqual(want);
      expect(r.code).toBe(c.code);
    });
  }
});
