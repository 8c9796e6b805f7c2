// Real data nobody here wrote: the UN Treaty Collection participant tables (March 2015) for the CWC,
// the CTBT and five terrorism conventions, turned into one profile per state and run through the whole
// pipeline. Consistent real data must draw no parse or schema finding and no error from any rule.
// The tables are read from the shared data folder beside the repository, never copied into it.
import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadText } from '../../src/load/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import type { Finding } from '../../src/model/finding.js';
import { JOINED_BY, TABLES, readTables, type Row } from './untc-data.js';

const AS_OF = '2015-03-14';
const catalog = loadCatalog();

function entryOf(row: Row): Record<string, unknown> {
  const inForce = TABLES.find((t) => t.instrument === row.instrument)!.inForce;
  const e: Record<string, unknown> = { instrument: row.instrument };
  if (row.consent) e.status = inForce ? 'State Party' : 'Ratified';
  else if (row.signed) e.status = 'Signatory';
  else throw new Error(`${row.file}:${row.line} (${row.participant}): neither signature nor consent`);
  if (row.signed) e.signed = row.signed.date;
  if (row.consent) {
    e.joined = row.consent.date;
    e.joinedBy = JOINED_BY[row.consent.suffix];
  }
  // A signature by succession (Montenegro for the CTBT and ICSANT) is still a signature; say so.
  if (row.signed?.suffix === 'd') e.remark = 'succession to signature';
  return e;
}

describe('UN Treaty Collection tables (real data)', () => {
  const { rows, unmapped } = readTables();
  const byState = new Map<string, Row[]>();
  for (const r of rows) byState.set(r.state, [...(byState.get(r.state) ?? []), r]);

  it('maps the participants onto the states catalogue', () => {
    console.log(
      `UNTC: ${rows.length} rows mapped onto ${byState.size} states; unmapped participants: ${unmapped.length ? unmapped.join('; ') : 'none'}`,
    );
    expect(byState.size).toBeGreaterThan(180);
    expect(rows.length).toBeGreaterThan(1000);
  });

  it('reports where consent precedes signature (possible only for succession)', () => {
    const early = rows.filter((r) => r.signed && r.consent && r.consent.date < r.signed.date);
    if (early.length)
      console.log(
        `UNTC: consent before signature:\n${early.map((r) => `  ${r.file}:${r.line} ${r.participant}: signed ${r.signed!.date}, joined ${r.consent!.date} (${JOINED_BY[r.consent!.suffix]})`).join('\n')}`,
      );
    // Outside succession, consent never precedes signature in a treaty table.
    expect(early.filter((r) => r.consent!.suffix !== 'd' && r.signed!.suffix !== 'd')).toEqual([]);
  });

  it('every state profile built from the tables draws no parse, schema or error finding', async () => {
    const run = ruleRunner(loadRuleSet({}, catalog));
    const problems: string[] = [];
    const seen = new Map<string, number>();
    let entries = 0;
    for (const [name, stateRows] of byState) {
      const profile = {
        profile: 1,
        state: { name, iso3: stateRows[0]!.iso3 },
        asOf: AS_OF,
        sources: [
          { title: 'UN Treaty Collection participant tables, March 2015', note: stateRows.map((r) => `${r.file}:${r.line}`).join(', ') },
        ],
        entries: stateRows.map(entryOf),
      };
      entries += profile.entries.length;
      const file = `${name}.json`;
      const report = await checkLoaded(loadText(JSON.stringify(profile), file, catalog), file, { rules: run });
      for (const f of report.findings) {
        const key = `${f.ruleId} (${f.severity})`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (f.ruleId === 'parse' || f.ruleId === 'schema' || f.severity === 'error')
          problems.push(describeFinding(name, f, profile.entries, stateRows));
      }
    }
    console.log(
      `UNTC: ${byState.size} state profiles, ${entries} entries checked; findings by rule: ${seen.size ? [...seen].map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`,
    );
    if (problems.length) console.log(`UNTC: findings that must not occur on real data:\n${problems.join('\n')}`);
    expect(problems).toEqual([]);
    expect(entries).toBeGreaterThan(1000);
  });
});

/** "State: rule (severity) at /entries/3 [cwc, 26-3.csv:12]: message". */
function describeFinding(state: string, f: Finding, entries: Record<string, unknown>[], stateRows: Row[]): string {
  const m = /^\/entries\/(\d+)/.exec(f.pointer);
  const row = m ? stateRows[Number(m[1])] : undefined;
  const at = row ? ` [${entries[Number(m![1])]!.instrument}, ${row.file}:${row.line}]` : '';
  return `  ${state}: ${f.ruleId} (${f.severity}) at ${f.pointer || '/'}${at}: ${f.message}`;
}
