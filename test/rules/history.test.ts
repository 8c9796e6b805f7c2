// History: the UN Treaty Collection tables (CWC, CTBT, five terrorism conventions) replayed every two
// years from 1970 to 2014. For each state and date, a profile lists the instruments whose records exist
// by then, with the status they had then (Signatory; Ratified before the treaty was in force for the
// state; State Party after). Correct profiles of the past: no rule may raise an error or a warning.
import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadText } from '../../src/load/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import { addPeriod } from '../../src/facts/time.js';
import { JOINED_BY, readTables, type Row } from './untc-data.js';

const catalog = loadCatalog();

/** Days from a state's deposit to the convention's entry into force for it (each convention's own article). */
const LAG_DAYS: Record<string, number | null> = {
  cwc: 30, // CWC Art. XXI(2)
  ctbt: null, // not in force
  hostages: 30, // Art. 18(2)
  'protected-persons': 30, // Art. 17(2)
  bombings: 30, // Art. 22(2)
  financing: 30, // Art. 26(2)
  icsant: 30, // Art. 25(2)
};

const YEARS = Array.from({ length: 23 }, (_, k) => 1970 + 2 * k); // 1970, 1972, … 2014

/** The row as it stood on `asOf`, or nothing when neither signature nor consent had happened yet. */
function entryAt(row: Row, asOf: string): Record<string, unknown> | undefined {
  const signed = row.signed && row.signed.date <= asOf ? row.signed : undefined;
  const consent = row.consent && row.consent.date <= asOf ? row.consent : undefined;
  if (!signed && !consent) return undefined;
  const e: Record<string, unknown> = { instrument: row.instrument };
  if (signed) e.signed = signed.date;
  if (signed?.suffix === 'd') e.remark = 'succession to signature';
  if (!consent) return { ...e, status: 'Signatory' };
  const lag = LAG_DAYS[row.instrument];
  const treatyInForce = catalog.instrument(row.instrument)!.inForce?.date;
  const ownInForce =
    lag === null || lag === undefined || !treatyInForce ? null : [addPeriod(consent.date, { days: lag }), treatyInForce].sort()[1]!;
  return {
    ...e,
    status: ownInForce && ownInForce <= asOf ? 'State Party' : 'Ratified',
    joined: consent.date,
    joinedBy: JOINED_BY[consent.suffix],
  };
}

describe('history: UNTC records replayed every two years, 1970–2014', () => {
  it('no correct profile of the past draws an error or a warning', async () => {
    const { rows } = readTables();
    const byState = new Map<string, Row[]>();
    for (const r of rows) byState.set(r.state, [...(byState.get(r.state) ?? []), r]);
    const run = ruleRunner(loadRuleSet({}, catalog));
    const seen = new Map<string, number>();
    const problems: string[] = [];
    let profiles = 0;
    let entries = 0;
    for (const [name, stateRows] of byState) {
      for (const year of YEARS) {
        const asOf = `${year}-06-30`;
        const list = stateRows.map((r) => entryAt(r, asOf)).filter((e): e is Record<string, unknown> => !!e);
        if (!list.length) continue;
        const profile = {
          profile: 1,
          state: { name, iso3: stateRows[0]!.iso3 },
          asOf,
          sources: [{ title: 'UN Treaty Collection participant tables, March 2015' }],
          entries: list,
        };
        const file = `${name}-${year}.json`;
        const report = await checkLoaded(loadText(JSON.stringify(profile), file, catalog), file, { rules: run });
        profiles++;
        entries += list.length;
        for (const f of report.findings) {
          const key = `${f.ruleId} (${f.severity})`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          if (f.severity !== 'info') {
            const m = /^\/entries\/(\d+)/.exec(f.pointer);
            problems.push(
              `  ${name} ${asOf}: ${f.ruleId} (${f.severity}) at ${f.pointer}${m ? ` [${list[Number(m[1])]!.instrument}]` : ''}: ${f.message}`,
            );
          }
        }
      }
    }
    console.log(
      `history: ${profiles} profiles (${byState.size} states × ${YEARS.length} dates, where records exist), ${entries} entries; findings by rule: ${seen.size ? [...seen].map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`,
    );
    if (problems.length)
      console.log(`history: findings that must not occur on correct profiles (${problems.length}):\n${problems.slice(0, 40).join('\n')}`);
    expect(problems).toEqual([]);
    expect(profiles).toBeGreaterThan(2000);
  });
});
