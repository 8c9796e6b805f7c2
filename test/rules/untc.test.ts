// Real data nobody here wrote: the UN Treaty Collection participant tables (March 2015) for the CWC,
// the CTBT and five terrorism conventions, turned into one profile per state and run through the whole
// pipeline. Consistent real data must draw no parse or schema finding and no error from any rule.
// The tables are read from the shared data folder beside the repository, never copied into it.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadText } from '../../src/load/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import type { Finding } from '../../src/model/finding.js';
import { root } from '../helpers.js';

const dataDir = join(root, '..', 'shared', 'data', 'untc');
const AS_OF = '2015-03-14';

/** Table file → instrument id, and whether the instrument is in force (CTBT is not). */
const TABLES: { file: string; instrument: string; inForce: boolean }[] = [
  { file: '26-3.csv', instrument: 'cwc', inForce: true },
  { file: '26-4.csv', instrument: 'ctbt', inForce: false },
  { file: '18-5.csv', instrument: 'hostages', inForce: true },
  { file: '18-7.csv', instrument: 'protected-persons', inForce: true },
  { file: '18-9.csv', instrument: 'bombings', inForce: true },
  { file: '18-11.csv', instrument: 'financing', inForce: true },
  { file: '18-15.csv', instrument: 'icsant', inForce: true },
];

const JOINED_BY: Record<string, string> = { '': 'ratification', a: 'accession', A: 'acceptance', AA: 'approval', d: 'succession' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** "24 Sep 2003 a" → { date: 2003-09-24, suffix: a }; empty cell → undefined. */
function parseCell(cell: string, where: string): { date: string; suffix: string } | undefined {
  const s = cell.trim();
  if (!s) return undefined;
  const m = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: (a|A|AA|d))?$/.exec(s);
  if (!m) throw new Error(`${where}: cannot read the date "${s}"`);
  const month = MONTHS.indexOf(m[2]!) + 1;
  if (month === 0) throw new Error(`${where}: unknown month in "${s}"`);
  return { date: `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`, suffix: m[4] ?? '' };
}

interface Row { state: string; iso3: string; instrument: string; participant: string; file: string; line: number; signed?: { date: string; suffix: string }; consent?: { date: string; suffix: string } }

const catalog = loadCatalog();

function readTables(): { rows: Row[]; unmapped: string[] } {
  const rows: Row[] = [];
  const unmapped = new Set<string>();
  for (const t of TABLES) {
    const table = parseCsv(readFileSync(join(dataDir, t.file), 'utf8'));
    table.slice(1).forEach((r, i) => {
      const [participant = '', signature = '', consent = ''] = r;
      const where = `${t.file}:${i + 2} (${participant})`;
      const state = catalog.state(participant.trim());
      if (!state) {
        unmapped.add(participant.trim());
        return;
      }
      rows.push({ state: state.name, iso3: state.iso3, instrument: t.instrument, participant, file: t.file, line: i + 2, signed: parseCell(signature, where), consent: parseCell(consent, where) });
    });
  }
  return { rows, unmapped: [...unmapped].sort() };
}

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
    console.log(`UNTC: ${rows.length} rows mapped onto ${byState.size} states; unmapped participants: ${unmapped.length ? unmapped.join('; ') : 'none'}`);
    expect(byState.size).toBeGreaterThan(180);
    expect(rows.length).toBeGreaterThan(1000);
  });

  it('reports where consent precedes signature (possible only for succession)', () => {
    const early = rows.filter((r) => r.signed && r.consent && r.consent.date < r.signed.date);
    if (early.length) console.log(`UNTC: consent before signature:\n${early.map((r) => `  ${r.file}:${r.line} ${r.participant}: signed ${r.signed!.date}, joined ${r.consent!.date} (${JOINED_BY[r.consent!.suffix]})`).join('\n')}`);
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
        sources: [{ title: 'UN Treaty Collection participant tables, March 2015', note: stateRows.map((r) => `${r.file}:${r.line}`).join(', ') }],
        entries: stateRows.map(entryOf),
      };
      entries += profile.entries.length;
      const file = `${name}.json`;
      const report = await checkLoaded(loadText(JSON.stringify(profile), file, catalog), file, { rules: run });
      for (const f of report.findings) {
        const key = `${f.ruleId} (${f.severity})`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (f.ruleId === 'parse' || f.ruleId === 'schema' || f.severity === 'error') problems.push(describeFinding(name, f, profile.entries, stateRows));
      }
    }
    console.log(`UNTC: ${byState.size} state profiles, ${entries} entries checked; findings by rule: ${seen.size ? [...seen].map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`);
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
