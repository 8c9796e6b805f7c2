// The UN Treaty Collection participant tables (March 2015), read from the shared data folder beside
// the repository (never copied into it): one row per state and treaty, mapped onto the states catalogue.
// Used by the real-data tests (untc.test.ts: the tables as of 2015; history.test.ts: every two years).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/index.js';
import { root } from '../helpers.js';

export const dataDir = join(root, '..', 'shared', 'data', 'untc');

/** Table file → instrument id, and whether the instrument is in force (CTBT is not). */
export const TABLES: { file: string; instrument: string; inForce: boolean }[] = [
  { file: '26-3.csv', instrument: 'cwc', inForce: true },
  { file: '26-4.csv', instrument: 'ctbt', inForce: false },
  { file: '18-5.csv', instrument: 'hostages', inForce: true },
  { file: '18-7.csv', instrument: 'protected-persons', inForce: true },
  { file: '18-9.csv', instrument: 'bombings', inForce: true },
  { file: '18-11.csv', instrument: 'financing', inForce: true },
  { file: '18-15.csv', instrument: 'icsant', inForce: true },
];

export const JOINED_BY: Record<string, string> = { '': 'ratification', a: 'accession', A: 'acceptance', AA: 'approval', d: 'succession' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes). */
export function parseCsv(text: string): string[][] {
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
export function parseCell(cell: string, where: string): { date: string; suffix: string } | undefined {
  const s = cell.trim();
  if (!s) return undefined;
  const m = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: (a|A|AA|d))?$/.exec(s);
  if (!m) throw new Error(`${where}: cannot read the date "${s}"`);
  const month = MONTHS.indexOf(m[2]!) + 1;
  if (month === 0) throw new Error(`${where}: unknown month in "${s}"`);
  return { date: `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`, suffix: m[4] ?? '' };
}

export interface Row {
  state: string;
  iso3: string;
  instrument: string;
  participant: string;
  file: string;
  line: number;
  signed?: { date: string; suffix: string };
  consent?: { date: string; suffix: string };
}

const catalog = loadCatalog();

export function readTables(): { rows: Row[]; unmapped: string[] } {
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
      rows.push({
        state: state.name,
        iso3: state.iso3,
        instrument: t.instrument,
        participant,
        file: t.file,
        line: i + 2,
        signed: parseCell(signature, where),
        consent: parseCell(consent, where),
      });
    });
  }
  return { rows, unmapped: [...unmapped].sort() };
}
