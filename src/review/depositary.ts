// Depositary records: participant tables in the UN Treaty Collection's form, read with the line of
// every row, and the mapping that says which table records which catalogue instrument.
import { readSideFile, unreadableReason } from '../load/read.js';
import { join } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { parseYamlDocument } from '../load/yaml.js';
import { rulesDir } from '../paths.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';

/**
 * A reference folder or mapping that cannot be used: one line naming file:line:column, exit 2.
 * (Named for the depositary: `ReferenceError` would shadow JavaScript's own.)
 */
export class DepositaryError extends AdherenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ERROR_CODES.depositary, options);
  }
}

export const DEFAULT_MAPPING = join(rulesDir, 'reference', 'untc.yaml');

export type ConsentKind = 'ratification' | 'accession' | 'acceptance' | 'approval' | 'succession';
const SUFFIX: Record<string, ConsentKind> = { '': 'ratification', a: 'accession', A: 'acceptance', AA: 'approval', d: 'succession' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface RecordDate {
  date: string;
  /** How consent was given (or, for a signature, "succession" when it was a succession to signature). */
  by: ConsentKind;
  /** The cell as written ("24 Feb 2003 a"). */
  text: string;
}

export interface RecordRow {
  participant: string;
  line: number;
  signature?: RecordDate;
  consent?: RecordDate;
}

export interface DepositaryTable {
  file: string;
  untc: string;
  instrument: string;
  /** Rows by the state's ISO 3166 alpha-3 code. */
  rows: Map<string, RecordRow>;
  /** Participants the states catalogue does not know (kept so nothing is dropped silently). */
  unmatched: string[];
}

export interface Depositary {
  folder: string;
  mappingFile: string;
  source: string;
  recordedOn: string;
  tables: DepositaryTable[];
}

/** RFC 4180 rows with the line each starts on and each field's column (quoted fields may hold commas). */
export function parseCsv(text: string): { line: number; fields: string[]; columns: number[] }[] {
  const rows: { line: number; fields: string[]; columns: number[] }[] = [];
  let fields: string[] = [];
  let columns: number[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let col = 1;
  let fieldCol = 1;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endField = () => {
    fields.push(field);
    columns.push(fieldCol);
    field = '';
  };
  for (let i = 0; i < src.length; i++, col++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++, col++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++, (col = 0);
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') endField(), (fieldCol = col + 1);
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endField();
      if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields, columns });
      fields = [];
      columns = [];
      line++;
      col = 0;
      rowLine = line;
      fieldCol = 1;
    } else field += c;
  }
  if (field !== '' || fields.length) {
    endField();
    if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields, columns });
  }
  return rows;
}

/** "24 Sep 2003 a" → 2003-09-24 by accession; an empty cell → undefined. */
export function parseRecordDate(cell: string, where: string): RecordDate | undefined {
  const s = cell.trim();
  if (!s) return undefined;
  const m = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: (a|A|AA|d))?$/.exec(s);
  const month = m ? MONTHS.indexOf(m[2]!) + 1 : 0;
  if (!m || month === 0)
    throw new DepositaryError(`${where}: cannot read the date "${s}" (expected e.g. "24 Sep 2003" with an optional a, A, AA or d)`);
  return { date: `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`, by: SUFFIX[m[4] ?? '']!, text: s };
}

interface Mapping {
  source?: string;
  recordedOn?: string;
  tables?: { file?: string; untc?: string; instrument?: string }[];
}

function readMapping(
  file: string,
  catalog: Catalog,
): { source: string; recordedOn: string; tables: { file: string; untc: string; instrument: string }[] } {
  let text: string;
  try {
    text = readSideFile(file);
  } catch (err) {
    throw new DepositaryError(`${file}: cannot read the mapping (${unreadableReason(err)})`, { cause: err });
  }
  const loaded = parseYamlDocument<Mapping>(text, 'yaml');
  const p = loaded.problems[0];
  if (p) throw new DepositaryError(`${file}:${p.line}:${p.column}: ${p.message}`);
  const fail = (pointer: string, message: string): never => {
    const pos = loaded.positions.get(pointer) ?? { line: 1, column: 1 };
    throw new DepositaryError(`${file}:${pos.line}:${pos.column}: ${message}`);
  };
  const m = loaded.profile ?? {};
  if (typeof m.recordedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(m.recordedOn))
    fail('/recordedOn', 'recordedOn must be the date the tables were taken (YYYY-MM-DD)');
  if (!Array.isArray(m.tables) || m.tables.length === 0) fail('/tables', 'tables must list at least one { file, untc, instrument }');
  const tables = m.tables!.map((t, i) => {
    for (const k of ['file', 'untc', 'instrument'] as const)
      if (typeof t?.[k] !== 'string' || !t[k]) fail(`/tables/${i}`, `table ${i + 1} needs a ${k}`);
    const inst = catalog.instrument(t.instrument!);
    if (!inst) fail(`/tables/${i}/instrument`, `unknown instrument "${t.instrument}"`);
    if (inst!.untc && inst!.untc !== t.untc)
      fail(`/tables/${i}/untc`, `the catalogue records ${t.instrument} as UNTC ${inst!.untc}, not ${t.untc}`);
    return t as { file: string; untc: string; instrument: string };
  });
  return { source: m.source ?? 'depositary record', recordedOn: m.recordedOn!, tables };
}

/** Reads the mapped tables of a folder. A table the mapping names but the folder lacks is an error. */
export function readDepositary(folder: string, catalog: Catalog, mappingFile = DEFAULT_MAPPING): Depositary {
  const mapping = readMapping(mappingFile, catalog);
  const tables = mapping.tables.map((t): DepositaryTable => {
    const path = join(folder, t.file);
    let text: string;
    try {
      text = readSideFile(path);
    } catch (err) {
      throw new DepositaryError(`${path}: cannot read the table named by ${mappingFile} (${unreadableReason(err)})`, { cause: err });
    }
    const rows = new Map<string, RecordRow>();
    const unmatched: string[] = [];
    const csv = parseCsv(text);
    if (!csv.length || !/^participant$/i.test(csv[0]!.fields[0]?.trim() ?? ''))
      throw new DepositaryError(`${path}:1:1: expected a header row starting with "Participant"`);
    for (const r of csv.slice(1)) {
      const [participant = '', sig = '', consent = ''] = r.fields.map((f) => f.trim());
      const at = (i: number) => `${path}:${r.line}:${r.columns[i] ?? 1}`;
      const state = catalog.state(participant);
      const row: RecordRow = { participant, line: r.line };
      const s = parseRecordDate(sig, at(1));
      const c = parseRecordDate(consent, at(2));
      if (s) row.signature = s;
      if (c) row.consent = c;
      if (state) rows.set(state.iso3, row);
      else unmatched.push(participant);
    }
    return { ...t, rows, unmatched };
  });
  return { folder, mappingFile, source: mapping.source, recordedOn: mapping.recordedOn, tables };
}
