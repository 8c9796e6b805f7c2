// The in-process yardstick: five of the bundled rules checked by hand, straight from the YAML text.
// It shares nothing with `check` but the input: no loader, schema, catalogue, facts, rule engine or
// findings code of ours, only the yaml library's parseDocument (with positions, as ours needs them
// for findings). It does the least work that yields the same findings (rule, pointer, line, message)
// as `check --rule` with these five rules; `inprocess.js` compares both on every file before timing.
import { parseDocument, LineCounter, isMap, isSeq } from 'yaml';

// Status words from the catalogue's kinds, copied here on purpose (the yardstick must not read ours).
const words = {
  member: ['Member'],
  party: ['State Party'],
  signed: ['Signatory', 'Ratified', 'State Party'],
  regime: ['Member', 'Participating Government', 'Partner', 'Participating State', 'Participant'],
};
const is = (row, list) => row !== undefined && list.includes(row.status);
const names = { cwc: 'CWC', opcw: 'OPCW', ctbt: 'CTBT', 'ctbto-prepcom': 'CTBTO PrepCom', npt: 'NPT', zangger: 'Zangger Committee' };

// Each: fires(rows, the latest day the profile may describe), the rows it points at (first present wins), and its message.
export const RULES = [
  {
    id: 'cwc-requires-opcw',
    at: ['opcw', 'cwc'],
    fires: (r) => is(r.cwc, words.party) && r.opcw !== undefined && !is(r.opcw, words.member),
    message: (r) =>
      `Listed as CWC ${r.cwc.status}, but its OPCW status is ${r.opcw.status}: every CWC State Party is a member of the OPCW.`,
  },
  {
    id: 'opcw-requires-cwc',
    at: ['cwc', 'opcw'],
    fires: (r) => is(r.opcw, words.member) && r.cwc !== undefined && !is(r.cwc, words.party),
    message: (r) => `Listed as OPCW ${r.opcw.status}, but its CWC status is ${r.cwc.status}: every OPCW member is a CWC State Party.`,
  },
  {
    id: 'ctbt-requires-prepcom',
    at: ['ctbto-prepcom', 'ctbt'],
    // Silent for a profile dated before the Preparatory Commission was established (19 Nov 1996).
    fires: (r, latest) =>
      is(r.ctbt, words.signed) &&
      r['ctbto-prepcom'] !== undefined &&
      !is(r['ctbto-prepcom'], words.member) &&
      !(latest && latest < '1996-11-19'),
    message: (r) =>
      `Listed as CTBT ${r.ctbt.status}, but its CTBTO PrepCom status is ${r['ctbto-prepcom'].status}: every state that has signed the CTBT is a member of the Preparatory Commission.`,
  },
  {
    id: 'prepcom-requires-ctbt',
    at: ['ctbt', 'ctbto-prepcom'],
    fires: (r) => is(r['ctbto-prepcom'], words.member) && r.ctbt !== undefined && !is(r.ctbt, words.signed),
    message: (r) =>
      `Listed as CTBTO PrepCom ${r['ctbto-prepcom'].status}, but its CTBT status is ${r.ctbt.status}: the Preparatory Commission's members are the CTBT's signatories.`,
  },
  {
    id: 'zangger-requires-npt',
    at: ['npt', 'zangger'],
    fires: (r) => is(r.zangger, words.regime) && r.npt !== undefined && !is(r.npt, words.party),
    message: (r) =>
      `Listed as Zangger Committee ${r.zangger.status}, but its NPT status is ${r.npt.status}: the Committee's members are NPT States Parties applying Art. III(2).`,
  },
];
export const RULE_IDS = RULES.map((r) => r.id);

/** Findings of one file: { ruleId, pointer, line, column, message }, in line order. */
export function yardstick(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (node) => (node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 });
  if (doc.errors.length)
    return [{ ruleId: 'parse', pointer: '', line: doc.errors[0].linePos?.[0].line ?? 1, column: 1, message: doc.errors[0].message }];
  const entries = isMap(doc.contents) ? doc.contents.get('entries', true) : undefined;
  if (!isSeq(entries)) return [{ ruleId: 'schema', pointer: '/entries', line: 1, column: 1, message: 'entries: a list is required' }];
  const rows = Object.create(null);
  entries.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const id = item.get('instrument');
    const status = item.get('status', true);
    if (typeof id === 'string' && !(id in rows) && id in names && typeof status?.value === 'string')
      rows[id] = { status: status.value, node: status, i };
  });
  // The latest day the profile may describe: its as-of date, or its window's later end.
  const asOf = isMap(doc.contents) ? doc.contents.get('asOf') : undefined;
  const ends =
    typeof asOf === 'string' ? [asOf] : isMap(asOf) ? [asOf.get('from'), asOf.get('to')].filter((d) => typeof d === 'string') : [];
  const latest =
    isMap(asOf) && typeof asOf.get('to') === 'string' && !(asOf.get('from') > asOf.get('to')) ? asOf.get('to') : ends.sort().at(-1);
  const out = [];
  for (const rule of RULES) {
    if (!rule.fires(rows, latest)) continue;
    const row = rows[rule.at.find((id) => rows[id] !== undefined)];
    const pos = at(row.node);
    out.push({ ruleId: rule.id, pointer: `/entries/${row.i}/status`, line: pos.line, column: pos.col, message: rule.message(rows) });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
