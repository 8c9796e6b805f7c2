// The published seed with one row (or a few) altered, run through the whole pipeline with every rule:
// what the alteration adds to the seed's own findings must be exactly the cross-instrument rule(s) it
// breaks, at the row at fault. Lines are found in the text, never hard-coded.
import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadText } from '../../src/load/index.js';
import { checkLoaded } from '../../src/checker/pipeline.js';
import { loadRuleSet, ruleRunner } from '../../src/engine/index.js';
import type { Finding } from '../../src/model/finding.js';
import { seedText } from '../helpers.js';

const catalog = loadCatalog();
const run = ruleRunner(loadRuleSet({}, catalog));
const seed = seedText();

// The rows the alterations touch, as published (name TAB status).
const ROW = {
  prepcom: 'Comprehensive Test Ban Treaty Organization Preparatory Commission\tMember',
  opcw: 'Organization for the Prohibition of Chemical Weapons² (OPCW)\tMember',
  npt: 'Nuclear Non-proliferation Treaty (NPT)\tState Party',
  ctbt: 'Comprehensive Nuclear Test Ban Treaty (CTBT)\tState Party',
  csa: 'IAEA Safeguards Agreement\tYes (INFCIRC 504)',
  ap: 'IAEA Additional Protocol\tIn force 1/2/07',
  canwfz: 'Central Asia Nuclear-Weapon-Free-Zone (CANWZ)\tState Party',
  cwc: 'Chemical Weapons Convention (CWC)\tState Party',
  btwc: 'Biological and Toxin Weapons Convention (BTWC)\tState Party',
  cbm: 'BTWC Confidence Building Measures (CBMs) ³\tSubmitted ⁴',
  ag: 'Australia Group\t-----',
  montreal: 'Suppression of Unlawful Acts against the Safety of Civil Aviation\tState Party',
  airport: 'Protocol on the Suppression of Unlawful Acts of Violence at Airports Serving International Civil Aviation\tState Party',
  sua: 'Suppression of Unlawful Acts against the Safety of Maritime Navigation\tState Party',
  fixed:
    'Protocol for the Suppression of Unlawful Acts against the Safety of Fixed Platforms Located on the Continental Shelf\tState Party',
  title: 'KAZAKHSTAN',
} as const;
type Row = keyof typeof ROW;

/** 1-based line of a row in a text (the row must occur exactly once, as a whole line). */
function lineOf(text: string, row: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((l, i) => (l === row ? [i + 1] : []));
  expect(hits, `row "${row}" occurs once`).toHaveLength(1);
  return hits[0]!;
}

/** The seed with rows replaced by new cells (the whole line for the title). */
function alter(changes: Partial<Record<Row, string>>): string {
  let text = seed;
  for (const [key, cell] of Object.entries(changes) as [Row, string][]) {
    const row = ROW[key];
    lineOf(text, row);
    const replacement = key === 'title' ? cell : `${row.slice(0, row.indexOf('\t'))}\t${cell}`;
    text = text.replace(row, replacement);
  }
  return text;
}

async function findings(text: string): Promise<Finding[]> {
  const report = await checkLoaded(loadText(text, 'seed.txt', catalog), 'seed.txt', { rules: run });
  return report.findings;
}

const key = (f: Finding) => `${f.ruleId}|${f.pointer}|${f.message}`;
const baseline = findings(seed).then((fs) => new Set(fs.map(key)));

/** Findings the altered text draws that the seed does not. */
async function added(text: string): Promise<Finding[]> {
  const before = await baseline;
  return (await findings(text)).filter((f) => !before.has(key(f)));
}

interface Case {
  name: string;
  changes: Partial<Record<Row, string>>;
  /** Rule id and the row its finding points at, in report order. */
  expected: [rule: string, row: Row][];
}

const CASES: Case[] = [
  { name: 'OPCW not a member while CWC State Party', changes: { opcw: '-----' }, expected: [['cwc-requires-opcw', 'opcw']] },
  { name: 'CTBT not signed while PrepCom member', changes: { ctbt: '-----' }, expected: [['prepcom-requires-ctbt', 'ctbt']] },
  { name: 'PrepCom not a member while CTBT ratified', changes: { prepcom: '-----' }, expected: [['ctbt-requires-prepcom', 'prepcom']] },
  {
    name: 'no safeguards agreement while NPT party, AP in force and CANWFZ party',
    changes: { csa: '-----' },
    // The seed is undated and its NPT and zone rows carry no date: whether the safeguards periods had
    // run out cannot be told, so the obligations are reported as undecided (info), not as unmet.
    expected: [
      ['ap-requires-safeguards', 'csa'],
      ['date-needed', 'npt'],
      ['date-needed', 'canwfz'],
    ],
  },
  {
    name: 'no safeguards agreement, no AP, no zone: only the NPT obligation',
    changes: { csa: '-----', ap: '-----', canwfz: '-----' },
    expected: [['date-needed', 'npt']],
  },
  { name: 'AP only signed while CANWFZ party', changes: { ap: 'Signed' }, expected: [['date-needed', 'canwfz']] },
  { name: 'Mongolia as a CANWFZ State Party', changes: { title: 'MONGOLIA' }, expected: [['canwfz-membership', 'canwfz']] },
  { name: 'CBMs submitted while BTWC not a party', changes: { btwc: '-----' }, expected: [['cbm-requires-btwc', 'cbm']] },
  { name: 'Zangger member while NPT not a party (CANWFZ party)', changes: { npt: '-----' }, expected: [['zangger-requires-npt', 'npt']] },
  {
    name: 'NSG and Zangger member with neither NPT nor zone treaty',
    changes: { npt: '-----', canwfz: '-----' },
    expected: [
      ['nsg-requires-commitment', 'npt'],
      ['zangger-requires-npt', 'npt'],
    ],
  },
  {
    name: 'Australia Group participant while CWC not a party',
    changes: { ag: 'Participant', cwc: '-----' },
    expected: [
      ['australia-group-requires-cwc-btwc', 'cwc'],
      ['opcw-requires-cwc', 'cwc'],
    ],
  },
  {
    name: 'Australia Group participant while BTWC not a party',
    changes: { ag: 'Participant', btwc: '-----' },
    expected: [
      ['australia-group-requires-cwc-btwc', 'btwc'],
      ['cbm-requires-btwc', 'cbm'],
    ],
  },
  // An entry-scoped rule about the protocol's row: the finding points at the protocol, the altered
  // convention row is its related location.
  {
    name: 'Airport Protocol party while Montreal Convention not a party',
    changes: { montreal: '-----' },
    expected: [['protocol-requires-parent', 'airport']],
  },
  {
    name: 'Fixed Platforms Protocol party while SUA Convention only signed',
    changes: { sua: 'Signatory' },
    expected: [
      ['protocol-requires-parent', 'fixed'],
      ['signature-window', 'sua'],
    ],
  },
];

describe('the seed with rows altered draws exactly the cross-instrument rule it breaks', () => {
  it('the unaltered seed draws no cross-instrument finding', async () => {
    const cross = new Set(CASES.flatMap((c) => c.expected.map(([r]) => r)));
    expect((await findings(seed)).filter((f) => cross.has(f.ruleId)).map(key)).toEqual([]);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const text = alter(c.changes);
      const got = (await added(text)).map((f) => ({ rule: f.ruleId, line: f.line }));
      const want = c.expected.map(([rule, row]) => {
        const cell = c.changes[row];
        const line = cell === undefined ? ROW[row] : row === 'title' ? cell : `${ROW[row].slice(0, ROW[row].indexOf('\t'))}\t${cell}`;
        return { rule, line: lineOf(text, line) };
      });
      const order = (xs: { rule: string; line: number }[]) => [...xs].sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
      expect(order(got)).toEqual(order(want));
    });
  }
});
