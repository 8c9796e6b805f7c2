// Why a rule fired, in a reviewer's words: each test of the trace (src/engine/compile.ts) said as a
// sentence over the row it read (instrument, status as written, dates, row and line:column, footnotes),
// with the catalogue facts it used and their sources. What each fact means is data
// (rules/explain/phrases.yaml), so a new rule explains itself; this module only assembles sentences.
// `explain`, the review page and its Markdown all render the one Reading this returns.
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Catalog, Instrument, Period, SourcedFact, State } from '../catalog/index.js';
import { isLeaf, type Condition, type ExplainNode, type ExplainLeaf, type Rule } from '../engine/types.js';
import { fill, resolvePath, segments } from '../engine/template.js';
import type { Loaded } from '../load/types.js';
import type { Profile } from '../model/profile.js';
import { readSideFile } from '../load/read.js';
import { rulesDir } from '../paths.js';
import { validateAgainst } from '../schema/index.js';
import { prebuilt } from '../prebuilt.js';
import { AdherenceError, ERROR_CODES } from '../errors.js';
import { cellOf } from './diff.js';
import { describeValues, heldMark } from './explain.js';

export const PHRASES_FILE = join(rulesDir, 'explain', 'phrases.yaml');

export type Section = 'instrument' | 'entry' | 'report' | 'footnote' | 'note' | 'date' | 'state' | 'profile' | 'check';

export interface Phrase {
  noun: string;
  values?: Record<string, string>;
  fold?: boolean;
  source?: string | string[];
}

export interface Phrases {
  operators: Record<string, { holds: string; fails: string; says: string }>;
  facts: Partial<Record<Section, Record<string, Phrase>>>;
}

let phrases: Phrases | undefined;

/** The phrase book, read and schema-checked once (explain and review only: check never reads it). */
export function loadPhrases(file = PHRASES_FILE): Phrases {
  if (file === PHRASES_FILE && phrases) return phrases;
  // The build's parsed copy while the file is unchanged (parsing the YAML is most of the cost).
  const data = (file === PHRASES_FILE ? prebuilt<unknown>('rules/explain/phrases.yaml') : undefined) ?? parse(readSideFile(file));
  const problems = validateAgainst('phrases.schema.json', data);
  if (problems.length)
    throw new AdherenceError(`${file}: ${problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ')}`, ERROR_CODES.ruleSet);
  if (file === PHRASES_FILE) phrases = data as Phrases;
  return data as Phrases;
}

/** One test in words. `subject` is the row it read; `phrase` what the test found there. */
export interface Said {
  kind: 'said';
  held: boolean | undefined;
  subject: string;
  phrase: string;
  /** Bookkeeping (a guard that held, or a test not evaluated): shown only when asked. */
  folded: boolean;
}

export interface SaidGroup {
  kind: 'all' | 'any' | 'not';
  held: boolean | undefined;
  folded: boolean;
  children: SaidNode[];
}

export type SaidNode = Said | SaidGroup;

/** A catalogue fact a test used, with where it comes from. */
export interface Citation {
  what: string;
  value: string;
  source: string;
}

export interface Reading {
  tree: SaidNode;
  basis: Citation[];
}

/** What a run read: its facts, the document they came from (for rows and positions) and the catalogue. */
export interface ReadingContext {
  facts: Record<string, unknown>;
  catalog: Catalog;
  profile?: Profile;
  loaded?: Pick<Loaded, 'positions'>;
  /**
   * A tree not from a rule (the depositary cross-check): its tests name a row's fields as the
   * profile writes them ("cwc.joined"), not the rules' facts, so each is said as field, value and test.
   */
  asWritten?: boolean;
}

type Obj = Record<string, unknown>;
const ROW_SECTIONS = new Set<Section>(['entry', 'report', 'footnote', 'note', 'date', 'state', 'profile', 'check']);
const ITEM_SECTIONS = ['entry', 'report', 'footnote', 'note', 'date'] as const;

/** Which section of the phrase book a fact belongs to, or undefined for a fact no rule of the catalogue has. */
export function sectionOf(fact: string, catalog: Catalog): Section | undefined {
  if (ROW_SECTIONS.has(fact as Section)) return fact as Section;
  return catalog.instrument(fact) ? 'instrument' : undefined;
}

/** The phrase of one field of a section (a row's facts fall back to its instrument's). */
export function phraseOf(book: Phrases, section: Section, field: string): Phrase | undefined {
  const own = book.facts[section]?.[field];
  if (own) return own;
  return section === 'entry' ? book.facts.instrument?.[field] : undefined;
}

const show = (v: unknown): string =>
  v === null || v === undefined || v === ''
    ? 'not given'
    : typeof v === 'string' && /^\/entries\/\d+$/.test(v)
      ? `row ${Number(v.slice(9)) + 1}` // a row's pointer, as a reader counts rows
      : Array.isArray(v)
        ? v.length
          ? v.map(show).join(', ')
          : 'none'
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);

const at = (ctx: ReadingContext, pointer: string | null | undefined): string => {
  if (!pointer || !ctx.loaded) return '';
  const p = ctx.loaded.positions.get(pointer);
  return p ? `line ${p.line}:${p.column}` : '';
};

/** A row of the profile as a reader sees it: "CWC: Signatory (signed 1993-01-14) (row 15, line 23:40)". */
function rowOf(fact: string, section: Section, ctx: ReadingContext): { subject: string; short: string; place?: string } {
  // A check function's result (`check`) is about the row the rule runs on, or the profile.
  if (section === 'check') {
    const item = ITEM_SECTIONS.find((k) => Object.hasOwn(ctx.facts, k));
    return item ? rowOf(item, item, ctx) : rowOf('profile', 'profile', ctx);
  }
  const f = (ctx.facts[fact] ?? {}) as Obj;
  const where = (...parts: string[]) => {
    const s = parts.filter(Boolean).join(', ');
    return s ? ` (${s})` : '';
  };
  if (section === 'instrument' || section === 'entry') {
    const index = typeof f.pointer === 'string' ? Number(/^\/entries\/(\d+)$/.exec(f.pointer)?.[1]) : NaN;
    const entry = Number.isInteger(index) ? ctx.profile?.entries[index] : undefined;
    const short = String(f.short ?? f.name ?? fact);
    const label = f.known === false && entry?.name ? entry.name : short;
    if (!entry)
      return { subject: `${label}: no row${f.status ? ` (read as ${String(f.status)})` : ''}`, short: label, place: `${label} row (none)` };
    const notes = entry.notes?.length ? `, footnote${entry.notes.length === 1 ? '' : 's'} ${entry.notes.join(', ')}` : '';
    const pos = at(ctx, `${f.pointer}/status`) || at(ctx, String(f.pointer));
    return {
      subject: `${label}: ${cellOf(entry)}${notes}${where(`row ${index + 1}`, pos)}`,
      short: label,
      place: `${label} row${where(`row ${index + 1}`, pos)}`,
    };
  }
  if (section === 'report') {
    const what = Number(f.addendum) > 0 ? `Add. ${String(f.addendum)}` : 'report';
    return { subject: `${String(f.label)} ${what} dated ${String(f.text)}${where(at(ctx, f.pointer as string))}`, short: String(f.label) };
  }
  if (section === 'footnote')
    return { subject: `Footnote ${String(f.marker)}${where(at(ctx, f.pointer as string))}`, short: 'the footnote' };
  if (section === 'note')
    return {
      subject: `Footnote mark ${String(f.marker)} on ${String(f.label)}${where(at(ctx, f.pointer as string))}`,
      short: 'the mark',
    };
  if (section === 'date') {
    const inst = typeof f.instrument === 'string' && f.instrument ? ctx.catalog.instrument(f.instrument) : undefined;
    return {
      subject: `Date "${String(f.text)}"${inst ? ` on the ${inst.short ?? inst.label} row` : ''}${where(at(ctx, f.pointer as string))}`,
      short: 'the date',
    };
  }
  if (section === 'state')
    return { subject: `State: ${String(f.name)}${f.iso3 ? ` (${String(f.iso3)})` : ''}${where(at(ctx, '/state'))}`, short: 'the state' };
  return { subject: `Profile as of ${String(f.asOfText ?? 'not given')}`, short: 'the profile' };
}

const periodText = (p: Period) =>
  // Days first: the NPT's 180 days to begin negotiations, then 18 months to bring the agreement into force.
  [p.days ? `${p.days} day${p.days === 1 ? '' : 's'}` : '', p.months ? `${p.months} month${p.months === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' then ') +
  (p.from === 'state' ? ' from its entry into force for the state' : p.from === 'treaty' ? " from the treaty's entry into force" : '');

/** The catalogue record a phrase cites, for the instrument (or state) the fact is about. */
function cite(phrase: Phrase, fact: string, section: Section, ctx: ReadingContext): Citation | undefined {
  if (!phrase.source) return undefined;
  const f = (ctx.facts[fact] ?? {}) as Obj;
  let record: Instrument | State | undefined;
  let name = '';
  if (section === 'state') {
    record = (typeof f.iso3 === 'string' ? ctx.catalog.stateByCode(f.iso3) : undefined) ?? ctx.catalog.state(String(f.name ?? ''));
    name = record?.name ?? '';
  } else {
    const id = section === 'report' ? f.instrument : f.id;
    record = typeof id === 'string' ? ctx.catalog.instrument(id) : undefined;
    name = record ? (record.short ?? record.label) : '';
  }
  if (!record) return undefined;
  for (const key of Array.isArray(phrase.source) ? phrase.source : [phrase.source]) {
    const v = resolvePath(record, key) as (SourcedFact & Period) | undefined;
    if (!v || typeof v !== 'object') continue;
    const value = v.notInForce ? 'not in force' : (v.date ?? v.value ?? (v.days || v.months ? periodText(v) : undefined));
    if (!value) continue;
    const what = `${name} ${key
      .split('.')
      .pop()!
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase()}`;
    return { what, value, source: v.source ?? 'unconfirmed' };
  }
  return undefined;
}

interface LeafWords {
  subject: string;
  phrase: string;
  fold: boolean;
  citations: Citation[];
}

/** One leaf as a sentence, or undefined when the phrase book has no phrase for its fact. */
function leafWords(n: ExplainLeaf, book: Phrases, ctx: ReadingContext): LeafWords | undefined {
  const dot = n.fact.indexOf('.');
  const fact = dot < 0 ? n.fact : n.fact.slice(0, dot);
  const field = dot < 0 ? '' : segments(n.fact.slice(dot + 1))[0]!;
  const section = sectionOf(fact, ctx.catalog);
  if (section && ctx.asWritten) {
    const noun = field.replace(/([A-Z])/g, ' $1').toLowerCase();
    const right = n.expectedFact ? `${n.expectedFact} ${show(n.compared)}` : show(n.compared);
    // A test named in words ("differs from") is said as is; an operator of the rules only joins the two sides.
    const phrase = book.operators[n.operator] ? `${noun} ${show(n.actual)}; ${right}` : `${noun} ${show(n.actual)} ${n.operator} ${right}`;
    return { subject: rowOf(fact, section, ctx).subject, phrase, fold: false, citations: [] };
  }
  const phrase = section && phraseOf(book, section, field);
  if (!section || !phrase) return undefined;
  const it = (ctx.facts[fact] ?? {}) as Obj;
  const kind = typeof it.kind === 'string' ? ctx.catalog.kinds[it.kind] : undefined;
  // The words this instrument takes that count as bound (an export-control regime's one, not its kind's five).
  const own = typeof it.id === 'string' ? ctx.catalog.statusesOf(it.id) : [];
  const boundWords = kind?.bound.filter((w) => !own.length || own.includes(w)) ?? [];
  const vars = { it, value: show(n.actual), bound: boundWords.join(' or ') || 'bound' };
  const citations: Citation[] = [];
  const c = cite(phrase, fact, section, ctx);
  if (c) citations.push(c);
  const key = n.operator === 'present' ? (n.actual === null || n.actual === undefined ? 'missing' : 'set') : String(n.actual);
  let text: string;
  if (phrase.values?.[key] !== undefined) text = fill(phrase.values[key], vars);
  else {
    // A constant that is an instrument id is said by the instrument's short name.
    const named = typeof n.compared === 'string' ? ctx.catalog.instrument(n.compared) : undefined;
    let right = named ? (named.short ?? named.label) : show(n.compared);
    if (n.expectedFact) {
      const rdot = n.expectedFact.indexOf('.');
      const rfact = rdot < 0 ? n.expectedFact : n.expectedFact.slice(0, rdot);
      const rfield = rdot < 0 ? '' : segments(n.expectedFact.slice(rdot + 1))[0]!;
      const rsection = sectionOf(rfact, ctx.catalog);
      const rphrase = rsection && phraseOf(book, rsection, rfield);
      if (rsection && rphrase) {
        // Another row's fact names that row; the same row's needs no repeating.
        const other = rfact !== fact && (rsection === 'instrument' || rsection === 'entry');
        right = `${rphrase.noun} ${show(n.compared)}${other ? ` on the ${rowOf(rfact, rsection, ctx).place}` : ''}`;
        const rc = cite(rphrase, rfact, rsection, ctx);
        if (rc) citations.push(rc);
      } else right = `${n.expectedFact} ${show(n.compared)}`;
    }
    const op = book.operators[n.operator];
    const template = op ? (n.held === false ? op.fails : op.holds) : `{noun} is {value} (${n.operator} {right})`;
    text = template.replace('{noun}', phrase.noun).replace('{right}', right).replace('{value}', vars.value);
  }
  return { subject: rowOf(fact, section, ctx).subject, phrase: text, fold: !!phrase.fold, citations };
}

/** The trace of one run in words. Leaves with no phrase (trees not from a rule) keep their values. */
export function readTrace(tree: ExplainNode, ctx: ReadingContext, book: Phrases = loadPhrases()): Reading {
  const basis = new Map<string, Citation>();
  const walk = (n: ExplainNode): SaidNode => {
    if (n.kind === 'leaf') {
      const w = leafWords(n, book, ctx);
      const notRun = n.held === undefined;
      if (!w) return { kind: 'said', held: n.held, subject: n.fact, phrase: describeValues(n), folded: notRun };
      if (!notRun) for (const c of w.citations) basis.set(`${c.what} ${c.value}`, c);
      return { kind: 'said', held: n.held, subject: w.subject, phrase: w.phrase, folded: notRun || (w.fold && n.held !== false) };
    }
    const children = n.children.map(walk);
    return { kind: n.kind, held: n.held, folded: n.held === undefined || children.every((c) => c.folded), children };
  };
  const root = walk(tree);
  // A guard is bookkeeping only beside the tests that decide; when it is all there is, it decides.
  if (root.folded && root.held !== undefined) unfoldGuards(root);
  return { tree: root, basis: [...basis.values()] };
}

function unfoldGuards(n: SaidNode): void {
  if (n.held === undefined) return;
  n.folded = false;
  if (n.kind !== 'said') n.children.forEach(unfoldGuards);
}

/** One line of a reading: its depth, its mark, and its words. The one text every format prints. */
export interface ReadingLine {
  depth: number;
  held: boolean | undefined;
  text: string;
  folded: boolean;
}

const GROUP = { all: 'all of these hold', any: 'at least one of these holds', not: 'this does not hold' } as const;
const GROUP_FAILED = { all: 'not all of these hold', any: 'none of these holds', not: 'this holds' } as const;

/**
 * The reading as lines: tests on the same row next to each other are said as one line; a top-level
 * "all of" is the list itself. Folded lines are left out unless `verbose`; `folded` counts them.
 */
export function readingLines(r: Reading, verbose = false): { lines: ReadingLine[]; folded: number } {
  const lines: ReadingLine[] = [];
  let folded = 0;
  const emit = (nodes: SaidNode[], depth: number) => {
    let i = 0;
    while (i < nodes.length) {
      const n = nodes[i]!;
      if (n.folded && !verbose) {
        folded++;
        i++;
        continue;
      }
      if (n.kind === 'said') {
        // Later tests of the same row with the same outcome join this line.
        const phrases = [n.phrase];
        let j = i + 1;
        for (; j < nodes.length; j++) {
          const m = nodes[j]!;
          if (m.folded && !verbose) break;
          if (m.kind !== 'said' || m.subject !== n.subject || m.held !== n.held || m.folded !== n.folded) break;
          phrases.push(m.phrase);
        }
        lines.push({ depth, held: n.held, text: `${n.subject} — ${phrases.join('; ')}`, folded: n.folded });
        i = j;
        continue;
      }
      lines.push({ depth, held: n.held, text: `${n.held === false ? GROUP_FAILED[n.kind] : GROUP[n.kind]}:`, folded: n.folded });
      emit(n.children, depth + 1);
      i++;
    }
  };
  if (r.tree.kind === 'all') emit(r.tree.children, 0);
  else emit([r.tree], 0);
  return { lines, folded };
}

/** The reading as plain text (the terminal): marks, indentation, the basis and what was folded. */
export function readingText(r: Reading, indent = '', verbose = false): string[] {
  const { lines, folded } = readingLines(r, verbose);
  const out = lines.map((l) => `${indent}${'    '.repeat(l.depth)}${heldMark(l.held)} ${l.text}`);
  if (r.basis.length) out.push(`${indent}Catalogue facts used:`, ...r.basis.map((c) => `${indent}    ${citationText(c)}`));
  if (folded)
    out.push(`${indent}(${folded} test${folded === 1 ? '' : 's'} not shown: bookkeeping, or not evaluated; --verbose shows them)`);
  return out;
}

export const citationText = (c: Citation) => `${c.what}: ${c.value} (source: ${c.source})`;

const STATIC_SUBJECT: Partial<Record<Section, string>> = {
  entry: 'the row',
  report: 'the report',
  footnote: 'the footnote',
  note: 'the footnote mark',
  date: 'the date',
  state: 'the state',
  profile: 'the profile',
};

/**
 * What a rule asks, in the same words and with no values: its tests, one a line with its depth (a
 * rule's help, e.g. in SARIF). A phrase that needs a row's values is said by its noun instead.
 */
export function ruleInWords(
  rule: Pick<Rule, 'conditions' | 'scope'>,
  catalog: Catalog,
  book: Phrases = loadPhrases(),
): { depth: number; text: string }[] {
  const subjectOf = (fact: string, section: Section) => {
    if (section === 'check') return STATIC_SUBJECT[rule.scope]!;
    if (section !== 'instrument') return STATIC_SUBJECT[section]!;
    const i = catalog.instrument(fact);
    return i?.short ?? i?.label ?? fact;
  };
  const constant = (v: unknown): string => {
    if (Array.isArray(v)) return v.map(constant).join(', ');
    const i = typeof v === 'string' ? catalog.instrument(v) : undefined;
    return i ? (i.short ?? i.label) : show(v);
  };
  const leaf = (c: { fact: string; path?: string; operator: string; value: unknown }): string => {
    const field = segments(c.path ?? '')[0] ?? '';
    const section = sectionOf(c.fact, catalog);
    const phrase = section && phraseOf(book, section, field);
    if (!section || !phrase) return `${c.fact}${c.path ? `.${field}` : ''} ${c.operator} ${constant(c.value)}`;
    const subject = subjectOf(c.fact, section);
    const kind = section === 'instrument' ? catalog.kindOf(c.fact) : undefined;
    const own = section === 'instrument' ? catalog.statusesOf(c.fact) : [];
    const bound = kind?.bound.filter((w) => !own.length || own.includes(w)).join(' or ') || 'bound';
    const key = c.operator === 'present' ? (c.value === false ? 'missing' : 'set') : c.operator === 'equal' ? String(c.value) : undefined;
    const whole = key !== undefined ? phrase.values?.[key] : undefined;
    if (whole && !whole.includes('{it.') && !whole.includes('{value}')) return `${subject} — ${fill(whole, { bound })}`;
    const ref = c.value as { fact?: string; path?: string } | null;
    let right = c.operator === 'present' ? '' : constant(c.value);
    if (ref && typeof ref === 'object' && typeof ref.fact === 'string') {
      const rfield = segments(ref.path ?? '')[0] ?? '';
      const rsection = sectionOf(ref.fact, catalog);
      const rphrase = rsection && phraseOf(book, rsection, rfield);
      // Another instrument's fact names it; the state's and the profile's nouns already say whose.
      const other = ref.fact !== c.fact && rsection === 'instrument';
      right = rphrase ? `${rphrase.noun}${other ? ` of ${subjectOf(ref.fact, rsection)}` : ''}` : `${ref.fact}.${rfield}`;
    }
    const says = book.operators[c.operator]?.says ?? c.operator;
    return `${subject} — ${phrase.noun} ${says}${right ? ` ${right}` : ''}`;
  };
  const out: { depth: number; text: string }[] = [];
  const walk = (c: Condition, depth: number) => {
    if (isLeaf(c)) return void out.push({ depth, text: leaf(c) });
    const kind = 'all' in c ? 'all' : 'any' in c ? 'any' : 'not';
    out.push({ depth, text: `${GROUP[kind]}:` });
    const children = 'all' in c ? c.all : 'any' in c ? c.any : [c.not];
    for (const x of children) walk(x, depth + 1);
  };
  const top = rule.conditions as Condition;
  if ('all' in top) for (const x of top.all) walk(x, 0);
  else walk(top, 0);
  return out;
}
