// The library of check functions a rule names under `checks:`, in the spirit of Spectral's core
// functions: what a condition over one row's facts cannot say (a repeat among the rows, a marker no
// row uses, a word in a row's footnotes) is said once here, documented and tested, and each rule
// file shows which function it calls with which parameters. Facts stay the profile's data; a
// rule's verdict is in its file. Conditions read the results as the fact `check`:
//   checks:
//     duplicateOf: { function: duplicates, by: normalizedText, returns: marker }
//   conditions:
//     all: [{ fact: check, path: $.duplicateOf, operator: present, value: true }]
// Each function's own metadata is its documentation (`adherence rules --functions`, the README) and
// the parameters the rule schema allows (test/engine/checks.test.ts compares the two).
import type { DocumentFacts, Scope } from '../facts/index.js';

type Item = Record<string, unknown>;
type Params = Record<string, unknown>;

/** A JSON Schema of one parameter, with the words that document it. */
export interface ParamSpec {
  description: string;
  schema: Record<string, unknown>;
  required?: boolean;
}

export interface CheckFunction {
  /** What the function gives for each run of the rule, in a sentence. */
  description: string;
  params: Record<string, ParamSpec>;
  /** Scopes whose item the function reads; absent: any scope (the value is the profile's). */
  scopes?: readonly Scope[];
  /** A call as a rule file writes it. */
  example: Record<string, unknown>;
  /** One value per run of a `scope` rule, in run order (one for the profile scope). */
  run(doc: DocumentFacts, scope: Scope, params: Params): unknown[];
}

/** A rule's check function could not run: a field or fact it names does not exist. */
export class CheckFunctionError extends Error {
  /** The result name (the key under `checks:`) whose function failed. */
  check?: string;
}

const FIELD = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$' };
/** "note.marker" (every note's marker), "profile.headingMarkers" (one fact's list). */
const SOURCE = { type: 'string', pattern: '^[A-Za-z0-9-]+\\.[A-Za-z][A-Za-z0-9]*$' };
const ITEM_SCOPES: readonly Scope[] = ['entry', 'report', 'footnote', 'note', 'date'];

const itemsOf = (doc: DocumentFacts, scope: Scope): Item[] => (scope === 'profile' ? [] : (doc[scope] as unknown as Item[]));

/** A field every item of a kind has (facts are plain objects of one shape per kind): a misspelt one fails. */
function field(item: Item, name: string): unknown {
  if (!Object.hasOwn(item, name)) throw new CheckFunctionError(`the ${name} field is not a fact of this kind`);
  return item[name];
}

/** The values a source names, lists spread: every item's field, or one base fact's field. */
function sourceValues(doc: DocumentFacts, source: string): unknown[] {
  const [fact, name] = source.split('.') as [string, string];
  const out: unknown[] = [];
  const add = (v: unknown) => (Array.isArray(v) ? out.push(...v) : out.push(v));
  if ((ITEM_SCOPES as readonly string[]).includes(fact)) {
    for (const item of itemsOf(doc, fact as Scope)) add(field(item, name));
    return out;
  }
  const base = (doc.base as unknown as Record<string, Item | undefined>)[fact];
  if (!base || !Object.hasOwn(doc.base, fact)) throw new CheckFunctionError(`"${fact}" is not a fact`);
  add(field(base, name));
  return out;
}

/** One value for every run: the profile scope has one run, the others one per item. */
const perRun = (doc: DocumentFacts, scope: Scope, value: unknown): unknown[] =>
  scope === 'profile' ? [value] : itemsOf(doc, scope).map(() => value);

export const CHECK_FUNCTIONS: Readonly<Record<string, CheckFunction>> = {
  duplicates: {
    description:
      'For each item, the first earlier item of the same kind whose `by` field is equal (its `returns` field), else null. Items whose `only` field is false, and values that are null, are not compared.',
    params: {
      by: { description: 'the field compared (e.g. `normalizedText` of a footnote, `id` of a row)', schema: FIELD, required: true },
      returns: { description: 'the field of the earlier item given back (e.g. `marker`, `pointer`)', schema: FIELD, required: true },
      only: { description: 'a boolean field: only items where it is true take part (e.g. `known`)', schema: FIELD },
    },
    scopes: ITEM_SCOPES,
    example: { duplicateOf: { function: 'duplicates', by: 'normalizedText', returns: 'marker' } },
    run(doc, scope, p) {
      const first = new Map<unknown, unknown>();
      return itemsOf(doc, scope).map((item) => {
        if (p.only !== undefined && field(item, String(p.only)) !== true) return null;
        const key = field(item, String(p.by));
        if (key === null || key === undefined) return null;
        if (first.has(key)) return first.get(key);
        first.set(key, field(item, String(p.returns)));
        return null;
      });
    },
  },
  among: {
    description:
      "For each item, whether its `value` field is one of the values `in` names (each source `kind.field`: every item's field, or one fact's field; lists are spread).",
    params: {
      value: { description: 'the field looked up (e.g. `marker`)', schema: FIELD, required: true },
      in: {
        description: "where to look: `note.marker` (every marker on a row), `profile.headingMarkers` (a fact's list), …",
        schema: { type: 'array', minItems: 1, items: SOURCE },
        required: true,
      },
    },
    scopes: ITEM_SCOPES,
    example: { referenced: { function: 'among', value: 'marker', in: ['note.marker', 'profile.headingMarkers'] } },
    run(doc, scope, p) {
      const values = new Set((p.in as string[]).flatMap((s) => sourceValues(doc, s)));
      return itemsOf(doc, scope).map((item) => values.has(field(item, String(p.value))));
    },
  },
  mentions: {
    description: 'For each item, whether its `text` field contains one of the words `words` names (a source `kind.field`), case aside.',
    params: {
      text: { description: "the text field searched (e.g. `notesText`, the row's footnotes)", schema: FIELD, required: true },
      words: { description: 'the words looked for, as a source (e.g. `state.predecessorNames`)', schema: SOURCE, required: true },
    },
    scopes: ITEM_SCOPES,
    example: { notesNamePredecessor: { function: 'mentions', text: 'notesText', words: 'state.predecessorNames' } },
    run(doc, scope, p) {
      const words = sourceValues(doc, String(p.words))
        .filter((w): w is string => typeof w === 'string' && w !== '')
        .map((w) => w.toLowerCase());
      return itemsOf(doc, scope).map((item) => {
        const text = String(field(item, String(p.text)) ?? '').toLowerCase();
        return words.some((w) => text.includes(w));
      });
    },
  },
  some: {
    description:
      "Whether any of `in` (`instruments`: every catalogue instrument's facts, or a kind: `entry`, `footnote`, …) has every field of `where` equal to the value given; the same for every run.",
    params: {
      in: { description: '`instruments` or a kind of item', schema: { enum: ['instruments', ...ITEM_SCOPES] }, required: true },
      where: {
        description: 'fields and the values they must equal (e.g. `{ isZone: true, bound: true }`)',
        schema: {
          type: 'object',
          minProperties: 1,
          propertyNames: FIELD,
          additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
        },
        required: true,
      },
    },
    example: { zoneParty: { function: 'some', in: 'instruments', where: { isZone: true, bound: true } } },
    run(doc, scope, p) {
      const where = Object.entries(p.where as Params);
      const pool: Item[] =
        p.in === 'instruments'
          ? Object.entries(doc.base)
              .filter(([k]) => k !== 'state' && k !== 'profile')
              .map(([, v]) => v as unknown as Item)
          : itemsOf(doc, p.in as Scope);
      const found = pool.some((item) => where.every(([k, v]) => field(item, k) === v));
      return perRun(doc, scope, found);
    },
  },
};

export const CHECK_NAMES = Object.keys(CHECK_FUNCTIONS);

/** A rule's `checks:` as written: result name → the function and its parameters. */
export type Checks = Record<string, { function: string } & Params>;

/**
 * The `check` fact of every run of a rule: each result name with its value for that run. One array
 * per document, in run order (the items of the scope, or one for the profile scope).
 */
export function runChecks(checks: Checks, doc: DocumentFacts, scope: Scope): Record<string, unknown>[] {
  const n = scope === 'profile' ? 1 : itemsOf(doc, scope).length;
  const out: Record<string, unknown>[] = Array.from({ length: n }, () => ({}));
  for (const [name, call] of Object.entries(checks)) {
    const fn = CHECK_FUNCTIONS[call.function];
    if (!fn) throw Object.assign(new CheckFunctionError(`unknown check function "${call.function}"`), { check: name });
    const { function: _, ...params } = call;
    let values: unknown[];
    try {
      values = fn.run(doc, scope, params);
    } catch (err) {
      if (err instanceof CheckFunctionError) err.check ??= name;
      throw err;
    }
    for (let k = 0; k < n; k++) out[k]![name] = values[k];
  }
  return out;
}

/** The rule schema's definition of one `checks:` entry, made from the functions' metadata. */
export function checkSchema(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['function'],
    properties: { function: { enum: CHECK_NAMES, description: 'A check function (adherence rules --functions).' } },
    allOf: Object.entries(CHECK_FUNCTIONS).map(([name, fn]) => ({
      if: { properties: { function: { const: name } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then
      then: {
        required: Object.entries(fn.params)
          .filter(([, s]) => s.required)
          .map(([k]) => k),
        additionalProperties: false,
        properties: {
          function: true,
          ...Object.fromEntries(Object.entries(fn.params).map(([k, s]) => [k, { ...s.schema, description: s.description }])),
        },
      },
    })),
  };
}
