import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadText } from '../../src/load/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';

const catalog = loadCatalog();
const check = async (text: string, file = 'broken.yaml') => (await checkLoaded(loadText(text, file, catalog), file)).findings;

const base = `profile: 1
state:
  name: Kazakhstan
  iso3: KAZ
entries:
  - instrument: cwc
    status: State Party
  - instrument: opcw
    status: Member
`;

describe('schema findings point at the node at fault', () => {
  it('accepts a well-formed profile', async () => {
    expect(await check(base)).toEqual([]);
  });

  it('a misspelt key: its line and column, and a suggestion', async () => {
    const f = await check(base.replace('    status: Member', '    stauts: Member'));
    const typo = f.find((x) => x.pointer === '/entries/1/stauts')!;
    expect(typo).toMatchObject({ ruleId: 'schema', severity: 'error', line: 9, column: 13 });
    expect(typo.message).toContain('did you mean `status`');
    const missing = f.find((x) => x.message.includes('lacks `status`'))!;
    expect(missing).toMatchObject({ pointer: '/entries/1', line: 8, column: 5 });
  });

  it('a number where a string belongs', async () => {
    const f = await check(base.replace('name: Kazakhstan', 'name: 42'));
    expect(f).toEqual([
      expect.objectContaining({ pointer: '/state/name', line: 3, column: 9, message: '`/state/name` must be a string, not a number' }),
    ]);
  });

  it('a malformed date, in JSON too', async () => {
    const json = JSON.stringify(
      {
        profile: 1,
        state: { name: 'Kazakhstan' },
        entries: [{ instrument: 'iaea-additional-protocol', status: 'In force', inForce: '2007-5-9' }],
      },
      null,
      2,
    );
    const f = await check(json, 'broken.json');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ pointer: '/entries/0/inForce', line: 10, column: 18 });
    expect(f[0]!.message).toMatch(/"2007-5-9".*ISO date/);
  });

  it('a bad code and a bad as-of date', async () => {
    const f = await check(base.replace('iso3: KAZ', 'iso3: kz').replace('entries:', 'asOf: 2010-13-01\nentries:'));
    expect(f.map((x) => [x.pointer, x.line, x.column])).toEqual([
      ['/state/iso3', 4, 9],
      ['/asOf', 5, 7],
    ]);
  });

  it('an unreadable document is a parse finding with its position, not a crash', async () => {
    const f = await check(base.replace('    status: Member', '    status: [Member'));
    expect(f).toHaveLength(1);
    // The parser notices the unclosed list where the input ends.
    expect(f[0]).toMatchObject({
      ruleId: 'parse',
      severity: 'error',
      line: 10,
      column: 1,
      message: expect.stringContaining('end with a ]'),
    });
  });

  it('duplicate keys are a parse finding', async () => {
    const f = await check(base + 'state: {name: X}\n');
    expect(f[0]).toMatchObject({ ruleId: 'parse', line: 10, column: 1, message: expect.stringContaining('unique') });
  });
});
