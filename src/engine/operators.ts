// Operators the rules use besides json-rules-engine's own. Dates are ISO strings and get their own
// operators: the engine's numeric ones would parseFloat them and compare years only.
import type { Engine } from 'json-rules-engine';

const isIsoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export const CUSTOM_OPERATORS: Record<string, (a: unknown, b: unknown) => boolean> = {
  /** Both are dates and the first is earlier. */
  dateBefore: (a, b) => isIsoDate(a) && isIsoDate(b) && a < b,
  /** Both are dates and the first is later. */
  dateAfter: (a, b) => isIsoDate(a) && isIsoDate(b) && a > b,
  /** A value that is set (not null or missing) — or, with value false, one that is not. */
  present: (a, b) => (a !== null && a !== undefined) === (b !== false),
  /** A list that holds the value; false when the list is missing (unlike the engine's `in`). */
  inList: (a, b) => Array.isArray(b) && b.includes(a),
  notInList: (a, b) => Array.isArray(b) && !b.includes(a),
};

export const BUILTIN_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

export const KNOWN_OPERATORS = new Set([...BUILTIN_OPERATORS, ...Object.keys(CUSTOM_OPERATORS)]);

export function registerOperators(engine: Engine): void {
  for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, fn);
}
